import Memblock

/// Every step the trace format knows, named as in the kernel (`rawValue` is the kernel name).
///
/// This file is the operation table: a case here and its row in `row` below describe a step
/// completely (parameters, kernel and configuration, return value, owner-map effect, the
/// model call); the parser, the writer, `Operation`, replay and the owner map all read it.
public enum OperationKind: String, Hashable, Sendable, CaseIterable {
    /// `memblock_add`: adds RAM to `memory` (node `MAX_NUMNODES`).
    case add = "memblock_add"
    /// `memblock_add_node`: adds RAM on a node, with flags.
    case addNode = "memblock_add_node"
    /// `memblock_remove`: removes a range from `memory`.
    case remove = "memblock_remove"
    /// `memblock_physmem_add`: adds a range to `physmem` (needs `phys_map`).
    case physmemAdd = "memblock_physmem_add"
    /// `memblock_set_node`: sets the node of a range of `memory` or `reserved`.
    case setNode = "memblock_set_node"
    /// `memblock_mark_hotplug`: sets HOTPLUG on a range of `memory`.
    case markHotplug = "memblock_mark_hotplug"
    /// `memblock_clear_hotplug`: clears HOTPLUG on a range of `memory`.
    case clearHotplug = "memblock_clear_hotplug"
    /// `memblock_mark_mirror`: sets MIRROR on a range of `memory` (with `mirrored_kernelcore`).
    case markMirror = "memblock_mark_mirror"
    /// `memblock_mark_nomap`: sets NOMAP on a range of `memory`.
    case markNomap = "memblock_mark_nomap"
    /// `memblock_clear_nomap`: clears NOMAP on a range of `memory`.
    case clearNomap = "memblock_clear_nomap"
    /// `memblock_trim_memory`: trims `memory` regions to whole multiples of `align`.
    case trimMemory = "memblock_trim_memory"
    /// `memblock_enforce_memory_limit`: keeps only the first `limit` bytes of `memory`.
    case enforceMemoryLimit = "memblock_enforce_memory_limit"
    /// `memblock_cap_memory_range`: keeps only `[base, base + size)` of `memory`.
    case capMemoryRange = "memblock_cap_memory_range"
    /// `memblock_mem_limit_remove_map`: like enforce_memory_limit, keeping NOMAP ranges.
    case memLimitRemoveMap = "memblock_mem_limit_remove_map"
    /// `memblock_reserve`: adds a range to `reserved`.
    case reserve = "memblock_reserve"
    /// `memblock_phys_free`: removes a range from `reserved`.
    case physFree = "memblock_phys_free"
    /// `memblock_free`: the virtual-pointer free; a `ptr` of 0 does nothing.
    case free = "memblock_free"
    /// `memblock_alloc`: zeroed memory anywhere below `current_limit`.
    case alloc = "memblock_alloc"
    /// `memblock_alloc_raw`: like `memblock_alloc`, not zeroed.
    case allocRaw = "memblock_alloc_raw"
    /// `memblock_alloc_from`: memory at or above `min_addr`.
    case allocFrom = "memblock_alloc_from"
    /// `memblock_alloc_low`: memory below `low_limit`.
    case allocLow = "memblock_alloc_low"
    /// `memblock_alloc_node`: memory on a node (falling back to any node).
    case allocNode = "memblock_alloc_node"
    /// `memblock_alloc_try_nid`: the general virtual allocation.
    case allocTryNid = "memblock_alloc_try_nid"
    /// `memblock_alloc_try_nid_raw`: like `memblock_alloc_try_nid`, not zeroed.
    case allocTryNidRaw = "memblock_alloc_try_nid_raw"
    /// `memblock_alloc_exact_nid_raw`: memory on exactly this node, not zeroed.
    case allocExactNidRaw = "memblock_alloc_exact_nid_raw"
    /// `memblock_phys_alloc`: a physical allocation below `current_limit`.
    case physAlloc = "memblock_phys_alloc"
    /// `memblock_phys_alloc_range`: a physical allocation in `[start, end)`.
    case physAllocRange = "memblock_phys_alloc_range"
    /// `memblock_phys_alloc_try_nid`: a physical allocation on a node.
    case physAllocTryNid = "memblock_phys_alloc_try_nid"
    /// `memblock_alloc_range_nid`: the core physical allocation.
    case allocRangeNid = "memblock_alloc_range_nid"
    /// `memblock_set_bottom_up`: the allocation direction.
    case setBottomUp = "memblock_set_bottom_up"
    /// `memblock_set_current_limit`: the end of "accessible" allocations.
    case setCurrentLimit = "memblock_set_current_limit"
    /// `memblock_allow_resize`: region arrays may double from now on.
    case allowResize = "memblock_allow_resize"
    /// `memblock_free_all`: the hand-off to the buddy allocator.
    case freeAll = "memblock_free_all"
    /// `memblock_free_late`: frees pages straight to the buddy allocator.
    case freeLate = "memblock_free_late"
    /// `memblock_dump_all`: records the state; changes nothing.
    case dumpAll = "memblock_dump_all"
    /// `memblock_reserved_mark_noinit` (6.12): sets RSRV_NOINIT on a range of `reserved`.
    case reservedMarkNoinit = "memblock_reserved_mark_noinit"

    /// This kind's row of the operation table.
    @inlinable public var spec: OperationSpec { OperationKind.table[ordinal] }

    /// The position of the case in `allCases` (a payload-free enum is stored as its case index).
    @inlinable var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// The rows in `allCases` order.
    @usableFromInline static let table: [OperationSpec] = allCases.map(\.row)

    /// The table: one row per operation.
    private var row: OperationSpec {
        let range: [Parameter] = [.base, .size], sizeAlign: [Parameter] = [.size, .align]
        let tryNid = sizeAlign + [.minAddr, .maxAddr, .nid]
        switch self {
        case .add: return .init(range, .errno { $0.add($1[0], $1[1]) })
        case .addNode:
            return .init(range + [.nid, .flags], optional: 1, .errno { $0.addNode($1[0], $1[1], nid: $1.nid, flags: $1.flags) })
        case .remove: return .init(range, .errno { $0.remove($1[0], $1[1]) })
        case .physmemAdd: return .init(range, needsPhysMap: true, .errno { $0.physmemAdd($1[0], $1[1]) })
        case .setNode: return .init(range + [.type, .nid], .errno { $0.setNode($1[0], $1[1], $1.type, nid: $1.nid) })
        case .markHotplug: return .init(range, .errno { $0.markHotplug($1[0], $1[1]) })
        case .clearHotplug: return .init(range, .errno { $0.clearHotplug($1[0], $1[1]) })
        case .markMirror: return .init(range, .errno { $0.markMirror($1[0], $1[1]) })
        case .markNomap: return .init(range, .errno { $0.markNomap($1[0], $1[1]) })
        case .clearNomap: return .init(range, .errno { $0.clearNomap($1[0], $1[1]) })
        case .trimMemory: return .init([.align], .void { $0.trimMemory($1[0]) })
        case .enforceMemoryLimit:
            return .init([.limitSize], owners: .intersectReserved, .void { $0.enforceMemoryLimit($1[0]) })
        case .capMemoryRange: return .init(range, owners: .intersectReserved, .void { $0.capMemoryRange($1[0], $1[1]) })
        case .memLimitRemoveMap:
            return .init([.limitSize], owners: .intersectReserved, .void { $0.memLimitRemoveMap($1[0]) })
        case .reserve: return .init(range, owners: .claimRange, .errno { $0.reserve($1[0], $1[1]) })
        case .physFree: return .init(range, owners: .releaseRange, .errno { $0.physFree($1[0], $1[1]) })
        case .free: return .init([.ptr, .size], owners: .releaseRange, .void { $0.free($1[0], $1[1]) })
        case .alloc: return .init(sizeAlign, owners: .claimResult, .virtual { $0.alloc($1[0], $1[1]) })
        case .allocRaw: return .init(sizeAlign, owners: .claimResult, .virtual { $0.allocRaw($1[0], $1[1]) })
        case .allocFrom:
            return .init(sizeAlign + [.minAddr], owners: .claimResult, .virtual { $0.allocFrom($1[0], $1[1], $1[2]) })
        case .allocLow: return .init(sizeAlign, owners: .claimResult, .virtual { $0.allocLow($1[0], $1[1]) })
        case .allocNode:
            return .init(sizeAlign + [.nid], owners: .claimResult, .virtual { $0.allocNode($1[0], $1[1], nid: $1.nid) })
        case .allocTryNid:
            return .init(tryNid, owners: .claimResult, .virtual { $0.allocTryNid($1[0], $1[1], $1[2], $1[3], nid: $1.nid) })
        case .allocTryNidRaw:
            return .init(tryNid, owners: .claimResult, .virtual { $0.allocTryNidRaw($1[0], $1[1], $1[2], $1[3], nid: $1.nid) })
        case .allocExactNidRaw:
            return .init(tryNid, owners: .claimResult, .virtual { $0.allocExactNidRaw($1[0], $1[1], $1[2], $1[3], nid: $1.nid) })
        case .physAlloc: return .init(sizeAlign, owners: .claimResult, .physical { $0.physAlloc($1[0], $1[1]) })
        case .physAllocRange:
            return .init(sizeAlign + [.start, .end], owners: .claimResult, .physical { $0.physAllocRange($1[0], $1[1], $1[2], $1[3]) })
        case .physAllocTryNid:
            return .init(sizeAlign + [.nid], owners: .claimResult, .physical { $0.physAllocTryNid($1[0], $1[1], nid: $1.nid) })
        case .allocRangeNid:
            return .init(sizeAlign + [.start, .end, .nid, .exact], owners: .claimResult, .physical {
                $0.allocRangeNid($1[0], $1[1], $1[2], $1[3], nid: $1.nid, exactNid: $1.boolean)
            })
        case .setBottomUp: return .init([.enable], .void { $0.setBottomUp($1.boolean) })
        case .setCurrentLimit: return .init([.limitEnd], .void { $0.setCurrentLimit($1[0]) })
        case .allowResize: return .init([], .void { mb, _ in mb.allowResize() })
        case .freeAll: return .init([], .void { mb, _ in _ = mb.freeAll() })
        case .freeLate: return .init(range, .void { $0.freeLate($1[0], $1[1]) })
        case .dumpAll: return .init([], .void { mb, _ in mb.logDumpAll() })
        case .reservedMarkNoinit: return .init(range, since: .v6_12, .errno { $0.reservedMarkNoinit($1[0], $1[1]) })
        }
    }

    /// The first modelled kernel that has this function.
    public var introducedIn: KernelVersion { spec.introducedIn }

    /// The kernel's function name, as a trace spells the step.
    @inlinable public var kernelName: String { rawValue }

    /// True for the steps that return an address (and so may carry `=> ADDRESS|fail`).
    public var isAllocation: Bool { spec.returns == .virtualAddress || spec.returns == .physicalAddress }

    /// True for the steps whose kernel function returns an int (0 or `-errno`).
    public var returnsErrno: Bool { spec.returns == .errno }

    /// The parameters in the kernel's order; the last `optionalCount` may be left out.
    public var parameters: [Parameter] { spec.parameters }

    /// The number of parameters, the optional ones included.
    public var parameterCount: Int { spec.parameters.count }

    /// How many trailing parameters are optional (only `memblock_add_node`'s flags).
    public var optionalCount: Int { spec.optionalCount }

    /// The kernel's parameter names in order, e.g. `["base", "size", "nid", "flags"]`.
    public var argumentLabels: [String] { parameters.map(\.name) }

    /// The parameter names for messages: `base size nid [flags]`, or `none`.
    public var usage: String { spec.usage }
}

extension Parameter {
    static let base = Parameter(.base, .address), size = Parameter(.size, .size), ptr = Parameter(.ptr, .address)
    static let align = Parameter(.align, .size), minAddr = Parameter(.minAddr, .address)
    static let maxAddr = Parameter(.maxAddr, .end), start = Parameter(.start, .address), end = Parameter(.end, .end)
    static let nid = Parameter(.nid, .nid), flags = Parameter(.flags, .flags), type = Parameter(.type, .type)
    static let exact = Parameter(.exact, .bool), enable = Parameter(.enable, .bool)
    /// An amount of memory to keep (`memblock_enforce_memory_limit`).
    static let limitSize = Parameter(.limit, .size)
    /// An exclusive end, written `ANYWHERE` when all ones (`memblock_set_current_limit`).
    static let limitEnd = Parameter(.limit, .end)
}

extension Memblock {
    /// `memblock_dump_all`: its lines go to the log when the log records messages.
    mutating func logDumpAll() {
        guard log.isEnabled else { return }
        for line in dumpAll().split(separator: "\n") { log.add(.info, String(line)) }
    }
}

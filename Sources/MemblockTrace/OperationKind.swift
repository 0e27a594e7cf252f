import Memblock

/// Every step the trace format knows, named as in the kernel (`rawValue` is the kernel name).
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

    /// The first modelled kernel that has this function (`memblock_reserved_mark_noinit`
    /// is 6.12's; everything else is in both).
    public var introducedIn: KernelVersion { self == .reservedMarkNoinit ? .v6_12 : .v6_1 }

    /// The kernel's function name, as a trace spells the step.
    @inlinable public var kernelName: String { rawValue }

    /// True for the steps that return an address (and so may carry `=> ADDRESS|fail`).
    public var isAllocation: Bool {
        switch self {
        case .alloc, .allocRaw, .allocFrom, .allocLow, .allocNode, .allocTryNid, .allocTryNidRaw,
             .allocExactNidRaw, .physAlloc, .physAllocRange, .physAllocTryNid, .allocRangeNid:
            return true
        default:
            return false
        }
    }

    /// True for the steps whose kernel function returns an int (0 or `-errno`).
    public var returnsErrno: Bool {
        switch self {
        case .add, .addNode, .remove, .physmemAdd, .setNode, .markHotplug, .clearHotplug, .markMirror,
             .markNomap, .clearNomap, .reserve, .physFree, .reservedMarkNoinit:
            return true
        default:
            return false
        }
    }

    /// The parameters in the kernel's order; the last `optionalCount` may be left out.
    public var parameters: [Parameter] { Self.table[self]!.parameters }

    /// The number of parameters, the optional ones included.
    public var parameterCount: Int {
        switch self {
        case .allowResize, .freeAll, .dumpAll: return 0
        case .trimMemory, .enforceMemoryLimit, .memLimitRemoveMap, .setBottomUp, .setCurrentLimit: return 1
        case .allocFrom, .allocNode, .physAllocTryNid: return 3
        case .addNode, .setNode, .physAllocRange: return 4
        case .allocTryNid, .allocTryNidRaw, .allocExactNidRaw: return 5
        case .allocRangeNid: return 6
        default: return 2
        }
    }

    /// How many trailing parameters are optional (only `memblock_add_node`'s flags).
    public var optionalCount: Int { self == .addNode ? 1 : 0 }

    /// The kernel's parameter names in order, e.g. `["base", "size", "nid", "flags"]`.
    public var argumentLabels: [String] { parameters.map(\.name) }

    /// The parameter names for messages: `base size nid [flags]`, or `none`.
    public var usage: String { Self.table[self]!.usage }

    private static let table: [OperationKind: (parameters: [Parameter], usage: String)] = {
        var t: [OperationKind: (parameters: [Parameter], usage: String)] = [:]
        for kind in allCases {
            let params = kind.makeParameters()
            var names = params.map(\.name)
            if kind.optionalCount > 0 {
                for i in (names.count - kind.optionalCount)..<names.count { names[i] = "[\(names[i])]" }
            }
            t[kind] = (params, names.isEmpty ? "none" : names.joined(separator: " "))
        }
        return t
    }()

    private func makeParameters() -> [Parameter] {
        func p(_ name: String, _ kind: ParameterKind) -> Parameter { Parameter(name: name, kind: kind) }
        let range = [p("base", .address), p("size", .size)]
        let sizeAlign = [p("size", .size), p("align", .size)]
        switch self {
        case .add, .remove, .physmemAdd, .markHotplug, .clearHotplug, .markMirror, .markNomap,
             .clearNomap, .capMemoryRange, .reserve, .physFree, .freeLate, .reservedMarkNoinit:
            return range
        case .addNode: return range + [p("nid", .nid), p("flags", .flags)]
        case .setNode: return range + [p("type", .type), p("nid", .nid)]
        case .trimMemory: return [p("align", .size)]
        case .enforceMemoryLimit, .memLimitRemoveMap: return [p("limit", .size)]
        case .free: return [p("ptr", .address), p("size", .size)]
        case .alloc, .allocRaw, .allocLow, .physAlloc: return sizeAlign
        case .allocFrom: return sizeAlign + [p("min_addr", .address)]
        case .allocNode, .physAllocTryNid: return sizeAlign + [p("nid", .nid)]
        case .allocTryNid, .allocTryNidRaw, .allocExactNidRaw:
            return sizeAlign + [p("min_addr", .address), p("max_addr", .end), p("nid", .nid)]
        case .physAllocRange: return sizeAlign + [p("start", .address), p("end", .end)]
        case .allocRangeNid:
            return sizeAlign + [p("start", .address), p("end", .end), p("nid", .nid), p("exact", .bool)]
        case .setBottomUp: return [p("enable", .bool)]
        case .setCurrentLimit: return [p("limit", .end)]
        case .allowResize, .freeAll, .dumpAll: return []
        }
    }
}

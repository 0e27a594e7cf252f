import Memblock

/// One argument value of an operation, in the kernel's parameter order.
public enum ArgumentValue: Hashable, Sendable {
    /// An address, size, alignment or limit.
    case address(Argument)
    /// A node id.
    case nid(Int32)
    /// Region flags.
    case flags(MemblockFlags)
    /// A region array.
    case type(MemblockTypeKind)
    /// A switch.
    case bool(Bool)
}

/// One step of a trace: a memblock call with its arguments, in the kernel's order.
///
/// Foundation also has an `Operation` (NSOperation): files that import both write
/// `MemblockTrace.Operation`.
public enum Operation: Hashable, Sendable {
    /// `memblock_add`: adds RAM to `memory` (node `MAX_NUMNODES`).
    case add(base: Argument, size: Argument)
    /// `memblock_add_node`: adds RAM on a node, with flags.
    case addNode(base: Argument, size: Argument, nid: Int32, flags: MemblockFlags)
    /// `memblock_remove`: removes a range from `memory`.
    case remove(base: Argument, size: Argument)
    /// `memblock_physmem_add`: adds a range to `physmem` (needs `phys_map`).
    case physmemAdd(base: Argument, size: Argument)
    /// `memblock_set_node`: sets the node of a range of `memory` or `reserved`.
    case setNode(base: Argument, size: Argument, type: MemblockTypeKind, nid: Int32)
    /// `memblock_mark_hotplug`: sets HOTPLUG on a range of `memory`.
    case markHotplug(base: Argument, size: Argument)
    /// `memblock_clear_hotplug`: clears HOTPLUG on a range of `memory`.
    case clearHotplug(base: Argument, size: Argument)
    /// `memblock_mark_mirror`: sets MIRROR on a range of `memory` (with `mirrored_kernelcore`).
    case markMirror(base: Argument, size: Argument)
    /// `memblock_mark_nomap`: sets NOMAP on a range of `memory`.
    case markNomap(base: Argument, size: Argument)
    /// `memblock_clear_nomap`: clears NOMAP on a range of `memory`.
    case clearNomap(base: Argument, size: Argument)
    /// `memblock_trim_memory`: trims `memory` regions to whole multiples of `align`.
    case trimMemory(align: Argument)
    /// `memblock_enforce_memory_limit`: keeps only the first `limit` bytes of `memory`.
    case enforceMemoryLimit(Argument)
    /// `memblock_cap_memory_range`: keeps only `[base, base + size)` of `memory`.
    case capMemoryRange(base: Argument, size: Argument)
    /// `memblock_mem_limit_remove_map`: like enforce_memory_limit, keeping NOMAP ranges.
    case memLimitRemoveMap(Argument)
    /// `memblock_reserve`: adds a range to `reserved`.
    case reserve(base: Argument, size: Argument)
    /// `memblock_phys_free`: removes a range from `reserved`.
    case physFree(base: Argument, size: Argument)
    /// `memblock_free`: the virtual-pointer free; a `ptr` of 0 does nothing.
    case free(ptr: Argument, size: Argument)
    /// `memblock_alloc`: zeroed memory anywhere below `current_limit`.
    case alloc(size: Argument, align: Argument)
    /// `memblock_alloc_raw`: like `memblock_alloc`, not zeroed.
    case allocRaw(size: Argument, align: Argument)
    /// `memblock_alloc_from`: memory at or above `min_addr`.
    case allocFrom(size: Argument, align: Argument, minAddr: Argument)
    /// `memblock_alloc_low`: memory below `low_limit`.
    case allocLow(size: Argument, align: Argument)
    /// `memblock_alloc_node`: memory on a node (falling back to any node).
    case allocNode(size: Argument, align: Argument, nid: Int32)
    /// `memblock_alloc_try_nid`: the general virtual allocation.
    case allocTryNid(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32)
    /// `memblock_alloc_try_nid_raw`: like `memblock_alloc_try_nid`, not zeroed.
    case allocTryNidRaw(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32)
    /// `memblock_alloc_exact_nid_raw`: memory on exactly this node, not zeroed.
    case allocExactNidRaw(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32)
    /// `memblock_phys_alloc`: a physical allocation below `current_limit`.
    case physAlloc(size: Argument, align: Argument)
    /// `memblock_phys_alloc_range`: a physical allocation in `[start, end)`.
    case physAllocRange(size: Argument, align: Argument, start: Argument, end: Argument)
    /// `memblock_phys_alloc_try_nid`: a physical allocation on a node.
    case physAllocTryNid(size: Argument, align: Argument, nid: Int32)
    /// `memblock_alloc_range_nid`: the core physical allocation.
    case allocRangeNid(size: Argument, align: Argument, start: Argument, end: Argument, nid: Int32, exact: Bool)
    /// `memblock_set_bottom_up`: the allocation direction.
    case setBottomUp(Bool)
    /// `memblock_set_current_limit`: the end of "accessible" allocations.
    case setCurrentLimit(Argument)
    /// `memblock_allow_resize`: region arrays may double from now on.
    case allowResize
    /// `memblock_free_all`: the hand-off to the buddy allocator.
    case freeAll
    /// `memblock_free_late`: frees pages straight to the buddy allocator.
    case freeLate(base: Argument, size: Argument)
    /// `memblock_dump_all`: records the state; changes nothing.
    case dumpAll
    /// `memblock_reserved_mark_noinit` (6.12): sets RSRV_NOINIT on a range of `reserved`.
    case reservedMarkNoinit(base: Argument, size: Argument)

    /// Which step this is.
    public var kind: OperationKind {
        switch self {
        case .add: return .add
        case .addNode: return .addNode
        case .remove: return .remove
        case .physmemAdd: return .physmemAdd
        case .setNode: return .setNode
        case .markHotplug: return .markHotplug
        case .clearHotplug: return .clearHotplug
        case .markMirror: return .markMirror
        case .markNomap: return .markNomap
        case .clearNomap: return .clearNomap
        case .trimMemory: return .trimMemory
        case .enforceMemoryLimit: return .enforceMemoryLimit
        case .capMemoryRange: return .capMemoryRange
        case .memLimitRemoveMap: return .memLimitRemoveMap
        case .reserve: return .reserve
        case .physFree: return .physFree
        case .free: return .free
        case .alloc: return .alloc
        case .allocRaw: return .allocRaw
        case .allocFrom: return .allocFrom
        case .allocLow: return .allocLow
        case .allocNode: return .allocNode
        case .allocTryNid: return .allocTryNid
        case .allocTryNidRaw: return .allocTryNidRaw
        case .allocExactNidRaw: return .allocExactNidRaw
        case .physAlloc: return .physAlloc
        case .physAllocRange: return .physAllocRange
        case .physAllocTryNid: return .physAllocTryNid
        case .allocRangeNid: return .allocRangeNid
        case .setBottomUp: return .setBottomUp
        case .setCurrentLimit: return .setCurrentLimit
        case .allowResize: return .allowResize
        case .freeAll: return .freeAll
        case .freeLate: return .freeLate
        case .dumpAll: return .dumpAll
        case .reservedMarkNoinit: return .reservedMarkNoinit
        }
    }

    /// The kernel's function name, e.g. `memblock_alloc_try_nid`.
    public var kernelName: String { kind.rawValue }

    /// True for the steps that return an address (and so may carry `=> ADDRESS|fail`).
    public var isAllocation: Bool { kind.isAllocation }

    /// The kernel's parameter names in order, e.g. `["size", "align", "min_addr"]`.
    public var argumentLabels: [String] { kind.argumentLabels }

    /// The parameter names for messages, e.g. `base size nid [flags]`.
    public var usage: String { kind.usage }

    /// The arguments in the kernel's order (the optional flags of `memblock_add_node` included).
    public var argumentValues: [ArgumentValue] {
        switch self {
        case .add(let b, let s), .remove(let b, let s), .physmemAdd(let b, let s),
             .markHotplug(let b, let s), .clearHotplug(let b, let s), .markMirror(let b, let s),
             .markNomap(let b, let s), .clearNomap(let b, let s), .capMemoryRange(let b, let s),
             .reserve(let b, let s), .physFree(let b, let s), .free(let b, let s), .freeLate(let b, let s),
             .alloc(let b, let s), .allocRaw(let b, let s), .allocLow(let b, let s), .physAlloc(let b, let s),
             .reservedMarkNoinit(let b, let s):
            return [.address(b), .address(s)]
        case .addNode(let b, let s, let nid, let flags):
            return [.address(b), .address(s), .nid(nid), .flags(flags)]
        case .setNode(let b, let s, let type, let nid):
            return [.address(b), .address(s), .type(type), .nid(nid)]
        case .trimMemory(let a), .enforceMemoryLimit(let a), .memLimitRemoveMap(let a), .setCurrentLimit(let a):
            return [.address(a)]
        case .allocFrom(let s, let a, let m):
            return [.address(s), .address(a), .address(m)]
        case .allocNode(let s, let a, let nid), .physAllocTryNid(let s, let a, let nid):
            return [.address(s), .address(a), .nid(nid)]
        case .allocTryNid(let s, let a, let lo, let hi, let nid), .allocTryNidRaw(let s, let a, let lo, let hi, let nid),
             .allocExactNidRaw(let s, let a, let lo, let hi, let nid):
            return [.address(s), .address(a), .address(lo), .address(hi), .nid(nid)]
        case .physAllocRange(let s, let a, let lo, let hi):
            return [.address(s), .address(a), .address(lo), .address(hi)]
        case .allocRangeNid(let s, let a, let lo, let hi, let nid, let exact):
            return [.address(s), .address(a), .address(lo), .address(hi), .nid(nid), .bool(exact)]
        case .setBottomUp(let on):
            return [.bool(on)]
        case .allowResize, .freeAll, .dumpAll:
            return []
        }
    }

    /// Every address, size and limit argument, in order (what `$label`s can stand for).
    public var addressArguments: [Argument] {
        argumentValues.compactMap { if case .address(let a) = $0 { return a } else { return nil } }
    }

    /// The same step with every address, size and limit argument passed through `transform`
    /// (e.g. to replace `$label`s by the addresses they name).
    public func mapAddresses<E: Error>(_ transform: (Argument) throws(E) -> Argument) throws(E) -> Operation {
        var values = argumentValues
        for i in values.indices {
            if case .address(let a) = values[i] { values[i] = .address(try transform(a)) }
        }
        return Operation(kind: kind, values: values)!
    }
}

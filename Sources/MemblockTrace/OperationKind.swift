/// Every step the trace format knows, named as in Linux 6.1 (`rawValue` is the kernel name).
public enum OperationKind: String, Hashable, Sendable, CaseIterable {
    case add = "memblock_add"
    case addNode = "memblock_add_node"
    case remove = "memblock_remove"
    case physmemAdd = "memblock_physmem_add"
    case setNode = "memblock_set_node"
    case markHotplug = "memblock_mark_hotplug"
    case clearHotplug = "memblock_clear_hotplug"
    case markMirror = "memblock_mark_mirror"
    case markNomap = "memblock_mark_nomap"
    case clearNomap = "memblock_clear_nomap"
    case trimMemory = "memblock_trim_memory"
    case enforceMemoryLimit = "memblock_enforce_memory_limit"
    case capMemoryRange = "memblock_cap_memory_range"
    case memLimitRemoveMap = "memblock_mem_limit_remove_map"
    case reserve = "memblock_reserve"
    case physFree = "memblock_phys_free"
    case free = "memblock_free"
    case alloc = "memblock_alloc"
    case allocRaw = "memblock_alloc_raw"
    case allocFrom = "memblock_alloc_from"
    case allocLow = "memblock_alloc_low"
    case allocNode = "memblock_alloc_node"
    case allocTryNid = "memblock_alloc_try_nid"
    case allocTryNidRaw = "memblock_alloc_try_nid_raw"
    case allocExactNidRaw = "memblock_alloc_exact_nid_raw"
    case physAlloc = "memblock_phys_alloc"
    case physAllocRange = "memblock_phys_alloc_range"
    case physAllocTryNid = "memblock_phys_alloc_try_nid"
    case allocRangeNid = "memblock_alloc_range_nid"
    case setBottomUp = "memblock_set_bottom_up"
    case setCurrentLimit = "memblock_set_current_limit"
    case allowResize = "memblock_allow_resize"
    case freeAll = "memblock_free_all"
    case freeLate = "memblock_free_late"
    case dumpAll = "memblock_dump_all"

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
             .clearNomap, .capMemoryRange, .reserve, .physFree, .freeLate:
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

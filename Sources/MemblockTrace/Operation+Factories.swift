import Memblock

/// One factory per operation kind, named and labelled like the kernel call, so that code reads
/// `.reserve(base: .literal(x), size: .literal(n))`. Each puts its arguments in the slots the
/// kind's row of the operation table (`OperationKind.spec`) describes; code that builds a step
/// from data uses `init?(kind:values:)` instead.
extension Operation {
    /// A `memblock_add` step.
    public static func add(base: Argument, size: Argument) -> Operation { Operation(.add, base, size) }
    /// A `memblock_add_node` step.
    public static func addNode(base: Argument, size: Argument, nid: Int32, flags: MemblockFlags) -> Operation {
        Operation(.addNode, base, size, nid: nid, flags: flags)
    }
    /// A `memblock_remove` step.
    public static func remove(base: Argument, size: Argument) -> Operation { Operation(.remove, base, size) }
    /// A `memblock_physmem_add` step.
    public static func physmemAdd(base: Argument, size: Argument) -> Operation { Operation(.physmemAdd, base, size) }
    /// A `memblock_set_node` step.
    public static func setNode(base: Argument, size: Argument, type: MemblockTypeKind, nid: Int32) -> Operation {
        Operation(.setNode, base, size, nid: nid, type: type)
    }
    /// A `memblock_mark_hotplug` step.
    public static func markHotplug(base: Argument, size: Argument) -> Operation { Operation(.markHotplug, base, size) }
    /// A `memblock_clear_hotplug` step.
    public static func clearHotplug(base: Argument, size: Argument) -> Operation {
        Operation(.clearHotplug, base, size)
    }
    /// A `memblock_mark_mirror` step.
    public static func markMirror(base: Argument, size: Argument) -> Operation { Operation(.markMirror, base, size) }
    /// A `memblock_mark_nomap` step.
    public static func markNomap(base: Argument, size: Argument) -> Operation { Operation(.markNomap, base, size) }
    /// A `memblock_clear_nomap` step.
    public static func clearNomap(base: Argument, size: Argument) -> Operation { Operation(.clearNomap, base, size) }
    /// A `memblock_trim_memory` step.
    public static func trimMemory(align: Argument) -> Operation { Operation(.trimMemory, align) }
    /// A `memblock_enforce_memory_limit` step.
    public static func enforceMemoryLimit(_ limit: Argument) -> Operation { Operation(.enforceMemoryLimit, limit) }
    /// A `memblock_cap_memory_range` step.
    public static func capMemoryRange(base: Argument, size: Argument) -> Operation {
        Operation(.capMemoryRange, base, size)
    }
    /// A `memblock_mem_limit_remove_map` step.
    public static func memLimitRemoveMap(_ limit: Argument) -> Operation { Operation(.memLimitRemoveMap, limit) }
    /// A `memblock_reserve` step.
    public static func reserve(base: Argument, size: Argument) -> Operation { Operation(.reserve, base, size) }
    /// A `memblock_phys_free` step.
    public static func physFree(base: Argument, size: Argument) -> Operation { Operation(.physFree, base, size) }
    /// A `memblock_free` step.
    public static func free(ptr: Argument, size: Argument) -> Operation { Operation(.free, ptr, size) }
    /// A `memblock_alloc` step.
    public static func alloc(size: Argument, align: Argument) -> Operation { Operation(.alloc, size, align) }
    /// A `memblock_alloc_raw` step.
    public static func allocRaw(size: Argument, align: Argument) -> Operation { Operation(.allocRaw, size, align) }
    /// A `memblock_alloc_from` step.
    public static func allocFrom(size: Argument, align: Argument, minAddr: Argument) -> Operation {
        Operation(.allocFrom, size, align, minAddr)
    }
    /// A `memblock_alloc_low` step.
    public static func allocLow(size: Argument, align: Argument) -> Operation { Operation(.allocLow, size, align) }
    /// A `memblock_alloc_node` step.
    public static func allocNode(size: Argument, align: Argument, nid: Int32) -> Operation {
        Operation(.allocNode, size, align, nid: nid)
    }
    /// A `memblock_alloc_try_nid` step.
    public static func allocTryNid(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32) -> Operation {
        Operation(.allocTryNid, size, align, minAddr, maxAddr, nid: nid)
    }
    /// A `memblock_alloc_try_nid_raw` step.
    public static func allocTryNidRaw(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32) -> Operation {
        Operation(.allocTryNidRaw, size, align, minAddr, maxAddr, nid: nid)
    }
    /// A `memblock_alloc_exact_nid_raw` step.
    public static func allocExactNidRaw(size: Argument, align: Argument, minAddr: Argument, maxAddr: Argument, nid: Int32) -> Operation {
        Operation(.allocExactNidRaw, size, align, minAddr, maxAddr, nid: nid)
    }
    /// A `memblock_phys_alloc` step.
    public static func physAlloc(size: Argument, align: Argument) -> Operation { Operation(.physAlloc, size, align) }
    /// A `memblock_phys_alloc_range` step.
    public static func physAllocRange(size: Argument, align: Argument, start: Argument, end: Argument) -> Operation {
        Operation(.physAllocRange, size, align, start, end)
    }
    /// A `memblock_phys_alloc_try_nid` step.
    public static func physAllocTryNid(size: Argument, align: Argument, nid: Int32) -> Operation {
        Operation(.physAllocTryNid, size, align, nid: nid)
    }
    /// A `memblock_alloc_range_nid` step.
    public static func allocRangeNid(size: Argument, align: Argument, start: Argument, end: Argument, nid: Int32, exact: Bool) -> Operation {
        Operation(.allocRangeNid, size, align, start, end, nid: nid, boolean: exact)
    }
    /// A `memblock_set_bottom_up` step.
    public static func setBottomUp(_ on: Bool) -> Operation { Operation(.setBottomUp, boolean: on) }
    /// A `memblock_set_current_limit` step.
    public static func setCurrentLimit(_ limit: Argument) -> Operation { Operation(.setCurrentLimit, limit) }
    /// A `memblock_allow_resize` step.
    public static let allowResize = Operation(.allowResize)
    /// A `memblock_free_all` step.
    public static let freeAll = Operation(.freeAll)
    /// A `memblock_free_late` step.
    public static func freeLate(base: Argument, size: Argument) -> Operation { Operation(.freeLate, base, size) }
    /// A `memblock_dump_all` step.
    public static let dumpAll = Operation(.dumpAll)
    /// A `memblock_reserved_mark_noinit` step.
    public static func reservedMarkNoinit(base: Argument, size: Argument) -> Operation {
        Operation(.reservedMarkNoinit, base, size)
    }
}

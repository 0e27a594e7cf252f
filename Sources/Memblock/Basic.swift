// Adding, reserving, removing and freeing ranges; flags and node ids; array doubling.

extension Memblock {
    /// The nid a region stores: verbatim on NUMA builds, 0 without `CONFIG_NUMA`.
    @inline(__always) func storedNid(_ nid: Int32) -> Int32 { config.numa ? nid : 0 }
    /// The nid of a dummy written by removal (`MAX_NUMNODES`, or 0 without NUMA).
    @inline(__always) var dummyNid: Int32 { config.numa ? config.maxNumnodes : 0 }

    /// The `[base-end] caller` debug line shared by add, remove, reserve and the frees.
    mutating func logRange(_ function: String, _ base: PhysAddr, _ size: PhysAddr, caller: String? = nil) {
        if !log.isEnabled { return }
        log.add(.debug, "\(function): [\(formatPA(base))-\(formatPA(base &+ size &- 1))] \(caller ?? self.caller)")
    }

    /// `memblock_add_range`: adds `[base, base+size)` to a type, filling only the holes (parts
    /// already present keep their nid and flags), doubling the array when the pieces do not
    /// fit, then merging. Returns 0, or `-errnoENOMEM` with the type unchanged; throws where
    /// 6.12 panics on a full array that may not grow.
    mutating func addRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr,
                           nid: Int32, flags: MemblockFlags) throws(KernelPanic) -> Int32 {
        let size = capSize(base, size)
        let end = base &+ size
        if size == 0 { return 0 }
        let nid = storedNid(nid)
        let behaviour = config.behaviour
        let emptied: (Bool, Bool) = modify(kind) { t in
            guard t.isEmpty else { return (false, false) }
            let stale = t.totalSize != 0 || t.cnt != (t.keepsDummyWhenEmpty ? 1 : 0)
            t.regions.removeAll(keepingCapacity: true)
            t.regions.append(MemblockRegion(base: base, size: size, flags: flags, nid: nid))
            t.totalSize = size
            return (true, stale)
        }
        if emptied.1 {
            let expected = behaviour.emptyTypeHasDummy ? "type->cnt != 1" : "type->cnt != 0"
            log.add(.warning, "WARNING: at mm/memblock.c memblock_add_range: \(expected) || type->total_size")
        }
        if emptied.0 { return 0 }

        let numa = config.numa
        let local = behaviour.mergesLocally
        let fast = self.fast(kind)
        var insert = { let t = type(kind); return behaviour.addRangeFitsInOnePass(cnt: t.cnt, max: t.max) }()
        while true {
            let pass = modify(kind) { t in
                t.addRangePass(base: base, end: end, nid: nid, flags: flags, insert: insert, numa: numa,
                               fast: fast, mergeInline: fast && !t.mayHoldUnmergedNeighbours)
            }
            try settle(kind)
            for _ in 0..<pass.nidWarnings {
                log.add(.warning, "WARNING: at mm/memblock.c memblock_add_range: nid != memblock_get_region_node(rgn)")
            }
            for _ in 0..<pass.flagWarnings {
                log.add(.warning, "WARNING: at mm/memblock.c memblock_add_range: flags != rgn->flags")
            }
            if pass.pieces == 0 { return 0 }
            if insert {
                if pass.last >= 0 {
                    modify(kind) { $0.mergeRegions(numa: numa, window: pass.first..<(pass.last + 1), local: local, fast: fast) }
                    try settle(kind)
                }
                return 0
            }
            while type(kind).cnt + pass.pieces > type(kind).max {
                if !(try doubleArray(kind, avoidBase: base, avoidSize: size)) { return -errnoENOMEM }
            }
            insert = true
        }
    }

    /// `memblock_double_array`: moves a full type to a new array twice as large, found by
    /// the normal search (avoiding the range being added to `reserved`) and reserved; the
    /// old array is freed unless it is the static `memory` or `reserved` array (physmem's
    /// static array is freed too, at `config.physmemStaticArray`). Fails when no room is found,
    /// and when resizing is not yet allowed (6.1; 6.12 panics there).
    mutating func doubleArray(_ kind: MemblockTypeKind, avoidBase: PhysAddr, avoidSize: PhysAddr) throws(KernelPanic) -> Bool {
        if !canResize {
            if config.behaviour.doubleArrayPanicsWithoutResize {
                throw KernelPanic("memblock: cannot resize \(kind.rawValue) array")
            }
            return false
        }
        let oldMax = type(kind).max
        let newSize = PhysAddr(oldMax) * Self.regionBytes << 1
        let oldAlloc = arrayAllocationBytes(capacity: oldMax), newAlloc = arrayAllocationBytes(capacity: oldMax * 2)
        var start = avoidBase, size = avoidSize
        if kind != .reserved { start = 0; size = 0 }

        var addr = findInRange(start &+ size, currentLimit, newAlloc, config.pageSize)
        if addr == 0 && size != 0 {
            addr = findInRange(0, Swift.min(start, currentLimit), newAlloc, config.pageSize)
        }
        if addr == 0 {
            log.add(.error, "memblock: Failed to double \(kind.rawValue) array from \(oldMax) to \(oldMax * 2) entries !")
            return false
        }
        log.add(.debug, "memblock: \(kind.rawValue) is doubled to \(oldMax * 2) at [\(formatPA(addr))-\(formatPA(addr &+ newSize &- 1))]")
        let oldBase: PhysAddr? = modify(kind) { t in
            let old = t.arrayBase
            t.max = oldMax * 2
            t.regions.reserveCapacity(t.max)
            t.arrayBase = addr
            return old
        }
        // The old array is freed unless it is the static memory or reserved array: a doubled
        // array, or physmem's static one (at its configured address).
        if let freed = oldBase ?? (kind == .physmem ? config.physmemStaticArray : nil) {
            // memblock_free(old_array, old_alloc_size) → memblock_phys_free.
            logRange("memblock_phys_free", freed, oldAlloc, caller: "memblock_free+0x1b/0x27")
            _ = try removeRange(.reserved, freed, oldAlloc)
        }
        logRange("memblock_reserve", addr, newAlloc, caller: "memblock_double_array+0x1c8/0x2a9")
        if try addRange(.reserved, addr, newAlloc, nid: config.maxNumnodes, flags: .none) != 0 {
            throw config.behaviour.bug(.doubleArrayReserve)
        }
        return true
    }

    /// `sizeof(struct memblock_region)`: 24 bytes, with or without `CONFIG_NUMA` (padding).
    public static let regionBytes: PhysAddr = 24

    /// What `memblock_double_array` reserves for an array of `capacity` entries:
    /// `PAGE_ALIGN(capacity * sizeof(struct memblock_region))`.
    public func arrayAllocationBytes(capacity: Int) -> PhysAddr { pageAlign(PhysAddr(capacity) * Self.regionBytes) }

    /// `memblock_isolate_range`: splits regions so that boundaries fall on `base` and
    /// `base+size`; returns the index range inside, or nil (`-errnoENOMEM`) when the array could
    /// not be doubled to make room for two more entries.
    mutating func isolateRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr) throws(KernelPanic) -> Range<Int>? {
        let size = capSize(base, size)
        let end = base &+ size
        if size == 0 { return 0..<0 }
        while type(kind).cnt + 2 > type(kind).max {
            if !(try doubleArray(kind, avoidBase: base, avoidSize: size)) { return nil }
        }
        let fast = self.fast(kind)
        let range = modify(kind) { $0.isolate(base: base, end: end, fast: fast) }
        try settle(kind)
        return range
    }

    /// `memblock_remove_range`: deletes `[base, base+size)` from a type. Returns 0 or `-ENOMEM`.
    mutating func removeRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr) throws(KernelPanic) -> Int32 {
        let capped = capSize(base, size)
        if capped == 0 { return 0 }
        // Like memblock_isolate_range, insist on room for two more entries first.
        while type(kind).cnt + 2 > type(kind).max {
            if !(try doubleArray(kind, avoidBase: base, avoidSize: capped)) { return -errnoENOMEM }
        }
        let noNode = dummyNid
        let fast = self.fast(kind)
        let stale: Bool = modify(kind) { t in
            if fast, let warned = t.carveWithinOneRegion(base, base &+ capped, noNode: noNode) { return warned }
            let range = t.isolate(base: base, end: base &+ capped, fast: fast)
            if t.pendingBug != nil { return false }
            return t.removeRegions(range, noNode: noNode)
        }
        try settle(kind)
        if stale { warnStaleTotal() }
        return 0
    }

    /// `memblock_remove_region`'s `WARN_ON(type->total_size != 0)` on emptying a type whose
    /// total went stale (after `memblock_trim_memory`).
    mutating func warnStaleTotal() {
        log.add(.warning, "WARNING: at mm/memblock.c memblock_remove_region: type->total_size != 0")
    }

    /// `memblock_add`: registers RAM with no node (`MAX_NUMNODES`).
    @discardableResult
    public mutating func add(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_add", base, size)
        let nid = config.maxNumnodes
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.addRange(.memory, base, size, nid: nid, flags: .none) }
    }

    /// `memblock_add_node`: registers RAM on a node (stored verbatim, -1 included) with flags.
    @discardableResult
    public mutating func addNode(_ base: PhysAddr, _ size: PhysAddr, nid: Int32, flags: MemblockFlags = .none) -> Int32 {
        if log.isEnabled {
            log.add(.debug, "memblock_add_node: [\(formatPA(base))-\(formatPA(base &+ size &- 1))] nid=\(nid) flags=\(formatX(flags.rawValue)) \(caller)")
        }
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.addRange(.memory, base, size, nid: nid, flags: flags) }
    }

    /// `memblock_remove`: takes a range out of `memory`.
    @discardableResult
    public mutating func remove(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_remove", base, size)
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.removeRange(.memory, base, size) }
    }

    /// `memblock_reserve`: marks a range as in use (flags 0, no node).
    @discardableResult
    public mutating func reserve(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_reserve", base, size)
        let nid = config.maxNumnodes
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.addRange(.reserved, base, size, nid: nid, flags: .none) }
    }

    /// `memblock_phys_free`: takes a range out of `reserved` (memory stays with memblock).
    @discardableResult
    public mutating func physFree(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_phys_free", base, size)
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.removeRange(.reserved, base, size) }
    }

    /// `memblock_free`: the pointer API; a null pointer (0) does nothing, anything else is
    /// `memblock_phys_free` (virtual = physical in the model).
    public mutating func free(_ ptr: PhysAddr, _ size: PhysAddr) {
        if ptr != 0 { physFree(ptr, size) }
    }

    /// `memblock_physmem_add`: records a range in `physmem` (s390's physical map).
    @discardableResult
    public mutating func physmemAdd(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_physmem_add", base, size)
        let nid = config.maxNumnodes
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.addRange(.physmem, base, size, nid: nid, flags: .none) }
    }

    /// `memblock_setclr_flag`: sets or clears a flag on the regions of a type inside a range,
    /// then merges (6.1 always passes `memory`; 6.12 takes the type).
    mutating func setClearFlag(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr, set: Bool,
                               _ flag: MemblockFlags) throws(KernelPanic) -> Int32 {
        guard let range = try isolateRange(kind, base, size) else { return -errnoENOMEM }
        let numa = config.numa
        let local = config.behaviour.mergesLocally
        let fast = self.fast(kind)
        modify(kind) { t in
            for i in range {
                if set { t.regions[i].flags.formUnion(flag) } else { t.regions[i].flags.subtract(flag) }
            }
            t.mergeRegions(numa: numa, window: range, local: local, fast: fast)
        }
        try settle(kind)
        return 0
    }

    /// `memblock_setclr_flag` on `memory`, as a public operation.
    mutating func setClearMemoryFlag(_ base: PhysAddr, _ size: PhysAddr, set: Bool, _ flag: MemblockFlags) -> Int32 {
        guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.setClearFlag(.memory, base, size, set: set, flag) }
    }

    /// `memblock_mark_hotplug`.
    @discardableResult
    public mutating func markHotplug(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearMemoryFlag(base, size, set: true, .hotplug) }
    /// `memblock_clear_hotplug`.
    @discardableResult
    public mutating func clearHotplug(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearMemoryFlag(base, size, set: false, .hotplug) }
    /// `memblock_mark_nomap`.
    @discardableResult
    public mutating func markNomap(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearMemoryFlag(base, size, set: true, .nomap) }
    /// `memblock_clear_nomap`.
    @discardableResult
    public mutating func clearNomap(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearMemoryFlag(base, size, set: false, .nomap) }

    /// `memblock_mark_mirror`: a silent no-op unless `kernelcore=mirror`; otherwise every
    /// later allocation prefers mirrored memory, even if this range holds none.
    @discardableResult
    public mutating func markMirror(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        if !config.mirroredKernelcore { return 0 }
        systemHasSomeMirror = true
        return setClearMemoryFlag(base, size, set: true, .mirror)
    }

    /// `memblock_reserved_mark_noinit` (6.12): sets RSRV_NOINIT on the reserved regions
    /// inside a range, splitting them at its ends; their pages are not initialised at the
    /// hand-off. Not a 6.1 function: on a 6.1 model it does nothing and returns `-EINVAL`.
    @discardableResult
    public mutating func reservedMarkNoinit(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        guard config.behaviour.reservedRegionsHaveFlags else { return -errnoEINVAL }
        return guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.setClearFlag(.reserved, base, size, set: true, .rsrvNoinit) }
    }

    /// `memblock_set_node`: sets the node of every region of `kind` inside a range, then
    /// merges. Does nothing without `CONFIG_NUMA`.
    @discardableResult
    public mutating func setNode(_ base: PhysAddr, _ size: PhysAddr, _ kind: MemblockTypeKind, nid: Int32) -> Int32 {
        guarded(-errnoENOMEM) { m throws(KernelPanic) in try m.setNodeRange(base, size, kind, nid: nid) }
    }

    /// The body of `memblock_set_node`.
    mutating func setNodeRange(_ base: PhysAddr, _ size: PhysAddr, _ kind: MemblockTypeKind, nid: Int32) throws(KernelPanic) -> Int32 {
        if !config.numa { return 0 }
        guard let range = try isolateRange(kind, base, size) else { return -errnoENOMEM }
        let local = config.behaviour.mergesLocally
        let fast = self.fast(kind)
        modify(kind) { t in
            for i in range { t.regions[i].nid = nid }
            t.mergeRegions(numa: true, window: range, local: local, fast: fast)
        }
        try settle(kind)
        return 0
    }

    /// `memblock_allow_resize`: from now on full region arrays are doubled.
    public mutating func allowResize() { canResize = true }
    /// `memblock_set_bottom_up`.
    public mutating func setBottomUp(_ enable: Bool) { bottomUp = enable }
    /// `memblock_set_current_limit`.
    public mutating func setCurrentLimit(_ limit: PhysAddr) { currentLimit = limit }
}

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
    /// fit, then merging. Returns 0, or `-errnoENOMEM` with the type unchanged.
    mutating func addRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr,
                           nid: Int32, flags: MemblockFlags) -> Int32 {
        let size = capSize(base, size)
        let end = base &+ size
        if size == 0 { return 0 }
        let nid = storedNid(nid)
        let emptied: Bool = modify(kind) { t in
            guard t.regions[0].size == 0 else { return false }
            t.regions[0] = MemblockRegion(base: base, size: size, flags: flags, nid: nid)
            t.totalSize = size
            return true
        }
        if emptied { return 0 }

        let numa = config.numa
        var insert = { let t = type(kind); return t.cnt * 2 + 1 < t.max }()
        while true {
            let pass = modify(kind) { t in
                t.addRangePass(base: base, end: end, nid: nid, flags: flags, insert: insert, numa: numa,
                               mergeInline: !t.needsFullMerge)
            }
            for _ in 0..<pass.nidWarnings {
                log.add(.warning, "WARNING: at mm/memblock.c memblock_add_range: nid != memblock_get_region_node(rgn)")
            }
            for _ in 0..<pass.flagWarnings {
                log.add(.warning, "WARNING: at mm/memblock.c memblock_add_range: flags != rgn->flags")
            }
            if pass.pieces == 0 { return 0 }
            if insert {
                if pass.last >= 0 { modify(kind) { $0.mergeRegions(numa: numa, window: pass.first..<(pass.last + 1)) } }
                return 0
            }
            while type(kind).cnt + pass.pieces > type(kind).max {
                if !doubleArray(kind, avoidBase: base, avoidSize: size) { return -errnoENOMEM }
            }
            insert = true
        }
    }

    /// `memblock_double_array`: moves a full type to a new array twice as large, found by
    /// the normal search (avoiding the range being added to `reserved`) and reserved; the
    /// old array is freed unless it is the static boot array. Fails when resizing is not yet
    /// allowed or no room is found.
    mutating func doubleArray(_ kind: MemblockTypeKind, avoidBase: PhysAddr, avoidSize: PhysAddr) -> Bool {
        if !canResize { return false }
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
        if let oldBase {
            // memblock_free(old_array, old_alloc_size) → memblock_phys_free.
            logRange("memblock_phys_free", oldBase, oldAlloc, caller: "memblock_free+0x1b/0x27")
            _ = removeRange(.reserved, oldBase, oldAlloc)
        }
        logRange("memblock_reserve", addr, newAlloc, caller: "memblock_double_array+0x1c8/0x2a9")
        if addRange(.reserved, addr, newAlloc, nid: config.maxNumnodes, flags: .none) != 0 {
            // The kernel BUGs here; the model reports the failure instead.
            log.add(.error, "kernel BUG at mm/memblock.c: memblock_double_array: memblock_reserve(addr, new_alloc_size) failed")
            return false
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
    mutating func isolateRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr) -> Range<Int>? {
        let size = capSize(base, size)
        let end = base &+ size
        if size == 0 { return 0..<0 }
        while type(kind).cnt + 2 > type(kind).max {
            if !doubleArray(kind, avoidBase: base, avoidSize: size) { return nil }
        }
        return modify(kind) { $0.isolate(base: base, end: end) }
    }

    /// `memblock_remove_range`: deletes `[base, base+size)` from a type. Returns 0 or `-ENOMEM`.
    mutating func removeRange(_ kind: MemblockTypeKind, _ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        let capped = capSize(base, size)
        if capped == 0 { return 0 }
        // Like memblock_isolate_range, insist on room for two more entries first.
        while type(kind).cnt + 2 > type(kind).max {
            if !doubleArray(kind, avoidBase: base, avoidSize: capped) { return -errnoENOMEM }
        }
        let noNode = dummyNid
        modify(kind) { t in
            if !t.carveWithinOneRegion(base, base &+ capped, noNode: noNode) {
                let range = t.isolate(base: base, end: base &+ capped)
                t.removeRegions(range, noNode: noNode)
            }
        }
        return 0
    }

    /// `memblock_add`: registers RAM with no node (`MAX_NUMNODES`).
    @discardableResult
    public mutating func add(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_add", base, size)
        return addRange(.memory, base, size, nid: config.maxNumnodes, flags: .none)
    }

    /// `memblock_add_node`: registers RAM on a node (stored verbatim, -1 included) with flags.
    @discardableResult
    public mutating func addNode(_ base: PhysAddr, _ size: PhysAddr, nid: Int32, flags: MemblockFlags = .none) -> Int32 {
        if log.isEnabled {
            log.add(.debug, "memblock_add_node: [\(formatPA(base))-\(formatPA(base &+ size &- 1))] nid=\(nid) flags=\(formatX(flags.rawValue)) \(caller)")
        }
        return addRange(.memory, base, size, nid: nid, flags: flags)
    }

    /// `memblock_remove`: takes a range out of `memory`.
    @discardableResult
    public mutating func remove(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_remove", base, size)
        return removeRange(.memory, base, size)
    }

    /// `memblock_reserve`: marks a range as in use (flags 0, no node).
    @discardableResult
    public mutating func reserve(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_reserve", base, size)
        return addRange(.reserved, base, size, nid: config.maxNumnodes, flags: .none)
    }

    /// `memblock_phys_free`: takes a range out of `reserved` (memory stays with memblock).
    @discardableResult
    public mutating func physFree(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        logRange("memblock_phys_free", base, size)
        return removeRange(.reserved, base, size)
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
        return addRange(.physmem, base, size, nid: config.maxNumnodes, flags: .none)
    }

    /// `memblock_setclr_flag`: sets or clears a flag on the memory inside a range, then merges.
    mutating func setClearFlag(_ base: PhysAddr, _ size: PhysAddr, set: Bool, _ flag: MemblockFlags) -> Int32 {
        guard let range = isolateRange(.memory, base, size) else { return -errnoENOMEM }
        let numa = config.numa
        modify(.memory) { t in
            for i in range {
                if set { t.regions[i].flags.formUnion(flag) } else { t.regions[i].flags.subtract(flag) }
            }
            t.mergeRegions(numa: numa, window: range)
        }
        return 0
    }

    /// `memblock_mark_hotplug`.
    @discardableResult
    public mutating func markHotplug(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearFlag(base, size, set: true, .hotplug) }
    /// `memblock_clear_hotplug`.
    @discardableResult
    public mutating func clearHotplug(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearFlag(base, size, set: false, .hotplug) }
    /// `memblock_mark_nomap`.
    @discardableResult
    public mutating func markNomap(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearFlag(base, size, set: true, .nomap) }
    /// `memblock_clear_nomap`.
    @discardableResult
    public mutating func clearNomap(_ base: PhysAddr, _ size: PhysAddr) -> Int32 { setClearFlag(base, size, set: false, .nomap) }

    /// `memblock_mark_mirror`: a silent no-op unless `kernelcore=mirror`; otherwise every
    /// later allocation prefers mirrored memory, even if this range holds none.
    @discardableResult
    public mutating func markMirror(_ base: PhysAddr, _ size: PhysAddr) -> Int32 {
        if !config.mirroredKernelcore { return 0 }
        systemHasSomeMirror = true
        return setClearFlag(base, size, set: true, .mirror)
    }

    /// `memblock_set_node`: sets the node of every region of `kind` inside a range, then
    /// merges. Does nothing without `CONFIG_NUMA`.
    @discardableResult
    public mutating func setNode(_ base: PhysAddr, _ size: PhysAddr, _ kind: MemblockTypeKind, nid: Int32) -> Int32 {
        if !config.numa { return 0 }
        guard let range = isolateRange(kind, base, size) else { return -errnoENOMEM }
        modify(kind) { t in
            for i in range { t.regions[i].nid = nid }
            t.mergeRegions(numa: true, window: range)
        }
        return 0
    }

    /// `memblock_allow_resize`: from now on full region arrays are doubled.
    public mutating func allowResize() { canResize = true }
    /// `memblock_set_bottom_up`.
    public mutating func setBottomUp(_ enable: Bool) { bottomUp = enable }
    /// `memblock_set_current_limit`.
    public mutating func setCurrentLimit(_ limit: PhysAddr) { currentLimit = limit }
}

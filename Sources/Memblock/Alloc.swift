// memblock_alloc_range_nid, memblock_alloc_internal and the public allocation wrappers.

extension Memblock {
    /// The caller the nested `memblock_reserve` line of an allocation shows.
    static let allocRangeNidCaller = "memblock_alloc_range_nid+0xb0/0x13d"

    /// `memblock_alloc_range_nid`: finds and reserves `size` bytes in `[start, end)`,
    /// preferring node `nid` (falling back to any node unless `exactNid`) and mirrored memory
    /// when the system has some (falling back with a warning). Returns the physical address,
    /// or 0 when every attempt failed (or the kernel panicked: see `panic`).
    @discardableResult
    public mutating func allocRangeNid(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, _ end: PhysAddr,
                                       nid: Int32, exactNid: Bool) -> PhysAddr {
        guarded(0) { m throws(KernelPanic) in try m.allocRangeNidBody(size, align, start, end, nid: nid, exactNid: exactNid) }
    }

    /// The body of `memblock_alloc_range_nid`.
    mutating func allocRangeNidBody(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, _ end: PhysAddr,
                                    nid: Int32, exactNid: Bool) throws(KernelPanic) -> PhysAddr {
        var flags: MemblockFlags = systemHasSomeMirror ? .mirror : .none
        var nid = nid
        var align = align
        let behaviour = config.behaviour
        if behaviour.convertsMaxNumnodesWithWarning && nid == config.maxNumnodes {
            warnOnce("memblock_alloc_range_nid", "Usage of MAX_NUMNODES is deprecated. Use NUMA_NO_NODE instead")
            nid = numaNoNode
        }
        if align == 0 {
            log.add(.warning, "memblock_alloc_range_nid: align 0 (dump_stack), using SMP_CACHE_BYTES")
            align = config.smpCacheBytes
        }
        let fallsBack = behaviour.selectsNode(nid, maxNumnodes: config.maxNumnodes) && !exactNid
        while true {
            var found = findInRangeNode(size, align, start, end, nid: nid, flags: flags)
            if found != 0, try reserveForAlloc(found, size) { return found }
            if fallsBack {
                found = findInRangeNode(size, align, start, end, nid: numaNoNode, flags: flags)
                if found != 0, try reserveForAlloc(found, size) { return found }
            }
            if flags.contains(.mirror) {
                flags.remove(.mirror)
                log.add(.warning, "Could not allocate \(formatPA(size)) bytes of mirrored memory")
                continue
            }
            return 0
        }
    }

    /// The `memblock_reserve` an allocation makes, with its own debug line.
    mutating func reserveForAlloc(_ base: PhysAddr, _ size: PhysAddr) throws(KernelPanic) -> Bool {
        logRange("memblock_reserve", base, size, caller: Self.allocRangeNidCaller)
        return try addRange(.reserved, base, size, nid: config.maxNumnodes, flags: .none) == 0
    }

    /// `memblock_alloc_internal`: `max_addr` clipped to `current_limit`, then one retry from
    /// 0 when a nonzero `min_addr` failed. Returns nil for NULL.
    mutating func allocInternal(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr, _ maxAddr: PhysAddr,
                                nid: Int32, exactNid: Bool) -> PhysAddr? {
        let maxAddr = Swift.min(maxAddr, currentLimit)
        let alloc: PhysAddr = guarded(0) { m throws(KernelPanic) in
            var alloc = try m.allocRangeNidBody(size, align, minAddr, maxAddr, nid: nid, exactNid: exactNid)
            if alloc == 0 && minAddr != 0 {
                alloc = try m.allocRangeNidBody(size, align, 0, maxAddr, nid: nid, exactNid: exactNid)
            }
            return alloc
        }
        return alloc == 0 ? nil : alloc
    }

    /// The request line of the `memblock_alloc_try_nid` family.
    mutating func logTryNid(_ function: String, _ size: PhysAddr, _ align: PhysAddr, _ nid: Int32,
                            _ minAddr: PhysAddr, _ maxAddr: PhysAddr) {
        if !log.isEnabled { return }
        log.add(.debug, "\(function): \(size) bytes align=\(formatHashX(align)) nid=\(nid) from=\(formatPA(minAddr)) max_addr=\(formatPA(maxAddr)) \(caller)")
    }

    /// `memblock_alloc_try_nid`: a zeroed block, preferring node `nid`. nil when it fails.
    public mutating func allocTryNid(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr, _ maxAddr: PhysAddr,
                                     nid: Int32) -> PhysAddr? {
        logTryNid("memblock_alloc_try_nid", size, align, nid, minAddr, maxAddr)
        return allocInternal(size, align, minAddr, maxAddr, nid: nid, exactNid: false)
    }

    /// `memblock_alloc_try_nid_raw`: as `allocTryNid`, not zeroed.
    public mutating func allocTryNidRaw(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr, _ maxAddr: PhysAddr,
                                        nid: Int32) -> PhysAddr? {
        logTryNid("memblock_alloc_try_nid_raw", size, align, nid, minAddr, maxAddr)
        return allocInternal(size, align, minAddr, maxAddr, nid: nid, exactNid: false)
    }

    /// `memblock_alloc_exact_nid_raw`: only node `nid` will do.
    public mutating func allocExactNidRaw(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr, _ maxAddr: PhysAddr,
                                          nid: Int32) -> PhysAddr? {
        logTryNid("memblock_alloc_exact_nid_raw", size, align, nid, minAddr, maxAddr)
        return allocInternal(size, align, minAddr, maxAddr, nid: nid, exactNid: true)
    }

    /// `memblock_alloc`: anywhere below `current_limit`, any node.
    public mutating func alloc(_ size: PhysAddr, _ align: PhysAddr) -> PhysAddr? {
        allocTryNid(size, align, memblockLowLimit, memblockAllocAccessible, nid: numaNoNode)
    }

    /// `memblock_alloc_raw`.
    public mutating func allocRaw(_ size: PhysAddr, _ align: PhysAddr) -> PhysAddr? {
        allocTryNidRaw(size, align, memblockLowLimit, memblockAllocAccessible, nid: numaNoNode)
    }

    /// `memblock_alloc_from`: at or above `minAddr` if possible (else retried from 0).
    public mutating func allocFrom(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr) -> PhysAddr? {
        allocTryNid(size, align, minAddr, memblockAllocAccessible, nid: numaNoNode)
    }

    /// `memblock_alloc_low`: below `ARCH_LOW_ADDRESS_LIMIT` (an exclusive end).
    public mutating func allocLow(_ size: PhysAddr, _ align: PhysAddr) -> PhysAddr? {
        allocTryNid(size, align, memblockLowLimit, config.lowLimit, nid: numaNoNode)
    }

    /// `memblock_alloc_node`: preferring node `nid`.
    public mutating func allocNode(_ size: PhysAddr, _ align: PhysAddr, nid: Int32) -> PhysAddr? {
        allocTryNid(size, align, memblockLowLimit, memblockAllocAccessible, nid: nid)
    }

    /// `memblock_phys_alloc_range`: in `[start, end)`; an explicit end above `current_limit`
    /// is honoured. Returns 0 on failure.
    @discardableResult
    public mutating func physAllocRange(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, _ end: PhysAddr) -> PhysAddr {
        if log.isEnabled {
            log.add(.debug, "memblock_phys_alloc_range: \(size) bytes align=\(formatHashX(align)) from=\(formatPA(start)) max_addr=\(formatPA(end)) \(caller)")
        }
        return allocRangeNid(size, align, start, end, nid: numaNoNode, exactNid: false)
    }

    /// `memblock_phys_alloc`: below `current_limit`. Returns 0 on failure.
    @discardableResult
    public mutating func physAlloc(_ size: PhysAddr, _ align: PhysAddr) -> PhysAddr {
        physAllocRange(size, align, 0, memblockAllocAccessible)
    }

    /// `memblock_phys_alloc_try_nid`: below `current_limit`, preferring node `nid`; prints no
    /// request line. Returns 0 on failure.
    @discardableResult
    public mutating func physAllocTryNid(_ size: PhysAddr, _ align: PhysAddr, nid: Int32) -> PhysAddr {
        allocRangeNid(size, align, 0, memblockAllocAccessible, nid: nid, exactNid: false)
    }
}

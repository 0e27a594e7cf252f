// Shrinking memory: trim, mem= limits and capping.

extension Memblock {
    /// `memblock_trim_memory`: shrinks every memory region inward to `align` boundaries and
    /// deletes those that vanish. Like the kernel it does not update `total_size` for the
    /// regions it shrinks (only for those it deletes), and it never merges.
    public mutating func trimMemory(_ align: PhysAddr) {
        let noNode = dummyNid
        var i = 0
        while i < memory.regions.count {
            let r = memory.regions[i]
            let origStart = r.base, origEnd = r.base &+ r.size
            let start = roundUp(origStart, align), end = roundDown(origEnd, align)
            if start == origStart && end == origEnd { i += 1; continue }
            if start < end {
                memory.regions[i].base = start
                memory.regions[i].size = end - start
                i += 1
            } else if memory.removeRegion(i, noNode: noNode) {
                warnStaleTotal()
            }
        }
        // round_up/round_down wrap for a region at the top of the address space, which can
        // leave the array out of order; the kernel's linear scans carry on regardless.
        memory.rescanOrder()
    }

    /// `__find_max_addr`: the address below which `limit` bytes of memory lie (NOMAP
    /// included), or `PHYS_ADDR_MAX` when there is no more memory than that.
    func findMaxAddr(_ limit: PhysAddr) -> PhysAddr {
        var limit = limit
        for r in memory.regions {
            if limit <= r.size { return r.base &+ limit }
            limit -= r.size
        }
        return physAddrMax
    }

    /// `memblock_enforce_memory_limit` (`mem=` on x86 and riscv): removes memory and
    /// reservations above the first `limit` bytes of memory.
    public mutating func enforceMemoryLimit(_ limit: PhysAddr) {
        if limit == 0 { return }
        let maxAddr = findMaxAddr(limit)
        if maxAddr == physAddrMax { return }
        guarded(()) { m throws(KernelPanic) in
            _ = try m.removeRange(.memory, maxAddr, physAddrMax)
            _ = try m.removeRange(.reserved, maxAddr, physAddrMax)
        }
    }

    /// `memblock_cap_memory_range`: keeps only the memory inside `[base, base+size)` (NOMAP
    /// regions outside it stay, possibly leaving touching compatible pieces unmerged) and
    /// drops reservations outside it.
    public mutating func capMemoryRange(_ base: PhysAddr, _ size: PhysAddr) {
        guarded(()) { m throws(KernelPanic) in try m.capMemoryRangeBody(base, size) }
    }

    /// The body of `memblock_cap_memory_range`.
    mutating func capMemoryRangeBody(_ base: PhysAddr, _ size: PhysAddr) throws(KernelPanic) {
        if size == 0 { return }
        if memory.totalSize == 0 {
            log.add(.warning, "memblock_cap_memory_range: No memory registered yet")
            return
        }
        guard let range = try isolateRange(.memory, base, size) else { return }
        let noNode = dummyNid
        var stale = false
        var i = memory.regions.count - 1
        while i >= range.upperBound {
            if !memory.regions[i].flags.contains(.nomap) { stale = memory.removeRegion(i, noNode: noNode) || stale }
            i -= 1
        }
        i = range.lowerBound - 1
        while i >= 0 {
            if !memory.regions[i].flags.contains(.nomap) { stale = memory.removeRegion(i, noNode: noNode) || stale }
            i -= 1
        }
        if stale { warnStaleTotal() }
        memory.mayHoldUnmergedNeighbours = true
        _ = try removeRange(.reserved, 0, base)
        _ = try removeRange(.reserved, base &+ size, physAddrMax)
    }

    /// `memblock_mem_limit_remove_map` (`mem=` on arm64): caps memory to the first `limit`
    /// bytes, keeping NOMAP regions above it.
    public mutating func memLimitRemoveMap(_ limit: PhysAddr) {
        if limit == 0 { return }
        let maxAddr = findMaxAddr(limit)
        if maxAddr == physAddrMax { return }
        capMemoryRange(0, maxAddr)
    }
}

// The free-range search: __next_mem_range(_rev) over memory minus reserved, and
// memblock_find_in_range_node's top-down and bottom-up first fit.

/// One free range a search looked at, and what it made of it.
public struct SearchCandidate: Hashable, Sendable {
    /// Why a range was not taken, or that it was.
    public enum Verdict: String, Hashable, Sendable {
        /// Clamped into the window, the range ends below `size` (top-down).
        case endBelowSize
        /// The aligned candidate falls outside the clamped range, or too little is left.
        case doesNotFit
        /// The candidate was returned.
        case chosen
    }
    /// The free range as the iterator yields it (inside one memory region).
    public var start: PhysAddr, end: PhysAddr
    /// The node of its memory region.
    public var nid: Int32
    /// The range clamped into the search window.
    public var clampedStart: PhysAddr, clampedEnd: PhysAddr
    /// The aligned candidate address, where one was computed.
    public var candidate: PhysAddr?
    /// The outcome.
    public var verdict: Verdict
}

/// One call of `memblock_find_in_range_node`, recorded for the explain panel.
public struct SearchRecord: Hashable, Sendable {
    /// The request.
    public var size: PhysAddr, align: PhysAddr
    /// The window as asked for, and after the clamps (end 0/1 → current_limit, start ≥ PAGE_SIZE).
    public var requestedStart: PhysAddr, requestedEnd: PhysAddr, start: PhysAddr, end: PhysAddr
    /// The node selector (-1: any) and flags (NONE or MIRROR).
    public var nid: Int32, flags: MemblockFlags
    /// Direction.
    public var bottomUp: Bool
    /// The free ranges visited, in the kernel's order.
    public var candidates: [SearchCandidate] = []
    /// The address found, 0 for none.
    public var result: PhysAddr = 0
}

extension Memblock {
    /// `should_skip_region` for `memory`: the node selector (when `selectsNode`: see
    /// `KernelBehaviour.selectsNode`), HOTPLUG under `movable_node`, MIRROR when required,
    /// NOMAP and DRIVER_MANAGED always.
    @inline(__always)
    func shouldSkip(_ m: MemblockRegion, nid: Int32, selectsNode: Bool, flags: MemblockFlags) -> Bool {
        if selectsNode && nid != regionNode(m) { return true }
        if config.movableNode && m.flags.contains(.hotplug) && !flags.contains(.hotplug) { return true }
        if flags.contains(.mirror) && !m.flags.contains(.mirror) { return true }
        if !flags.contains(.nomap) && m.flags.contains(.nomap) { return true }
        if !flags.contains(.driverManaged) && m.flags.contains(.driverManaged) { return true }
        return false
    }

    /// Visits the free ranges (memory regions not skipped, intersected with the gaps of
    /// `reserved`) in ascending or descending order, as `for_each_free_mem_range(_reverse)`
    /// does, until `body` returns true. Gaps are `[r[j-1].end, r[j].base)` for j in 0...cnt,
    /// with 0 before the first and `PHYS_ADDR_MAX` after the last; binary search finds the
    /// first gap to look at, which is where the kernel's lock-step walk would be.
    ///
    /// With a `window`, ranges that do not overlap it are left out: a search for a nonzero
    /// size clamps such a range to an empty one at the window's edge and rejects it, so the
    /// result is the same, without walking every free range of the machine.
    @inline(__always)
    func forEachFreeRange(nid: Int32, flags: MemblockFlags, reverse: Bool, window: (PhysAddr, PhysAddr)? = nil,
                          _ body: (PhysAddr, PhysAddr, Int32) -> Bool) {
        memory.regions.withUnsafeBufferPointer { mem in
            reserved.regions.withUnsafeBufferPointer { res in
                let cnt = res.count
                @inline(__always) func gapStart(_ j: Int) -> PhysAddr { j == 0 ? 0 : res[j - 1].base &+ res[j - 1].size }
                @inline(__always) func gapEnd(_ j: Int) -> PhysAddr { j < cnt ? res[j].base : physAddrMax }
                let (wlo, whi) = window ?? (0, physAddrMax)
                // The memory regions that can overlap the window: [first, last).
                var first = 0, last = mem.count
                if window != nil {
                    var lo = 0, hi = mem.count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if mem[mid].base &+ mem[mid].size <= wlo { lo = mid + 1 } else { hi = mid }
                    }
                    first = lo
                    lo = first; hi = mem.count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if mem[mid].base < whi { lo = mid + 1 } else { hi = mid }
                    }
                    last = lo
                }
                let count = last - first
                if count <= 0 { return }
                let selectsNode = config.behaviour.selectsNode(nid, maxNumnodes: config.maxNumnodes)
                for step in 0..<count {
                    let m = mem[reverse ? last - 1 - step : first + step]
                    if shouldSkip(m, nid: nid, selectsNode: selectsNode, flags: flags) { continue }
                    let ms = m.base, me = m.base &+ m.size
                    let mnid = regionNode(m)
                    // The part of the region worth looking at.
                    let vs = Swift.max(ms, wlo), ve = Swift.min(me, whi)
                    if reverse {
                        // Highest gap starting below ve: j = #regions with end < ve.
                        var lo = 0, hi = cnt
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if res[mid].base &+ res[mid].size < ve { lo = mid + 1 } else { hi = mid }
                        }
                        var j = lo
                        while j >= 0 {
                            let rs = gapStart(j), re = gapEnd(j)
                            if re <= vs { break }
                            if me > rs && body(Swift.max(ms, rs), Swift.min(me, re), mnid) { return }
                            j -= 1
                        }
                    } else {
                        // Lowest gap ending above vs: j = #regions with base <= vs.
                        var lo = 0, hi = cnt
                        while lo < hi {
                            let mid = (lo + hi) >> 1
                            if res[mid].base <= vs { lo = mid + 1 } else { hi = mid }
                        }
                        var j = lo
                        while j <= cnt {
                            let rs = gapStart(j), re = gapEnd(j)
                            if rs >= ve { break }
                            if ms < re && body(Swift.max(ms, rs), Swift.min(me, re), mnid) { return }
                            j += 1
                        }
                    }
                }
            }
        }
    }

    /// `memblock_find_in_range_node`: the first fit for `size` bytes aligned to `align` in
    /// `[start, end)`, top-down or bottom-up; 0 when there is none. An `end` of 0 or 1 means
    /// `current_limit`, and page 0 is never returned.
    mutating func findInRangeNode(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, _ end: PhysAddr,
                                  nid: Int32, flags: MemblockFlags) -> PhysAddr {
        let requestedEnd = end
        var end = end
        if end == memblockAllocAccessible || end == memblockAllocNoLeakTrace { end = currentLimit }
        let lo = Swift.max(start, config.pageSize)
        let hi = Swift.max(lo, end)
        let record = log.recordsSearches
        var rec = record ? SearchRecord(size: size, align: align, requestedStart: start, requestedEnd: requestedEnd,
                                        start: lo, end: hi, nid: nid, flags: flags, bottomUp: bottomUp) : nil
        var found: PhysAddr = 0
        // A nonzero size can only fit where a free range overlaps [lo, hi); the explain
        // record lists every range the kernel visits, so it walks them all.
        let window: (PhysAddr, PhysAddr)? = size > 0 && !record ? (lo, hi) : nil
        if size > 0 && lo >= hi && !record { return 0 }
        if bottomUp {
            forEachFreeRange(nid: nid, flags: flags, reverse: false, window: window) { rs, re, rnid in
                let s = Swift.min(Swift.max(rs, lo), hi), e = Swift.min(Swift.max(re, lo), hi)
                let cand = roundUp(s, align)
                let fits = cand < e && e - cand >= size
                if record {
                    rec!.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                           candidate: cand, verdict: fits ? .chosen : .doesNotFit))
                }
                if fits { found = cand }
                return fits
            }
        } else {
            forEachFreeRange(nid: nid, flags: flags, reverse: true, window: window) { rs, re, rnid in
                let s = Swift.min(Swift.max(rs, lo), hi), e = Swift.min(Swift.max(re, lo), hi)
                if e < size {
                    if record {
                        rec!.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                               candidate: nil, verdict: .endBelowSize))
                    }
                    return false
                }
                let cand = roundDown(e - size, align)
                let fits = cand >= s
                if record {
                    rec!.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                           candidate: cand, verdict: fits ? .chosen : .doesNotFit))
                }
                if fits { found = cand }
                return fits
            }
        }
        if record {
            rec!.result = found
            log.appendSearch(rec!)
        }
        return found
    }

    /// `memblock_find_in_range`: any node, MIRROR first when the system has mirrored
    /// memory, with the kernel's warning before the retry without it.
    mutating func findInRange(_ start: PhysAddr, _ end: PhysAddr, _ size: PhysAddr, _ align: PhysAddr) -> PhysAddr {
        var flags: MemblockFlags = systemHasSomeMirror ? .mirror : .none
        while true {
            let ret = findInRangeNode(size, align, start, end, nid: numaNoNode, flags: flags)
            if ret == 0 && flags.contains(.mirror) {
                log.add(.warning, "Could not allocate \(formatPA(size)) bytes of mirrored memory")
                flags.remove(.mirror)
                continue
            }
            return ret
        }
    }
}

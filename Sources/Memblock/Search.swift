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

    /// `for_each_free_mem_range(_reverse)`: visits the free ranges (memory regions not
    /// skipped, intersected with the gaps of `reserved`) in the kernel's order until `body`
    /// returns true. Runs `nextMemRangeLiteral` (the kernel's lock-step walk) unless the fast
    /// path's precondition holds.
    ///
    /// Fast path (`forEachFreeRangeFast`): binary search to the first gap that can meet each
    /// memory region. Precondition: the fast engine and both arrays sorted and disjoint.
    @inline(__always)
    func forEachFreeRange(nid: Int32, flags: MemblockFlags, reverse: Bool, window: (PhysAddr, PhysAddr)? = nil,
                          _ body: (PhysAddr, PhysAddr, Int32) -> Bool) {
        if engine == .fast && memory.fastPathsHold && reserved.fastPathsHold {
            forEachFreeRangeFast(nid: nid, flags: flags, reverse: reverse, window: window, body)
        } else {
            nextMemRangeLiteral(nid: nid, flags: flags, reverse: reverse, body)
        }
    }

    /// `__next_mem_range` / `__next_mem_range_rev` over `memory` and `reserved`, literally: the
    /// two indices advance in lock step (`idx_a` over memory, `idx_b` over the gaps before
    /// each reserved region and after the last), whatever the order of the arrays.
    func nextMemRangeLiteral(nid: Int32, flags: MemblockFlags, reverse: Bool, _ body: (PhysAddr, PhysAddr, Int32) -> Bool) {
        let mem = memory.regions, res = reserved.regions
        let cntB = res.count
        let selectsNode = config.behaviour.selectsNode(nid, maxNumnodes: config.maxNumnodes)
        @inline(__always) func gap(_ j: Int) -> (PhysAddr, PhysAddr) {
            (j > 0 ? res[j - 1].base &+ res[j - 1].size : 0, j < cntB ? res[j].base : physAddrMax)
        }
        var idxA = reverse ? mem.count - 1 : 0
        var idxB = reverse ? cntB : 0
        outer: while reverse ? idxA >= 0 : idxA < mem.count {
            let m = mem[idxA]
            let ms = m.base, me = m.base &+ m.size, mnid = regionNode(m)
            if shouldSkip(m, nid: nid, selectsNode: selectsNode, flags: flags) {
                idxA += reverse ? -1 : 1
                continue
            }
            while reverse ? idxB >= 0 : idxB < cntB + 1 {
                let (rs, re) = gap(idxB)
                if reverse ? re <= ms : rs >= me { break }
                if reverse ? me > rs : ms < re {
                    let out = (Swift.max(ms, rs), Swift.min(me, re))
                    if reverse {
                        if ms >= rs { idxA -= 1 } else { idxB -= 1 }
                    } else {
                        if me <= re { idxA += 1 } else { idxB += 1 }
                    }
                    if body(out.0, out.1, mnid) { return }
                    continue outer
                }
                idxB += reverse ? -1 : 1
            }
            idxA += reverse ? -1 : 1
        }
    }

    /// The fast form of `forEachFreeRange`. Gaps are `[r[j-1].end, r[j].base)` for j in
    /// 0...cnt, with 0 before the first and `PHYS_ADDR_MAX` after the last; binary search finds
    /// the first gap to look at, which is where the kernel's lock-step walk would be.
    ///
    /// With a `window`, ranges that do not overlap it are left out (see `findInRangeNode` for
    /// when that gives the kernel's result).
    @inline(__always)
    func forEachFreeRangeFast(nid: Int32, flags: MemblockFlags, reverse: Bool, window: (PhysAddr, PhysAddr)?,
                              _ body: (PhysAddr, PhysAddr, Int32) -> Bool) {
        // Copies of the stores are O(1) and share their nodes; reads are O(log n) each.
        let mem = memory.regions, res = reserved.regions
        let cnt = res.count
        let (wlo, whi) = window ?? (0, physAddrMax)
        // The memory regions that can overlap the window: [first, last).
        var first = 0, last = mem.count
        if window != nil {
            first = mem.partitioningIndex { $0.base &+ $0.size > wlo }
            last = Swift.max(first, mem.partitioningIndex { $0.base >= whi })
        }
        let count = last - first
        if count <= 0 { return }
        let selectsNode = config.behaviour.selectsNode(nid, maxNumnodes: config.maxNumnodes)
        mem.forEach(in: first..<last, reverse: reverse) { _, m in
            if shouldSkip(m, nid: nid, selectsNode: selectsNode, flags: flags) { return false }
            let ms = m.base, me = m.base &+ m.size
            let mnid = regionNode(m)
            // The part of the region worth looking at.
            let vs = Swift.max(ms, wlo), ve = Swift.min(me, whi)
            // The gaps are walked leaf by leaf (`forEach`), each region read once: gap j
            // ends at region j's base and starts at region j-1's end.
            var found = false
            if reverse {
                // Highest gap starting below ve: j = #regions with end < ve.
                let j = res.partitioningIndex { $0.base &+ $0.size >= ve }
                var re = j < cnt ? res[j].base : physAddrMax
                var ended = false
                res.forEach(in: 0..<j, reverse: true) { _, r in
                    let rs = r.base &+ r.size
                    if re <= vs { ended = true; return true }
                    if me > rs && body(Swift.max(ms, rs), Swift.min(me, re), mnid) { found = true; return true }
                    re = r.base
                    return false
                }
                if found { return true }
                // Gap 0, below the first region.
                if !ended && re > vs && me > 0 && body(ms, Swift.min(me, re), mnid) { return true }
            } else {
                // Lowest gap ending above vs: j = #regions with base <= vs.
                let j = res.partitioningIndex { $0.base > vs }
                var rs = j > 0 ? res[j - 1].base &+ res[j - 1].size : 0
                var ended = false
                res.forEach(in: j..<cnt, reverse: false) { _, r in
                    let re = r.base
                    if rs >= ve { ended = true; return true }
                    if ms < re && body(Swift.max(ms, rs), Swift.min(me, re), mnid) { found = true; return true }
                    rs = r.base &+ r.size
                    return false
                }
                if found { return true }
                // The gap after the last region.
                if !ended && rs < ve && ms < physAddrMax && body(Swift.max(ms, rs), me, mnid) { return true }
            }
            return false
        }
    }

    /// `memblock_find_in_range_node`: the first fit for `size` bytes aligned to `align` in
    /// `[start, end)`, top-down or bottom-up; 0 when there is none. An `end` of 0 or 1 means
    /// `current_limit`, and page 0 is never returned. When the log records searches, the
    /// explain record is made afterwards by `explainSearch`, which observes and changes
    /// nothing: the search that runs is the same either way.
    ///
    /// A search whose result is on a playing `searchTape` returns it without running.
    ///
    /// Fast path: only free ranges that overlap `[start, end)` are visited. The kernel clamps
    /// every other range to an empty one at the window's edge and rejects it, so the result
    /// is the same. Precondition: `size > 0`, and bottom-up, `round_up` of neither edge wraps
    /// past 2^64 (a non-power-of-two align within one align of 2^64: there the kernel's
    /// candidate wraps to 0 and its search ends with "not found" at that range).
    mutating func findInRangeNode(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, _ end: PhysAddr,
                                  nid: Int32, flags: MemblockFlags) -> PhysAddr {
        let requestedEnd = end
        var end = end
        if end == memblockAllocAccessible || end == memblockAllocNoLeakTrace { end = currentLimit }
        let lo = Swift.max(start, config.pageSize)
        let hi = Swift.max(lo, end)
        let edgesWrap = bottomUp && (roundUp(lo, align) == 0 || roundUp(hi, align) == 0)
        let window: (PhysAddr, PhysAddr)? = size > 0 && !edgesWrap && engine == .fast ? (lo, hi) : nil
        var found: PhysAddr = 0
        if let known = searchTape.next() {
            found = known
        } else if window == nil || lo < hi {
            found = findRange(size, align, lo, hi, nid: nid, flags: flags, window: window)
        }
        searchTape.record(found)
        if log.recordsSearches {
            let record = explainSearch(size, align, start, requested: requestedEnd, lo, hi, nid: nid, flags: flags)
            log.appendSearch(record)
        }
        return found
    }

    /// `__memblock_find_range_bottom_up` / `_top_down` over `[lo, hi)`.
    func findRange(_ size: PhysAddr, _ align: PhysAddr, _ lo: PhysAddr, _ hi: PhysAddr, nid: Int32, flags: MemblockFlags,
                   window: (PhysAddr, PhysAddr)?) -> PhysAddr {
        var found: PhysAddr = 0
        if bottomUp {
            forEachFreeRange(nid: nid, flags: flags, reverse: false, window: window) { rs, re, _ in
                let s = Swift.min(Swift.max(rs, lo), hi), e = Swift.min(Swift.max(re, lo), hi)
                let cand = roundUp(s, align)
                if cand < e && e - cand >= size { found = cand; return true }
                return false
            }
        } else {
            forEachFreeRange(nid: nid, flags: flags, reverse: true, window: window) { rs, re, _ in
                let s = Swift.min(Swift.max(rs, lo), hi), e = Swift.min(Swift.max(re, lo), hi)
                if e < size { return false }
                let cand = roundDown(e - size, align)
                if cand >= s { found = cand; return true }
                return false
            }
        }
        return found
    }

    /// The explain record of one `memblock_find_in_range_node` call: every free range the
    /// kernel visits, in its order, with the verdict, from the kernel-literal walk. A pure
    /// observer: it reads the state and changes nothing.
    func explainSearch(_ size: PhysAddr, _ align: PhysAddr, _ start: PhysAddr, requested: PhysAddr, _ lo: PhysAddr,
                       _ hi: PhysAddr, nid: Int32, flags: MemblockFlags) -> SearchRecord {
        var rec = SearchRecord(size: size, align: align, requestedStart: start, requestedEnd: requested,
                               start: lo, end: hi, nid: nid, flags: flags, bottomUp: bottomUp)
        var found: PhysAddr = 0
        nextMemRangeLiteral(nid: nid, flags: flags, reverse: !bottomUp) { rs, re, rnid in
            let s = Swift.min(Swift.max(rs, lo), hi), e = Swift.min(Swift.max(re, lo), hi)
            if bottomUp {
                let cand = roundUp(s, align)
                let fits = cand < e && e - cand >= size
                rec.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                      candidate: cand, verdict: fits ? .chosen : .doesNotFit))
                if fits { found = cand }
                return fits
            }
            if e < size {
                rec.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                      candidate: nil, verdict: .endBelowSize))
                return false
            }
            let cand = roundDown(e - size, align)
            let fits = cand >= s
            rec.candidates.append(SearchCandidate(start: rs, end: re, nid: rnid, clampedStart: s, clampedEnd: e,
                                                  candidate: cand, verdict: fits ? .chosen : .doesNotFit))
            if fits { found = cand }
            return fits
        }
        rec.result = found
        return rec
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

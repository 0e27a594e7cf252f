// The array primitives of mm/memblock.c, on one type at a time: insert, remove, merge,
// the two passes of memblock_add_range and memblock_isolate_range.

extension MemblockType {
    /// `memblock_insert_region`: puts a region at `idx`, shifting the rest up.
    @inline(__always)
    mutating func insertRegion(_ idx: Int, _ base: PhysAddr, _ size: PhysAddr, _ nid: Int32, _ flags: MemblockFlags) {
        // BUG_ON(type->cnt >= type->max): only an overlapping (wrapped) array can get here.
        if regions.count >= max { pendingBug = .insertRegionFull; return }
        regions.insert(MemblockRegion(base: base, size: size, flags: flags, nid: nid), at: idx)
        totalSize &+= size
    }

    /// `memblock_remove_region`: deletes the region at `r`. An emptied type gets the dummy
    /// back in 6.1 (with `nid` set to the stored "no node" value) and has `cnt` 0 in 6.12.
    /// Returns true when the type was emptied with a nonzero (stale) `total_size`: the
    /// kernel's `WARN_ON(type->total_size != 0)`.
    @discardableResult
    mutating func removeRegion(_ r: Int, noNode: Int32) -> Bool {
        removeRegions(r..<(r + 1), noNode: noNode)
    }

    /// Deletes a run of regions, as repeated `memblock_remove_region` calls from the top do;
    /// returns true when the stale-total WARN_ON fired.
    @discardableResult
    mutating func removeRegions(_ range: Range<Int>, noNode: Int32) -> Bool {
        if range.isEmpty { return false }
        for i in range { totalSize &-= regions[i].size }
        regions.removeSubrange(range)
        guard regions.isEmpty else { return false }
        if keepsDummyWhenEmpty { regions.append(MemblockRegion(base: 0, size: 0, flags: .none, nid: noNode)) }
        return totalSize != 0
    }

    /// The index of the first region that ends above `addr`: a binary search by address.
    ///
    /// Fast path. Precondition: `fastPathsHold` (sorted and disjoint, so the ends are sorted
    /// too). Skipping the regions before it is then what the kernel's linear scans do with
    /// `if (rend <= base) continue;`.
    @inline(__always)
    func firstIndex(endingAbove addr: PhysAddr) -> Int {
        regions.partitioningIndex { $0.base &+ $0.size > addr }
    }

    /// The outcome of one pass of `memblock_add_range`.
    struct AddPass {
        /// Pieces counted or inserted.
        var pieces = 0
        /// Index range touched by insertions (for the merge pass).
        var first = Int.max, last = -1
        /// `WARN_ON(nid != ...)` and `WARN_ON(flags != ...)` firings.
        var nidWarnings = 0, flagWarnings = 0
    }

    /// One pass of `memblock_add_range` over `[base, end)`: counts the holes the new range
    /// fills and, when `insert` is set, inserts them with the request's nid and flags.
    ///
    /// With `mergeInline`, each piece is joined to the compatible neighbours it touches as it
    /// is placed, which is what the kernel's later merge pass would do (only pieces can be
    /// mergeable when `mayHoldUnmergedNeighbours` is false), but without inserting entries only to delete
    /// them again: most allocations extend a neighbour and move no memory.
    ///
    /// `fast` starts at `firstIndex(endingAbove:)` (precondition `fastPathsHold`) instead of
    /// at 0 as the kernel does; `mergeInline` needs the same and no unmerged neighbours.
    mutating func addRangePass(base: PhysAddr, end: PhysAddr, nid: Int32, flags: MemblockFlags,
                               insert: Bool, numa: Bool, fast: Bool, mergeInline: Bool = false) -> AddPass {
        var pass = AddPass()
        var cur = base
        var idx = fast ? firstIndex(endingAbove: base) : 0
        while idx < regions.count {
            let rbase = regions[idx].base
            let rend = rbase &+ regions[idx].size
            if rbase >= end { break }
            if rend <= cur { idx += 1; continue }
            if rbase > cur {
                if numa && nid != regions[idx].nid { pass.nidWarnings += 1 }
                if flags != regions[idx].flags { pass.flagWarnings += 1 }
                pass.pieces += 1
                if insert {
                    if mergeInline {
                        idx = placePiece(at: idx, cur, rbase, nid, flags, numa: numa)
                    } else {
                        insertRegion(idx, cur, rbase - cur, nid, flags)
                        if pendingBug != nil { return pass }
                        pass.first = Swift.min(pass.first, idx)
                        pass.last = Swift.max(pass.last, idx)
                        idx += 1
                    }
                }
            }
            cur = Swift.min(rend, end)
            idx += 1
        }
        if cur < end {
            pass.pieces += 1
            if insert {
                if mergeInline {
                    _ = placePiece(at: idx, cur, end, nid, flags, numa: numa)
                } else {
                    insertRegion(idx, cur, end - cur, nid, flags)
                    pass.first = Swift.min(pass.first, idx)
                    pass.last = Swift.max(pass.last, idx)
                }
            }
        }
        return pass
    }

    /// Places the piece `[lo, hi)` just before index `idx`, joining it to the neighbour that
    /// ends at `lo` and/or the one that starts at `hi` when their nid and flags match.
    /// Returns the index the region formerly at `idx` now has.
    @inline(__always)
    mutating func placePiece(at idx: Int, _ lo: PhysAddr, _ hi: PhysAddr, _ nid: Int32, _ flags: MemblockFlags,
                             numa: Bool) -> Int {
        @inline(__always) func compatible(_ r: MemblockRegion) -> Bool { (!numa || r.nid == nid) && r.flags == flags }
        let joinsLeft = idx > 0 && regions[idx - 1].base &+ regions[idx - 1].size == lo && compatible(regions[idx - 1])
        let joinsRight = idx < regions.count && regions[idx].base == hi && compatible(regions[idx])
        totalSize &+= hi - lo
        switch (joinsLeft, joinsRight) {
        case (true, true):
            regions[idx - 1].size &+= (hi - lo) &+ regions[idx].size
            regions.remove(at: idx)
            return idx - 1
        case (true, false):
            regions[idx - 1].size &+= hi - lo
            return idx
        case (false, true):
            regions[idx].base = lo
            regions[idx].size &+= hi - lo
            return idx
        case (false, false):
            regions.insert(MemblockRegion(base: lo, size: hi - lo, flags: flags, nid: nid), at: idx)
            return idx + 1
        }
    }

    /// The splitting loop of `memblock_isolate_range` (the caller has made room for two
    /// more entries): afterwards region boundaries fall on `base` and `end`, and the returned
    /// index range covers the regions inside `[base, end)` (empty when there are none).
    ///
    /// `fast` starts at `firstIndex(endingAbove:)` (precondition `fastPathsHold`), not at 0.
    mutating func isolate(base: PhysAddr, end: PhysAddr, fast: Bool) -> Range<Int> {
        var startRgn = 0, endRgn = 0
        var idx = fast ? firstIndex(endingAbove: base) : 0
        while idx < regions.count {
            let r = regions[idx]
            let rbase = r.base, rend = r.base &+ r.size
            if rbase >= end { break }
            if rend <= base { idx += 1; continue }
            if rbase < base {
                regions[idx].base = base
                regions[idx].size -= base - rbase
                totalSize &-= base - rbase
                insertRegion(idx, rbase, base - rbase, r.nid, r.flags)
                if pendingBug != nil { return 0..<0 }
            } else if rend > end {
                regions[idx].base = end
                regions[idx].size -= end - rbase
                totalSize &-= end - rbase
                insertRegion(idx, rbase, end - rbase, r.nid, r.flags)
                if pendingBug != nil { return 0..<0 }
                idx -= 1
            } else {
                if endRgn == 0 { startRgn = idx }
                endRgn = idx + 1
            }
            idx += 1
        }
        return startRgn..<Swift.max(startRgn, endRgn)
    }

    /// Removes `[base, end)` when it lies inside a single region (or touches none), with
    /// the same result as isolating and deleting but moving at most one run of entries.
    /// Fast path. Precondition: `fastPathsHold`.
    /// Returns nil when the range spans several regions (the caller isolates instead), else
    /// whether the stale-total WARN_ON of `removeRegions` fired.
    mutating func carveWithinOneRegion(_ base: PhysAddr, _ end: PhysAddr, noNode: Int32) -> Bool? {
        let idx = firstIndex(endingAbove: base)
        if idx == regions.count || regions[idx].base >= end { return false }
        let r = regions[idx]
        let rend = r.base &+ r.size
        guard r.base <= base && rend >= end else { return nil }
        let size = end - base
        if r.base == base && rend == end {
            return removeRegions(idx..<(idx + 1), noNode: noNode)
        }
        totalSize &-= size
        if r.base == base {
            regions[idx].base = end
            regions[idx].size -= size
        } else if rend == end {
            regions[idx].size -= size
        } else {
            regions[idx].size = base - r.base
            regions.insert(MemblockRegion(base: end, size: rend - end, flags: r.flags, nid: r.nid), at: idx + 1)
        }
        return false
    }

    /// `memblock_merge_regions`: joins touching neighbours with equal nid and flags. Returns
    /// with `pendingBug` set where the kernel's `BUG_ON(this->base + this->size > next->base)`
    /// fires (a pair out of order or overlapping), leaving the array as it was at that point.
    ///
    /// 6.1 (`local` false) walks the whole array; its fast path walks only `window` and its
    /// neighbours, with the same result. Precondition: `fast` (the fast engine and
    /// `fastPathsHold`) and no unmerged neighbours elsewhere (`mayHoldUnmergedNeighbours`
    /// false). 6.12 (`local`) walks exactly the pairs of `[window.lowerBound - 1,
    /// window.upperBound]`, as its `(start_rgn, end_rgn)` form does.
    mutating func mergeRegions(numa: Bool, window: Range<Int>?, local: Bool, fast: Bool = false) {
        var i = 0
        var stop = regions.count - 1
        if let w = window, local || (fast && !mayHoldUnmergedNeighbours) {
            i = Swift.max(0, w.lowerBound - 1)
            stop = Swift.min(regions.count - 1, w.upperBound)
        }
        if !local && sortedAndDisjoint { mayHoldUnmergedNeighbours = false }
        while i < stop && i < regions.count - 1 {
            let this = regions[i], next = regions[i + 1]
            if this.base &+ this.size != next.base || (numa && this.nid != next.nid) || this.flags != next.flags {
                if this.base &+ this.size > next.base { pendingBug = .mergeRegionsOverlap; return }
                i += 1
                continue
            }
            regions[i].size &+= next.size
            regions.remove(at: i + 1)
            stop -= 1
        }
    }
}

extension Array where Element == MemblockRegion {
    /// The first index whose region satisfies `predicate`, for a predicate that is false and
    /// then true along the array: a binary search (the array must be ordered accordingly).
    /// `RegionStore` has the same method, so code can search either storage alike.
    @inline(__always)
    public func partitioningIndex(where predicate: (MemblockRegion) -> Bool) -> Int {
        var lo = 0, hi = count
        withUnsafeBufferPointer { r in
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if predicate(r[mid]) { hi = mid } else { lo = mid &+ 1 }
            }
        }
        return lo
    }
}

import Memblock

/// Who reserved each byte range: the index of the step that reserved it, kept even after
/// the kernel merges neighbouring reservations into one region.
public struct OwnerMap: Hashable, Sendable {
    /// One owned range `[base, end)`.
    public struct Span: Hashable, Sendable {
        public var base: PhysAddr
        public var end: PhysAddr
        /// The 0-based index of the step that reserved it (for a doubled region array,
        /// the step whose insertion made the array grow).
        public var step: Int32
        /// Set when the range is a region array that `memblock_double_array` allocated
        /// (the array it holds), not the step's own reservation.
        public var doubledArray: MemblockTypeKind? = nil
    }

    /// Disjoint spans sorted by base, in a persistent list: a checkpoint's copy shares every
    /// leaf the steps after it do not change, as the region arrays do.
    public private(set) var spans = PersistentList<Span>()

    public init() {}

    /// The index of the first span ending above `addr`.
    func firstIndex(endingAbove addr: PhysAddr) -> Int {
        spans.partitioningIndex { $0.end > addr }
    }

    /// Gives the parts of `[base, end)` that have no owner yet to `step` (as the kernel
    /// fills only the holes of an existing reservation).
    public mutating func claim(_ base: PhysAddr, _ end: PhysAddr, step: Int32, doubledArray: MemblockTypeKind? = nil) {
        if base >= end { return }
        let i = firstIndex(endingAbove: base)
        let n = overlapping(from: i, below: end)
        if n == 0 {
            // A range nobody owns yet (most allocations): one new span.
            spans.insert(Span(base: base, end: end, step: step, doubledArray: doubledArray), at: i)
            return
        }
        // The spans met, with the holes between them (and at either end) given to `step`.
        var merged: [Span] = []
        merged.reserveCapacity(2 * n + 1)
        var cur = base
        spans.forEach(in: i..<(i + n), reverse: false) { _, s in
            if s.base > cur { merged.append(Span(base: cur, end: s.base, step: step, doubledArray: doubledArray)) }
            merged.append(s)
            cur = Swift.max(cur, s.end)
            return false
        }
        if cur < end { merged.append(Span(base: cur, end: end, step: step, doubledArray: doubledArray)) }
        if merged.count > n { spans.replaceSubrange(i..<(i + n), with: merged) }
    }

    /// Forgets the owners of `[base, end)`, splitting spans that cross its edges.
    public mutating func release(_ base: PhysAddr, _ end: PhysAddr) {
        if base >= end { return }
        let i = firstIndex(endingAbove: base)
        let n = overlapping(from: i, below: end)
        guard n > 0 else { return }
        let first = spans[i], last = n == 1 ? first : spans[i + n - 1]
        if n == 1 && first.base >= base && first.end <= end {
            // One span released whole (most frees).
            spans.remove(at: i)
            return
        }
        var keep: [Span] = []
        if first.base < base { keep.append(Span(base: first.base, end: base, step: first.step, doubledArray: first.doubledArray)) }
        if last.end > end { keep.append(Span(base: end, end: last.end, step: last.step, doubledArray: last.doubledArray)) }
        spans.replaceSubrange(i..<(i + n), with: keep)
    }

    /// Drops every span, or part of one, that is no longer reserved (after removals the
    /// map cannot follow step by step, such as memory limits).
    public mutating func intersect(with reserved: MemblockType) {
        var out: [Span] = []
        var r = 0
        let regions = reserved.regions
        for s in spans {
            while r < regions.count && regions[r].end <= s.base { r += 1 }
            var k = r
            while k < regions.count && regions[k].base < s.end {
                let lo = Swift.max(s.base, regions[k].base), hi = Swift.min(s.end, regions[k].end)
                if lo < hi { out.append(Span(base: lo, end: hi, step: s.step, doubledArray: s.doubledArray)) }
                k += 1
            }
        }
        spans = PersistentList(out)
    }

    /// The number of spans from index `i` on that start below `end`.
    func overlapping(from i: Int, below end: PhysAddr) -> Int {
        spans.partitioningIndex { $0.base >= end } - i
    }

    /// The spans overlapping `[base, end)`, in address order.
    public func owners(in base: PhysAddr, _ end: PhysAddr) -> [Span] {
        let i = firstIndex(endingAbove: base)
        return (i..<(i + Swift.max(0, overlapping(from: i, below: end)))).map { spans[$0] }
    }
}

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
        var cur = base
        // The holes, each with the index it goes in at once the earlier holes are in.
        var pieces: [(Int, Span)] = []
        spans.forEach(in: i..<spans.count, reverse: false) { j, s in
            if s.base >= end { return true }
            if s.base > cur { pieces.append((j + pieces.count, Span(base: cur, end: s.base, step: step, doubledArray: doubledArray))) }
            cur = Swift.max(cur, s.end)
            return false
        }
        if cur < end {
            let j = i + pieces.count + overlapping(from: i, below: end)
            pieces.append((j, Span(base: cur, end: end, step: step, doubledArray: doubledArray)))
        }
        for (at, p) in pieces { spans.insert(p, at: at) }
    }

    /// Forgets the owners of `[base, end)`, splitting spans that cross its edges.
    public mutating func release(_ base: PhysAddr, _ end: PhysAddr) {
        if base >= end { return }
        let i = firstIndex(endingAbove: base)
        let n = overlapping(from: i, below: end)
        guard n > 0 else { return }
        let first = spans[i], last = spans[i + n - 1]
        spans.removeSubrange(i..<(i + n))
        var at = i
        if first.base < base {
            spans.insert(Span(base: first.base, end: base, step: first.step, doubledArray: first.doubledArray), at: at)
            at += 1
        }
        if last.end > end { spans.insert(Span(base: end, end: last.end, step: last.step, doubledArray: last.doubledArray), at: at) }
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

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

    /// Disjoint spans sorted by base.
    public private(set) var spans: [Span] = []

    public init() {}

    /// The index of the first span ending above `addr`.
    func firstIndex(endingAbove addr: PhysAddr) -> Int {
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if spans[mid].end <= addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Gives the parts of `[base, end)` that have no owner yet to `step` (as the kernel
    /// fills only the holes of an existing reservation).
    public mutating func claim(_ base: PhysAddr, _ end: PhysAddr, step: Int32, doubledArray: MemblockTypeKind? = nil) {
        if base >= end { return }
        var i = firstIndex(endingAbove: base)
        var cur = base
        var pieces: [Span] = []
        var j = i
        while j < spans.count && spans[j].base < end {
            if spans[j].base > cur { pieces.append(Span(base: cur, end: spans[j].base, step: step, doubledArray: doubledArray)) }
            cur = Swift.max(cur, spans[j].end)
            j += 1
        }
        if cur < end { pieces.append(Span(base: cur, end: end, step: step, doubledArray: doubledArray)) }
        for p in pieces {
            while i < spans.count && spans[i].base < p.base { i += 1 }
            spans.insert(p, at: i)
            i += 1
        }
    }

    /// Forgets the owners of `[base, end)`, splitting spans that cross its edges.
    public mutating func release(_ base: PhysAddr, _ end: PhysAddr) {
        if base >= end { return }
        var i = firstIndex(endingAbove: base)
        guard i < spans.count, spans[i].base < end else { return }
        var keep: [Span] = []
        var j = i
        while j < spans.count && spans[j].base < end {
            let s = spans[j]
            if s.base < base { keep.append(Span(base: s.base, end: base, step: s.step, doubledArray: s.doubledArray)) }
            if s.end > end { keep.append(Span(base: end, end: s.end, step: s.step, doubledArray: s.doubledArray)) }
            j += 1
        }
        spans.replaceSubrange(i..<j, with: keep)
        i += keep.count
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
        spans = out
    }

    /// The spans overlapping `[base, end)`, in address order.
    public func owners(in base: PhysAddr, _ end: PhysAddr) -> ArraySlice<Span> {
        let i = firstIndex(endingAbove: base)
        var j = i
        while j < spans.count && spans[j].base < end { j += 1 }
        return spans[i..<j]
    }
}

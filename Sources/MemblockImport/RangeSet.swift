// Sets of physical address ranges, for working out what a log did not print.

/// A half-open range `[base, end)`; `end` may be 0 to mean 2^64 only through `capped`.
struct AddrRange: Hashable, Sendable, Comparable {
    var base: UInt64
    var end: UInt64

    var size: UInt64 { end &- base }
    var isEmpty: Bool { end <= base }

    /// `[base, base + size)` with the end capped at 2^64 − 1, as memblock caps it.
    static func capped(_ base: UInt64, _ size: UInt64) -> AddrRange {
        AddrRange(base: base, end: base &+ Swift.min(size, UInt64.max - base))
    }

    /// The range an inclusive `[base-last]` line describes (empty when last < base).
    static func inclusive(_ base: UInt64, _ last: UInt64) -> AddrRange {
        last < base ? AddrRange(base: base, end: base) : AddrRange(base: base, end: last == .max ? .max : last + 1)
    }

    static func < (a: AddrRange, b: AddrRange) -> Bool { a.base < b.base || (a.base == b.base && a.end < b.end) }
}

/// Sorted, disjoint, non-touching ranges.
struct RangeSet: Hashable, Sendable {
    private(set) var ranges: [AddrRange] = []

    init() {}

    /// The union of `ranges` (sorted first, so building is O(n log n) in any input order).
    init(_ ranges: [AddrRange]) {
        for r in ranges.filter({ !$0.isEmpty }).sorted() {
            if let last = self.ranges.last, r.base <= last.end {
                self.ranges[self.ranges.count - 1].end = Swift.max(last.end, r.end)
            } else {
                self.ranges.append(r)
            }
        }
    }

    /// The parts of `r` not in the set.
    func gaps(in r: AddrRange) -> [AddrRange] {
        var out: [AddrRange] = []
        var cursor = r.base
        for covered in intersection(r) {
            if covered.base > cursor { out.append(AddrRange(base: cursor, end: covered.base)) }
            cursor = covered.end
        }
        if cursor < r.end { out.append(AddrRange(base: cursor, end: r.end)) }
        return out
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// The first index whose range ends at or after `addr` (touching counts).
    private func lowerIndex(_ addr: UInt64) -> Int {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].end < addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Adds a range, joining what it touches.
    mutating func insert(_ r: AddrRange) {
        guard !r.isEmpty else { return }
        let i = lowerIndex(r.base)
        var j = i
        var merged = r
        while j < ranges.count && ranges[j].base <= merged.end {
            merged.base = Swift.min(merged.base, ranges[j].base)
            merged.end = Swift.max(merged.end, ranges[j].end)
            j += 1
        }
        ranges.replaceSubrange(i..<j, with: [merged])
    }

    /// Takes a range out.
    mutating func remove(_ r: AddrRange) {
        guard !r.isEmpty else { return }
        var i = lowerIndex(r.base)
        if i < ranges.count && ranges[i].end == r.base { i += 1 }
        var j = i
        var keep: [AddrRange] = []
        while j < ranges.count && ranges[j].base < r.end {
            let x = ranges[j]
            if x.base < r.base { keep.append(AddrRange(base: x.base, end: r.base)) }
            if x.end > r.end { keep.append(AddrRange(base: r.end, end: x.end)) }
            j += 1
        }
        ranges.replaceSubrange(i..<j, with: keep)
    }

    /// `self − other`.
    func subtracting(_ other: RangeSet) -> RangeSet {
        var out = self
        for r in other.ranges { out.remove(r) }
        return out
    }

    /// The parts of `r` inside the set.
    func intersection(_ r: AddrRange) -> [AddrRange] {
        var out: [AddrRange] = []
        var i = lowerIndex(r.base)
        while i < ranges.count && ranges[i].base < r.end {
            let b = Swift.max(ranges[i].base, r.base), e = Swift.min(ranges[i].end, r.end)
            if b < e { out.append(AddrRange(base: b, end: e)) }
            i += 1
        }
        return out
    }

    /// True when some part of `r` is in the set.
    func overlaps(_ r: AddrRange) -> Bool { !intersection(r).isEmpty }

    /// True when all of `r` is in the set.
    func contains(_ r: AddrRange) -> Bool {
        let parts = intersection(r)
        return parts.count == 1 && parts[0] == r
    }
}

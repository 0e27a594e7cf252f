import Memblock

/// The map between physical addresses and band columns: pure arithmetic, no drawing.
///
/// A scale is a list of segments, each mapping an address interval linearly onto a run of
/// whole columns. The linear scale has one segment. The holes-compressed scale turns each
/// long hole into a one-column gap marker and shares the other columns among the
/// populated spans in proportion to their size, with a minimum width, so a small region far
/// from the others still gets its own columns.
public struct AddressScale: Hashable, Sendable {
    /// One piece of the map: `[lo, hi)` spread over columns `[column, column + width)`.
    public struct Segment: Hashable, Sendable {
        /// First address.
        public var lo: PhysAddr
        /// One past the last address.
        public var hi: PhysAddr
        /// First column.
        public var column: Int
        /// Number of columns (at least 1).
        public var width: Int
        /// True for a compressed hole, drawn as a one-column marker.
        public var isGap: Bool
    }

    /// The addresses shown.
    public let window: AddressWindow
    /// The number of columns.
    public let columns: Int
    /// How the map was built.
    public let mode: UIState.ScaleMode
    /// The pieces, in address (and column) order, covering every column exactly once.
    public let segments: [Segment]

    /// A proportional map of `window` onto `columns` columns.
    public static func linear(_ window: AddressWindow, columns: Int) -> AddressScale {
        let n = Swift.max(1, columns)
        return AddressScale(window: window, columns: n, mode: .linear,
                            segments: [Segment(lo: window.lo, hi: window.hi, column: 0, width: n, isGap: false)])
    }

    private init(window: AddressWindow, columns: Int, mode: UIState.ScaleMode, segments: [Segment]) {
        self.window = window
        self.columns = columns
        self.mode = mode
        self.segments = segments
    }

    /// The column `addr` falls in, with its fraction: `2.5` is the middle of column 2.
    /// Addresses outside the window clamp to `0` or `columns`; a compressed hole maps to
    /// the middle of its marker.
    public func column(of addr: PhysAddr) -> Double {
        if addr <= window.lo { return 0 }
        if addr >= window.hi { return Double(columns) }
        let s = segments[segmentIndex(containing: addr)]
        if s.isGap { return Double(s.column) + 0.5 }
        let f = Double(addr - s.lo) / Double(s.hi - s.lo)
        return Double(s.column) + f * Double(s.width)
    }

    /// The address range column `c` covers (clamped to the columns). Columns of a very
    /// deep zoom may cover a single address.
    public func range(ofColumn c: Int) -> AddressWindow {
        let c = Swift.min(Swift.max(0, c), columns - 1)
        let s = segments[segmentIndex(ofColumn: c)]
        if s.isGap { return AddressWindow(lo: s.lo, hi: s.hi) }
        let k = c - s.column
        return AddressWindow(lo: s.boundary(k), hi: s.boundary(k + 1))
    }

    /// True when column `c` is a compressed hole's marker.
    public func isGapColumn(_ c: Int) -> Bool {
        guard c >= 0 && c < columns else { return false }
        return segments[segmentIndex(ofColumn: c)].isGap
    }

    /// The index of the segment holding column `c`.
    func segmentIndex(ofColumn c: Int) -> Int {
        var lo = 0, hi = segments.count
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if segments[mid].column <= c { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The index of the segment holding `addr` (the last one starting at or below it).
    func segmentIndex(containing addr: PhysAddr) -> Int {
        var lo = 0, hi = segments.count
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if segments[mid].lo <= addr { lo = mid } else { hi = mid }
        }
        return lo
    }
}

extension AddressScale.Segment {
    /// The address where column `k` of this segment starts: `lo + ⌊len · k / width⌋`,
    /// exact for any 64-bit window.
    @inline(__always)
    func boundary(_ k: Int) -> PhysAddr {
        if k <= 0 { return lo }
        if k >= width { return hi }
        let len = hi - lo
        let product = len.multipliedFullWidth(by: UInt64(k))
        return lo + UInt64(width).dividingFullWidth(product).quotient
    }
}

extension AddressScale {
    /// The window that shows every region: from 0 to the highest end of any memory,
    /// reserved or physmem region (4 GiB when the state holds none).
    public static func fitWindow(_ state: Memblock) -> AddressWindow {
        var top: PhysAddr = 0
        for kind in MemblockTypeKind.allCases {
            let t = state.type(kind)
            if t.isEmpty { continue }
            let last = t.regions[t.cnt - 1]
            top = Swift.max(top, last.base.addingReportingOverflow(last.size).overflow ? .max : last.end)
        }
        return AddressWindow(lo: 0, hi: top == 0 ? 1 << 32 : top)
    }

    /// The scale a band of `columns` columns uses for `state`: the zoom window (or the fit
    /// window) in the given mode.
    public init(state: Memblock, zoom: AddressWindow?, columns: Int, mode: UIState.ScaleMode) {
        let window = zoom ?? AddressScale.fitWindow(state)
        switch mode {
        case .linear:
            self = .linear(window, columns: columns)
        case .holesCompressed:
            self = .holesCompressed(window, columns: columns, holes: HoleFinder.holes(in: state, window: window,
                                                                                    minLength: Self.minHole(window, columns)))
        }
    }

    /// The shortest hole worth compressing: two columns of the linear scale.
    static func minHole(_ window: AddressWindow, _ columns: Int) -> PhysAddr {
        let perColumn = window.length / UInt64(Swift.max(1, columns))
        return perColumn > PhysAddr.max / 2 ? .max : Swift.max(1, perColumn * 2)
    }

    /// A holes-compressed map of `window`: the longest `holes` (sorted, disjoint, inside the
    /// window) become one-column markers, at most a quarter of the columns; the spans
    /// between them share the rest in proportion to their length, each at least two
    /// columns where there is room (one where there is not).
    public static func holesCompressed(_ window: AddressWindow, columns: Int, holes: [AddressWindow]) -> AddressScale {
        let n = Swift.max(1, columns)
        let maxGaps = n / 4
        guard maxGaps > 0, !holes.isEmpty else { return linear(window, columns: n) }
        var chosen = holes
        if chosen.count > maxGaps {
            chosen = Array(chosen.sorted { $0.length > $1.length }.prefix(maxGaps)).sorted { $0.lo < $1.lo }
        }
        // The pieces in order: content spans between the chosen holes, and the holes.
        var pieces: [(lo: PhysAddr, hi: PhysAddr, gap: Bool)] = []
        var cursor = window.lo
        for h in chosen {
            let lo = Swift.max(h.lo, window.lo), hi = Swift.min(h.hi, window.hi)
            if lo >= hi { continue }
            if lo > cursor { pieces.append((cursor, lo, false)) }
            pieces.append((lo, hi, true))
            cursor = hi
        }
        if cursor < window.hi { pieces.append((cursor, window.hi, false)) }
        let gapCount = pieces.filter(\.gap).count
        let spans = pieces.filter { !$0.gap }.map { $0.hi - $0.lo }
        let widths = shareColumns(n - gapCount, among: spans)
        var segments: [Segment] = []
        var col = 0, spanIndex = 0
        for p in pieces {
            let w: Int
            if p.gap { w = 1 } else { w = widths[spanIndex]; spanIndex += 1 }
            segments.append(Segment(lo: p.lo, hi: p.hi, column: col, width: w, isGap: p.gap))
            col += w
        }
        return AddressScale(window: window, columns: n, mode: .holesCompressed, segments: segments)
    }

    /// Splits `total` columns among spans of the given lengths: proportional, each at least
    /// `min(2, total / count)` (and 1), with the rounding remainder going to the largest
    /// fractional shares. The widths sum to `total`.
    static func shareColumns(_ total: Int, among lengths: [UInt64]) -> [Int] {
        let count = lengths.count
        if count == 0 { return [] }
        let minimum = Swift.max(1, Swift.min(2, total / count))
        var fixed = [Bool](repeating: false, count: count)
        var widths = [Double](repeating: 0, count: count)
        // Water-filling: spans whose share is below the minimum get the minimum; the rest
        // share what is left. Each round fixes at least one span or ends.
        while true {
            var freeColumns = Double(total), freeBytes = 0.0
            for i in 0..<count {
                if fixed[i] { freeColumns -= Double(minimum) } else { freeBytes += Double(lengths[i]) }
            }
            var changed = false
            for i in 0..<count where !fixed[i] {
                let share = freeBytes > 0 ? freeColumns * Double(lengths[i]) / freeBytes : 0
                if share < Double(minimum) { fixed[i] = true; changed = true } else { widths[i] = share }
            }
            if !changed { break }
        }
        var result = (0..<count).map { fixed[$0] ? minimum : Int(widths[$0]) }
        var remainder = total - result.reduce(0, +)
        let order = (0..<count).filter { !fixed[$0] }.sorted {
            (widths[$0] - Double(result[$0])) > (widths[$1] - Double(result[$1]))
        }
        var k = 0
        while remainder > 0 && !order.isEmpty {
            result[order[k % order.count]] += 1
            remainder -= 1
            k += 1
        }
        // Too many spans for the columns: take from the widest until the sum fits.
        while remainder < 0, let widest = result.indices.max(by: { result[$0] < result[$1] }), result[widest] > 1 {
            result[widest] -= 1
            remainder += 1
        }
        return result
    }
}

/// Finds the holes of a state: address ranges inside a window that no memory, reserved or
/// physmem region touches.
enum HoleFinder {
    /// The holes of at least `minLength` bytes in `window`, in address order, found by one
    /// merged walk over the three sorted region arrays.
    static func holes(in state: Memblock, window: AddressWindow, minLength: PhysAddr) -> [AddressWindow] {
        let arrays = MemblockTypeKind.allCases.map { state.type($0) }.filter { !$0.isEmpty }.map(\.regions)
        var idx = arrays.map { regions in firstEnding(above: window.lo, regions) }
        var result: [AddressWindow] = []
        var covered = window.lo  // everything below this is region or already recorded
        while covered < window.hi {
            // The next region start at or after `covered` among the three arrays.
            var next: MemblockRegion?
            var which = -1
            for a in 0..<arrays.count where idx[a] < arrays[a].count {
                let r = arrays[a][idx[a]]
                if next == nil || r.base < next!.base { next = r; which = a }
            }
            guard let r = next else {
                if window.hi - covered >= minLength { result.append(AddressWindow(lo: covered, hi: window.hi)) }
                break
            }
            idx[which] += 1
            if r.base > covered {
                let hi = Swift.min(r.base, window.hi)
                if hi > covered && hi - covered >= minLength { result.append(AddressWindow(lo: covered, hi: hi)) }
            }
            let end = r.base.addingReportingOverflow(r.size).overflow ? PhysAddr.max : r.end
            covered = Swift.max(covered, end)
        }
        return result
    }

    /// The index of the first region ending above `addr`.
    static func firstEnding<C: RandomAccessCollection>(above addr: PhysAddr, _ regions: C) -> Int
    where C.Element == MemblockRegion, C.Index == Int {
        var lo = 0, hi = regions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if regions[mid].end <= addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

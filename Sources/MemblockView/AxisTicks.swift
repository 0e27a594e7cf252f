import Memblock

/// Tick labels for an address axis: chosen so that they never overlap and never run past
/// the last column.
public enum AxisTicks {
    /// One label: its text starts at `column`, the column of the address it names.
    public struct Tick: Hashable, Sendable {
        /// The first column of the label (the tick's own column).
        public var column: Int
        /// The address.
        public var address: PhysAddr
        /// The text: every tick of an axis in one unit (`ViewFormat.labels`).
        public var label: String
    }

    /// The ticks for a scale, left to right. Linear: multiples of the smallest power of two
    /// whose labels fit with a space between them. Holes-compressed: the start of every
    /// span first, then round addresses inside the spans where they fit.
    public static func ticks(for scale: AddressScale) -> [Tick] {
        var starts: [PhysAddr] = [], round: [PhysAddr] = []
        for s in scale.segments where !s.isGap {
            starts.append(s.lo)
            round += roundTicks(lo: s.lo, hi: s.hi, width: s.width).filter { $0 != s.lo }
        }
        // One unit for the whole axis, the round ticks': those that do not read in it are
        // left off, span starts that do not are given in hex.
        let unit = ViewFormat.axisUnit(round.isEmpty ? starts : round)
        var candidates: [(tick: Tick, priority: Int)] = starts.map { (tick(scale, $0, ViewFormat.label($0, unit: unit)), 1) }
        for addr in round {
            let label = ViewFormat.label(addr, unit: unit)
            if !label.hasPrefix("0x") { candidates.append((tick(scale, addr, label), 0)) }
        }
        return place(candidates, columns: scale.columns)
    }

    /// A tick for `addr` at the column holding it.
    static func tick(_ scale: AddressScale, _ addr: PhysAddr, _ label: String) -> Tick {
        let c = Int(scale.column(of: addr).rounded(.down))
        return Tick(column: Swift.min(c, scale.columns - 1), address: addr, label: label)
    }

    /// Multiples of the smallest power of two in `[lo, hi)` whose labels, spread over
    /// `width` columns, leave a space between neighbours; steps whose labels are all short
    /// (`60.5G`, not `61952M`) are preferred.
    static func roundTicks(lo: PhysAddr, hi: PhysAddr, width: Int) -> [PhysAddr] {
        let short = roundTicks(lo: lo, hi: hi, width: width, maxLabel: 5)
        return short.isEmpty ? roundTicks(lo: lo, hi: hi, width: width, maxLabel: .max) : short
    }

    /// As `roundTicks(lo:hi:width:)`, taking only steps whose labels are at most `maxLabel`
    /// characters long.
    static func roundTicks(lo: PhysAddr, hi: PhysAddr, width: Int, maxLabel: Int) -> [PhysAddr] {
        guard hi > lo, width > 0 else { return [] }
        let len = Double(hi - lo)
        for shift in 0..<64 {
            let step = UInt64(1) << UInt64(shift)
            let spacing = Double(step) / len * Double(width)
            if spacing < 2 { continue }
            let rem = lo % step
            let (first, overflow) = rem == 0 ? (lo, false) : lo.addingReportingOverflow(step - rem)
            if overflow { return [] }
            var ticks: [PhysAddr] = []
            var fits = true
            var t = first
            while t < hi {
                ticks.append(t)
                let (next, overflow) = t.addingReportingOverflow(step)
                if overflow { break }
                t = next
            }
            let labels = ViewFormat.labels(ticks)
            for i in 0..<ticks.count {
                // Label i must end (plus one space) before label i+1 starts; the worst case
                // is the longer label at the shortest spacing.
                let length = labels[i].count
                if length > maxLabel || (i + 1 < ticks.count && spacing < Double(length + 1)) { fits = false; break }
            }
            if fits { return ticks }
        }
        return []
    }

    /// Greedy placement: highest priority first, then left to right; a label is kept when
    /// it fits inside the columns and keeps one blank column to either neighbour.
    static func place(_ candidates: [(tick: Tick, priority: Int)], columns: Int) -> [Tick] {
        let ordered = candidates.sorted {
            $0.priority != $1.priority ? $0.priority > $1.priority : $0.tick.column < $1.tick.column
        }
        var kept: [Tick] = []
        for (t, _) in ordered {
            let start = t.column, end = t.column + t.label.count  // exclusive
            if start < 0 || end > columns { continue }
            let clashes = kept.contains { k in
                let kEnd = k.column + k.label.count
                return start < kEnd + 1 && k.column < end + 1
            }
            if !clashes { kept.append(t) }
        }
        return kept.sorted { $0.column < $1.column }
    }
}

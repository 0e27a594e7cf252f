import Memblock

/// The explain panel's clamp axis: one search's window on an address axis of its own,
/// from 0 to the end of memory (or to half again past a window that ends well below it),
/// with what set each end of it:
///
/// ```
///   ┈┈[━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━◆━━)┈┈┈┈┈┈┈┈┈┈┈┈ 5G
///     ↑ 4K  PAGE_SIZE floor (asked 0)          current_limit 4G ↑
/// ```
///
/// `━` is the window the search may use, `┈` the addresses outside it, `◆` the address it
/// returned. The start is the caller's min_addr raised to PAGE_SIZE (page 0 is never
/// returned); the end is max_addr, or `current_limit` for ACCESSIBLE.
enum ClampAxis {
    /// The axis row and its label row(s) for `s`, `width` columns wide; none when too narrow.
    static func lines(_ s: SearchRecord, _ state: Memblock, width: Int) -> [ExplainView.Line] {
        let indent = 2
        let memEnd = state.memory.isEmpty ? s.end : state.memory.regions[state.memory.cnt - 1].end
        // To the end of memory, or half as far again as a window that ends well before it,
        // so a window below 1 MiB is not one column of a 5 GiB axis.
        let reach = s.end < memEnd / 2 ? s.end + s.end / 2 : memEnd
        let axisEnd = Swift.max(reach, s.start &+ 1)
        let endText = " " + ViewFormat.axisLabel(axisEnd)
        let columns = width - indent - endText.count - 1
        guard columns >= 16, axisEnd > 0 else { return [] }
        func column(_ a: PhysAddr) -> Int {
            let c = Int((Double(Swift.min(a, axisEnd)) / Double(axisEnd) * Double(columns)).rounded(.down))
            return Swift.min(columns - 1, Swift.max(0, c))
        }
        let lo = column(s.start), hi = s.end >= axisEnd ? columns - 1 : column(s.end)
        var cells = [(Character, StyleRole)](repeating: ("┈", .dim), count: columns)
        for c in lo...Swift.max(lo, hi) { cells[c] = ("━", .ok) }
        cells[lo] = ("[", .title)
        cells[Swift.max(lo, hi)] = (")", .title)
        if s.result != 0 { cells[column(s.result)] = ("◆", .highlight) }
        var axis: ExplainView.Line = [(String(repeating: " ", count: indent), .normal)]
        for (ch, role) in cells {
            if let last = axis.last, last.1 == role { axis[axis.count - 1].0.append(ch) } else { axis.append((String(ch), role)) }
        }
        axis.append((endText, .dim))
        return [axis] + labelRows(startLabel(s, state), at: indent + lo, endLabel(s), at: indent + Swift.max(lo, hi),
                                  width: width)
    }

    /// `↑ 4K PAGE_SIZE floor (asked 0)`, `↑ 16M min_addr`, or `↑ 0`.
    static func startLabel(_ s: SearchRecord, _ state: Memblock) -> String {
        let at = "↑ " + ViewFormat.boundary(s.start)
        if s.requestedStart < state.config.pageSize && s.start == state.config.pageSize {
            return at + " PAGE_SIZE floor" + (s.requestedStart == 0 ? "" : " (asked \(ViewFormat.boundary(s.requestedStart)))")
        }
        return s.requestedStart > 0 ? at + " min_addr" : at
    }

    /// `current_limit 4G ↑` (for ACCESSIBLE), `max_addr 16M ↑`, or `ANYWHERE: no limit ↑`.
    static func endLabel(_ s: SearchRecord) -> String {
        switch s.requestedEnd {
        case memblockAllocAccessible, memblockAllocNoLeakTrace:
            return "current_limit " + (s.end == memblockAllocAnywhere ? "ANYWHERE" : ViewFormat.boundary(s.end)) + " ↑"
        case memblockAllocAnywhere:
            return "ANYWHERE: no limit ↑"
        default:
            return "max_addr \(ViewFormat.boundary(s.end)) ↑"
        }
    }

    /// The start label from column `a`, the end label ending at column `b`: on one row when
    /// they leave a gap, else on two.
    static func labelRows(_ start: String, at a: Int, _ end: String, at b: Int, width: Int) -> [ExplainView.Line] {
        let endX = Swift.max(0, b + 1 - end.count)
        let startX = Swift.min(a, Swift.max(0, width - start.count))
        if startX + start.count + 2 <= endX {
            return [[(String(repeating: " ", count: startX), .normal), (start, .warning),
                     (String(repeating: " ", count: endX - startX - start.count), .normal), (end, .warning)]]
        }
        return [[(String(repeating: " ", count: startX), .normal), (start, .warning)],
                [(String(repeating: " ", count: endX), .normal), (end, .warning)]]
    }
}

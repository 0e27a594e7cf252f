/// Small drawing helpers shared by the widgets.
extension Buffer {
    /// Writes `text` so that it ends just before column `rightEdge` (clipped on the left at
    /// `minX`); returns the column where it starts.
    @discardableResult
    mutating func putRight(_ text: String, rightEdge: Int, y: Int, role: StyleRole = .normal,
                           bold: Bool = false, minX: Int = 0) -> Int {
        let n = text.count
        let start = Swift.max(minX, rightEdge - n)
        let skip = start - (rightEdge - n)
        put(String(text.dropFirst(skip)), x: start, y: y, role: role, bold: bold, maxWidth: rightEdge - start)
        return start
    }

    /// Writes `text` centred in `rect`'s row `y`, clipped to the rectangle.
    mutating func putCentered(_ text: String, in rect: Rect, y: Int, role: StyleRole = .normal, bold: Bool = false) {
        let n = Swift.min(text.count, rect.width)
        let x = rect.x + (rect.width - n) / 2
        put(text, x: x, y: y, role: role, bold: bold, maxWidth: n)
    }

    /// Writes runs of styled text left to right from `x`, stopping at `maxX`; returns the
    /// column after the last character.
    @discardableResult
    mutating func putRuns(_ runs: [(String, StyleRole)], x: Int, y: Int, maxX: Int, bold: Bool = false) -> Int {
        var col = x
        for (text, role) in runs {
            if col >= maxX { break }
            col = put(text, x: col, y: y, role: role, bold: bold, maxWidth: maxX - col)
        }
        return col
    }

    /// Clears a rectangle to blank cells.
    mutating func clear(_ rect: Rect) { fill(rect, with: .blank) }

    /// A pane's title rule across `rect`'s first row:
    /// `─ Title ─────────────── key desc · key desc ─`, with key hints at the right when
    /// they fit. The title is bold when the pane has the focus.
    mutating func drawTitleRule(_ rect: Rect, title: String, focused: Bool = false,
                                hints: [(key: String, action: String)] = [], extra: [(String, StyleRole)] = []) {
        if rect.isEmpty { return }
        let y = rect.y
        fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell("─", focused ? .title : .border))
        var col = put(focused ? "━ " : "─ ", x: rect.x, y: y, role: focused ? .title : .border, maxWidth: rect.width)
        col = put(title, x: col, y: y, role: .title, bold: focused, maxWidth: rect.maxX - col)
        if col < rect.maxX { self[col, y] = Cell(" ", .normal); col += 1 }
        if !extra.isEmpty {
            col = putRuns(extra, x: col, y: y, maxX: rect.maxX - 1)
            if col < rect.maxX { self[col, y] = Cell(" ", .normal); col += 1 }
        }
        // Key hints, right-aligned, only when they all fit after the title.
        var hintRuns: [(String, StyleRole)] = []
        for (i, h) in hints.enumerated() {
            hintRuns.append((i == 0 ? " " : " · ", .dim))
            hintRuns.append((h.key, .key))
            hintRuns.append((" " + h.action, .dim))
        }
        if !hintRuns.isEmpty { hintRuns.append((" ", .dim)) }
        let hintWidth = hintRuns.reduce(0) { $0 + $1.0.count }
        let start = rect.maxX - 2 - hintWidth
        if hintWidth > 0 && start >= col + 1 {
            putRuns(hintRuns, x: start, y: y, maxX: rect.maxX - 1)
        }
    }

    /// A box border around `rect` (rounded corners) with a title in the top edge.
    mutating func drawBox(_ rect: Rect, title: String, role: StyleRole = .border) {
        guard rect.width >= 2 && rect.height >= 2 else { return }
        let x1 = rect.maxX - 1, y1 = rect.maxY - 1
        for x in rect.x...x1 {
            self[x, rect.y] = Cell("─", role)
            self[x, y1] = Cell("─", role)
        }
        for y in rect.y...y1 {
            self[rect.x, y] = Cell("│", role)
            self[x1, y] = Cell("│", role)
        }
        self[rect.x, rect.y] = Cell("╭", role)
        self[x1, rect.y] = Cell("╮", role)
        self[rect.x, y1] = Cell("╰", role)
        self[x1, y1] = Cell("╯", role)
        if rect.width > 4 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, role: .title, bold: true, maxWidth: rect.width - 4)
        }
    }
}

/// Wraps a line of styled runs to `width` columns, breaking after a space where one lies in
/// the second half of the row; continuation lines start with `indent` spaces. At most
/// `maxLines` lines (the rest is dropped).
func wrapRuns(_ line: [(String, StyleRole)], width: Int, indent: Int = 4, maxLines: Int = 8) -> [[(String, StyleRole)]] {
    guard width > indent + 4 else { return [line] }
    var chars: [(Character, StyleRole)] = []
    for (text, role) in line { for ch in text { chars.append((ch, role)) } }
    var out: [[(String, StyleRole)]] = []
    var start = 0
    while start < chars.count && out.count < maxLines {
        let lead = out.isEmpty ? 0 : indent
        let room = width - lead
        var end = Swift.min(chars.count, start + room)
        if end < chars.count, let space = (start + room / 2..<end).last(where: { chars[$0].0 == " " }) {
            end = space + 1
        }
        var runs: [(String, StyleRole)] = lead > 0 ? [(String(repeating: " ", count: lead), .normal)] : []
        for (ch, role) in chars[start..<end] {
            if let last = runs.last, last.1 == role, !(lead > 0 && runs.count == 1) {
                runs[runs.count - 1].0.append(ch)
            } else {
                runs.append((String(ch), role))
            }
        }
        out.append(runs)
        start = end
        while start < chars.count && chars[start].0 == " " { start += 1 }
    }
    return out
}

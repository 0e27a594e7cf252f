/// Turns a sequence of frames into terminal output that repaints only what changed, as a
/// screen-updating program would: the first frame (and any frame of another size) clears
/// the screen and draws every cell; later frames move the cursor (CUP, `ESC[row;colH`) to
/// each run of changed cells and write them, switching style (SGR) only where it changes.
///
/// It keeps the cursor position and the current style between frames, so the output of
/// consecutive `encode` calls must be played in order (a recording's events are).
public struct ANSIFrameEncoder: Sendable {
    /// How colours are written.
    public enum ColorDepth: String, Hashable, Sendable {
        /// `38;5;N`: the nearest xterm 256-colour entry, as `mbviz render --format ansi`
        /// writes. The built-in themes use palette colours only, so nothing is lost, and
        /// the sequences are half as long as `truecolor`'s.
        case xterm256
        /// `38;2;R;G;B`: the theme's exact colours (asciinema's player and most terminals).
        case truecolor
    }

    /// The theme whose styles the SGR sequences select.
    public let theme: Theme
    /// How colours are written.
    public let colorDepth: ColorDepth
    private var previous: Buffer?
    private var cursor: (x: Int, y: Int)?
    private var pen: PenKey?
    private var sgrCache: [PenKey: String] = [:]

    private struct PenKey: Hashable { var role: StyleRole; var bold: Bool }

    /// An encoder that has drawn nothing yet.
    public init(theme: Theme, colorDepth: ColorDepth = .xterm256) {
        self.theme = theme
        self.colorDepth = colorDepth
    }

    /// The bytes that turn the screen showing the previous frame into `buffer` (the whole
    /// screen for the first frame); empty when nothing changed.
    public mutating func encode(_ buffer: Buffer) -> String {
        var out = ""
        let full: Bool
        if let p = previous, p.width == buffer.width, p.height == buffer.height {
            full = false
        } else {
            // Reset the style, hide the cursor (it would wander over the picture), clear.
            out += "\u{1b}[0m\u{1b}[?25l\u{1b}[2J\u{1b}[H"
            cursor = (0, 0)
            pen = nil
            full = true
        }
        out.reserveCapacity(full ? buffer.width * buffer.height * 3 : 256)
        if !full { scrollMovedRows(buffer, into: &out) }
        for y in 0..<buffer.height {
            encodeRow(y, buffer, full: full, into: &out)
        }
        previous = buffer
        return out
    }

    /// Forgets the screen: the next frame is drawn in full.
    public mutating func reset() {
        previous = nil
        cursor = nil
        pen = nil
    }

    /// Rows that moved up as a block (the event log scrolling by a line) are scrolled rather
    /// than rewritten, as ncurses does: inside a scrolling region (DECSTBM, `ESC[top;bottomr`)
    /// scroll up (SU, `ESC[nS`), then reset the region. Only whole rows move this way, and
    /// only runs of at least `minimumScrollRun` rows that changed in place.
    private mutating func scrollMovedRows(_ buffer: Buffer, into out: inout String) {
        guard var old = previous else { return }
        let h = buffer.height
        var y = 0
        while y < h {
            var best: (shift: Int, end: Int)?
            if !Self.sameRow(buffer, y, old, y) {
                for k in 1...Self.maximumScroll where y + k < h {
                    var e = y
                    while e + k < h && Self.sameRow(buffer, e, old, e + k) { e += 1 }
                    if e - y >= Self.minimumScrollRun && e - y > (best.map { $0.end - y } ?? 0) { best = (k, e) }
                }
            }
            guard let b = best else { y += 1; continue }
            let bottom = b.end + b.shift - 1
            // Lines scrolled in take the current background: start from the default style.
            out += "\u{1b}[0m\u{1b}[\(y + 1);\(bottom + 1)r\u{1b}[\(b.shift)S\u{1b}[r"
            pen = nil
            cursor = (0, 0)  // setting and resetting the region homes the cursor
            old.shiftRows(y...bottom, up: b.shift, fill: scrolledInCell)
            y = bottom + 1
        }
        previous = old
    }

    /// The most rows one scroll moves.
    static let maximumScroll = 4
    /// The fewest moved rows worth a scroll (its sequences cost about as much as a short row).
    static let minimumScrollRun = 3

    /// What a line scrolled in shows: a blank in the default style, or — when the theme's
    /// `normal` style paints a background the terminal's default does not have — a cell that
    /// matches nothing, so the row is drawn again.
    private var scrolledInCell: Cell {
        let normal = theme.style(.normal)
        return normal.background == nil && !normal.reverse ? .blank : Cell("\u{0}")
    }

    /// True when row `ya` of `a` and row `yb` of `b` hold the same cells.
    static func sameRow(_ a: Buffer, _ ya: Int, _ b: Buffer, _ yb: Int) -> Bool {
        a.cells[(ya * a.width)..<((ya + 1) * a.width)] == b.cells[(yb * b.width)..<((yb + 1) * b.width)]
    }

    /// The changed cells of one row (every cell when `full`, except blanks a fresh screen
    /// already shows). Between two changed cells the encoder either moves the cursor or
    /// rewrites the unchanged cells in between, whichever takes fewer bytes in the recording.
    private mutating func encodeRow(_ y: Int, _ buffer: Buffer, full: Bool, into out: inout String) {
        var x = 0
        while x < buffer.width {
            guard changed(x, y, buffer, full: full) else { x += 1; continue }
            moveOrBridge(to: x, y, buffer, into: &out)
            writeCell(x, y, buffer, into: &out)
            x += 1
        }
    }

    private func changed(_ x: Int, _ y: Int, _ buffer: Buffer, full: Bool) -> Bool {
        let cell = buffer[x, y]
        if full {
            let normal = theme.style(.normal)
            return cell != .blank || normal.background != nil || normal.reverse
        }
        return previous![x, y] != cell
    }

    /// Puts the cursor on `(x, y)`: nothing when it is there, the cells in between when that
    /// is cheaper, else CUF (`ESC[nC`) along the row or CUP (`ESC[row;colH`).
    private mutating func moveOrBridge(to x: Int, _ y: Int, _ buffer: Buffer, into out: inout String) {
        if let c = cursor, c.y == y {
            if c.x == x { return }
            if c.x < x {
                let move = "\u{1b}[\(x - c.x)C"
                if x - c.x <= 24 && bridgeCost(from: c.x, to: x, y, buffer) <= Self.recordedBytes(move) {
                    for bx in c.x..<x { writeCell(bx, y, buffer, into: &out) }
                } else {
                    out += move
                    cursor = (x, y)
                }
                return
            }
        }
        out += x == 0 ? "\u{1b}[\(y + 1)H" : "\u{1b}[\(y + 1);\(x + 1)H"
        cursor = (x, y)
    }

    /// The recorded bytes of rewriting cells `x0..<x1` of row `y`, style switches included.
    private mutating func bridgeCost(from x0: Int, to x1: Int, _ y: Int, _ buffer: Buffer) -> Int {
        var cost = 0
        var p = pen
        for x in x0..<x1 {
            let cell = buffer[x, y]
            let key = PenKey(role: cell.role, bold: cell.bold)
            if p != key {
                cost += Self.recordedBytes(sgr(key))
                p = key
            }
            cost += Self.recordedBytes(cell.character)
        }
        return cost
    }

    /// Bytes a piece of output takes in a recording, where it is a JSON string: ESC (and
    /// any control character) as `\u001b`, quotes and backslashes escaped, the rest UTF-8.
    static func recordedBytes<S: StringProtocol>(_ text: S) -> Int {
        var n = 0
        for b in text.utf8 {
            n += b < 0x20 ? 6 : (b == 0x22 || b == 0x5c) ? 2 : 1
        }
        return n
    }

    /// As `recordedBytes(_:)` for one character.
    static func recordedBytes(_ ch: Character) -> Int {
        if let a = ch.asciiValue { return a < 0x20 ? 6 : (a == 0x22 || a == 0x5c) ? 2 : 1 }
        return ch.utf8.count
    }

    /// Writes one cell, switching style first if needed.
    private mutating func writeCell(_ x: Int, _ y: Int, _ buffer: Buffer, into out: inout String) {
        let cell = buffer[x, y]
        let key = PenKey(role: cell.role, bold: cell.bold)
        if pen != key {
            out += sgr(key)
            pen = key
        }
        out.append(cell.character)
        // After the last column the terminal's cursor waits to wrap: its position is no
        // longer the next cell, so the next write must move it first.
        cursor = x + 1 < buffer.width ? (x + 1, y) : nil
    }

    private mutating func sgr(_ key: PenKey) -> String {
        if let s = sgrCache[key] { return s }
        let s = Self.sgr(theme.style(key.role), extraBold: key.bold, depth: colorDepth)
        sgrCache[key] = s
        return s
    }

    /// The SGR sequence that selects `style` from any state (it starts with a reset).
    public static func sgr(_ style: Style, extraBold: Bool = false, depth: ColorDepth) -> String {
        HeadlessOutput.sgr(style, extraBold: extraBold, trueColor: depth != .xterm256)
    }
}

extension Buffer {
    /// Moves rows `rows` up by `shift` as a terminal scrolling region does: the top `shift`
    /// rows go, the others move up, and `shift` rows of `fill` come in at the bottom.
    mutating func shiftRows(_ rows: ClosedRange<Int>, up shift: Int, fill: Cell) {
        for y in rows {
            for x in 0..<width {
                self[x, y] = y + shift <= rows.upperBound ? self[x, y + shift] : fill
            }
        }
    }
}

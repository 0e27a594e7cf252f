/// The caption: the one thing the audience reads. A step's `@note` (or, in lecture mode
/// without one, the phase's name), shown whole: wrapped over as many rows as it needs,
/// never cut while the screen has room for it.
///
/// Two looks:
/// - `.line`: the text on the caption role's band, one space in from each edge.
/// - `.large` (lecture mode, projectors): the text set in a box across the full width, the
///   phase named in the box's top edge, with a blank row above and below the text and three
///   columns of padding at each side, so it reads from the back of a room. When the rows it
///   is given are fewer than it asks for, it gives up the padding rows first, then the box,
///   and only then cuts the text (ending in `…`).
public enum CaptionView {
    /// How the caption is set.
    public enum Mode: Hashable, Sendable {
        /// Wrapped text on one band of the caption role.
        case line
        /// Boxed, padded, across the full width.
        case large
    }

    /// Columns of padding inside the large caption's box, at each side.
    static let largePadding = 3

    /// The text the caption shows for `scene`: its `@note`, else in lecture mode the phase
    /// (`phase 2/5: e820`), else nil (no caption).
    public static func text(_ scene: Scene) -> String? {
        if let c = scene.caption, !c.isEmpty { return c }
        guard scene.playback.lecture else { return nil }
        return scene.phase.map { "phase \($0.index + 1)/\($0.count): \($0.name)" } ?? ""
    }

    /// The mode `scene` asks for: large in lecture mode or when the user turned large
    /// captions on.
    public static func mode(_ scene: Scene) -> Mode {
        scene.playback.lecture || scene.ui.largeCaptions ? .large : .line
    }

    /// The rows the caption wants at `width` columns: every wrapped line, plus the box and
    /// its padding in large mode. 0 when `text` is nil.
    public static func height(_ text: String?, forWidth width: Int, mode: Mode) -> Int {
        guard let text else { return 0 }
        switch mode {
        case .line: return Swift.max(1, lines(text, width: width - 2).count)
        case .large: return Swift.max(1, lines(text, width: largeTextWidth(width)).count) + 4
        }
    }

    /// The rows `scene`'s caption wants on a screen `width` columns wide.
    public static func height(_ scene: Scene, forWidth width: Int) -> Int {
        height(text(scene), forWidth: width, mode: mode(scene))
    }

    /// The columns the large caption's text gets inside its box and padding.
    static func largeTextWidth(_ width: Int) -> Int { Swift.max(8, width - 2 - 2 * largePadding) }

    /// `text` wrapped to `width` columns, whole: greedy word wrap on spaces; a word longer
    /// than the row is split across rows. No line is dropped.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            var w = Substring(word)
            while w.count > width {
                if !current.isEmpty { out.append(current); current = "" }
                out.append(String(w.prefix(width)))
                w = w.dropFirst(width)
            }
            if current.isEmpty {
                current = String(w)
            } else if current.count + 1 + w.count <= width {
                current += " " + w
            } else {
                out.append(current)
                current = String(w)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Draws `scene`'s caption into `r` (the layout's caption area).
    static func draw(_ scene: Scene, _ r: Rect, _ b: inout Buffer) {
        guard let text = text(scene), !r.isEmpty else { return }
        let title = scene.phase.map { "phase \($0.index + 1)/\($0.count) · \($0.name)" }
        draw(text, title: scene.caption == nil ? nil : title, mode: mode(scene), r, &b)
    }

    /// Draws `text` into `r` in `mode`, with `title` in a large caption's top edge.
    public static func draw(_ text: String, title: String?, mode: Mode, _ r: Rect, _ b: inout Buffer) {
        b.fill(r, with: Cell(" ", .caption))
        let boxed = mode == .large && r.height >= 3 && r.width >= 12
        if !boxed {
            put(lines(text, width: r.width - 2), x: r.x + 1, y: r.y, width: r.width - 2, rows: r.height, &b)
            return
        }
        let inner = largeTextWidth(r.width)
        let wrapped = lines(text, width: inner)
        let padded = r.height >= wrapped.count + 4
        drawBox(r, title: title, &b)
        let top = r.y + (padded ? 2 : 1)
        let rows = r.height - (padded ? 4 : 2)
        // One line reads best centred; a paragraph reads best left-aligned as a centred block.
        let blockWidth = wrapped.map(\.count).max() ?? 0
        let x = r.x + 1 + largePadding + (wrapped.count == 1 ? (inner - blockWidth) / 2 : 0)
        put(wrapped, x: x, y: top, width: inner, rows: rows, &b)
    }

    /// Writes `lines` from row `y`, at most `rows` of them (the last one ending in `…` when
    /// some do not fit).
    static func put(_ lines: [String], x: Int, y: Int, width: Int, rows: Int, _ b: inout Buffer) {
        guard rows > 0 else { return }
        var shown = Array(lines.prefix(rows))
        if lines.count > rows, let last = shown.popLast() {
            shown.append(ViewFormat.truncate(last + " …", width))
        }
        for (i, line) in shown.enumerated() {
            b.put(line, x: x, y: y + i, role: .caption, bold: true, maxWidth: width)
        }
    }

    /// The large caption's box, on the caption role, with the title in its top edge.
    static func drawBox(_ r: Rect, title: String?, _ b: inout Buffer) {
        let x1 = r.maxX - 1, y1 = r.maxY - 1
        for x in r.x...x1 {
            b[x, r.y] = Cell("─", .caption)
            b[x, y1] = Cell("─", .caption)
        }
        for y in r.y...y1 {
            b[r.x, y] = Cell("│", .caption)
            b[x1, y] = Cell("│", .caption)
        }
        b[r.x, r.y] = Cell("╭", .caption)
        b[x1, r.y] = Cell("╮", .caption)
        b[r.x, y1] = Cell("╰", .caption)
        b[x1, y1] = Cell("╯", .caption)
        if let title, r.width > 8 {
            b.put(" \(title) ", x: r.x + 2, y: r.y, role: .caption, bold: true, maxWidth: r.width - 4)
        }
    }
}

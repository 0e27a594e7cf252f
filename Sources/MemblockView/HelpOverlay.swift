/// The help overlay (`?`): every key of the visualizer, as `CLI.md` lists them.
public enum HelpOverlay {
    /// The keys and what they do, in the order `CLI.md` gives them. `x` (the explain
    /// panel) is the view's own addition.
    public static let lines: [(keys: String, action: String)] = [
        ("space", "play / pause"),
        ("→  l  n", "step forward"),
        ("←  h  p", "step back"),
        ("]  [", "next / previous phase"),
        ("g", "go to step"),
        ("G  Home", "end / start"),
        ("+  -", "faster / slower"),
        ("z  Z", "zoom in / out on the address axis"),
        ("←  →", "pan, while zoomed"),
        ("0", "fit the whole address space"),
        ("c", "scale: linear / holes compressed"),
        ("tab", "focus the next pane"),
        ("j k PgUp PgDn", "scroll the focused table"),
        ("/", "search an address or a label"),
        ("b", "breakpoint on this operation kind"),
        ("x", "explain this step's first-fit search"),
        ("t", "next theme"),
        ("?", "this help"),
        ("q", "quit"),
        ("mouse", "select a region (details shown), scroll"),
    ]

    /// Draws the overlay box into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        b.fill(r, with: .blank)
        b.drawBox(r, title: "keys")
        let keyWidth = 15
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        var y = inner.y
        for line in lines {
            if y >= inner.maxY - 1 && line.keys != lines.last?.keys { break }
            if y >= inner.maxY { break }
            b.put(ViewFormat.pad(line.keys, keyWidth), x: inner.x, y: y, role: .key, bold: true, maxWidth: inner.width)
            b.put(line.action, x: inner.x + keyWidth, y: y, role: .normal, maxWidth: inner.width - keyWidth)
            y += 1
        }
        let footer = " theme \(f.scene.ui.themeName) · scale \(f.scene.ui.scaleMode == .linear ? "linear" : "holes compressed") "
        if r.width > footer.count + 4 {
            b.putRight(footer, rightEdge: r.maxX - 2, y: r.maxY - 1, role: .dim)
        }
    }
}

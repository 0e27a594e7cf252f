/// The help overlay (`?`): every key of the visualizer.
public enum HelpOverlay {
    /// The keys and what they do: `CLI.md`'s first, then the app's additions.
    public static let lines: [(keys: String, action: String)] = [
        ("space", "play / pause"),
        ("→  l  n", "step forward"),
        ("←  h  p", "step back"),
        ("n  N", "next / prev match"),
        ("]  [", "next / prev phase"),
        ("g", "go to step"),
        ("G  End", "last step (pane: end)"),
        ("Home", "step 0 (pane: top)"),
        ("+  -", "faster / slower"),
        ("z  Z", "zoom on the change"),
        ("←  →", "pan while zoomed"),
        ("0", "fit everything"),
        ("c", "linear / compressed"),
        ("1  2  3", "memory/reserved/phys"),
        ("tab  S-tab", "next / prev pane"),
        ("j k PgUp/Dn", "move in the pane"),
        ("enter", "go to its step"),
        ("/", "find addr label by= #n"),
        ("esc", "close / clear"),
        ("b", "break on this op"),
        ("B", "breakpoints pane"),
        (">  <", "next / prev divergence"),
        ("m  M", "next / prev mismatch"),
        ("x", "explain first fit"),
        (".  ,", "next / prev candidate"),
        ("L", "lecture + captions"),
        ("t", "next theme"),
        ("?", "this help"),
        ("q", "quit"),
        ("mouse", "select, scroll"),
    ]

    /// Draws the overlay box into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        b.fill(r, with: .blank)
        b.drawBox(r, title: "keys")
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        guard inner.height > 0, inner.width > 0 else { return }
        // Every key is listed: in two columns (keys narrower, actions cut with …) when one
        // column has too few rows.
        let columns = lines.count <= inner.height ? 1 : 2
        let perColumn = (lines.count + columns - 1) / columns
        let columnWidth = columns == 1 ? inner.width : (inner.width - 2) / 2
        let keyWidth = columns == 1 ? 15 : 13
        for (i, line) in lines.enumerated() {
            let col = i / perColumn, row = i % perColumn
            if row >= inner.height { continue }
            let x = inner.x + col * (columnWidth + 2), y = inner.y + row
            b.put(ViewFormat.pad(line.keys, keyWidth), x: x, y: y, role: .key, bold: true, maxWidth: columnWidth)
            b.put(ViewFormat.truncate(line.action, columnWidth - keyWidth), x: x + keyWidth, y: y, role: .normal,
                  maxWidth: columnWidth - keyWidth)
        }
        let footer = " theme \(f.scene.ui.themeName) · scale \(f.scene.ui.scaleMode == .linear ? "linear" : "holes compressed") "
        if r.width > footer.count + 4 {
            b.putRight(footer, rightEdge: r.maxX - 2, y: r.maxY - 1, role: .dim)
        }
    }
}

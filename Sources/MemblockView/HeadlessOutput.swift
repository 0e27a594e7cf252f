/// Frames as text, for `mbviz render`, snapshot tests and recordings.
public enum HeadlessOutput {
    /// The output formats of `mbviz render --format`.
    public enum Format: String, CaseIterable, Sendable {
        /// Plain text: the characters only.
        case text
        /// Text with SGR escape sequences (xterm 256 colours) from a theme.
        case ansi
    }

    /// The buffer as plain text: exactly `height` lines of exactly `width` characters, each
    /// ended by a newline (an empty string for an empty buffer).
    public static func text(_ buffer: Buffer) -> String {
        var out = ""
        out.reserveCapacity(buffer.width * buffer.height * 2)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width { out.append(buffer[x, y].character) }
            out.append("\n")
        }
        return out
    }

    /// The buffer with colours: `height` lines, each starting from the default style,
    /// switching style with one SGR sequence (`ESC[0;…m`: bold 1, underline 4, reverse 7,
    /// foreground `38;5;N`, background `48;5;N`) only where the style changes, and ending
    /// with a reset (`ESC[0m`) and a newline.
    public static func ansi(_ buffer: Buffer, theme: Theme) -> String {
        var out = ""
        out.reserveCapacity(buffer.width * buffer.height * 4)
        var sgrCache: [StyleRole: [Bool: String]] = [:]
        for y in 0..<buffer.height {
            var current: (StyleRole, Bool)?
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if current == nil || current! != (cell.role, cell.bold) {
                    let seq = sgrCache[cell.role]?[cell.bold] ?? sgr(theme.style(cell.role), extraBold: cell.bold)
                    sgrCache[cell.role, default: [:]][cell.bold] = seq
                    out += seq
                    current = (cell.role, cell.bold)
                }
                out.append(cell.character)
            }
            out += "\u{1b}[0m\n"
        }
        return out
    }

    /// The SGR sequence that selects `style` from a reset state: 256-colour codes, or
    /// 24-bit ones with `trueColor`.
    public static func sgr(_ style: Style, extraBold: Bool = false, trueColor: Bool = false) -> String {
        var codes = ["0"]
        if style.bold || extraBold { codes.append("1") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        func colour(_ c: RGB, _ layer: Int) -> String {
            trueColor ? "\(layer);2;\(c.r);\(c.g);\(c.b)" : "\(layer);5;\(c.xterm256)"
        }
        if let fg = style.foreground { codes.append(colour(fg, 38)) }
        if let bg = style.background { codes.append(colour(bg, 48)) }
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }

    /// One frame of `scene` at `width × height` in the given format (`theme` is used by
    /// `ansi` only): what `mbviz render` prints.
    public static func render(_ scene: Scene, width: Int, height: Int, format: Format, theme: Theme) -> String {
        let buffer = renderScreen(scene, width: width, height: height)
        switch format {
        case .text: return text(buffer)
        case .ansi: return ansi(buffer, theme: theme)
        }
    }
}

/// The asciicast v2 format (asciinema's recordings): a JSON header line, then one JSON
/// array per event, `[time, code, data]`, times in seconds from the start. Pure encoding:
/// the caller writes the lines where it likes.
///
/// See https://docs.asciinema.org/manual/asciicast/v2/.
public enum CastWriter {
    /// The header line's fields.
    public struct Header: Hashable, Sendable {
        /// Terminal columns.
        public var width: Int
        /// Terminal rows.
        public var height: Int
        /// When the recording was made, in seconds since 1970 (nil leaves it out).
        public var timestamp: Int?
        /// Total length in seconds, when known.
        public var duration: Double?
        /// The title a player shows.
        public var title: String?
        /// Captured environment: `TERM` and `SHELL`.
        public var env: [String: String]
        /// The terminal's colours (nil leaves them to the player).
        public var theme: Colors?

        /// A terminal's colours: foreground, background and the 16-colour palette.
        public struct Colors: Hashable, Sendable {
            /// Text.
            public var fg: RGB
            /// Background.
            public var bg: RGB
            /// ANSI colours 0–15 (8 are allowed too).
            public var palette: [RGB]
            /// Colours.
            public init(fg: RGB, bg: RGB, palette: [RGB]) {
                self.fg = fg
                self.bg = bg
                self.palette = palette
            }
        }

        /// A header for a `width × height` terminal.
        public init(width: Int, height: Int, timestamp: Int? = nil, duration: Double? = nil, title: String? = nil,
                    env: [String: String] = [:], colors: ExportColors? = nil) {
            self.width = width
            self.height = height
            self.timestamp = timestamp
            self.duration = duration
            self.title = title
            self.env = env
            theme = colors.map { Colors(fg: $0.foreground, bg: $0.background, palette: $0.palette16) }
        }
    }

    /// The header as one line of JSON (no newline), keys in a fixed order: `version` (2),
    /// `width`, `height`, `timestamp`, `duration`, `title`, `env`, `theme` (`fg`, `bg`, and
    /// `palette` as colours joined by `:`).
    public static func headerLine(_ h: Header) -> String {
        var fields = ["\"version\": 2", "\"width\": \(h.width)", "\"height\": \(h.height)"]
        if let t = h.timestamp { fields.append("\"timestamp\": \(t)") }
        if let d = h.duration { fields.append("\"duration\": \(time(d))") }
        if let t = h.title { fields.append("\"title\": \(string(t))") }
        if !h.env.isEmpty {
            let env = h.env.keys.sorted().map { "\(string($0)): \(string(h.env[$0]!))" }
            fields.append("\"env\": {\(env.joined(separator: ", "))}")
        }
        if let t = h.theme {
            let palette = t.palette.map(\.description).joined(separator: ":")
            fields.append("\"theme\": {\"fg\": \(string(t.fg.description)), \"bg\": \(string(t.bg.description)), "
                          + "\"palette\": \(string(palette))}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// An output event: `data` written to the terminal at `time`.
    public static func output(_ time: Double, _ data: String) -> String {
        "[\(Self.time(time)), \"o\", \(string(data))]"
    }

    /// A marker event: a named point a player can jump to or pause at.
    public static func marker(_ time: Double, _ label: String) -> String {
        "[\(Self.time(time)), \"m\", \(string(label))]"
    }

    /// Seconds with microsecond precision, no exponent, no trailing zeros (`12.5`, `0.033333`).
    public static func time(_ t: Double) -> String {
        let s = SVGWriter.number(Swift.max(0, t))
        return s.contains(".") ? s : s + ".0"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (ESC as
    /// `\u001b`), everything else as UTF-8.
    public static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for s in text.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 || s.value == 0x7f {
                    let hex = String(s.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}

/// A theme file that could not be read or parsed: where, and what to do about it.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or the built-in theme's name).
    public var file: String
    /// The 1-based line, or 0 when the error concerns the whole file.
    public var line: Int
    /// What is wrong, phrased so the user can fix it.
    public var message: String

    /// An error at `file:line`.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `FILE:LINE: message` (`FILE: message` when no line applies).
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// The theme file format.
///
/// One setting per line: `role = FG [on BG] [bold] [underline] [reverse]`.
///
/// - `role` is a `StyleRole` name: `normal`, `dim`, `title`, `border`, `memoryFree`,
///   `reserved`, … (case, `-` and `_` are ignored, so `memory-free` works too).
/// - `FG` and `BG` are `#rrggbb` or `default` (the terminal's own colour).
/// - `bold`, `underline` and `reverse` add attributes.
/// - `#` at the start of a line, or after the last attribute, starts a comment; blank
///   lines are ignored.
///
/// A role the file does not set falls back to `normal`; `normal` falls back to the
/// terminal's defaults. Unknown roles, malformed colours, unknown attributes and a role set
/// twice are errors reported as `FILE:LINE: message`.
public enum ThemeFormat {
    /// Parses theme text. `file` names the source in errors; `name` becomes the theme's name.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        var styles: [StyleRole: Style] = [:]
        var firstLine: [StyleRole: Int] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: lineNumber, message: message) }
            guard let eq = line.firstIndex(of: "=") else {
                throw fail("expected `role = colour [on colour] [bold] [underline] [reverse]`, found '\(line)'")
            }
            let roleName = String(line[..<eq]).trimmingSpaces()
            guard let role = role(named: roleName) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(roleName.isEmpty ? "missing role name before '='" : "unknown role '\(roleName)' (known roles: \(known))")
            }
            if let first = firstLine[role] { throw fail("role '\(role.rawValue)' is already set on line \(first)") }
            let words = line[line.index(after: eq)...].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            styles[role] = try style(words, fail)
            firstLine[role] = lineNumber
        }
        return Theme(name: name, styles: styles)
    }

    /// The style a setting's words describe.
    static func style(_ words: [String], _ fail: (String) -> ThemeError) throws -> Style {
        guard let first = words.first, first != "#" else {
            throw fail("missing colour after '=': use #rrggbb or default")
        }
        var style = Style(foreground: try colour(first, fail))
        var i = 1
        if i < words.count && words[i].lowercased() == "on" {
            guard i + 1 < words.count else { throw fail("expected a colour after 'on': use #rrggbb or default") }
            style.background = try colour(words[i + 1], fail)
            i += 2
        }
        while i < words.count {
            let w = words[i]
            if w.hasPrefix("#") { break }  // a trailing comment
            switch w.lowercased() {
            case "bold": style.bold = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            default: throw fail("unknown attribute '\(w)' (use bold, underline or reverse)")
            }
            i += 1
        }
        return style
    }

    /// `#rrggbb` or `default` (nil).
    static func colour(_ word: String, _ fail: (String) -> ThemeError) throws -> RGB? {
        if word.lowercased() == "default" { return nil }
        guard word.hasPrefix("#"), let rgb = RGB(hex: word) else {
            throw fail("bad colour '\(word)': use #rrggbb or default")
        }
        return rgb
    }

    /// The role a name means, ignoring case, `-` and `_`.
    static func role(named name: String) -> StyleRole? {
        let key = normalise(name)
        return StyleRole.allCases.first { normalise($0.rawValue) == key }
    }

    private static func normalise(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "-" && $0 != "_" })
    }

    /// A theme as text in this format, every role in `StyleRole` order (roles the theme
    /// does not set are left out).
    public static func format(_ theme: Theme) -> String {
        var out = "# \(theme.name)\n"
        for role in StyleRole.allCases {
            guard let s = theme.styles[role] else { continue }
            var line = "\(role.rawValue) = \(s.foreground?.description ?? "default")"
            if let bg = s.background { line += " on \(bg)" }
            if s.bold { line += " bold" }
            if s.underline { line += " underline" }
            if s.reverse { line += " reverse" }
            out += line + "\n"
        }
        return out
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}

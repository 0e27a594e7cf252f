import Foundation

/// A colour as `#rrggbb`, mapped down to the terminal's palette when it has fewer colours.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    /// The red, green and blue components.
    public var r: UInt8, g: UInt8, b: UInt8
    /// A colour from its components.
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` (or `rrggbb`); nil when malformed.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(UInt8(v >> 16), UInt8((v >> 8) & 0xff), UInt8(v & 0xff))
    }

    /// `#rrggbb`.
    public var description: String {
        func h(_ v: UInt8) -> String { let s = String(v, radix: 16); return s.count == 1 ? "0" + s : s }
        return "#" + h(r) + h(g) + h(b)
    }

    /// The nearest entry of the xterm 256-colour palette (cube 16–231 or greys 232–255).
    public var xterm256: Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let steps = [0, 95, 135, 175, 215, 255]
        let (cr, cg, cb) = (level(r), level(g), level(b))
        let cube = 16 + 36 * cr + 6 * cg + cb
        let cubeDist = dist(steps[cr], steps[cg], steps[cb])
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let grey = avg > 238 ? 23 : Swift.max(0, (avg - 3) / 10)
        let gv = 8 + 10 * grey
        return dist(gv, gv, gv) < cubeDist ? 232 + grey : cube
    }

    /// The nearest of the 8 basic ANSI colours (0 black … 7 white).
    public var ansi8: Int {
        let palette: [(Int, Int, Int)] = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
                                          (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229)]
        var best = 0, bestD = Int.max
        for (i, p) in palette.enumerated() {
            let d = dist(p.0, p.1, p.2)
            if d < bestD { best = i; bestD = d }
        }
        return best
    }

    /// The WCAG 2 relative luminance, 0 (black) to 1 (white).
    public var relativeLuminance: Double {
        func linear(_ v: UInt8) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The WCAG 2 contrast ratio with `other`, 1 (none) to 21 (black on white).
    public func contrast(with other: RGB) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (Swift.max(a, b) + 0.05) / (Swift.min(a, b) + 0.05)
    }

    private func dist(_ x: Int, _ y: Int, _ z: Int) -> Int {
        let dr = Int(r) - x, dg = Int(g) - y, db = Int(b) - z
        return dr * dr + dg * dg + db * db
    }
}

/// How one style role looks: colours (nil = the terminal's default) and attributes.
public struct Style: Hashable, Sendable {
    /// The text colour; nil for the terminal's default.
    public var foreground: RGB?
    /// The cell's background; nil for the terminal's default.
    public var background: RGB?
    /// Bold.
    public var bold: Bool
    /// Underline.
    public var underline: Bool
    /// Reverse video (foreground and background swapped).
    public var reverse: Bool
    /// A style; the defaults are the terminal's own colours and no attributes.
    public init(foreground: RGB? = nil, background: RGB? = nil, bold: Bool = false, underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }
}

/// A theme: a style for every role (roles it does not name fall back to `normal`).
public struct Theme: Hashable, Sendable {
    /// The theme's name (its file name without `.theme`).
    public var name: String
    /// Styles by role.
    public var styles: [StyleRole: Style]
    /// A theme from its styles.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }
    /// The style of a role, falling back to `normal`, then to the terminal's defaults.
    public func style(_ role: StyleRole) -> Style { styles[role] ?? styles[.normal] ?? Style() }

    /// True when every role paints its own background, so the theme looks the same on any
    /// terminal, dark or light (the projector and light themes).
    public var ownsBackground: Bool {
        StyleRole.allCases.allSatisfy { style($0).background != nil }
    }

    /// The colours a role's text is seen in: foreground on background (swapped by reverse),
    /// a colour left to the terminal (nil) taken from `terminal` (its default foreground
    /// and background). Nil when the role sets no colour at all (a monochrome theme).
    public func textColours(_ role: StyleRole, terminal: (foreground: RGB, background: RGB)) -> (RGB, RGB)? {
        let s = style(role)
        if s.foreground == nil && s.background == nil { return nil }
        let fg = s.foreground ?? terminal.foreground, bg = s.background ?? terminal.background
        return s.reverse ? (bg, fg) : (fg, bg)
    }
}

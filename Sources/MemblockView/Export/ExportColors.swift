/// Concrete colours for exports. A terminal theme may leave colours to the terminal
/// (`default`); a picture or a recording has no terminal behind it, so every role needs a
/// real colour here.
public struct ExportColors: Hashable, Sendable {
    /// The canvas: the theme's `normal` background, else a dark or light default.
    public var background: RGB
    /// Ordinary text: the theme's `normal` foreground, else the opposite of the canvas.
    public var foreground: RGB
    /// True when the canvas is light (dark text on it).
    public var isLight: Bool
    /// The theme the colours come from.
    public let theme: Theme

    /// The dark canvas used when a theme leaves the background to the terminal.
    public static let darkCanvas = RGB(0x1c, 0x1c, 0x1c)
    /// The light canvas, for themes whose text colours are dark.
    public static let lightCanvas = RGB(0xff, 0xff, 0xff)

    /// Resolves a theme. Without a `normal` background the canvas is light when the theme's
    /// text colours (title, then dim) are dark — a theme written for light terminals.
    public init(theme: Theme) {
        self.theme = theme
        let normal = theme.style(.normal)
        let bg: RGB
        if let b = normal.background {
            bg = b
        } else {
            let text = theme.styles[.title]?.foreground ?? theme.styles[.dim]?.foreground
            bg = text.map { ExportColors.luminance($0) < 0.4 } == true ? Self.lightCanvas : Self.darkCanvas
        }
        background = bg
        isLight = ExportColors.luminance(bg) >= 0.5
        foreground = normal.foreground ?? (isLight ? RGB(0, 0, 0) : RGB(0xd0, 0xd0, 0xd0))
    }

    /// Relative brightness, 0 (black) to 1 (white), with the sRGB luma weights.
    public static func luminance(_ c: RGB) -> Double {
        (0.2126 * Double(c.r) + 0.7152 * Double(c.g) + 0.0722 * Double(c.b)) / 255
    }

    /// The colour text of a role is drawn in (reverse video swaps in the background).
    public func text(_ role: StyleRole) -> RGB {
        let s = theme.style(role)
        if s.reverse { return s.background ?? background }
        return s.foreground ?? foreground
    }

    /// The background a role paints behind its text, or nil for the canvas.
    public func textBackground(_ role: StyleRole) -> RGB? {
        let s = theme.style(role)
        if s.reverse { return s.foreground ?? foreground }
        return s.background
    }

    /// The fill of an area of a role (a band span, a legend swatch) and its opacity. In the
    /// terminal the band's glyphs are drawn in the role's foreground; a theme without one
    /// (mono) still tells the kinds apart here by opacity, as its glyphs do there.
    public func fill(_ role: StyleRole) -> (color: RGB, opacity: Double) {
        let s = theme.style(role)
        if let fg = s.foreground, !s.reverse { return (fg, 1) }
        if s.reverse, let bg = s.background { return (bg, 1) }
        let opacity: Double
        switch role {
        case .reserved, .changed, .buddy: opacity = 1
        case .reservedNoMemory: opacity = 0.8
        case .nomap, .driverManaged, .warning: opacity = 0.6
        case .hotplug, .mirror, .physmem: opacity = 0.45
        case .memoryFree: opacity = 0.25
        case .hole: opacity = 0.08
        default: opacity = 1
        }
        return (foreground, opacity)
    }

    /// The 16 colours of an asciicast theme, from the theme's roles where one means the
    /// colour (red: error, green: ok, yellow: warning, blue: nomap, magenta: driver-managed,
    /// cyan: hotplug), the xterm defaults elsewhere; black is the canvas and white the text.
    public var palette16: [RGB] {
        func role(_ r: StyleRole, _ fallback: RGB) -> RGB { theme.styles[r]?.foreground ?? fallback }
        let base: [RGB] = [
            background,
            role(.error, RGB(0xcd, 0x00, 0x00)),
            role(.ok, RGB(0x00, 0xcd, 0x00)),
            role(.warning, RGB(0xcd, 0xcd, 0x00)),
            role(.nomap, RGB(0x00, 0x00, 0xee)),
            role(.driverManaged, RGB(0xcd, 0x00, 0xcd)),
            role(.hotplug, RGB(0x00, 0xcd, 0xcd)),
            foreground,
        ]
        return base + base.map(ExportColors.brighter)
    }

    /// A colour a third of the way to white: the bright half of the 16-colour palette.
    static func brighter(_ c: RGB) -> RGB {
        func up(_ v: UInt8) -> UInt8 { UInt8(Int(v) + (255 - Int(v)) / 3) }
        return RGB(up(c.r), up(c.g), up(c.b))
    }
}

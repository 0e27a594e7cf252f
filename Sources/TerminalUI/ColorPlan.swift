import MemblockView

/// How many colours the terminal is driven with.
public enum ColorMode: Sendable, Hashable, CaseIterable {
    /// No colour: roles differ by bold, underline and reverse only (TERM=vt100, NO_COLOR).
    case none
    /// The 8 basic ANSI colours (`RGB.ansi8`).
    case basic8
    /// The xterm 256-colour palette (`RGB.xterm256`).
    case xterm256

    /// The mode to use, given what the terminal can do and what was asked for.
    ///
    /// - Parameters:
    ///   - hasColors: ncurses' `has_colors()`.
    ///   - colors: ncurses' `COLORS` after `start_color()`.
    ///   - noColor: the `NO_COLOR` environment variable; set and non-empty turns colour off
    ///     (no-color.org), unless a preference was given explicitly.
    ///   - preference: an explicit choice (a command-line flag); never raised above what
    ///     the terminal can show, since asking for colour 200 on an 8-colour terminal fails.
    public static func resolve(hasColors: Bool, colors: Int, noColor: String?,
                               preference: ColorMode?) -> ColorMode {
        let capable: ColorMode = !hasColors ? .none : colors >= 256 ? .xterm256 : colors >= 8 ? .basic8 : .none
        guard let preference else {
            if let noColor, !noColor.isEmpty { return .none }
            return capable
        }
        return preference.rank <= capable.rank ? preference : capable
    }

    private var rank: Int {
        switch self {
        case .none: 0
        case .basic8: 1
        case .xterm256: 2
        }
    }
}

/// How one style role is drawn on this terminal: palette indices and attributes.
public struct CellAppearance: Hashable, Sendable {
    /// The palette index of the foreground, or -1 for the terminal's default.
    public var foreground: Int
    /// The palette index of the background, or -1 for the terminal's default
    /// (so the terminal's own background shows through).
    public var background: Int
    /// Bold.
    public var bold: Bool
    /// Underline.
    public var underline: Bool
    /// Reverse video.
    public var reverse: Bool

    /// An appearance; defaults are the terminal's own colours and no attributes.
    public init(foreground: Int = -1, background: Int = -1, bold: Bool = false,
                underline: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
    }

    /// True when the colours are the terminal's defaults, which need no colour pair.
    public var usesDefaultColors: Bool { foreground == -1 && background == -1 }
}

/// A theme resolved for one colour mode: the appearance of every style role. Pure, so
/// the mapping from themes to terminal colours is tested without a terminal.
public struct ColorPlan: Hashable, Sendable {
    /// The mode the plan is for.
    public let mode: ColorMode
    /// The appearance of each role (every `StyleRole` has one).
    public let appearances: [StyleRole: CellAppearance]

    /// Resolves every role of `theme` for `mode`.
    public init(theme: Theme, mode: ColorMode) {
        self.mode = mode
        var table: [StyleRole: CellAppearance] = [:]
        for role in StyleRole.allCases {
            table[role] = ColorPlan.appearance(of: theme.style(role), mode: mode)
        }
        appearances = table
    }

    /// The appearance of a role.
    public subscript(role: StyleRole) -> CellAppearance { appearances[role] ?? CellAppearance() }

    /// How one style looks in a mode.
    ///
    /// Without colour, a style that paints a background (a status bar, a selection) is
    /// drawn in reverse video: otherwise it would vanish into the text around it.
    /// With 8 colours, distinct RGB values can collapse onto one index; when the
    /// foreground lands on the background, the text is given the opposite extreme so it
    /// stays readable.
    public static func appearance(of style: Style, mode: ColorMode) -> CellAppearance {
        var result = CellAppearance(bold: style.bold, underline: style.underline, reverse: style.reverse)
        switch mode {
        case .none:
            if style.background != nil && !style.reverse { result.reverse = true }
        case .basic8:
            result.foreground = style.foreground?.ansi8 ?? -1
            result.background = style.background?.ansi8 ?? -1
            if result.foreground != -1 && result.foreground == result.background {
                result.foreground = result.background == 0 ? 7 : 0
            }
        case .xterm256:
            result.foreground = style.foreground?.xterm256 ?? -1
            result.background = style.background?.xterm256 ?? -1
        }
        return result
    }
}

/// Hands out ncurses colour pair numbers, one per (foreground, background) combination,
/// lazily and with a cache: a theme uses a few dozen combinations, and the terminal's
/// pair table is a limited resource shared by every theme the user cycles through.
public struct PairAllocator: Sendable {
    /// The highest pair number that may be handed out (pair 0 is the terminal default).
    public let capacity: Int
    private var pairs: [ColorKey: Int] = [:]

    private struct ColorKey: Hashable, Sendable {
        var foreground: Int
        var background: Int
    }

    /// An allocator for pairs `1...capacity` (capacity is `COLOR_PAIRS - 1`).
    public init(capacity: Int) {
        self.capacity = Swift.max(0, capacity)
    }

    /// How many pairs are in use.
    public var count: Int { pairs.count }

    /// The pair for a combination: `(pair, isNew)`, where a new pair must be defined with
    /// `init_extended_pair` before use. The defaults (-1, -1) are pair 0, never allocated.
    /// Nil when the table is full: the caller resets it and redefines what it needs.
    public mutating func pair(foreground: Int, background: Int) -> (pair: Int, isNew: Bool)? {
        if foreground == -1 && background == -1 { return (0, false) }
        let key = ColorKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return (existing, false) }
        guard pairs.count < capacity else { return nil }
        let number = pairs.count + 1
        pairs[key] = number
        return (number, true)
    }

    /// Forgets every pair, so numbering starts again at 1.
    public mutating func reset() { pairs.removeAll(keepingCapacity: true) }
}

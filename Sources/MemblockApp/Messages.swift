import MemblockView

/// A key as the app core sees it: the terminal front end turns its own key codes into these.
public enum AppKey: Hashable, Sendable {
    /// A printable character.
    case character(Character)
    /// Arrow keys.
    case up, down, left, right
    /// Page Up, Page Down, Home, End.
    case pageUp, pageDown, home, end
    /// Enter, Escape, Backspace, Tab, Shift+Tab.
    case enter, escape, backspace, tab, backTab
    /// Function key F*n*.
    case function(Int)
}

/// A mouse event in screen cells, (0, 0) at the top left.
public struct AppMouse: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// The primary button went down (or clicked in place).
        case press
        /// The wheel turned away from the user.
        case wheelUp
        /// The wheel turned toward the user.
        case wheelDown
        /// Anything else (release, motion): ignored.
        case other
    }

    /// Column and row.
    public var x: Int, y: Int
    /// What happened.
    public var kind: Kind

    /// A mouse event.
    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// Every input of the app: bubbletea's `Msg`.
public enum Message: Hashable, Sendable {
    /// A key.
    case key(AppKey)
    /// A mouse event.
    case mouse(AppMouse)
    /// Time passed (seconds since the last tick): playback advances.
    case tick(elapsed: Double)
    /// The terminal's new size.
    case resize(columns: Int, rows: Int)
    /// The background replay computed more steps (`computed` of the trace's steps).
    case progress(computed: Int)
    /// A theme the app asked for (`Effect.loadTheme`) is loaded and shown.
    case themeLoaded(String)
    /// A theme could not be loaded: the message says why.
    case themeFailed(String)
}

/// What `update` asks the outside world to do: bubbletea's `Cmd`. The executable runs
/// them and feeds the results back as messages.
public enum Effect: Hashable, Sendable {
    /// Leave the event loop and restore the terminal.
    case quit
    /// Load and show this theme, then send `.themeLoaded` (or `.themeFailed`).
    case loadTheme(String)
}

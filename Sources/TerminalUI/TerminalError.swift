/// Why the full screen could not be opened. The description is a sentence for the user;
/// the app prints it after `mbviz: ` and exits with status 2.
public enum TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
    /// There is no terminal to draw on or read keys from (output redirected to a file or
    /// a pipe, no controlling terminal). The message says which.
    case notATerminal(String)
    /// `TERM` is unset, or names a terminal ncurses has no description of.
    case unknownTerminal(String)
    /// The terminal can't place the cursor at a given cell (TERM=dumb), so it can't show
    /// a full screen.
    case incapableTerminal(String)
    /// A `Terminal` is already open in this process; ncurses drives one screen at a time.
    case alreadyOpen

    /// A sentence the user can act on.
    public var description: String {
        switch self {
        case .notATerminal(let message):
            return message
        case .unknownTerminal(let term) where term.isEmpty:
            return "the terminal type is unknown: TERM is not set (try TERM=xterm-256color)"
        case .unknownTerminal(let term):
            return "the terminal type '\(term)' is unknown to ncurses (try TERM=xterm-256color)"
        case .incapableTerminal(let term):
            return "the terminal type '\(term)' cannot move the cursor, which a full screen needs (try TERM=xterm-256color)"
        case .alreadyOpen:
            return "the terminal is already open"
        }
    }
}

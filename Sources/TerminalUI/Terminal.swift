import CNcursesw
import MemblockView
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where keys are read from.
public enum TerminalInput: Sendable, Hashable {
    /// Standard input when it is a terminal, else `/dev/tty` (so `mbviz play -` can read
    /// its trace from a pipe and its keys from the keyboard).
    case standard
    /// A terminal device by path, such as `/dev/tty`.
    case tty(String)
}

/// The full-screen terminal: the only owner of ncurses' state. It flushes cell buffers
/// to the screen and reads keys, mouse events and resizes. Main thread only, because
/// ncurses is not thread-safe.
@MainActor
public final class Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputFile: UnsafeMutablePointer<FILE>?  // owned only when we opened it
    private let previousLocale: String?
    /// The locale can encode Unicode; otherwise glyphs fall back to ASCII.
    public let unicode: Bool
    /// The colour mode in use, fixed when the terminal is opened.
    public let colorMode: ColorMode
    private let defaultColorsAvailable: Bool

    private var isOpen = true
    private var theme: Theme?
    private var looks: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private var pairs: PairAllocator
    private var rowCells: [cchar_t] = []
    private var needsFullRepaint = false
    /// The last frame drawn and the screen size it was drawn at, to skip unchanged rows.
    private var previousFrame: Buffer?
    private var previousScreenSize = (columns: 0, rows: 0)
    private var lastSize: (columns: Int, rows: Int)

    private static var opened = false

    /// Opens the full screen: output on standard output, keys from `input`.
    ///
    /// - Parameters:
    ///   - colorPreference: a colour mode to use instead of detecting one (never more
    ///     than the terminal can show); nil detects, honouring `NO_COLOR`.
    ///   - input: where keys come from.
    /// - Throws: `TerminalError.notATerminal` when standard output is not a terminal, or
    ///   when no terminal can be found to read keys from; `.unknownTerminal` when `TERM`
    ///   is unset or unknown; `.incapableTerminal` when it can't address the cursor
    ///   (TERM=dumb); `.alreadyOpen` when a `Terminal` is open already.
    public static func open(colorPreference: ColorMode? = nil,
                            input: TerminalInput = .standard) throws(TerminalError) -> Terminal {
        guard !opened else { throw .alreadyOpen }
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal("standard output is not a terminal") }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty else { throw .unknownTerminal("") }
        let (file, owned) = try openInput(input)

        // Only the character type: ncurses needs it for wide characters, while a global
        // LC_NUMERIC would change how C formats numbers elsewhere in the program.
        let previousLocale = setlocale(LC_CTYPE, nil).map { String(cString: $0) }
        setlocale(LC_CTYPE, "")
        let unicode = mbviz_locale_is_utf8() != 0

        // Undoes the above when ncurses refuses the terminal.
        func giveUp(_ error: TerminalError, screen: OpaquePointer? = nil) -> TerminalError {
            if let screen {
                endwin()
                delscreen(screen)
            }
            if owned { fclose(file) }
            if let previousLocale { setlocale(LC_CTYPE, previousLocale) }
            TerminalGuard.removeSignalHandlers()
            return error
        }
        // Before newterm: ncurses installs its own INT and TERM handlers (which exit with
        // status 1) only where it finds the default action, and ours should be the ones
        // that run, and the ones that close() later puts back the defaults for.
        TerminalGuard.installSignalHandlers()
        guard let screen = newterm(term, mbviz_stdout(), file) else { throw giveUp(.unknownTerminal(term)) }
        set_term(screen)
        guard mbviz_can_address_cursor() != 0 else { throw giveUp(.incapableTerminal(term), screen: screen) }
        // From here on every exit path restores the terminal.
        TerminalGuard.activate()
        opened = true
        return Terminal(screen: screen, inputFile: owned ? file : nil, previousLocale: previousLocale,
                        unicode: unicode, colorPreference: colorPreference)
    }

    /// The input stream for `input`, and whether we opened it (and must close it).
    private static func openInput(_ input: TerminalInput)
        throws(TerminalError) -> (UnsafeMutablePointer<FILE>, owned: Bool) {
        let path: String
        switch input {
        case .standard:
            if isatty(STDIN_FILENO) == 1 { return (mbviz_stdin(), false) }
            path = "/dev/tty"
        case .tty(let p):
            path = p
        }
        guard let file = fopen(path, "r") else {
            let reason = String(cString: strerror(errno))
            let subject = input == .standard ? "standard input is not a terminal and " : ""
            throw .notATerminal("\(subject)\(path) cannot be opened (\(reason.lowercased()))")
        }
        guard isatty(fileno(file)) == 1 else {
            fclose(file)
            throw .notATerminal("\(path) is not a terminal")
        }
        return (file, true)
    }

    private init(screen: OpaquePointer, inputFile: UnsafeMutablePointer<FILE>?, previousLocale: String?,
                 unicode: Bool, colorPreference: ColorMode?) {
        self.screen = screen
        self.window = mbviz_stdscr()
        self.inputFile = inputFile
        self.previousLocale = previousLocale
        self.unicode = unicode

        noecho()
        cbreak()  // not raw(): ^C and ^Z keep their meaning, and the guard restores on ^C
        nonl()
        keypad(window, true)
        leaveok(window, true)
        curs_set(0)
        // Escape alone must feel immediate; arrow keys arrive within a few ms anyway.
        set_escdelay(25)
        // mouseinterval(0): report press and release at once instead of waiting to see
        // whether they make a click, which would delay every selection.
        mousemask(mbviz_all_mouse_events() | mbviz_report_mouse_position(), nil)
        mouseinterval(0)

        var defaults = false
        if has_colors() {
            start_color()
            // -1 as a colour then means the terminal's own, so its background shows.
            defaults = use_default_colors() == OK
        }
        let noColor = getenv("NO_COLOR").map { String(cString: $0) }
        colorMode = ColorMode.resolve(hasColors: has_colors(), colors: Int(mbviz_colors()),
                                      noColor: noColor, preference: colorPreference)
        defaultColorsAvailable = defaults
        pairs = PairAllocator(capacity: colorMode == .none ? 0 : Int(mbviz_color_pairs()) - 1)
        lastSize = (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    // Close() is the way to finish; this only covers a Terminal dropped without it. A
    // nonisolated deinit can't run close()'s main-actor work, but restoring is thread-safe.
    deinit { TerminalGuard.restoreTerminal() }

    /// The screen's size in cells. After a `.resize` key it is the new size.
    public var size: (columns: Int, rows: Int) {
        guard isOpen else { return lastSize }
        lastSize = (Swift.max(0, Int(getmaxx(window))), Swift.max(0, Int(getmaxy(window))))
        return lastSize
    }

    /// Shows `buffer`, styled by `theme`. The buffer's top-left cell goes to the screen's;
    /// what doesn't fit is clipped and screen cells the buffer doesn't cover are blanked.
    /// Only cells that differ from what is on screen are sent: ncurses compares the window
    /// with its copy of the screen when `doupdate` runs, once per frame. Rows equal to the
    /// last frame's are not even rewritten into the window, which keeps a still frame cheap.
    public func draw(_ buffer: Buffer, theme: Theme) {
        guard isOpen else { return }
        let (columns, rows) = size
        var reuse = previousFrame.map { $0.width == buffer.width && $0.height == buffer.height } ?? false
        reuse = reuse && previousScreenSize == (columns, rows)
        if theme != self.theme {
            apply(theme)
            reuse = false
        }
        if needsFullRepaint {
            // After a resize the terminal has reflowed its text; repaint everything rather
            // than trust ncurses' idea of what is on screen.
            clearok(window, true)
            needsFullRepaint = false
            reuse = false
        }
        // Blanks what the buffer doesn't cover; a reused window already has it blank.
        if !reuse { werase(window) }
        let width = Swift.min(buffer.width, columns), height = Swift.min(buffer.height, rows)
        if width > 0 && height > 0 {
            if rowCells.count < width { rowCells = Array(repeating: cchar_t(), count: width) }
            for y in 0..<height {
                if reuse, let previous = previousFrame, sameRow(y, width: width, buffer, previous) { continue }
                drawRow(buffer, y: y, width: width)
            }
        }
        previousFrame = buffer
        previousScreenSize = (columns, rows)
        wnoutrefresh(window)
        doupdate()
    }

    private func sameRow(_ y: Int, width: Int, _ a: Buffer, _ b: Buffer) -> Bool {
        let start = y * a.width
        return a.cells[start..<(start + width)] == b.cells[start..<(start + width)]
    }

    private func drawRow(_ buffer: Buffer, y: Int, width: Int) {
        let bold = mbviz_a_bold()
        var lastRole: StyleRole? = nil
        var look: (attributes: attr_t, pair: Int32) = (0, 0)
        let unicode = self.unicode
        rowCells.withUnsafeMutableBufferPointer { row in
            for x in 0..<width {
                let cell = buffer[x, y]
                // Runs of one role are the rule, so remember the last lookup.
                if cell.role != lastRole {
                    look = looks[cell.role] ?? (0, 0)
                    lastRole = cell.role
                }
                let (c0, c1) = GlyphMapper.scalars(for: cell.character, unicode: unicode) {
                    mbviz_wcwidth(wchar_t(bitPattern: $0))
                }
                let attributes = cell.bold ? look.attributes | bold : look.attributes
                _ = mbviz_setcell(&row[x], wchar_t(bitPattern: c0), wchar_t(bitPattern: c1), attributes, look.pair)
            }
            _ = mbviz_put_cells(window, Int32(y), 0, row.baseAddress, Int32(width))
        }
    }

    /// Resolves `theme` to attributes and colour pairs. Pairs are shared across themes by
    /// colour; when the pair table fills up, it is cleared and the screen repainted, since
    /// redefining a pair recolours whatever is on screen in it.
    private func apply(_ theme: Theme) {
        self.theme = theme
        let plan = ColorPlan(theme: theme, mode: colorMode)
        if !assignPairs(plan) {
            pairs.reset()
            needsFullRepaint = true
            _ = assignPairs(plan)  // a theme has fewer roles than any terminal has pairs
        }
    }

    /// Fills `looks` from `plan`, defining new pairs; false when the pair table is full.
    private func assignPairs(_ plan: ColorPlan) -> Bool {
        var table: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
        for role in StyleRole.allCases {
            let look = plan[role]
            var attributes = mbviz_a_normal()
            if look.bold { attributes |= mbviz_a_bold() }
            if look.underline { attributes |= mbviz_a_underline() }
            if look.reverse { attributes |= mbviz_a_reverse() }
            var pair: Int32 = 0
            if colorMode != .none {
                guard let assigned = pairs.pair(foreground: look.foreground, background: look.background) else {
                    return false
                }
                if assigned.isNew {
                    // Without default-colour support -1 is invalid; white on black is the
                    // conventional stand-in.
                    let fg = look.foreground == -1 && !defaultColorsAvailable ? 7 : look.foreground
                    let bg = look.background == -1 && !defaultColorsAvailable ? 0 : look.background
                    init_extended_pair(Int32(assigned.pair), Int32(fg), Int32(bg))
                }
                pair = Int32(assigned.pair)
            }
            table[role] = (attributes, pair)
        }
        looks = table
        // Cells ncurses erases or clears take the theme's normal background, so a theme that
        // paints its own background (projector, light) owns every cell of the screen.
        var blank = cchar_t()
        let normal = table[.normal] ?? (mbviz_a_normal(), 0)
        _ = mbviz_setcell(&blank, wchar_t(32), 0, normal.attributes, normal.pair)
        wbkgrndset(window, &blank)
        return true
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for one input event; nil on
    /// timeout. Resizes arrive as `.resize` (ncurses handles SIGWINCH and updates `size`).
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isOpen else { return nil }
        wtimeout(window, Int32(clamping: Swift.max(-1, timeoutMilliseconds)))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        switch result {
        case mbviz_key_code_yes():
            let code = Int32(bitPattern: UInt32(value))
            if code == mbviz_key_mouse() { return readMouse() }
            let key = KeyDecoder.decodeKeyCode(code)
            if key == .resize { needsFullRepaint = true }
            return key
        case OK:
            return KeyDecoder.decodeCharacter(UInt32(value))
        default:
            return nil  // ERR: the timeout passed, or a signal interrupted the wait
        }
    }

    private func readMouse() -> Key {
        var x: Int32 = 0, y: Int32 = 0
        var state: mmask_t = 0
        guard mbviz_getmouse(&x, &y, &state) == OK,
              let event = KeyDecoder.decodeMouse(x: Int(x), y: Int(y), buttonState: state) else {
            return .unknown(mbviz_key_mouse())
        }
        return .mouse(event)
    }

    /// Leaves the full screen: the terminal gets back its echo, cursor, cooked mode and
    /// main screen, and anything written to standard error meanwhile is shown.
    /// Idempotent; after it, `draw` and `readKey` do nothing.
    public func close() {
        guard isOpen else { return }
        lastSize = size
        isOpen = false
        TerminalGuard.deactivate()
        delscreen(screen)
        if let inputFile { fclose(inputFile) }
        if let previousLocale { setlocale(LC_CTYPE, previousLocale) }
        Terminal.opened = false
    }
}

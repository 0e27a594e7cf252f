import CNcursesw

/// One input event from the terminal: a key, a mouse event or a resize.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space, non-ASCII text).
    case character(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// Enter / Return (and the keypad's Enter).
    case enter
    /// Escape, alone (an Alt+key chord arrives as `.escape` then the key).
    case escape
    /// Backspace (either DEL or ^H, whichever the terminal sends).
    case backspace
    /// Tab.
    case tab
    /// Shift+Tab.
    case backTab
    /// The terminal changed size; `Terminal.size` already holds the new size.
    case resize
    /// A mouse event, in screen cells.
    case mouse(MouseEvent)
    /// Function key F*n* (1-based).
    case function(Int)
    /// Anything else: the raw ncurses key code, or a control character's code.
    case unknown(Int32)
}

/// A mouse event in screen cells, (0, 0) at the top left.
public struct MouseEvent: Hashable, Sendable {
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int
    /// What happened.
    public var kind: Kind

    /// What a mouse event reports. Only the primary button and the wheel are reported;
    /// other buttons arrive as `Key.unknown(KEY_MOUSE)`.
    public enum Kind: Sendable {
        /// The primary button went down.
        case press
        /// The primary button went up.
        case release
        /// A press and release in place, on terminals that report clicks as such.
        case click
        /// The wheel turned away from the user.
        case wheelUp
        /// The wheel turned toward the user.
        case wheelDown
        /// The pointer moved (with a button held, on most terminals).
        case move
    }

    /// An event at `(x, y)`.
    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// What `wget_wch` returned, before decoding: kept separate so decoding is a pure
/// function that tests can drive without a terminal.
public enum RawInput: Hashable, Sendable {
    /// `OK`: a character, as a Unicode scalar value (a `wint_t`).
    case character(UInt32)
    /// `KEY_CODE_YES`: an ncurses key code such as `KEY_UP`.
    case keyCode(Int32)
}

/// Turns ncurses input codes into `Key`s. Pure: it reads only ncurses' constants.
public enum KeyDecoder {
    /// Decodes one input. A `KEY_MOUSE` code decodes to `.unknown(KEY_MOUSE)`: the
    /// event itself must be fetched with `getmouse` and decoded by `decodeMouse`.
    public static func decode(_ input: RawInput) -> Key {
        switch input {
        case .character(let value): return decodeCharacter(value)
        case .keyCode(let code): return decodeKeyCode(code)
        }
    }

    /// The key for a character code. Control characters that name keys (Tab, Return,
    /// Escape, Backspace) become those keys; other control characters stay `.unknown`
    /// so a stray ^A is never mistaken for text.
    public static func decodeCharacter(_ value: UInt32) -> Key {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter  // 13 with nonl(), 10 from a pasted newline
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return .unknown(Int32(value))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(Int32(bitPattern: value)) }
            return .character(Character(scalar))
        }
    }

    /// The key for an ncurses key code (a `KEY_CODE_YES` result).
    public static func decodeKeyCode(_ code: Int32) -> Key {
        if let key = keyCodeTable[code] { return key }
        let f0 = mbviz_key_f0()
        if code > f0 && code <= mbviz_key_fmax() { return .function(Int(code - f0)) }
        return .unknown(code)
    }

    /// Fixed key codes. Built once; ncurses' codes are compile-time constants.
    private static let keyCodeTable: [Int32: Key] = [
        mbviz_key_up(): .up,
        mbviz_key_down(): .down,
        mbviz_key_left(): .left,
        mbviz_key_right(): .right,
        mbviz_key_ppage(): .pageUp,
        mbviz_key_npage(): .pageDown,
        mbviz_key_a3(): .pageUp,      // keypad corners, as laid out on a numeric pad
        mbviz_key_c3(): .pageDown,
        mbviz_key_home(): .home,
        mbviz_key_a1(): .home,
        mbviz_key_beg(): .home,
        mbviz_key_end(): .end,
        mbviz_key_c1(): .end,
        mbviz_key_enter(): .enter,
        mbviz_key_backspace(): .backspace,
        mbviz_key_btab(): .backTab,
        mbviz_key_resize(): .resize,
    ]

    /// The mouse event for a `getmouse` result, or nil for buttons the app doesn't use.
    /// The wheel is checked first: xterm reports it as presses of buttons 4 and 5.
    public static func decodeMouse(x: Int, y: Int, buttonState: mmask_t) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if buttonState & mbviz_button4_pressed() != 0 {
            kind = .wheelUp
        } else if buttonState & mbviz_button5_pressed() != 0 {
            kind = .wheelDown
        } else if buttonState & mbviz_button1_pressed() != 0 {
            kind = .press
        } else if buttonState & mbviz_button1_released() != 0 {
            kind = .release
        } else if buttonState & (mbviz_button1_clicked() | mbviz_button1_double_clicked()
                                 | mbviz_button1_triple_clicked()) != 0 {
            kind = .click
        } else if buttonState & mbviz_report_mouse_position() != 0 {
            kind = .move
        } else {
            return nil
        }
        return MouseEvent(x: x, y: y, kind: kind)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// One token of a line, as byte offsets into the file.
struct Token {
    /// First byte (the opening quote of a quoted token).
    var start: Int
    /// One past the last byte.
    var end: Int
    /// The token is a quoted string `"..."`.
    var quoted: Bool = false
    /// Offset of the first `=` of a bare token, or -1.
    var eq: Int = -1
    /// A `key="value"` token: the value after `=` is a quoted string.
    var valueQuoted: Bool = false
    /// The quoted part contains `\"` or `\\`.
    var escaped: Bool = false

    /// True for `key=value` attribute tokens.
    @inline(__always) var isAttribute: Bool { eq > start }
}

let asciiSpace: UInt8 = 0x20, asciiTab: UInt8 = 0x09, asciiHash: UInt8 = 0x23, asciiQuote: UInt8 = 0x22
let asciiBackslash: UInt8 = 0x5c, asciiEquals: UInt8 = 0x3d, asciiDollar: UInt8 = 0x24, asciiAt: UInt8 = 0x40

/// Bytes that may appear in a bare token: printable ASCII other than `#` and `"`. A
/// never-freed table, read without bounds checks in the lexer's inner loop.
nonisolated(unsafe) let plainByte: UnsafeMutablePointer<Bool> = {
    let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    for c in 0..<256 { table[c] = c > 0x20 && c < 0x7f && c != 0x23 && c != 0x22 }
    return table
}()

/// The most tokens a line may have; no valid line comes close.
let maxTokensPerLine = 256

/// The tokens of the current line, in a fixed buffer that is reused for every line.
/// Owned by one parse: `deallocate()` when it ends.
struct TokenBuffer {
    private let base: UnsafeMutablePointer<Token>
    private(set) var count = 0

    init() { base = .allocate(capacity: maxTokensPerLine) }

    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    @inline(__always) subscript(i: Int) -> Token {
        precondition(i >= 0 && i < count, "token index out of range")
        return base[i]
    }

    @inline(__always) mutating func append(_ t: Token) {
        precondition(count < maxTokensPerLine)
        (base + count).initialize(to: t)
        count += 1
    }

    @inline(__always) mutating func removeAll() { count = 0 }

    /// The tokens after the first (a directive's arguments).
    var arguments: [Token] { (1..<max(count, 1)).map { base[$0] } }
}

extension ParserCore {
    /// Splits `[start, end)` into `tokens`. Reports the first lexical error of the line and
    /// returns false (the rest of the line is then ignored).
    mutating func lex(_ start: Int, _ end: Int) -> Bool {
        tokens.removeAll()
        var i = start
        while i < end {
            let c = b[i]
            if c == asciiSpace || c == asciiTab { i += 1; continue }
            if c == asciiHash { return checkComment(i + 1, end) }
            if tokens.count == maxTokensPerLine {
                error(at: i, "line has more than \(maxTokensPerLine) tokens")
                return false
            }
            if c == asciiQuote {
                guard let e = scanString(i, end) else { return false }
                tokens.append(Token(start: i, end: e, quoted: true, escaped: lastStringEscaped))
                i = e
            } else {
                guard let token = scanBare(i, end) else { return false }
                tokens.append(token)
                i = token.end
            }
            if i < end, b[i] != asciiSpace, b[i] != asciiTab, b[i] != asciiHash {
                error(at: i, "missing space after the closing \"")
                return false
            }
        }
        return true
    }

    /// Scans a bare token (or `key="value"`) starting at `start`; nil after an error. A bare
    /// token is printable ASCII other than `#` and `"`, or valid non-ASCII UTF-8.
    private mutating func scanBare(_ start: Int, _ end: Int) -> Token? {
        var token = Token(start: start, end: start)
        let plain = plainTable
        var i = start
        while i < end {
            let c = b[i]
            if plain[Int(c)] {
                if c == asciiEquals && token.eq < 0 { token.eq = i }
                i += 1
                continue
            }
            if c == asciiSpace || c == asciiTab || c == asciiHash { break }
            if c == asciiQuote {
                if token.eq >= 0 && token.eq == i - 1 && token.eq > start {
                    guard let e = scanString(i, end) else { return nil }
                    token.valueQuoted = true
                    token.escaped = lastStringEscaped
                    i = e
                    break
                }
                var tokenEnd = i
                while tokenEnd < end && b[tokenEnd] != asciiSpace && b[tokenEnd] != asciiTab { tokenEnd += 1 }
                error(at: i, "unexpected \" inside \(display(start, tokenEnd)): a quoted string must be a token of its own")
                return nil
            }
            guard checkOther(i, end) else { return nil }
            i += utf8Length(i, end)
        }
        token.end = i
        return token
    }

    /// Scans a quoted string whose opening quote is at `start`; returns the offset after the
    /// closing quote, or nil after an error. Sets `lastStringEscaped`.
    mutating func scanString(_ start: Int, _ end: Int) -> Int? {
        lastStringEscaped = false
        var i = start + 1
        while i < end {
            let c = b[i]
            if c == asciiQuote { return i + 1 }
            if c == asciiBackslash {
                if i + 1 < end && (b[i + 1] == asciiQuote || b[i + 1] == asciiBackslash) {
                    lastStringEscaped = true
                    i += 2
                    continue
                }
                if i + 1 < end {
                    error(at: i, "unknown escape \\\(display(i + 1, i + 1 + utf8Length(i + 1, end))) in a string: only \\\" and \\\\ are allowed")
                    return nil
                }
                break
            }
            if c >= 0x20 && c < 0x7f || c == asciiTab { i += 1; continue }
            guard checkOther(i, end) else { return nil }
            i += utf8Length(i, end)
        }
        error(at: start, "unterminated string: missing the closing \"")
        return nil
    }

    /// Checks a byte that is not plain ASCII: NUL, other control characters and invalid
    /// UTF-8 are errors. Returns true for a valid non-ASCII character.
    private mutating func checkOther(_ i: Int, _ end: Int) -> Bool {
        let c = b[i]
        if c == 0 {
            error(at: i, "NUL byte: a trace is UTF-8 text")
            return false
        }
        if c < 0x80 {
            error(at: i, "control character U+\(hex4(c)) is not allowed")
            return false
        }
        if utf8Length(i, end) == 0 {
            error(at: i, "invalid UTF-8 byte 0x\(String(c, radix: 16))")
            return false
        }
        return true
    }

    /// Checks a comment for NUL bytes and invalid UTF-8 (both are errors anywhere).
    private mutating func checkComment(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let c = b[i]
            if c >= 0x80 {
                let n = utf8Length(i, end)
                guard n > 0 else { return checkOther(i, end) }
                i += n
            } else if c == 0 {
                return checkOther(i, end)
            } else {
                i += 1
            }
        }
        return true
    }

    /// The length of the UTF-8 sequence at `i` (1 for ASCII), or 0 if it is invalid
    /// (truncated, overlong, a surrogate or above U+10FFFF).
    func utf8Length(_ i: Int, _ end: Int) -> Int {
        let c0 = b[i]
        if c0 < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < end && b[i + k] & 0xc0 == 0x80 }
        switch c0 {
        case 0xc2...0xdf:
            return cont(1) ? 2 : 0
        case 0xe0...0xef:
            guard cont(1), cont(2) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xe0 && c1 < 0xa0 { return 0 }
            if c0 == 0xed && c1 >= 0xa0 { return 0 }
            return 3
        case 0xf0...0xf4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xf0 && c1 < 0x90 { return 0 }
            if c0 == 0xf4 && c1 >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
    }

    /// Finds the next `\n` at or after `start`, or `count`.
    func nextNewline(_ start: Int) -> Int {
        guard start < count else { return count }
        guard let p = memchr(b + start, 0x0a, count - start) else { return count }
        return b.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
}

/// Four uppercase hex digits.
func hex4(_ c: UInt8) -> String {
    let s = String(c, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - s.count) + s
}

// A small cursor over the bytes of one log message.

/// Reads numbers and literals from a message left to right; every read either succeeds and
/// advances or fails and leaves the cursor where it was.
struct LogScanner {
    /// The message.
    let bytes: ArraySlice<UInt8>
    /// The next byte to read.
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    /// True when everything was read.
    var atEnd: Bool { index >= bytes.endIndex }

    /// The 0-based column of the cursor in the message.
    var column: Int { index - bytes.startIndex }

    /// Skips spaces and tabs.
    mutating func skipSpaces() {
        while index < bytes.endIndex && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
    }

    /// Reads `literal` if it comes next.
    mutating func literal(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard bytes.endIndex - index >= n else { return false }
        let ok = literal.withUTF8Buffer { lit in
            var j = 0
            while j < n {
                if bytes[index + j] != lit[j] { return false }
                j += 1
            }
            return true
        }
        if ok { index += n }
        return ok
    }

    /// Skips to just after the next occurrence of `literal`; false (cursor unchanged) if none.
    mutating func skip(past needle: StaticString) -> Bool {
        let save = index
        while index < bytes.endIndex {
            if literal(needle) { return true }
            index += 1
        }
        index = save
        return false
    }

    /// A hexadecimal number, with or without `0x`; nil when there is no digit or it does not
    /// fit in 64 bits.
    mutating func hex() -> UInt64? {
        let save = index
        _ = literal("0x") || literal("0X")
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.endIndex, let d = Self.hexValue(bytes[index]) {
            if value >> 60 != 0 { index = save; return nil }
            value = value << 4 | UInt64(d)
            digits += 1
            index += 1
        }
        if digits == 0 { index = save; return nil }
        return value
    }

    /// An unsigned decimal number; nil when none or it does not fit in 64 bits.
    mutating func decimal() -> UInt64? {
        let save = index
        var value: UInt64 = 0
        var digits = 0
        while index < bytes.endIndex, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            if o1 || o2 { index = save; return nil }
            value = a
            digits += 1
            index += 1
        }
        if digits == 0 { index = save; return nil }
        return value
    }

    /// A decimal `Int32`, optionally negative (node ids).
    mutating func int32() -> Int32? {
        let save = index
        let negative = literal("-")
        guard let v = decimal(), v <= UInt64(Int32.max) else { index = save; return nil }
        return negative ? -Int32(v) : Int32(v)
    }

    /// The next word (up to a space or tab), possibly empty.
    mutating func word() -> String {
        let start = index
        while index < bytes.endIndex && bytes[index] != 0x20 && bytes[index] != 0x09 { index += 1 }
        return Self.string(bytes[start..<index])
    }

    /// Everything left, trimmed.
    mutating func rest() -> String {
        skipSpaces()
        let s = Self.string(bytes[index...])
        index = bytes.endIndex
        return s
    }

    /// `[0xBASE-0xEND]`: a range as memblock and the e820 code print it (end inclusive).
    mutating func bracketRange() -> (base: UInt64, end: UInt64)? {
        let save = index
        guard literal("["), let a = hex(), literal("-"), let b = hex(), literal("]") else {
            index = save
            return nil
        }
        return (a, b)
    }

    /// `[mem 0xBASE-0xEND]`.
    mutating func memRange() -> (base: UInt64, end: UInt64)? {
        let save = index
        guard literal("[mem "), let a = hex(), literal("-"), let b = hex(), literal("]") else {
            index = save
            return nil
        }
        return (a, b)
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }

    /// Bytes as text; invalid UTF-8 becomes U+FFFD.
    static func string(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self) }

    /// True when the message starts with `prefix` (after leading spaces).
    static func hasPrefix(_ s: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        var c = LogScanner(s)
        c.skipSpaces()
        return c.literal(prefix)
    }

    /// True when the message contains `needle`.
    static func contains(_ s: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        var c = LogScanner(s)
        return c.skip(past: needle)
    }
}

// Splitting a kernel log into messages: line ends, printk and syslog prefixes.

/// One message of a kernel log: its 1-based line number in the input and its text after the
/// prefixes (`[ seconds]`, `<6>`, `/dev/kmsg` record headers, `… kernel: `).
struct LogLine {
    /// 1-based line number in the input.
    var number: Int
    /// The message bytes, leading spaces kept (dump lines start with one), trailing CRs and
    /// spaces removed.
    var text: ArraySlice<UInt8>
}

/// Reads a log into `LogLine`s in one pass. Lines longer than `maxLineBytes` are cut there:
/// no kernel line is that long, and it bounds the work per line.
enum LogText {
    /// Longer lines are cut (printk's own limit is 1024 bytes).
    static let maxLineBytes = 4096

    /// The lines of `bytes`: `\n`, `\r\n` and `\r\r\n` end lines; other control bytes stay.
    static func lines(_ bytes: [UInt8]) -> [LogLine] {
        var out: [LogLine] = []
        out.reserveCapacity(bytes.count / 60 + 1)
        var start = 0
        var number = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n && bytes[end] != 0x0a { end += 1 }
            number += 1
            var stop = Swift.min(end, start + maxLineBytes)
            while stop > start && (bytes[stop - 1] == 0x0d || bytes[stop - 1] == 0x20) { stop -= 1 }
            out.append(LogLine(number: number, text: stripPrefixes(bytes[start..<stop])))
            start = end + 1
        }
        return out
    }

    /// Removes the prefixes other tools put before a kernel message.
    static func stripPrefixes(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = line
        s = stripKmsgHeader(s)
        s = stripPriority(s)
        s = stripSyslog(s)
        // printk timestamps and caller ids: `[    0.021116] `, `[    T0] `, `[Tue Nov 25 …] `.
        var groups = 0
        while groups < 3, let rest = stripBracketGroup(s) {
            s = rest
            groups += 1
        }
        if groups > 0, s.first == 0x20 { s = s.dropFirst() }
        return s
    }

    /// `/dev/kmsg` records: `PRI,SEQ,USEC,FLAGS;message`.
    static func stripKmsgHeader(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var i = s.startIndex
        var commas = 0
        while i < s.endIndex && i - s.startIndex < 48 {
            let c = s[i]
            if c == 0x3b { return commas >= 3 ? s[(i + 1)...] : s }
            if c == 0x2c { commas += 1 } else if !(isDigit(c) || (commas >= 3 && c != 0x20)) { return s }
            i += 1
        }
        return s
    }

    /// `<6>` syslog priorities (`dmesg -r`).
    static func stripPriority(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard s.first == 0x3c else { return s }
        var i = s.startIndex + 1
        while i < s.endIndex && isDigit(s[i]) && i - s.startIndex < 5 { i += 1 }
        if i < s.endIndex && s[i] == 0x3e && i > s.startIndex + 1 { return s[(i + 1)...] }
        return s
    }

    /// `Nov 25 02:03:04 host kernel: ` (syslog, `journalctl -k`).
    static func stripSyslog(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let key: [UInt8] = Array(" kernel: ".utf8)
        let limit = Swift.min(s.endIndex, s.startIndex + 96)
        guard s.count > key.count, s.first != 0x5b, s.first != 0x20 else { return s }
        var i = s.startIndex
        while i + key.count <= limit {
            if s[i] == 0x20 && s[i..<(i + key.count)].elementsEqual(key) { return s[(i + key.count)...] }
            i += 1
        }
        return s
    }

    /// A leading `[…]` of at most 40 bytes holding only timestamp-like characters.
    static func stripBracketGroup(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard s.first == 0x5b else { return nil }
        var i = s.startIndex + 1
        while i < s.endIndex && i - s.startIndex <= 40 {
            let c = s[i]
            if c == 0x5d { return i > s.startIndex + 1 ? s[(i + 1)...] : nil }
            let ok = isDigit(c) || c == 0x20 || c == 0x2e || c == 0x3a || c == 0x2b || c == 0x2c || c == 0x2d
                || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
            if !ok { return nil }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

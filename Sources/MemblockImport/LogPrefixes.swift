// The prefixes other tools put before a kernel message, removed one kind at a time.

/// Removes printk, syslog, journal and `/dev/kmsg` prefixes from one line.
enum LogPrefixes {
    /// The message after the prefixes, and whether the line had a printk or syslog prefix (a
    /// line without one, in a log that has them, may be the rest of a wrapped line).
    static func strip(_ line: ArraySlice<UInt8>, seen: inout Set<LogTransform>) -> (ArraySlice<UInt8>, Bool) {
        var s = line
        var prefixed = false
        let afterKmsg = stripKmsgHeader(s)
        if afterKmsg.count != s.count { seen.insert(.kmsg); prefixed = true; s = afterKmsg }
        let afterPriority = stripPriority(s)
        if afterPriority.count != s.count { seen.insert(.priorities); prefixed = true; s = afterPriority }
        let afterSyslog = stripSyslog(s)
        if afterSyslog.count != s.count { seen.insert(.syslog); prefixed = true; s = afterSyslog }
        // printk timestamps and caller ids: `[    0.021116] `, `[    T0] `, `[Tue Nov 25 …] `.
        var groups = 0
        while groups < 3, let (rest, kind) = stripBracketGroup(s) {
            s = rest
            seen.insert(kind)
            groups += 1
        }
        if groups > 0 {
            prefixed = true
            if s.first == 0x20 { s = s.dropFirst() }
        }
        return (s, prefixed)
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

    /// `Nov 25 02:03:04 host kernel: ` (syslog, `journalctl -k`), also with an ISO date.
    static func stripSyslog(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let key: [UInt8] = Array(" kernel: ".utf8)
        let limit = Swift.min(s.endIndex, s.startIndex + 96)
        guard s.count > key.count, s.first != 0x5b, s.first != 0x20, let f = s.first, isDigit(f) || (f >= 0x41 && f <= 0x5a) else { return s }
        var i = s.startIndex
        while i + key.count <= limit {
            if s[i] == 0x20 && s[i..<(i + key.count)].elementsEqual(key) { return s[(i + key.count)...] }
            i += 1
        }
        return s
    }

    /// A leading `[…]` of at most 40 bytes holding only timestamp-like characters, and what
    /// kind of prefix it is.
    static func stripBracketGroup(_ s: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, LogTransform)? {
        guard s.first == 0x5b else { return nil }
        var i = s.startIndex + 1
        var letters = 0, digits = 0, colons = 0
        while i < s.endIndex && i - s.startIndex <= 40 {
            let c = s[i]
            if c == 0x5d {
                guard digits > 0 else { return nil }
                let kind: LogTransform = colons > 0 && letters > 0 ? .wallClock
                    : letters > 0 ? (letters <= 2 ? .callerIDs : .wallClock) : .printkTimes
                return (s[(i + 1)...], kind)
            }
            if isDigit(c) { digits += 1 } else if (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) { letters += 1 } else if c == 0x3a { colons += 1 } else if !(c == 0x20 || c == 0x2e || c == 0x2b || c == 0x2c || c == 0x2d) {
                return nil
            }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}

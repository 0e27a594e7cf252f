// Stage 1 of `import dmesg`: the text as posted → one kernel message per line.
//
// People paste logs in many forms: a serial capture with CRLF, `dmesg -T`, `journalctl -k`,
// a code block in a document (every line indented), a reply in a mail (`> ` quoting, long
// lines wrapped by the mail client), with `[...]` where they cut. This stage undoes each of
// those mechanically and says which ones it applied, so the trace can name them.

/// One message of a kernel log: its 1-based line number in the input and its text after the
/// prefixes (`[ seconds]`, `[T0]`, `<6>`, `/dev/kmsg` record headers, `… kernel: `).
struct LogLine {
    /// 1-based line number in the input (the first line of a rejoined message).
    var number: Int
    /// The message bytes, leading spaces kept (dump lines start with one), trailing CRs and
    /// spaces removed.
    var text: ArraySlice<UInt8>
}

/// A mechanical change the normaliser made to the posted text.
enum LogTransform: String, CaseIterable, Sendable {
    case crlf = "CRLF line ends"
    case indentation = "common indentation removed (a document's code block)"
    case quoting = "`> ` mail quoting removed"
    case mailWrap = "mail-wrapped memblock lines rejoined"
    case printkTimes = "printk `[ seconds]` timestamps"
    case wallClock = "`dmesg -T` wall-clock prefixes"
    case callerIDs = "`[T0]`/`[C0]` caller ids"
    case syslog = "syslog/journal prefixes (`… kernel: `)"
    case kmsg = "`/dev/kmsg` record headers"
    case priorities = "`<N>` priorities"
    case noTimestamps = "no timestamps"
    case splitNumbers = "hex numbers split by spaces rejoined"
    case elisions = "elisions (`[...]`) skipped"
    case annotations = "poster annotations after dump lines ignored"
}

/// The normalised log: messages, the transforms applied, and the lines skipped.
struct NormalizedLog {
    /// One entry per message, in input order.
    var lines: [LogLine]
    /// The transforms that changed something, in `LogTransform.allCases` order.
    var transforms: [LogTransform]
    /// Lines left out, with why (`[...]` elisions), as (line, reason).
    var skipped: [(line: Int, why: String)]
    /// Text a poster appended to a dump line, cut off: (line, the text).
    var annotations: [(line: Int, text: String)] = []
}

/// Reads a posted log into messages in one linear pass. Lines longer than `maxLineBytes` are
/// cut there: no kernel line is that long, and it bounds the work per line.
enum LogNormalizer {
    /// Longer lines are cut (printk's own limit is 1024 bytes).
    static let maxLineBytes = 4096
    /// At most this many `>` levels are removed.
    static let maxQuoteDepth = 16

    /// The messages of `bytes`.
    static func normalize(_ bytes: [UInt8]) -> NormalizedLog {
        var seen = Set<LogTransform>()
        let raw = physicalLines(bytes, seen: &seen)
        let indent = commonIndentation(raw)
        if !indent.isEmpty { seen.insert(.indentation) }
        var storage: [UInt8] = []
        storage.reserveCapacity(bytes.count)
        var ranges: [(number: Int, range: Range<Int>, prefixed: Bool)] = []
        var skipped: [(line: Int, why: String)] = []
        var annotations: [(line: Int, text: String)] = []
        var anyTimestamp = false
        for (number, line) in raw {
            var s = line.dropFirst(Swift.min(indent.count, line.count))
            s = stripQuoting(s, seen: &seen)
            s = dropLeadingBlanksBeforePrefix(s)
            let (message, prefixed) = LogPrefixes.strip(s, seen: &seen)
            anyTimestamp = anyTimestamp || prefixed
            if isElision(message) {
                skipped.append((number, "an elision by the poster (`\(LogScanner.string(message.prefix(40)))`)"))
                seen.insert(.elisions)
                continue
            }
            let (plain, note) = stripAnnotation(message)
            if let note {
                annotations.append((number, note))
                seen.insert(.annotations)
            }
            let joined = rejoinSplitNumbers(plain, seen: &seen)
            if let last = ranges.last, !prefixed, last.range.count + joined.count < maxLineBytes,
               continuesWrappedLine(storage[last.range], next: joined) {
                storage.append(0x20)
                storage.append(contentsOf: trimLeading(joined))
                ranges[ranges.count - 1].range = last.range.lowerBound..<storage.count
                seen.insert(.mailWrap)
                continue
            }
            let start = storage.count
            storage.append(contentsOf: joined)
            ranges.append((number, start..<storage.count, prefixed))
        }
        if !anyTimestamp && !raw.isEmpty { seen.insert(.noTimestamps) }
        let lines = ranges.map { LogLine(number: $0.number, text: storage[$0.range]) }
        return NormalizedLog(lines: lines, transforms: LogTransform.allCases.filter(seen.contains), skipped: skipped, annotations: annotations)
    }

    /// The input's lines (`\n`, `\r\n`, `\r\r\n` end lines), cut at `maxLineBytes`, trailing
    /// CRs and spaces removed.
    static func physicalLines(_ bytes: [UInt8], seen: inout Set<LogTransform>) -> [(Int, ArraySlice<UInt8>)] {
        var out: [(Int, ArraySlice<UInt8>)] = []
        out.reserveCapacity(bytes.count / 60 + 1)
        var start = 0, number = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n && bytes[end] != 0x0a { end += 1 }
            number += 1
            var stop = Swift.min(end, start + maxLineBytes)
            if stop > start && bytes[stop - 1] == 0x0d { seen.insert(.crlf) }
            while stop > start && (bytes[stop - 1] == 0x0d || bytes[stop - 1] == 0x20 || bytes[stop - 1] == 0x09) { stop -= 1 }
            out.append((number, bytes[start..<stop]))
            start = end + 1
        }
        return out
    }

    /// The whitespace every non-empty line starts with (a code block in a document), but only
    /// when it is a tab or when the lines also start with a timestamp after it: kernel dump
    /// lines start with one space of their own.
    static func commonIndentation(_ lines: [(Int, ArraySlice<UInt8>)]) -> [UInt8] {
        var common: [UInt8]?
        for (_, l) in lines where !l.isEmpty {
            let ws = Array(l.prefix { $0 == 0x20 || $0 == 0x09 })
            guard let c = common else { common = ws; continue }
            var k = 0
            while k < c.count && k < ws.count && c[k] == ws[k] { k += 1 }
            common = Array(c.prefix(k))
            if common!.isEmpty { return [] }
        }
        guard let c = common, !c.isEmpty else { return [] }
        if c.contains(0x09) { return c }
        // Spaces only: a document block if the lines after them carry printk prefixes.
        let prefixed = lines.prefix(64).filter { !$0.1.isEmpty }.allSatisfy { $0.1.dropFirst(c.count).first == 0x5b || $0.1.dropFirst(c.count).first == 0x3c }
        return prefixed ? c : []
    }

    /// Removes `>` quote markers (`> `, `>>`, `> > `).
    static func stripQuoting(_ line: ArraySlice<UInt8>, seen: inout Set<LogTransform>) -> ArraySlice<UInt8> {
        var s = line
        var depth = 0
        while depth < maxQuoteDepth, s.first == 0x3e {
            s = s.dropFirst()
            if s.first == 0x20 { s = s.dropFirst() }
            depth += 1
        }
        if depth > 0 { seen.insert(.quoting) }
        return s
    }

    /// Leading blanks before a `[` or `<` prefix (a line indented on its own).
    static func dropLeadingBlanksBeforePrefix(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let t = s.drop { $0 == 0x20 || $0 == 0x09 }
        guard t.count < s.count, let c = t.first, c == 0x5b || c == 0x3c else { return s }
        return t
    }

    static func trimLeading(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> { s.drop { $0 == 0x20 || $0 == 0x09 } }

    /// `[...]`, `...`, `[ ... ]`, `<snip>`, `[snip]`, `(...)`, `--- snip ---`: the poster cut here.
    static func isElision(_ s: ArraySlice<UInt8>) -> Bool {
        let t = LogScanner.string(s).trimmingSpaces.lowercased()
        guard !t.isEmpty, t.count <= 24 else { return false }
        let core = t.filter { !"[]()<>- ".contains($0) }
        return core == "..." || core == "…" || core == "snip" || core == "snipped" || core == "cut" || (core.allSatisfy { $0 == "." } && core.count >= 3)
    }

    /// A dump region line (` memory[0x0] … flags: 0x0`) ends at its flags: text after them
    /// was added by whoever posted the log. Returns the line without it and the text.
    static func stripAnnotation(_ s: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, String?) {
        guard LogScanner.hasPrefix(s, "memory[") || LogScanner.hasPrefix(s, "reserved[") || LogScanner.hasPrefix(s, "physmem[") else { return (s, nil) }
        var c = LogScanner(s)
        guard c.skip(past: " flags: "), c.hex() != nil else { return (s, nil) }
        let end = c.index
        let rest = LogScanner.string(s[end...]).trimmingSpaces
        return rest.isEmpty ? (s, nil) : (s[..<end], String(rest.prefix(40)))
    }

    /// `[0x00000040 0000 0000-…]`: a range whose number was split into digit groups (by a
    /// poster or a renderer) is rejoined when the groups make up a 16-digit address.
    static func rejoinSplitNumbers(_ s: ArraySlice<UInt8>, seen: inout Set<LogTransform>) -> ArraySlice<UInt8> {
        guard LogScanner.hasPrefix(s, "memblock") || LogScanner.hasPrefix(s, "__memblock"), s.contains(0x5b) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        var changed = false
        while i < s.endIndex {
            out.append(s[i])
            guard s[i] == 0x78, i > s.startIndex, s[i - 1] == 0x30 else { i += 1; continue }
            // After `0x`: digits, then groups of ` DIGITS` while the total stays ≤ 16.
            var j = i + 1
            var digits: [UInt8] = []
            while j < s.endIndex, LogScanner.hexValue(s[j]) != nil { digits.append(s[j]); j += 1 }
            var k = j
            var joined = digits
            while k + 1 < s.endIndex, s[k] == 0x20, LogScanner.hexValue(s[k + 1]) != nil {
                var g = k + 1
                var group: [UInt8] = []
                while g < s.endIndex, LogScanner.hexValue(s[g]) != nil { group.append(s[g]); g += 1 }
                guard joined.count + group.count <= 16 else { break }
                joined += group
                k = g
            }
            if joined.count == 16 && k > j {
                out += joined
                changed = true
                i = k
            } else {
                out += digits
                i = j
            }
        }
        if changed { seen.insert(.splitNumbers) }
        return changed ? out[...] : s
    }

    /// True when `previous` is a memblock debug line cut before its `%pS` caller and `next`
    /// (which has no printk prefix) is its rest, as a mail client wraps a long line.
    static func continuesWrappedLine(_ previous: ArraySlice<UInt8>, next: ArraySlice<UInt8>) -> Bool {
        guard LogClassifier.lacksCaller(previous) else { return false }
        let t = trimLeading(next)
        guard let c = t.first, c != 0x5b else { return false }
        return !LogScanner.hasPrefix(t, "memblock") && !LogScanner.hasPrefix(t, "MEMBLOCK")
            && !LogScanner.hasPrefix(t, "memory") && !LogScanner.hasPrefix(t, "reserved")
    }
}

import Memblock

/// The outcome of reading a number token.
enum NumberParse {
    case value(UInt64)
    /// Well-formed, but does not fit in 64 bits (also after the suffix's multiplication).
    case overflow
    case invalid
}

/// Hex digit values, 0xff for non-digits. A never-freed table, read without bounds checks.
nonisolated(unsafe) let hexDigitValue: UnsafeMutablePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for c in 0..<256 {
        switch c {
        case 0x30...0x39: table[c] = UInt8(c - 0x30)
        case 0x41...0x46: table[c] = UInt8(c - 0x41 + 10)
        case 0x61...0x66: table[c] = UInt8(c - 0x61 + 10)
        default: table[c] = 0xff
        }
    }
    return table
}()

/// The address constants of the trace format and their values.
let addressConstants: [(StaticString, UInt64)] = [
    ("ANYWHERE", memblockAllocAnywhere), ("MEMBLOCK_ALLOC_ANYWHERE", memblockAllocAnywhere),
    ("ACCESSIBLE", memblockAllocAccessible), ("MEMBLOCK_ALLOC_ACCESSIBLE", memblockAllocAccessible),
    ("NOLEAKTRACE", memblockAllocNoLeakTrace), ("MEMBLOCK_ALLOC_NOLEAKTRACE", memblockAllocNoLeakTrace),
    ("MEMBLOCK_LOW_LIMIT", memblockLowLimit),
]

extension ParserCore {
    /// Reads `[start, end)` as a number: `0x` hex or decimal digits (`_` allowed between
    /// digits), then optionally one binary suffix K, M, G, T or P.
    func parseNumber(_ start: Int, _ end: Int) -> NumberParse {
        var i = start
        var radix: UInt64 = 10
        if end - start > 2 && b[i] == 0x30 && (b[i + 1] == 0x78 || b[i + 1] == 0x58) {
            radix = 16
            i += 2
        }
        let digitValue = digitTable
        var value: UInt64 = 0
        var digits = 0
        var overflow = false
        var afterUnderscore = false
        while i < end {
            let c = b[i]
            if c == 0x5f {
                if digits == 0 || afterUnderscore { return .invalid }
                afterUnderscore = true
                i += 1
                continue
            }
            let d = UInt64(digitValue[Int(c)])
            if d >= radix { break }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { overflow = true }
            value = s
            digits += 1
            afterUnderscore = false
            i += 1
        }
        if digits == 0 || afterUnderscore { return .invalid }
        if i < end {
            guard i + 1 == end else { return .invalid }
            let shift: UInt64
            switch b[i] {
            case 0x4b: shift = 10  // K
            case 0x4d: shift = 20  // M
            case 0x47: shift = 30  // G
            case 0x54: shift = 40  // T
            case 0x50: shift = 50  // P
            default: return .invalid
            }
            if value > UInt64.max >> shift { overflow = true }
            value <<= shift
        }
        return overflow ? .overflow : .value(value)
    }

    /// Reads a number token, reporting bad or too-large numbers; `what` names the value in
    /// messages (e.g. `@config page_size`).
    mutating func number(_ t: Token, _ start: Int, what: @autoclosure () -> String) -> UInt64? {
        switch parseNumber(start, t.end) {
        case .value(let v): return v
        case .overflow:
            error(at: start, "number \(display(start, t.end)) does not fit in 64 bits")
        case .invalid:
            error(at: start, "\(what()): expected a number (0x1000, 4096 or 4K), got \(display(start, t.end))")
        }
        return nil
    }

    /// Reads an address, size or limit: a number, an address constant or an earlier `$label`.
    mutating func address(_ t: Token, what: @autoclosure () -> String) -> Argument? {
        let c = t.quoted || t.valueQuoted ? asciiQuote : b[t.start]
        if c >= 0x30 && c <= 0x39 {
            switch parseNumber(t.start, t.end) {
            case .value(let v): return .literal(v)
            case .overflow:
                error(t, "number \(display(t)) does not fit in 64 bits")
                return nil
            case .invalid: break
            }
        } else if c == asciiDollar {
            return labelReference(t)
        } else if c >= 0x41 && c <= 0x5a {
            for (name, value) in addressConstants where equals(t, name) { return .literal(value) }
            if equals(t, "NUMA_NO_NODE") || equals(t, "MAX_NUMNODES") {
                error(t, "\(what()): \(display(t)) is a node id, not an address or size")
                return nil
            }
        } else if c == 0x2d {
            error(t, "\(what()): negative numbers are node ids only; expected an unsigned number or $label, got \(display(t))")
            return nil
        }
        error(t, "\(what()): expected a number (0x1000, 4096, 4K), an address constant or $label, got \(display(t))")
        return nil
    }

    /// Reads `$NAME`, which an earlier step must have defined with `label=NAME`.
    private mutating func labelReference(_ t: Token) -> Argument? {
        guard checkLabelName(t.start + 1, t.end, token: t) else { return nil }
        let slot = names.intern(b, t.start + 1, t.end)
        guard names.isDefinedAsLabel(slot) else {
            error(t, "undefined label \(display(t)): no earlier step has label=\(display(t.start + 1, t.end))")
            return nil
        }
        return .label(names.string(slot))
    }

    /// Label names are letters, digits, `_`, `.` and `-`.
    mutating func checkLabelName(_ start: Int, _ end: Int, token t: Token) -> Bool {
        if start == end {
            error(t, "\(display(t)) needs a label name")
            return false
        }
        for i in start..<end {
            let c = b[i] | 0x20
            if (c >= 0x61 && c <= 0x7a) || (b[i] >= 0x30 && b[i] <= 0x39) || b[i] == 0x5f || b[i] == 0x2e || b[i] == 0x2d {
                continue
            }
            error(at: i, "bad label name \(display(start, end)): use letters, digits, _ . and -")
            return false
        }
        return true
    }

    /// Reads a node id: a number up to `MAX_NUMNODES`, `-1`/`NUMA_NO_NODE` or `MAX_NUMNODES`.
    mutating func nodeID(_ t: Token, what: @autoclosure () -> String) -> Int32? {
        let max = settings.maxNumnodes
        if !t.quoted && !t.valueQuoted {
            if equals(t, "-1") || equals(t, "NUMA_NO_NODE") { return -1 }
            if equals(t, "MAX_NUMNODES") { return max }
            let negative = b[t.start] == 0x2d
            let start = negative ? t.start + 1 : t.start
            let c = start < t.end ? b[start] : 0
            if c >= 0x30 && c <= 0x39 {
                switch parseNumber(start, t.end) {
                case .value(let v):
                    // The kernels take any int: nids that are not nodes are edge cases the
                    // model replays (6.1 matches them literally, 6.12 reads them as any node).
                    if negative && v <= UInt64(Int32.max) + 1 { return Int32(truncatingIfNeeded: 0 &- Int64(v)) }
                    if !negative && v <= UInt64(Int32.max) { return Int32(v) }
                    error(t, "\(what()): node \(display(t)) does not fit in a 32-bit int")
                    return nil
                case .overflow:
                    error(t, "number \(display(t)) does not fit in 64 bits")
                    return nil
                case .invalid: break
                }
            }
        }
        error(t, "\(what()): expected a node id (0 to \(max), -1, NUMA_NO_NODE, MAX_NUMNODES or another int), got \(display(t))")
        return nil
    }

    /// Reads `0`/`1`/`false`/`true`.
    mutating func boolean(_ t: Token, _ start: Int, what: @autoclosure () -> String) -> Bool? {
        if !t.quoted && !t.valueQuoted {
            if equals(start, t.end, "1") || equals(start, t.end, "true") { return true }
            if equals(start, t.end, "0") || equals(start, t.end, "false") { return false }
        }
        error(at: start, "\(what()): expected 0, 1, true or false, got \(display(start, t.end))")
        return nil
    }
}

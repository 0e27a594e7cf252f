import Memblock

/// The view's number formats: human sizes (`4K`, `1.5M`), grouped hex (`0x1_0000_0000`),
/// axis labels, and the guard that keeps text one column per character.
public enum ViewFormat {
    /// Binary unit suffixes, from KiB (2^10) to EiB (2^60).
    static let units: [Character] = ["K", "M", "G", "T", "P", "E"]

    /// A byte count for people: `0`, `512B`, `4K`, `636K`, `1.5M`, `2G`. A value that is not
    /// a whole number of its unit keeps three significant digits, cut (never rounded up, so
    /// 4G less a page reads `3.99G`, not `4G`): `3.96G`, `36.5M`, `388K`.
    public static func size(_ bytes: UInt64) -> String {
        if bytes == 0 { return "0" }
        if bytes < 1024 { return "\(bytes)B" }
        var shift = 10, unit = 0
        while unit + 1 < units.count && bytes >> UInt64(shift + 10) != 0 { shift += 10; unit += 1 }
        let whole = bytes >> UInt64(shift)
        let suffix = String(units[unit])
        let remainder = bytes & ((1 << UInt64(shift)) - 1)
        if remainder == 0 || whole >= 100 { return "\(whole)\(suffix)" }
        // Fractional digits, cut: two below 10, one below 100.
        let places = whole < 10 ? 2 : 1
        let scale: UInt64 = places == 2 ? 100 : 10
        let frac = remainder.multipliedFullWidth(by: scale)
        let digits = (UInt64(1) << UInt64(shift)).dividingFullWidth(frac).quotient
        var fraction = String(digits)
        while fraction.count < places { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)\(suffix)" : "\(whole).\(fraction)\(suffix)"
    }

    /// Lowercase hex with `0x` and an underscore every four digits: `0x0`, `0x9_f000`,
    /// `0x1_0000_0000`.
    public static func hex(_ value: UInt64) -> String {
        hexDigits(value, minDigits: 1)
    }

    /// Grouped hex padded with zeros to `digits` hex digits (table columns line up):
    /// `paddedHex(0x9f000, digits: 9)` is `0x0_0009_f000`.
    public static func paddedHex(_ value: UInt64, digits: Int) -> String {
        hexDigits(value, minDigits: digits)
    }

    /// The width of `paddedHex` for `digits` digits.
    public static func paddedHexWidth(digits: Int) -> Int { 2 + digits + (digits - 1) / 4 }

    /// The number of hex digits `value` needs (at least 1).
    public static func hexDigitCount(_ value: UInt64) -> Int {
        value == 0 ? 1 : (67 - value.leadingZeroBitCount) / 4
    }

    private static func hexDigits(_ value: UInt64, minDigits: Int) -> String {
        let hexChars = Array("0123456789abcdef".utf8)
        let n = Swift.max(minDigits, hexDigitCount(value))
        var out: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
        out.reserveCapacity(2 + n + n / 4)
        for i in stride(from: n - 1, through: 0, by: -1) {
            let nibble = i >= 16 ? 0 : Int((value >> UInt64(i * 4)) & 0xf)
            out.append(hexChars[nibble])
            if i > 0 && i % 4 == 0 { out.append(UInt8(ascii: "_")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An axis label: `0`; a number of the largest binary unit that reads it exactly and
    /// shortly (`1M`, `4G`, `640K`, `1020M`, `1.25G`, `60.5G`: quarters below 10, halves below
    /// 1000, whole numbers below 10000); otherwise grouped hex (`0x9_fc01`). Never a long
    /// decimal like `1044992K`.
    public static func axisLabel(_ addr: UInt64) -> String {
        labels([addr])[0]
    }

    /// `addr` in the unit `units[unit]`, when it reads exactly there (see `axisLabel`).
    /// `leadingZero` allows `0.5G` (in a group whose other labels need the unit).
    static func inUnit(_ addr: UInt64, unit: Int, leadingZero: Bool = false) -> String? {
        if addr == 0 { return "0" }
        let shift = UInt64(10 * (unit + 1))
        let u = UInt64(1) << shift
        let whole = addr >> shift, rest = addr & (u - 1)
        let suffix = units[unit]
        if rest == 0 { return whole >= 1 && whole < 10000 ? "\(whole)\(suffix)" : nil }
        if whole >= 10 && whole < 1000 && rest == u / 2 { return "\(whole).5\(suffix)" }
        if whole < 10 && rest & (u / 4 - 1) == 0 && (whole >= 1 || (unit > 0 && leadingZero)) {
            let quarters = rest / (u / 4)
            let decimals = quarters == 2 ? "5" : quarters == 1 ? "25" : "75"
            return "\(whole).\(decimals)\(suffix)"
        }
        return nil
    }

    /// Labels for addresses shown together (one axis, one range): all in one unit, the
    /// largest in which every one reads exactly (`0`, `0.5G`, `1G`, `1.5G`), else each in
    /// grouped hex, so a view never mixes `512M` with `1G`.
    public static func labels(_ addrs: [UInt64]) -> [String] {
        guard let unit = commonUnit(addrs) else { return addrs.map { $0 == 0 ? "0" : hex($0) } }
        return addrs.map { inUnit($0, unit: unit, leadingZero: true)! }
    }

    /// The largest unit in which every address reads exactly (`0.5G` allowed when another
    /// address is at least one whole unit), or nil.
    static func commonUnit(_ addrs: [UInt64]) -> Int? {
        stride(from: units.count - 1, through: 0, by: -1).first { unit in
            addrs.contains { $0 >> UInt64(10 * (unit + 1)) >= 1 }
                && addrs.allSatisfy { inUnit($0, unit: unit, leadingZero: true) != nil }
        }
    }

    /// The unit for an axis's round ticks: the one every tick reads in, else the largest
    /// one that at least half of them read in (the others are then left off); nil when
    /// none does.
    static func axisUnit(_ round: [UInt64]) -> Int? {
        if let u = commonUnit(round) { return u }
        return stride(from: units.count - 1, through: 0, by: -1).first { unit in
            let fits = round.filter { inUnit($0, unit: unit, leadingZero: true) != nil }
            return fits.count * 2 >= round.count && fits.contains { $0 >> UInt64(10 * (unit + 1)) >= 1 }
        }
    }

    /// `addr` in `unit` (`0.5G` allowed), or grouped hex when it does not read there.
    static func label(_ addr: UInt64, unit: Int?) -> String {
        if addr == 0 { return "0" }
        return unit.flatMap { inUnit(addr, unit: $0, leadingZero: true) } ?? hex(addr)
    }

    /// A range's two ends in one notation: `0–64M`, `4G–5G`, `0x1000–0xbffe_0000`.
    public static func range(_ lo: UInt64, _ hi: UInt64) -> String {
        let l = labels([lo, hi])
        return l[0] + "–" + l[1]
    }

    /// A node's display name: `node N` followed by the scene's name for it (the name alone
    /// when it already starts with `node N`), or `no node`.
    static func nodeName(_ nid: Int32?, _ names: [Int32: String]) -> String {
        guard let nid else { return "no node" }
        guard let name = names[nid], !name.isEmpty else { return "node \(nid)" }
        return name.hasPrefix("node \(nid)") ? name : "node \(nid) \(name)"
    }

    /// An address where a short label reads best (a span's ends): the axis label when it is
    /// at most six characters (`4K`, `1.5G`), else grouped hex (`0xbffe_0000`).
    public static func boundary(_ addr: UInt64) -> String {
        let label = axisLabel(addr)
        return label.count <= 6 ? label : hex(addr)
    }

    /// The flags of a memory region: `-` for none, kernel names joined by `|` when `wide`,
    /// else one letter each (`H` hotplug, `M` mirror, `N` nomap, `D` driver-managed).
    static func flags(_ f: MemblockFlags, wide: Bool) -> String {
        if f.isEmpty { return "-" }
        if wide { return f.description }
        var s = ""
        if f.contains(.hotplug) { s += "H" }
        if f.contains(.mirror) { s += "M" }
        if f.contains(.nomap) { s += "N" }
        if f.contains(.driverManaged) { s += "D" }
        return s
    }

    /// True when the character takes exactly one terminal column: printable ASCII, or a
    /// single scalar that is neither a control, a combining mark, nor East Asian wide.
    public static func isSingleWidth(_ ch: Character) -> Bool {
        if let a = ch.asciiValue { return a >= 0x20 && a < 0x7f }
        let scalars = ch.unicodeScalars
        guard scalars.count == 1, let s = scalars.first else { return false }
        let v = s.value
        if v < 0xa0 || v == 0xad { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control, .surrogate,
             .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
            return false
        default:
            break
        }
        if s.properties.isEmojiPresentation { return false }
        return !wideRanges.contains { $0.contains(v) }
    }

    /// East Asian Wide and Fullwidth blocks (approximate, conservative).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x3FFFD,
    ]

    /// The character drawn in its place when one does not take exactly one column: a tab
    /// becomes a space, anything else `?`.
    @inline(__always)
    static func oneColumn(_ ch: Character) -> Character {
        if let a = ch.asciiValue, a >= 0x20 && a < 0x7f { return ch }
        if ch == "\t" { return " " }
        return isSingleWidth(ch) ? ch : "?"
    }

    /// Text cut to at most `width` characters, ending in `…` when cut.
    static func truncate(_ text: String, _ width: Int) -> String {
        if width <= 0 { return "" }
        if text.count <= width { return text }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Text padded with spaces (or cut) to exactly `width` characters, right-aligned
    /// when `right` is set.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let width = Swift.max(0, width)
        let n = text.count
        if n >= width { return String(text.prefix(width)) }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + text : text + fill
    }
}

/// A minimal SVG 1.1 writer: elements with escaped attributes and text, numbers without
/// exponents or locale. It only appends text, so a whole picture is one string.
public struct SVGWriter: Sendable {
    /// The body written so far (everything inside the root element).
    public private(set) var body = ""
    private var depth = 1
    private var openElements: [String] = []

    /// The namespace of the `mb:` attributes that say what a shape shows (`mb:kind`,
    /// `mb:lo`, `mb:hi`): foreign-namespace attributes keep the document SVG 1.1.
    public static let dataNamespace = "urn:mbviz:export:1"

    /// An empty document body.
    public init() {}

    /// Text safe inside an XML element or a quoted attribute: `& < > " '` as entities, and
    /// characters XML 1.0 forbids (controls other than tab, newline and return; U+FFFE,
    /// U+FFFF) replaced by U+FFFD, so a trace's label can never break the document. In
    /// attributes, tab and line breaks become character references (a parser would
    /// otherwise normalise them to spaces).
    public static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += attribute ? "&quot;" : "\""
            case "'": out += attribute ? "&apos;" : "'"
            case "\t": out += attribute ? "&#9;" : "\t"
            case "\n": out += attribute ? "&#10;" : "\n"
            case "\r": out += "&#13;"
            default:
                if s.value < 0x20 || s.value == 0xfffe || s.value == 0xffff {
                    out.unicodeScalars.append("\u{fffd}")
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    /// A coordinate or length: at most six decimals, no exponent, no trailing zeros, so a
    /// 4 KiB region on a 64 GiB axis (a few millionths of a pixel) keeps its true width.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let scaled = (v * 1_000_000).rounded()
        guard Swift.abs(scaled) < 9e15 else { return String(Int64(v.rounded())) }
        let i = Int64(scaled)
        let magnitude = i.magnitude
        let whole = magnitude / 1_000_000, frac = magnitude % 1_000_000
        var s = (i < 0 ? "-" : "") + String(whole)
        if frac != 0 {
            var digits = String(frac)
            digits = String(repeating: "0", count: 6 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            s += "." + digits
        }
        return s
    }

    /// An attribute value: a string, a number or a colour.
    public enum Value: Sendable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        /// Text, escaped when written.
        case text(String)
        /// A number, written by `SVGWriter.number`.
        case number(Double)

        /// A literal string.
        public init(stringLiteral value: String) { self = .text(value) }
        /// A literal number.
        public init(floatLiteral value: Double) { self = .number(value) }
        /// A literal integer.
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
        /// A colour as `#rrggbb`.
        public static func color(_ c: RGB) -> Value { .text(c.description) }

        var written: String {
            switch self {
            case .text(let t): return SVGWriter.escape(t, attribute: true)
            case .number(let n): return SVGWriter.number(n)
            }
        }
    }

    private static func attributes(_ attrs: KeyValuePairs<String, Value?>) -> String {
        var s = ""
        for (k, v) in attrs {
            guard let v else { continue }
            s += " \(k)=\"\(v.written)\""
        }
        return s
    }

    private mutating func line(_ text: String) {
        body += String(repeating: "  ", count: depth) + text + "\n"
    }

    /// Opens an element that will hold others (`g`); `close()` ends it.
    public mutating func open(_ name: String, _ attrs: KeyValuePairs<String, Value?> = [:]) {
        line("<\(name)\(Self.attributes(attrs))>")
        openElements.append(name)
        depth += 1
    }

    /// Ends the innermost open element.
    public mutating func close() {
        guard let name = openElements.popLast() else { return }
        depth -= 1
        line("</\(name)>")
    }

    /// An element with no content (`rect`, `line`, `path`), or with a `<title>` tooltip.
    public mutating func empty(_ name: String, _ attrs: KeyValuePairs<String, Value?>, tooltip: String? = nil) {
        if let tooltip {
            line("<\(name)\(Self.attributes(attrs))><title>\(Self.escape(tooltip))</title></\(name)>")
        } else {
            line("<\(name)\(Self.attributes(attrs))/>")
        }
    }

    /// An element holding text (`text`, `title`, `desc`).
    public mutating func text(_ name: String, _ content: String, _ attrs: KeyValuePairs<String, Value?> = [:]) {
        line("<\(name)\(Self.attributes(attrs))>\(Self.escape(content))</\(name)>")
    }

    /// A `text` element made of coloured pieces (`tspan`s), for a line like the totals.
    public mutating func runs(_ pieces: [(text: String, fill: RGB, bold: Bool)], _ attrs: KeyValuePairs<String, Value?>) {
        var inner = ""
        for p in pieces where !p.text.isEmpty {
            inner += "<tspan fill=\"\(p.fill)\"\(p.bold ? " font-weight=\"bold\"" : "")>\(Self.escape(p.text))</tspan>"
        }
        line("<text\(Self.attributes(attrs)) xml:space=\"preserve\">\(inner)</text>")
    }

    /// The whole document: the XML declaration and the root `svg` element, `width × height`
    /// user units with the matching `viewBox`, around everything written.
    public func document(width: Double, height: Double, title: String, description: String) -> String {
        var body = self.body
        for name in openElements.reversed() { body += "</\(name)>\n" }
        let w = Self.number(width), h = Self.number(height)
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:mb="\(Self.dataNamespace)" version="1.1" \
            width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
            font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="12">
              <title>\(Self.escape(title))</title>
              <desc>\(Self.escape(description))</desc>

            """ + body + "</svg>\n"
    }
}

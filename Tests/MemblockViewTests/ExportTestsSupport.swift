import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import MemblockView

/// A small terminal for checking recordings: printable characters with xterm's pending
/// wrap, CR, LF, and the CSI sequences an encoder may use (CUP, CUF/CUB/CUU/CUD, CHA, ED,
/// EL, SGR, DECSTBM, SU/SD, private modes). Each cell keeps the SGR sequence in force when
/// it was written, so tests can check styles as well as text. Anything else fails the test.
struct ANSIScreen {
    let width: Int, height: Int
    private(set) var chars: [Character]
    private(set) var pens: [String]
    private(set) var x = 0, y = 0
    private var pendingWrap = false
    private(set) var pen = ""
    private var top = 0, bottom: Int
    /// Sequences the screen did not understand (a test asserts this stays empty).
    private(set) var unknown: [String] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        chars = Array(repeating: " ", count: width * height)
        pens = Array(repeating: "", count: width * height)
        bottom = height - 1
    }

    /// The screen as text: `height` lines of `width` characters, each ended by a newline
    /// (the form of `HeadlessOutput.text`).
    var text: String {
        var out = ""
        for row in 0..<height { out += String(chars[(row * width)..<((row + 1) * width)]) + "\n" }
        return out
    }

    /// The row as a string.
    func line(_ row: Int) -> String { String(chars[(row * width)..<((row + 1) * width)]) }

    /// The SGR sequence the cell at `(col, row)` was written with.
    func pen(_ col: Int, _ row: Int) -> String { pens[row * width + col] }

    mutating func feed(_ data: String) {
        var it = Array(data).makeIterator()
        while let ch = it.next() {
            switch ch {
            case "\u{1b}":
                guard let next = it.next() else { unknown.append("ESC at end"); return }
                guard next == "[" else { unknown.append("ESC \(next)"); continue }
                var body = ""
                var final: Character?
                while let c = it.next() {
                    if let a = c.asciiValue, a >= 0x40 && a <= 0x7e { final = c; break }
                    body.append(c)
                }
                guard let f = final else { unknown.append("unterminated CSI"); return }
                csi(body, f)
            case "\r": x = 0; pendingWrap = false
            case "\n": lineFeed()
            default:
                if let a = ch.asciiValue, a < 0x20 || a == 0x7f { unknown.append("control \(a)"); continue }
                put(ch)
            }
        }
    }

    private mutating func put(_ ch: Character) {
        if pendingWrap {
            x = 0
            lineFeed()
            pendingWrap = false
        }
        chars[y * width + x] = ch
        pens[y * width + x] = pen
        if x == width - 1 { pendingWrap = true } else { x += 1 }
    }

    private mutating func lineFeed() {
        if y == bottom { scrollUp(1) } else if y < height - 1 { y += 1 }
    }

    private mutating func scrollUp(_ n: Int) {
        for _ in 0..<n {
            for row in top..<bottom {
                for col in 0..<width {
                    chars[row * width + col] = chars[(row + 1) * width + col]
                    pens[row * width + col] = pens[(row + 1) * width + col]
                }
            }
            for col in 0..<width { chars[bottom * width + col] = " "; pens[bottom * width + col] = pen }
        }
    }

    private mutating func scrollDown(_ n: Int) {
        for _ in 0..<n {
            for row in stride(from: bottom, to: top, by: -1) {
                for col in 0..<width {
                    chars[row * width + col] = chars[(row - 1) * width + col]
                    pens[row * width + col] = pens[(row - 1) * width + col]
                }
            }
            for col in 0..<width { chars[top * width + col] = " "; pens[top * width + col] = pen }
        }
    }

    private mutating func erase(_ range: Range<Int>) {
        for i in range { chars[i] = " "; pens[i] = pen }
    }

    private mutating func csi(_ body: String, _ final: Character) {
        if body.hasPrefix("?") {
            if final == "h" || final == "l" { return }  // private modes (cursor shown/hidden)
            unknown.append("CSI \(body)\(final)")
            return
        }
        let params = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func p(_ i: Int, _ def: Int) -> Int { i < params.count ? (params[i] ?? def) : def }
        func clamp(_ v: Int, _ hi: Int) -> Int { Swift.max(0, Swift.min(v, hi)) }
        switch final {
        case "m": pen = "\u{1b}[" + body + "m"
        case "H", "f": y = clamp(p(0, 1) - 1, height - 1); x = clamp(p(1, 1) - 1, width - 1); pendingWrap = false
        case "C": x = clamp(x + Swift.max(1, p(0, 1)), width - 1); pendingWrap = false
        case "D": x = clamp(x - Swift.max(1, p(0, 1)), width - 1); pendingWrap = false
        case "A": y = clamp(y - Swift.max(1, p(0, 1)), height - 1); pendingWrap = false
        case "B": y = clamp(y + Swift.max(1, p(0, 1)), height - 1); pendingWrap = false
        case "G": x = clamp(p(0, 1) - 1, width - 1); pendingWrap = false
        case "J":
            switch p(0, 0) {
            case 2, 3: erase(0..<(width * height))
            case 1: erase(0..<(y * width + x + 1))
            default: erase((y * width + x)..<(width * height))
            }
        case "K":
            switch p(0, 0) {
            case 2: erase((y * width)..<((y + 1) * width))
            case 1: erase((y * width)..<(y * width + x + 1))
            default: erase((y * width + x)..<((y + 1) * width))
            }
        case "r":
            let t = p(0, 1) - 1, b = p(1, height) - 1
            if t >= 0 && b < height && t < b { top = t; bottom = b } else { unknown.append("bad region \(body)") }
            x = 0; y = 0; pendingWrap = false
        case "S": scrollUp(Swift.max(1, p(0, 1)))
        case "T": scrollDown(Swift.max(1, p(0, 1)))
        default: unknown.append("CSI \(body)\(final)")
        }
    }
}

/// A parsed XML element: enough of a DOM to check a picture's structure.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Every descendant (depth first, self first) for which `where` holds.
    func all(_ predicate: (XMLNode) -> Bool) -> [XMLNode] {
        var out = predicate(self) ? [self] : []
        for c in children { out += c.all(predicate) }
        return out
    }

    /// The first descendant with this `id`.
    func byID(_ id: String) -> XMLNode? { all { $0.attributes["id"] == id }.first }

    /// Descendants whose `class` list contains `cls`.
    func byClass(_ cls: String) -> [XMLNode] {
        all { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls)) }
    }

    /// The text of this element and all below it.
    var allText: String { text + children.map(\.allText).joined() }

    /// A numeric attribute.
    func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }

    /// Parses a document with Foundation's `XMLParser`; nil (and the parser's error) when it
    /// is not well-formed.
    static func parse(_ xml: String) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw NSError(domain: "xml", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)"])
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            node.parent = stack.last
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// A recording parsed back: the header and the events, with JSONSerialization.
struct ParsedCast {
    var header: [String: Any]
    var events: [(time: Double, code: String, data: String)]

    init(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(lines.isEmpty, file: file, line: line)
        let head = try JSONSerialization.jsonObject(with: Data(lines[0].utf8))
        header = try XCTUnwrap(head as? [String: Any], "header is not an object", file: file, line: line)
        events = []
        for l in lines.dropFirst() {
            let e = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [Any], l, file: file, line: line)
            XCTAssertEqual(e.count, 3, l, file: file, line: line)
            let time = try XCTUnwrap((e[0] as? NSNumber)?.doubleValue, l, file: file, line: line)
            events.append((time, try XCTUnwrap(e[1] as? String), try XCTUnwrap(e[2] as? String)))
        }
    }

    /// The screen after feeding every output event up to (and including) index `upTo`.
    func screen(upTo last: Int? = nil) -> ANSIScreen {
        let w = header["width"] as? Int ?? 0, h = header["height"] as? Int ?? 0
        var s = ANSIScreen(width: w, height: h)
        for (i, e) in events.enumerated() where e.code == "o" {
            if let last, i > last { break }
            s.feed(e.data)
        }
        return s
    }
}

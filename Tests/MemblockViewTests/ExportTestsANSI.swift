import Foundation
import XCTest
@testable import MemblockView

/// `ANSIFrameEncoder`: frame-to-frame diffs that repaint exactly what changed.
final class ExportTestsANSI: XCTestCase {
    let esc = "\u{1b}"

    func theme(_ name: String = "default") throws -> Theme { try XCTUnwrap(ThemeLoader.builtin(name)) }

    /// Checks that the screen shows `buffer` with the right style in every cell.
    func assertShows(_ screen: ANSIScreen, _ buffer: Buffer, _ theme: Theme, _ message: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(screen.unknown, [], message, file: file, line: line)
        XCTAssertEqual(screen.text, HeadlessOutput.text(buffer), message, file: file, line: line)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                let want = HeadlessOutput.sgr(theme.style(cell.role), extraBold: cell.bold)
                if screen.pen(x, y) != want {
                    XCTFail("\(message): pen at \(x),\(y) is \(screen.pen(x, y).debugDescription), want \(want.debugDescription)",
                            file: file, line: line)
                    return
                }
            }
        }
    }

    func test_firstFrame_clearsAndDrawsEverything_laterFramesOnlyChanges() throws {
        let t = try theme()
        var enc = ANSIFrameEncoder(theme: t)
        var b = Buffer(width: 20, height: 4)
        b.put("hello", x: 2, y: 1, role: .title, bold: true)
        b.put("█░░", x: 10, y: 3, role: .reserved)
        let first = enc.encode(b)
        XCTAssertTrue(first.hasPrefix("\(esc)[0m\(esc)[?25l\(esc)[2J\(esc)[H"))
        var screen = ANSIScreen(width: 20, height: 4)
        screen.feed(first)
        assertShows(screen, b, t, "first")

        XCTAssertEqual(enc.encode(b), "", "an unchanged frame writes nothing")

        b[4, 1] = Cell("L", .title, bold: true)
        let one = enc.encode(b)
        XCTAssertEqual(one, "\(esc)[2;5H" + HeadlessOutput.sgr(t.style(.title), extraBold: true) + "L", "one cell: a move, the style, the character")
        screen.feed(one)
        assertShows(screen, b, t, "one cell")

        b[0, 0] = Cell("x", .error)
        let styled = enc.encode(b)
        XCTAssertEqual(styled, "\(esc)[1H" + HeadlessOutput.sgr(t.style(.error)) + "x")
        screen.feed(styled)
        assertShows(screen, b, t, "styled cell")
    }

    func test_nearbyChanges_bridgeInsteadOfMoving() throws {
        let t = try theme()
        var enc = ANSIFrameEncoder(theme: t)
        var b = Buffer(width: 30, height: 2)
        b.put("abcdefghij", x: 0, y: 0)
        _ = enc.encode(b)
        b[1, 0] = Cell("B")
        b[3, 0] = Cell("D")
        XCTAssertEqual(enc.encode(b), "\(esc)[1;2HBcD", "one unchanged cell is cheaper to rewrite than to skip")
        b[0, 0] = Cell("A")
        b[20, 0] = Cell("J")
        XCTAssertEqual(enc.encode(b), "\(esc)[1HA\(esc)[19CJ", "a long gap is skipped with a forward move")
    }

    func test_lastColumn_forcesAMoveBeforeTheNextWrite() throws {
        let t = try theme()
        var enc = ANSIFrameEncoder(theme: t)
        var b = Buffer(width: 5, height: 2)
        var screen = ANSIScreen(width: 5, height: 2)
        screen.feed(enc.encode(b))
        b[4, 0] = Cell("e")
        b[0, 1] = Cell("f")
        let out = enc.encode(b)
        XCTAssertEqual(out, "\(esc)[4C\(esc)[0me\(esc)[2Hf", "no reliance on the wrap after the last column")
        screen.feed(out)
        XCTAssertEqual(screen.text, "    e\nf    \n")
    }

    func test_rowsMovedUp_areScrolled_notRewritten() throws {
        let t = try theme()
        var enc = ANSIFrameEncoder(theme: t)
        var b = Buffer(width: 40, height: 12)
        b.put("status", x: 0, y: 0, role: .status)
        for i in 0..<10 { b.put("   \(100 + i) memblock_alloc 4K 4K", x: 0, y: 1 + i, role: i % 2 == 0 ? .normal : .dim) }
        b.put("hints", x: 0, y: 11, role: .key)
        var screen = ANSIScreen(width: 40, height: 12)
        screen.feed(enc.encode(b))
        // The log moves up by one line and a new line comes in at its bottom.
        var next = Buffer(width: 40, height: 12)
        next.put("status", x: 0, y: 0, role: .status)
        for i in 0..<10 { next.put("   \(101 + i) memblock_alloc 4K 4K", x: 0, y: 1 + i, role: i % 2 == 0 ? .dim : .normal) }
        next.put("hints", x: 0, y: 11, role: .key)
        let out = enc.encode(next)
        XCTAssertTrue(out.contains("\(esc)[2;11r\(esc)[1S\(esc)[r"), out.debugDescription)
        XCTAssertLessThan(out.count, 60, out.debugDescription)
        screen.feed(out)
        assertShows(screen, next, t, "scrolled")
    }

    func test_randomFrames_replayExactly_inEveryTheme() throws {
        var rng = SplitMix(seed: 0x5eed)
        let roles = StyleRole.allCases
        let glyphs: [Character] = ["a", "Z", " ", "█", "░", "▲", "─", "\"", "\\", "é", "┆"]
        for name in ThemeLoader.builtinNames {
            let t = try theme(name)
            var enc = ANSIFrameEncoder(theme: t, colorDepth: .xterm256)
            let (w, h) = (37, 13)
            var screen = ANSIScreen(width: w, height: h)
            var b = Buffer(width: w, height: h)
            for frame in 0..<60 {
                let changes = frame == 0 ? w * h : Int(rng.next() % 40)
                for _ in 0..<changes {
                    let x = Int(rng.next() % UInt64(w)), y = Int(rng.next() % UInt64(h))
                    b[x, y] = Cell(glyphs[Int(rng.next() % UInt64(glyphs.count))], roles[Int(rng.next() % UInt64(roles.count))],
                                   bold: rng.next() % 5 == 0)
                }
                if frame % 7 == 3 {
                    // Scroll a block of rows, as the event log does.
                    let top = 2 + Int(rng.next() % 3), bottom = h - 2, k = 1 + Int(rng.next() % 3)
                    b.shiftRows(top...bottom, up: k, fill: Cell("n", .dim))
                }
                screen.feed(enc.encode(b))
                assertShows(screen, b, t, "\(name) frame \(frame)")
            }
        }
    }

    func test_truecolor_writesTheThemesExactColours() {
        let style = Style(foreground: RGB(0x12, 0x34, 0x56), background: RGB(1, 2, 3), bold: true)
        XCTAssertEqual(ANSIFrameEncoder.sgr(style, depth: .truecolor), "\(esc)[0;1;38;2;18;52;86;48;2;1;2;3m")
        XCTAssertEqual(ANSIFrameEncoder.sgr(style, depth: .xterm256), HeadlessOutput.sgr(style))
    }
}

/// A small deterministic generator, so a failure repeats.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

import XCTest
@testable import TerminalUI

final class GlyphMapperTests: XCTestCase {
    /// A stand-in for wcwidth in a UTF-8 locale, for the characters these tests use.
    private func width(_ scalar: UInt32) -> Int32 {
        switch scalar {
        case 0..<0x20, 0x7f: return -1
        case 0x0300...0x036F: return 0  // combining diacritics
        case 0x4E00...0x9FFF, 0x1F300...0x1FAFF: return 2  // CJK, emoji
        default: return 1
        }
    }

    private func map(_ c: Character, unicode: Bool = true) -> (UInt32, UInt32) {
        GlyphMapper.scalars(for: c, unicode: unicode, columns: width)
    }

    func test_ascii_passesThrough_inEitherLocale() {
        XCTAssertTrue(map("a") == (0x61, 0))
        XCTAssertTrue(map("~", unicode: false) == (0x7e, 0))
    }

    func test_blockElementsAndBoxDrawing_passThrough_inUnicode() {
        for c in "▏▎▍▌▋▊▉█▁▂▃▄▅▆▇░▒▓─│┌┐└┘├┤┬┴┼" {
            XCTAssertTrue(map(c) == (c.unicodeScalars.first!.value, 0), "\(c)")
        }
    }

    func test_wideCharacters_becomeQuestionMarks_soTheRowDoesNotShift() {
        XCTAssertTrue(map("漢") == (0x3f, 0))
        XCTAssertTrue(map("🙂") == (0x3f, 0))
    }

    func test_controlCharacters_becomeQuestionMarks() {
        XCTAssertTrue(map("\u{7}") == (0x3f, 0))
    }

    func test_combiningMark_isKeptWithItsBase() {
        XCTAssertTrue(map("e\u{301}") == (0x65, 0x301))
    }

    func test_withoutUnicode_boxDrawingFallsBackToAsciiLines() {
        XCTAssertTrue(map("─", unicode: false) == (0x2d, 0))
        XCTAssertTrue(map("│", unicode: false) == (0x7c, 0))
        for c in "┌┐└┘├┤┬┴┼╭╯" { XCTAssertTrue(map(c, unicode: false) == (0x2b, 0), "\(c)") }
    }

    func test_withoutUnicode_blocksKeepTheirWeight() {
        XCTAssertTrue(map("█", unicode: false) == (0x23, 0))
        XCTAssertTrue(map("▁", unicode: false) == (0x5f, 0))
        XCTAssertTrue(map("░", unicode: false) == (0x2e, 0))
        XCTAssertTrue(map("▒", unicode: false) == (0x3a, 0))
        XCTAssertTrue(map("▏", unicode: false) == (0x7c, 0))
    }

    func test_withoutUnicode_unknownCharacters_becomeQuestionMarks() {
        XCTAssertTrue(map("é", unicode: false) == (0x3f, 0))
        XCTAssertTrue(map("漢", unicode: false) == (0x3f, 0))
    }
}

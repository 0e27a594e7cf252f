import MemblockReplay
import XCTest
@testable import MemblockView
@testable import TerminalUI

/// Without Unicode the band still reads: every kind keeps its own ASCII character, and
/// nothing the view draws turns into `?`.
final class GlyphFallbackTests: XCTestCase {
    func ascii(_ c: Character) -> Character {
        Character(Unicode.Scalar(GlyphMapper.asciiFallback(c.unicodeScalars.first!.value))!)
    }

    func test_everyBandKind_hasItsOwnASCIICharacter() {
        let kinds = BandKind.allCases.filter { $0 != .hole }
        let chars = kinds.map { ascii($0.glyph) }
        XCTAssertEqual(Set(chars).count, kinds.count, "\(zip(kinds, chars).map { "\($0): \($1)" })")
        for partial in partialBlocks.dropFirst().dropLast() {
            XCTAssertNotEqual(ascii(partial), ascii(BandKind.reserved.glyph), "part reserved \(partial) differs from reserved")
            XCTAssertFalse(chars.dropFirst().contains(ascii(partial)) && ascii(partial) != "|", "\(partial)")
        }
        XCTAssertNotEqual(ascii("▲"), ascii("△"), "changed and removed differ")
    }

    func test_dashesAndMarks_neverBecomeQuestionMarks() {
        for c: Character in ["–", "—", "…", "·", "×", "✗", "◆", "↑", "▸", "━", "┈", "┆", "▔", "▕"] {
            XCTAssertNotEqual(ascii(c), "?", "\(c)")
        }
        XCTAssertEqual(ascii("–"), "-")
    }

    func test_everyCharacterTheDemosDraw_hasAnASCIIStandIn() throws {
        var seen = Set<Character>()
        for demo in Demos.all {
            let trace = try demo.trace()
            let controller = Controller(timeline: Timeline(trace: trace), lectureMode: true)
            let builder = SceneBuilder(controller: controller, showsCaptions: true)
            for step in stride(from: 0, through: trace.steps.count, by: Swift.max(1, trace.steps.count / 12)) {
                controller.seek(to: step)
                for explain in [false, true] {
                    var ui = UIState(explainVisible: explain)
                    ui.buddyProgress = 0.5
                    for ch in renderScreen(builder.scene(ui: ui), width: 160, height: 50).cells.map(\.character) {
                        seen.insert(ch)
                    }
                }
            }
        }
        // Note text is the author's; only the view's own glyphs are checked.
        let drawn = seen.filter { !$0.isASCII && !$0.isLetter }
        for ch in drawn { XCTAssertNotEqual(ascii(ch), "?", "\(ch) U+\(String(ch.unicodeScalars.first!.value, radix: 16))") }
    }
}

import Foundation
import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// Golden frames of the lecture as the audience sees them: lecture mode, projector theme,
/// at 120x40 and 200x60, as ANSI text (`MBVIZ_UPDATE_SNAPSHOTS=1` rewrites them).
final class LectureSnapshotTests: XCTestCase {
    /// The key frames: (name, demo, step, explain panel open).
    static let frames: [(name: String, demo: String, step: Int, explain: Bool)] = [
        ("arrays-reserve", "first-fit", 3, false),
        ("trampoline-inset", "x86-numa2", 14, false),
        ("first-fit-explain", "x86-numa2", 74, true),
        ("doubling", "array-doubling", 131, false),
        ("node-fallback-explain", "node-fallback", 6, true),
        ("buddy-handoff", "buddy-handoff", 5, false),
    ]

    static let sizes = [(120, 40), (200, 60)]

    func projector() throws -> Theme { try XCTUnwrap(ThemeLoader.builtin("projector")) }

    /// The frame `mbviz render demo:NAME --step N --lecture --theme projector` prints.
    func frame(_ demo: String, step: Int, explain: Bool, _ w: Int, _ h: Int) throws -> String {
        let trace = try XCTUnwrap(Demos.named(demo)).trace()
        var ui = UIState(explainVisible: explain)
        ui.themeName = "projector"
        var scene = SceneBuilder(controller: Controller(timeline: Timeline(trace: trace), start: step), showsCaptions: true)
            .scene(ui: ui)
        scene.playback.lecture = true
        return HeadlessOutput.render(scene, width: w, height: h, format: .ansi, theme: try projector())
    }

    func test_lectureKeyFrames_projector_at120x40_and200x60() throws {
        for f in Self.frames {
            for (w, h) in Self.sizes {
                let ansi = try frame(f.demo, step: f.step, explain: f.explain, w, h)
                Snapshot.assertMatches(ansi, "lecture-\(f.name)-\(w)x\(h).ansi")
                // Every cell is painted by the theme: no line falls back to the terminal's colours.
                for line in ansi.split(separator: "\n") {
                    XCTAssertTrue(line.hasPrefix("\u{1b}[0;"), "a line starts without a style: \(f.name)")
                    XCTAssertTrue(line.contains("48;5;"), "a line without a background: \(f.name)")
                }
            }
        }
    }

    func test_titleCards_projector() throws {
        for (w, h) in Self.sizes {
            let part = Lecture.parts[2]
            let card = LectureCardView.render(part, index: 2, count: Lecture.parts.count, steps: 258, minutes: 2.2,
                                              width: w, height: h)
            let ansi = HeadlessOutput.ansi(card, theme: try projector())
            Snapshot.assertMatches(ansi, "lecture-title-card-\(w)x\(h).ansi")
            let text = card.text
            XCTAssertTrue(text.contains("part 3 of \(Lecture.parts.count)"))
            XCTAssertTrue(text.contains(part.title))
            XCTAssertTrue(text.contains("demo array-doubling · 258 steps · about 2 min"))
            XCTAssertTrue(text.contains("███"), "the part number in block digits")
        }
    }
}

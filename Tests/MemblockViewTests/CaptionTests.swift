import Foundation
import Memblock
import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// Captions are shown whole: wrapped, in an area that grows with them, boxed and padded in
/// lecture mode.
final class CaptionTests: XCTestCase {
    /// The sizes a lecture is projected at.
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// The text inside a caption rectangle, box characters dropped and spaces collapsed.
    static func captionText(_ buffer: Buffer, _ r: Rect) -> String {
        var words: [Substring] = []
        for y in r.y..<r.maxY {
            var row = ""
            for x in r.x..<r.maxX { row.append(buffer[x, y].character) }
            let cleaned = row.map { "│╭╮╰╯─".contains($0) ? " " : $0 }
            words += String(cleaned).split(separator: " ")
        }
        return words.joined(separator: " ")
    }

    /// `text` with runs of whitespace collapsed to one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    /// Every step of every built-in demo that starts a caption, as the scene the player
    /// shows (`lecture` sets lecture mode, so large captions).
    static func captionScenes(lecture: Bool) throws -> [(demo: String, step: Int, scene: Scene)] {
        var out: [(String, Int, Scene)] = []
        for demo in Demos.all {
            let trace = try demo.trace()
            let controller = Controller(timeline: Timeline(trace: trace), lectureMode: lecture)
            let builder = SceneBuilder(controller: controller, showsCaptions: true)
            for (i, step) in trace.steps.enumerated() where step.note != nil {
                controller.seek(to: i + 1)
                var scene = builder.scene(ui: UIState())
                scene.playback.lecture = lecture
                out.append((demo.name, i + 1, scene))
            }
        }
        return out
    }

    func test_everyDemoCaption_isShownWhole_at80x24_120x40_200x60_inBothModes() throws {
        for lecture in [false, true] {
            let scenes = try Self.captionScenes(lecture: lecture)
            XCTAssertGreaterThan(scenes.count, 50, "the demos carry the lecture's captions")
            for (w, h) in Self.sizes {
                var whole = 0
                for (demo, step, scene) in scenes {
                    let layout = Layout.compute(scene, width: w, height: h)
                    guard let r = layout.caption else {
                        XCTFail("\(demo) step \(step) at \(w)x\(h): no caption area")
                        continue
                    }
                    let shown = Self.captionText(renderScreen(scene, width: w, height: h), r)
                    if shown.contains(Self.collapsed(scene.caption!)) {
                        whole += 1
                    } else {
                        XCTFail("\(demo) step \(step) at \(w)x\(h) (lecture \(lecture)): caption not whole: \(shown)")
                    }
                }
                print("captions whole at \(w)x\(h)\(lecture ? " (lecture)" : ""): \(whole)/\(scenes.count)")
            }
        }
    }

    func test_lines_wrapWholeText_splittingOnlyOverlongWords() {
        let lines = CaptionView.lines("one two three four five", width: 9)
        XCTAssertEqual(lines, ["one two", "three", "four five"])
        XCTAssertEqual(CaptionView.lines("abcdefghijkl xy", width: 5), ["abcde", "fghij", "kl xy"])
        XCTAssertEqual(CaptionView.lines("", width: 10), [])
    }

    func test_height_growsWithText_andLargeModeAddsBoxAndPadding() {
        let text = String(repeating: "memblock reserves early memory ", count: 10)
        let line = CaptionView.height(text, forWidth: 80, mode: .line)
        XCTAssertEqual(line, CaptionView.lines(text, width: 78).count)
        XCTAssertGreaterThan(line, 2)
        let large = CaptionView.height(text, forWidth: 80, mode: .large)
        XCTAssertEqual(large, CaptionView.lines(text, width: 80 - 2 - 6).count + 4)
        XCTAssertEqual(CaptionView.height(nil, forWidth: 80, mode: .large), 0)
    }

    func test_largeCaption_isBoxedWithPhaseTitle_andCentredWhenOneLine() {
        var b = Buffer(width: 40, height: 5)
        CaptionView.draw("first fit", title: "phase 2/3 · top-down", mode: .large, b.area, &b)
        let lines = b.lines
        XCTAssertTrue(lines[0].hasPrefix("╭─ phase 2/3 · top-down ─"), lines[0])
        XCTAssertEqual(lines[1], "│" + String(repeating: " ", count: 38) + "│")
        XCTAssertEqual(lines[2].trimmingCharacters(in: CharacterSet(charactersIn: "│ ")), "first fit")
        let x = lines[2].distance(from: lines[2].startIndex, to: lines[2].range(of: "first")!.lowerBound)
        XCTAssertEqual(x, 1 + 3 + (32 - 9) / 2, "one line is centred inside the padding")
        XCTAssertTrue(lines[4].hasPrefix("╰"))
        XCTAssertEqual(b[5, 2].role, .caption)
    }

    func test_largeCaption_withTooFewRows_dropsPaddingThenBoxBeforeCuttingText() {
        let text = "alpha beta gamma delta"
        var padded = Buffer(width: 20, height: 4)  // 2 text lines + box, no room for padding
        CaptionView.draw(text, title: nil, mode: .large, padded.area, &padded)
        XCTAssertEqual(CaptionTests.captionText(padded, padded.area), text)
        XCTAssertTrue(padded.lines[0].hasPrefix("╭"))
        var bare = Buffer(width: 20, height: 2)
        CaptionView.draw(text, title: nil, mode: .large, bare.area, &bare)
        XCTAssertEqual(CaptionTests.captionText(bare, bare.area), text, "without room for a box the text stays whole")
        var cut = Buffer(width: 20, height: 1)
        CaptionView.draw(text, title: nil, mode: .large, cut.area, &cut)
        XCTAssertTrue(cut.lines[0].trimmingCharacters(in: .whitespaces).hasSuffix("…"), cut.lines[0])
    }

    func test_layout_givesCaptionItsWrappedHeight_andKeepsBandAndLowerRows() {
        var scene = Scene.demoBoot()
        scene.caption = String(repeating: "the caption is long ", count: 30)
        scene.playback.lecture = true
        for (w, h) in Self.sizes {
            let l = Layout.compute(scene, width: w, height: h)
            let want = CaptionView.height(scene, forWidth: w)
            XCTAssertEqual(l.caption?.height, Swift.min(want, h - 14), "\(w)x\(h)")
            XCTAssertEqual(l.caption?.maxY, h - 1, "the caption sits right above the key hints")
            XCTAssertFalse(l.lanes.isEmpty)
        }
    }

    func test_noCaption_outsideLecture_takesNoRows() {
        var scene = Scene.demoBoot()
        scene.caption = nil
        XCTAssertNil(Layout.compute(scene, width: 120, height: 40).caption)
        scene.playback.lecture = true
        XCTAssertEqual(CaptionView.text(scene), "phase 2/4: setup_arch")
    }
}

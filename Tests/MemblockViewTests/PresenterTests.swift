import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// The presenter's screen: the lecture's position, the caption now and the next one.
final class PresenterTests: XCTestCase {
    func test_state_roundTripsThroughItsFile_withNewlinesAndBackslashes() {
        let s = PresenterState(part: 2, parts: 9, title: "A real boot", step: 14, steps: 94, phase: "reserve_real_mode",
                               caption: "line one\nline two \\ done", nextCaption: nil, nextStop: nil, playing: true)
        XCTAssertEqual(PresenterState(text: s.text), s)
        XCTAssertNil(PresenterState(text: "part: 2/9\ntitle: x\n"), "a half-written file is not a state")
    }

    func test_state_fromTrace_namesTheNextStopAndItsCaption() throws {
        let trace = try XCTUnwrap(Demos.named("first-fit")).trace()
        let s = PresenterState(trace: trace, step: 1, part: 1, parts: 9, title: "t", playing: false)
        let stops = Lecture.stops(trace)
        XCTAssertEqual(s.nextStop, stops.first { $0.position > 1 }?.position)
        XCTAssertEqual(s.nextCaption, Lecture.caption(trace, at: s.nextStop!))
        XCTAssertEqual(s.caption, Lecture.caption(trace, at: 1))
        let end = PresenterState(trace: trace, step: trace.steps.count, part: 1, parts: 9, title: "t", playing: false)
        XCTAssertNil(end.nextStop)
    }

    func test_render_showsTheNextCaptionLarge_andTheKeys() {
        let s = PresenterState(part: 3, parts: 9, title: "Doubling", step: 130, steps: 258, phase: "the doubling",
                               caption: "The 128th region fits.", nextCaption: "The 129th does not.", nextStop: 131, playing: false)
        let text = PresenterView.render(s, width: 100, height: 30).text
        XCTAssertTrue(text.contains("part 3/9 · Doubling · step 130/258 · the doubling · stopped"), text)
        XCTAssertTrue(text.contains("The 128th region fits."))
        XCTAssertTrue(text.contains("next stop · step 131"))
        XCTAssertTrue(text.contains("The 129th does not."))
        XCTAssertTrue(text.contains("space  play"))
        XCTAssertTrue(PresenterView.render(nil, width: 100, height: 30).text.contains("waiting for the lecture"))
    }
}

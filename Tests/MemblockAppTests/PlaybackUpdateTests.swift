import Memblock
import MemblockApp
import MemblockReplay
import MemblockTrace
import MemblockView
import XCTest

/// Playback and movement keys, ticks and stop reasons.
final class PlaybackUpdateTests: XCTestCase {
    func test_space_playsAndTicksAdvanceAtTheSpeed_spaceAgainPauses() throws {
        var m = try model()
        send(&m, .key(.character(" ")))
        XCTAssertTrue(m.clock.isPlaying)
        send(&m, .tick(elapsed: 0.25))  // 8 steps/s
        XCTAssertEqual(m.position, 2)
        send(&m, .key(.character(" ")))
        XCTAssertFalse(m.clock.isPlaying)
        send(&m, .tick(elapsed: 5))
        XCTAssertEqual(m.position, 2, "no step while paused")
    }

    func test_playingToTheEnd_saysSo_andSpaceStartsOver() throws {
        var m = try model()
        send(&m, .key(.character(" ")), .tick(elapsed: 100))
        XCTAssertEqual(m.position, 9)
        XCTAssertFalse(m.clock.isPlaying)
        XCTAssertEqual(m.stopReason, "end of the trace")
        send(&m, .key(.character(" ")))
        XCTAssertEqual(m.position, 0)
        XCTAssertNil(m.stopReason)
    }

    func test_lecture_stopsAtEachPhase_andBeforeAPause_withTheReason() throws {
        var m = try model(lecture: true)
        XCTAssertTrue(m.captions)
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 1)
        XCTAssertEqual(m.stopReason, "phase 1 begins: memory")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 3)
        XCTAssertEqual(m.stopReason, "phase 2 begins: reservations")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 4)
        XCTAssertEqual(m.stopReason, "paused (@pause) before step 5")
        XCTAssertEqual(scene(m).stopReason, m.stopReason, "the status line shows it")
    }

    func test_theStopReason_clearsWhenTheUserMoves() throws {
        var m = try model(lecture: true)
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertNotNil(m.stopReason)
        send(&m, .key(.character("]")))
        XCTAssertNil(m.stopReason, "after ] the status no longer says phase 1 begins")
        XCTAssertEqual(m.position, 3)
    }

    func test_stepKeys_forwardAndBack_withinBounds() throws {
        var m = try model()
        for key: AppKey in [.character("l"), .character("n"), .right] { send(&m, .key(key)) }
        XCTAssertEqual(m.position, 3)
        for key: AppKey in [.character("h"), .character("p"), .left, .left, .left] { send(&m, .key(key)) }
        XCTAssertEqual(m.position, 0, "never below step 0")
        send(&m, .key(.character("G")), .key(.character("l")))
        XCTAssertEqual(m.position, 9, "never past the last step")
    }

    func test_phaseKeys_andEndHome() throws {
        var m = try model()
        send(&m, .key(.character("]")))
        XCTAssertEqual(m.position, 1)
        send(&m, .key(.character("]")), .key(.character("]")))
        XCTAssertEqual(m.position, 8)
        send(&m, .key(.character("[")))
        XCTAssertEqual(m.position, 3)
        send(&m, .key(.end))
        XCTAssertEqual(m.position, 9)
        send(&m, .key(.home))
        XCTAssertEqual(m.position, 0)
    }

    func test_goTo_aStep_clampsPastTheEnd_andRejectsText() throws {
        var m = try model()
        send(&m, .key(.character("g")))
        XCTAssertEqual(scene(m).ui.searchPrompt, "go to step: ")
        type(&m, "45")
        send(&m, .key(.backspace), .key(.enter))
        XCTAssertEqual(m.position, 4)
        send(&m, .key(.character("g")))
        type(&m, "99")
        send(&m, .key(.enter))
        XCTAssertEqual(m.position, 9)
        XCTAssertEqual(m.ui.message, "the trace has 9 steps: went to the last")
        send(&m, .key(.character("g")))
        type(&m, "x")
        send(&m, .key(.enter))
        XCTAssertEqual(m.ui.message, "not a step number: x")
        send(&m, .key(.character("g")), .key(.escape))
        XCTAssertNil(m.prompt)
    }

    func test_speedKeys_walkTheLadder() throws {
        var m = try model()
        send(&m, .key(.character("+")))
        XCTAssertEqual(m.clock.speed, 10)
        send(&m, .key(.character("=")))
        XCTAssertEqual(m.clock.speed, 20)
        send(&m, .key(.character("-")), .key(.character("_")))
        XCTAssertEqual(m.clock.speed, 5)
        XCTAssertEqual(m.ui.message, "speed 5 steps/s")
    }

    func test_L_togglesLectureModeAndCaptions() throws {
        var m = try model(start: 3)
        XCTAssertNil(scene(m).caption)
        send(&m, .key(.character("L")))
        XCTAssertTrue(m.lecture)
        XCTAssertEqual(scene(m).caption, "The kernel image is reserved first.")
        XCTAssertTrue(scene(m).playback.lecture)
        send(&m, .key(.character("L")))
        XCTAssertFalse(m.lecture)
        XCTAssertNil(scene(m).caption)
    }

    func test_whatIf_statusShowsTheChange_divergingStepShowsBothResults_andKeysJump() throws {
        var m = try model()
        m.compare([.bottomUp(true)])
        XCTAssertEqual(scene(m).whatIf?.change, "bottom_up=1")
        send(&m, .key(.character(">")))
        let first = m.position
        XCTAssertEqual(first, 5, "the first allocation differs bottom-up")
        let here = try XCTUnwrap(scene(m).whatIf?.here)
        XCTAssertEqual(here.variant, "0x1000")
        XCTAssertEqual(here.original, "0x2ffff000")
        send(&m, .key(.character(">")))
        XCTAssertGreaterThan(m.position, first)
        send(&m, .key(.character("<")))
        XCTAssertEqual(m.position, first)
        send(&m, .key(.character("<")))
        XCTAssertEqual(m.position, first, "nothing earlier")
        XCTAssertTrue(m.ui.message?.hasPrefix("no earlier divergence") ?? false)
        XCTAssertTrue(renderScreen(scene(m), width: 120, height: 40).text.contains("what-if bottom_up=1"))
    }

    func test_whatIfKeys_withoutAComparison_explain() throws {
        var m = try model()
        send(&m, .key(.character(">")))
        XCTAssertEqual(m.ui.message, "no what-if: play --what-if KEY=VALUE compares a setting")
    }

    func test_mismatchKeys_jumpToFailedExpectations() throws {
        var m = try model()
        send(&m, .key(.character("m")))
        XCTAssertEqual(m.position, 7)
        send(&m, .key(.character("m")))
        XCTAssertEqual(m.position, 7)
        XCTAssertEqual(m.ui.message, "no later mismatch (1 in all)")
        send(&m, .key(.character("M")))
        XCTAssertEqual(m.ui.message, "no earlier mismatch (1 in all)")
    }
}

/// The status line keeps the step readable next to a long stop reason.
final class StatusLineTests: XCTestCase {
    func test_longStopReason_isCut_andTheStepStaysReadable() throws {
        var m = try model(columns: 80, rows: 24, lecture: true)
        m.stopReason = "phase 1 begins: " + String(repeating: "a very long phase name ", count: 5)
        let status = view(m).lines[0]
        XCTAssertTrue(status.contains("step 0/9"), status)
        XCTAssertTrue(status.contains(" ● phase 1 begins: "), status)
        XCTAssertTrue(status.contains("…"), status)
    }
}

import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

/// Playback: time to steps, lecture stops, breakpoints, phase navigation.
final class ControllerTests: XCTestCase {
    let text = """
        @phase "one"
        memblock_add 0x100000 1M
        memblock_reserve 0x100000 4K
        @phase "two"
        @note "the allocation"
        memblock_alloc 4K 4K label=a
        @pause
        memblock_alloc 64M 4K
        memblock_phys_free $a 4K
        @phase "three"
        memblock_alloc 4K 4K => 0x1000
        memblock_reserve 0x300000 4K
        """

    func controller(lecture: Bool = false) throws -> Controller {
        Controller(timeline: Timeline(trace: try TraceParser.parse(text, file: "t")), speed: 10, lectureMode: lecture)
    }

    func test_clock_turnsElapsedTimeIntoSteps_independentOfFrameRate() {
        var a = PlaybackClock(speed: 10), b = PlaybackClock(speed: 10)
        a.isPlaying = true
        b.isPlaying = true
        var stepsA = 0, stepsB = 0
        for _ in 0..<100 { stepsA += a.advance(by: 0.01) }
        for _ in 0..<7 { stepsB += b.advance(by: 1.0 / 7) }
        XCTAssertEqual(stepsA, 10)
        XCTAssertEqual(stepsB, 10)
        var paused = PlaybackClock(speed: 100)
        XCTAssertEqual(paused.advance(by: 1), 0)
    }

    func test_clock_speedIsClampedAndStepsThroughTheLadder() {
        var c = PlaybackClock(speed: 1_000_000)
        XCTAssertEqual(c.speed, 100_000)
        c.setSpeed(0.01)
        XCTAssertEqual(c.speed, 0.5)
        c.faster()
        XCTAssertEqual(c.speed, 1)
        c.setSpeed(100_000)
        c.faster()
        XCTAssertEqual(c.speed, 100_000)
        c.slower()
        XCTAssertEqual(c.speed, 50_000)
    }

    func test_highSpeed_appliesManyStepsPerTick() throws {
        let c = try controller()
        c.clock.setSpeed(100_000)
        c.togglePlay()
        XCTAssertEqual(c.tick(elapsed: 1), 7)
        XCTAssertEqual(c.position, 7)
        XCTAssertEqual(c.lastStop, .end)
        XCTAssertFalse(c.clock.isPlaying)
    }

    func test_lectureMode_stopsAfterEachPhaseStart_andBeforeAPause() throws {
        let c = try controller(lecture: true)
        c.togglePlay()
        c.tick(elapsed: 10)
        XCTAssertEqual(c.position, 1)
        XCTAssertEqual(c.lastStop, .phase(0))
        c.togglePlay()
        c.tick(elapsed: 10)
        XCTAssertEqual(c.position, 3)
        XCTAssertEqual(c.lastStop, .phase(1))
        c.togglePlay()
        c.tick(elapsed: 10)
        XCTAssertEqual(c.position, 3)
        XCTAssertEqual(c.lastStop, .pause)
        c.togglePlay()
        c.tick(elapsed: 10)
        XCTAssertEqual(c.lastStop, .phase(2))
        XCTAssertEqual(c.position, 6)
    }

    func test_breakpoints_stopOnOperationFailureMismatchLabelAndAddress() throws {
        let cases: [(Breakpoint, Int)] = [
            (.operation(.physFree), 5), (.failure, 4), (.expectationMismatch, 6), (.label("a"), 3),
            (.addressRange(0x300000, 0x301000), 7), (.phaseStart(2), 6),
        ]
        for (bp, expected) in cases {
            let c = try controller()
            c.breakpoints = [bp]
            c.togglePlay()
            c.tick(elapsed: 100)
            XCTAssertEqual(c.position, expected, "\(bp)")
            XCTAssertEqual(c.lastStop, .breakpoint(bp))
        }
    }

    func test_phaseNavigation() throws {
        let c = try controller()
        c.nextPhase()
        XCTAssertEqual(c.position, 1)
        c.nextPhase()
        XCTAssertEqual(c.position, 3)
        c.nextPhase()
        XCTAssertEqual(c.position, 6)
        c.nextPhase()
        XCTAssertEqual(c.position, 7)
        c.previousPhase()
        XCTAssertEqual(c.position, 6)
        c.previousPhase()
        XCTAssertEqual(c.position, 3)
        c.seek(to: 4)
        c.previousPhase()
        XCTAssertEqual(c.position, 3)
    }
}

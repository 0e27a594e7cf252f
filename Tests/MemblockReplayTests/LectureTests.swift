import Foundation
import MemblockReplay
import MemblockTrace
import XCTest

/// The lecture: the built-in demos tell memblock's story in about 15 minutes.
final class LectureTests: XCTestCase {
    func test_everyBuiltinDemo_isAPartOfTheLecture_once() {
        XCTAssertEqual(Lecture.parts.map(\.demo.name).sorted(), Demos.all.map(\.name).sorted())
    }

    func test_lecture_lastsAboutFifteenMinutes_atTheDefaultSpeed() throws {
        let seconds = try Lecture.seconds()
        print("lecture length at \(Lecture.defaultSpeed) steps/s: \(Int(seconds)) s (\(Int(seconds) / 60) min \(Int(seconds) % 60) s)")
        for part in Lecture.parts {
            print("  \(part.demo.name): \(Int(try Lecture.seconds(part))) s")
        }
        XCTAssertGreaterThan(seconds, 12 * 60)
        XCTAssertLessThan(seconds, 18 * 60)
    }

    func test_everyPhase_hasACaption_whereLectureModeStops() throws {
        for part in Lecture.parts {
            let trace = try part.demo.trace()
            for phase in trace.phases {
                let caption = Lecture.caption(trace, at: phase.firstStep + 1)
                XCTAssertNotNil(caption, "\(part.demo.name): phase '\(phase.name)' starts without a caption")
            }
        }
    }

    func test_everyCaption_getsAStop_soItIsReadOut() throws {
        for part in Lecture.parts {
            let trace = try part.demo.trace()
            let stopped = Set(Lecture.stops(trace).compactMap(\.caption))
            for step in trace.steps { if let n = step.note { XCTAssertTrue(stopped.contains(n), "\(part.demo.name): \(n)") } }
        }
    }

    /// The story in order: each concept is first named in a caption no later than the
    /// ones after it.
    func test_captions_tellTheStory_inOrder() throws {
        let concepts = ["memory", "reserved", "memblock_add", "memblock_reserve", "top-down", "bottom-up",
                        "current_limit", "node", "memblock_double_array", "fall", "mirror", "memblock_free_all", "buddy"]
        var captions: [String] = []
        for part in Lecture.parts {
            for step in try part.demo.trace().steps { if let n = step.note { captions.append(n) } }
        }
        var firstSeen: [String: Int] = [:]
        for c in concepts {
            let i = captions.firstIndex { $0.contains(c) }
            XCTAssertNotNil(i, "no caption names \(c)")
            firstSeen[c] = i
        }
        let order = ["memblock_add", "memblock_reserve", "top-down", "bottom-up", "current_limit", "memblock_double_array"]
        let seen = order.compactMap { firstSeen[$0] }
        XCTAssertEqual(seen, seen.sorted(), "the story's first chapters come in order: \(order)")
        XCTAssertLessThanOrEqual(firstSeen["memory"] ?? .max, firstSeen["memblock_add"] ?? -1,
                                 "the two arrays are introduced before memblock_add")
    }

    func test_paced_addsAPauseAfterEachCaptionedStep_butNotAfterAPhasesFirstStep() throws {
        let text = """
            @phase "p"
            @note "first step of the phase"
            memblock_add 0 1M
            @note "a caption"
            memblock_reserve 0 4K
            memblock_reserve 8K 4K
            memblock_reserve 16K 4K
            """
        let paced = try TraceParser.parse(Demo(name: "t", summary: "", text: text).text, file: "t")
        XCTAssertEqual(paced.steps.map(\.pauseBefore), [false, false, true, false])
        let raw = try TraceParser.parse(Demo(name: "t", summary: "", text: text, paced: false).text, file: "t")
        XCTAssertEqual(raw.steps.map(\.pauseBefore), [false, false, false, false])
    }

    func test_stops_areThePhaseStartsAndPauses_withTheirCaptions() throws {
        let trace = try TraceParser.parse("""
            @phase "one"
            @note "a"
            memblock_add 0 1M
            memblock_add 2M 1M
            @pause
            memblock_add 4M 1M
            @phase "two"
            memblock_add 8M 1M
            """, file: "t")
        let stops = Lecture.stops(trace)
        XCTAssertEqual(stops.map(\.position), [1, 2, 4], "phase starts, the step before a pause, and the end")
        XCTAssertEqual(stops.map(\.caption), ["a", "a", nil])
    }
}

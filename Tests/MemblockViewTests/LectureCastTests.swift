import Foundation
import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// The whole lecture as one recording: a title card and a marker per part, every stop held
/// for its caption, the frames those `mbviz demo --lecture` shows.
final class LectureCastTests: XCTestCase {
    func recordLecture(_ parts: [LecturePart] = Lecture.parts) throws -> (ParsedCast, CastRecorder.Summary) {
        var lines: [String] = []
        let theme = try XCTUnwrap(ThemeLoader.builtin("projector"))
        let o = CastRecorder.Options(columns: 120, rows: 40, speed: Lecture.defaultSpeed, timestamp: 0)
        let summary = try CastRecorder.recordLecture(parts, theme: theme, options: o) { lines.append($0) }
        return (try ParsedCast(lines), summary)
    }

    func test_lectureCast_hasAMarkerPerPart_inOrder_atTheTitleCards() throws {
        let (cast, summary) = try recordLecture()
        let partMarkers = cast.events.filter { $0.code == "m" && $0.data.hasPrefix("part ") }
        XCTAssertEqual(partMarkers.map(\.data), Lecture.parts.enumerated().map { "part \($0 + 1)/\(Lecture.parts.count): \($1.title)" })
        XCTAssertEqual(partMarkers.map(\.time), partMarkers.map(\.time).sorted())
        XCTAssertGreaterThan(summary.markers, partMarkers.count, "phases are marked too")
        // The frame at each part marker is that part's title card.
        for (k, marker) in partMarkers.enumerated() {
            let index = try XCTUnwrap(cast.events.firstIndex { $0.code == "o" && $0.time >= marker.time })
            let screen = cast.screen(upTo: index).text
            XCTAssertTrue(screen.contains("part \(k + 1) of \(Lecture.parts.count)"), screen)
        }
    }

    func test_lectureCast_lastsAsLongAsTheLectureEstimate() throws {
        let (cast, summary) = try recordLecture()
        let estimate = try Lecture.seconds()
        XCTAssertEqual(summary.duration, estimate, accuracy: estimate * 0.02)
        XCTAssertEqual((cast.header["duration"] as? NSNumber)?.doubleValue ?? 0, summary.duration, accuracy: 1e-6)
        XCTAssertEqual(cast.events.last?.time ?? 0, summary.duration, accuracy: 1e-6)
        print("lecture cast: \(summary.frames) frames, \(summary.markers) markers, \(Int(summary.duration)) s, \(summary.bytes) bytes")
    }

    func test_captionHolds_holdEachStopForItsCaption() throws {
        let trace = try TraceParser.parse("""
            @phase "one"
            @note "a caption of exactly six words here"
            memblock_add 0 1M
            memblock_add 2M 1M
            """, file: "t")
        var o = CastRecorder.Options(speed: 1, lecture: true, startHold: 0)
        o.captionHolds = true
        let (_, duration) = CastRecorder.plan(trace, o)
        // Two steps at 1/s, the phase stop after step 1 and the end after step 2, each held
        // for the six-word caption.
        XCTAssertEqual(duration, 2 + 2 * Lecture.holdSeconds(caption: "a caption of exactly six words here"), accuracy: 1e-9)
    }
}

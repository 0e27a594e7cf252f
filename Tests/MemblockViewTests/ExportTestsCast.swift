import Foundation
import Memblock
import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// `CastRecorder` and `CastWriter`: asciicast v2 recordings that a JSON parser reads and a
/// terminal plays back to exactly the frames the visualizer draws.
final class ExportTestsCast: XCTestCase {
    func theme(_ name: String = "default") throws -> Theme { try XCTUnwrap(ThemeLoader.builtin(name)) }

    /// A recording's lines.
    func record(_ trace: Trace, theme name: String = "default", _ options: CastRecorder.Options) throws
        -> (lines: [String], summary: CastRecorder.Summary) {
        var lines: [String] = []
        let summary = CastRecorder.record(trace, theme: try theme(name), options: options) { lines.append($0) }
        return (lines, summary)
    }

    /// The screen the visualizer shows at the end of a recording: the last step, stopped.
    func lastFrame(_ trace: Trace, _ o: CastRecorder.Options, theme name: String = "default", stop: String? = nil) throws -> Buffer {
        let controller = Controller(timeline: Timeline(trace: trace), start: trace.steps.count)
        var ui = UIState()
        ui.themeName = name
        var scene = SceneBuilder(controller: controller, showsCaptions: o.lecture).scene(ui: ui)
        scene.playback = PlaybackInfo(isPlaying: false, speed: o.speed, lecture: o.lecture, breakpointHit: stop)
        return renderScreen(scene, width: o.columns, height: o.rows)
    }

    func demo() throws -> Trace { try Demos.default.trace() }

    func test_header_hasVersionSizeTimestampTitleEnvAndTheme() throws {
        let o = CastRecorder.Options(columns: 100, rows: 30, timestamp: 1_700_000_000, shell: "/bin/zsh")
        let cast = try ParsedCast(try record(try demo(), o).lines)
        let h = cast.header
        XCTAssertEqual(h["version"] as? Int, 2)
        XCTAssertEqual(h["width"] as? Int, 100)
        XCTAssertEqual(h["height"] as? Int, 30)
        XCTAssertEqual(h["timestamp"] as? Int, 1_700_000_000)
        XCTAssertEqual(h["title"] as? String, "mbviz: demo:x86-numa2")
        XCTAssertEqual(h["env"] as? [String: String], ["TERM": "xterm-256color", "SHELL": "/bin/zsh"])
        let theme = try XCTUnwrap(h["theme"] as? [String: String])
        XCTAssertEqual(theme["fg"], "#d0d0d0")
        XCTAssertEqual(theme["bg"], "#1c1c1c")
        let palette = try XCTUnwrap(theme["palette"]).split(separator: ":")
        XCTAssertEqual(palette.count, 16)
        XCTAssertTrue(palette.allSatisfy { $0.count == 7 && $0.hasPrefix("#") && UInt32($0.dropFirst(), radix: 16) != nil })
        XCTAssertEqual(palette[1], "#ff5f5f")  // the theme's error colour as red
        let duration = try XCTUnwrap((h["duration"] as? NSNumber)?.doubleValue)
        XCTAssertEqual(cast.events.last?.time ?? 0, duration, accuracy: 1e-6)
    }

    func test_events_areOutputsAndMarkers_inNonDecreasingTime() throws {
        let cast = try ParsedCast(try record(try demo(), CastRecorder.Options()).lines)
        XCTAssertGreaterThan(cast.events.count, 50)
        var last = 0.0
        for e in cast.events {
            XCTAssertTrue(e.code == "o" || e.code == "m", e.code)
            XCTAssertGreaterThanOrEqual(e.time, last)
            last = e.time
        }
        XCTAssertEqual(cast.events.first?.time, 0)
        XCTAssertTrue(cast.events.first?.data.hasPrefix("\u{1b}[0m\u{1b}[?25l\u{1b}[2J") ?? false, "the first frame clears")
    }

    func test_markers_atEveryPhaseStart_showThatPhasesFirstStep() throws {
        let trace = try demo()
        let cast = try ParsedCast(try record(trace, CastRecorder.Options()).lines)
        let markers = cast.events.enumerated().filter { $0.element.code == "m" }
        XCTAssertEqual(markers.map(\.element.data), trace.phases.map(\.name))
        for (i, (index, marker)) in markers.enumerated() {
            // The frame of the phase's first step comes at the marker's time, just before it.
            let frame = cast.events[index - 1]
            XCTAssertEqual(frame.code, "o")
            XCTAssertEqual(frame.time, marker.time)
            let status = cast.screen(upTo: index).line(0)
            XCTAssertTrue(status.contains("step \(trace.phases[i].firstStep + 1)/\(trace.steps.count)"), status)
        }
    }

    func test_replayingTheOutput_reproducesTheLastFrame_textAndStyles() throws {
        for name in ["default", "projector", "mono"] {
            let trace = try demo()
            let o = CastRecorder.Options(columns: 120, rows: 40)
            let cast = try ParsedCast(try record(trace, theme: name, o).lines)
            let screen = cast.screen()
            XCTAssertEqual(screen.unknown, [])
            let expected = try lastFrame(trace, o, theme: name)
            XCTAssertEqual(screen.text, HeadlessOutput.text(expected), name)
            let t = try theme(name)
            for y in 0..<expected.height {
                for x in 0..<expected.width {
                    let cell = expected[x, y]
                    XCTAssertEqual(screen.pen(x, y), HeadlessOutput.sgr(t.style(cell.role), extraBold: cell.bold), "\(name) \(x),\(y)")
                }
            }
        }
    }

    func test_lecture_showsCaptions_andHoldsAtPausesAndPhases() throws {
        let trace = try demo()
        let plain = CastRecorder.plan(trace, CastRecorder.Options())
        var o = CastRecorder.Options()
        o.lecture = true
        let lecture = CastRecorder.plan(trace, o)
        let pauses = trace.steps.filter(\.pauseBefore).count
        XCTAssertGreaterThan(pauses, 0)
        let extra = Double(pauses) * o.pauseHold + Double(trace.phases.count) * o.phaseHold
        XCTAssertEqual(lecture.duration - plain.duration, extra, accuracy: 1e-6)
        let stops = lecture.items.compactMap { item -> String? in
            if case .frame(_, _, false, let stop?) = item { return stop }
            return nil
        }
        XCTAssertEqual(stops.filter { $0.hasPrefix("phase") }.count, trace.phases.count)
        XCTAssertEqual(stops.filter { $0 == "paused (@pause)" }.count, pauses)

        let cast = try ParsedCast(try record(trace, o).lines)
        let text = cast.screen().text
        XCTAssertTrue(text.contains("lecture"), text)
        XCTAssertTrue(text.contains("memblock_free_all()"), "the last caption is on screen:\n\(text)")
        // The last step starts the last phase: lecture mode stops there.
        XCTAssertEqual(cast.screen().text, HeadlessOutput.text(try lastFrame(trace, o, stop: "phase \(trace.phases.count) begins")))
    }

    func test_timeAdvancesAtTheSpeed() throws {
        var o = CastRecorder.Options(speed: 4, startHold: 0.5)
        o.endHold = 1
        let trace = try TraceParser.parse("memblock_add 0 1G\nmemblock_reserve 4K 4K\nmemblock_alloc 4K 4K\n", file: "t")
        let plan = CastRecorder.plan(trace, o)
        XCTAssertEqual(plan.items, [.frame(step: 0, time: 0, playing: true, stop: nil),
                                    .frame(step: 1, time: 0.75, playing: true, stop: nil),
                                    .frame(step: 2, time: 1.0, playing: true, stop: nil),
                                    .frame(step: 3, time: 1.25, playing: false, stop: nil)])
        XCTAssertEqual(plan.duration, 2.25, accuracy: 1e-9)
    }

    func test_highSpeed_keepsOneFramePerFrameInterval_andEveryMarker() throws {
        var text = "@phase \"one\"\nmemblock_add 0 4G\n"
        for i in 0..<600 { text += "memblock_reserve \(0x10_0000 + i * 0x2000) 4K\n" }
        text += "@phase \"two\"\n"
        for i in 0..<600 { text += "memblock_alloc 4K 4K label=a\(i)\n" }
        let trace = try TraceParser.parse(text, file: "t")
        let o = CastRecorder.Options(columns: 100, rows: 30, speed: 1000)
        let (lines, summary) = try record(trace, o)
        // 1.2 s of play at 30 frames a second, the first frame, phase starts and the end.
        XCTAssertLessThanOrEqual(summary.frames, 1 + Int(1.201 * 30) + 3)
        XCTAssertGreaterThanOrEqual(summary.frames, 30)
        let cast = try ParsedCast(lines)
        XCTAssertEqual(cast.events.filter { $0.code == "m" }.map(\.data), ["one", "two"])
        XCTAssertEqual(cast.screen().text, HeadlessOutput.text(try lastFrame(trace, o)))
    }

    func test_emptyTrace_recordsOneFrame() throws {
        let trace = try TraceParser.parse("# nothing\n", file: "empty")
        let (lines, summary) = try record(trace, CastRecorder.Options(columns: 80, rows: 24))
        XCTAssertEqual(summary.frames, 1)
        let cast = try ParsedCast(lines)
        XCTAssertEqual(cast.screen().text, HeadlessOutput.text(try lastFrame(trace, CastRecorder.Options(columns: 80, rows: 24))))
    }

    func test_jsonStrings_roundTripControlCharactersAndUnicode() throws {
        let text = "\u{1b}[0m\"q\" \\ \t\n\r\u{0}\u{7f} █▲ é"
        let line = CastWriter.output(1.5, text)
        let parsed = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
        XCTAssertEqual(parsed[2] as? String, text)
        XCTAssertTrue(line.hasPrefix("[1.5, \"o\", \"\\u001b[0m"))
        XCTAssertEqual(CastWriter.marker(2, "phase \"x\""), "[2.0, \"m\", \"phase \\\"x\\\"\"]")
        XCTAssertEqual(CastWriter.time(1.0 / 3), "0.333333")
    }
}

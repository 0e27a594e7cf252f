import Foundation
import XCTest

/// The chained lecture played as a lecturer plays it, in tmux on the projector theme: a
/// title card per part, `space` through every stop of every part, to the shell again.
final class LectureTmuxTests: XCTestCase {
    override func setUpWithError() throws {
        if !Tmux.available { throw XCTSkip("tmux is not installed") }
    }

    /// Parts and steps as `mbviz demo --list` and the lecture order give them.
    static let parts: [(name: String, steps: Int)] = [
        ("first-fit", 18), ("x86-numa2", 94), ("array-doubling", 258), ("node-fallback", 9),
        ("mirror-fallback", 7), ("mem-limits", 10), ("buddy-handoff", 6), ("kernels-6.1", 10), ("kernels-6.12", 10),
    ]

    func test_demoLecture_playsEveryPartAfterItsTitleCard_andQuitsCleanly() throws {
        let t = try Tmux(width: 120, height: 40)
        defer { t.kill() }
        try t.type("\(MBViz.path) demo --lecture --theme projector --speed 100000")
        try t.send("Enter")
        let count = Self.parts.count
        for (k, part) in Self.parts.enumerated() {
            let card = try t.waitFor("part \(k + 1) of \(count)")
            XCTAssertTrue(card.contains("demo \(part.name) · \(part.steps) steps"), card)
            try t.send("Space")
            try t.waitFor("step ")
            // Space through the part's stops until the next card (or the shell) shows,
            // seeing the part's last step on the way.
            let next = k + 1 < count ? "part \(k + 2) of \(count)" : "$ "
            var sawEnd = false
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let screen = try t.capture()
                if screen.contains("step \(part.steps)/\(part.steps)") { sawEnd = true }
                if screen.contains(next) && !screen.contains("step ") { break }
                try t.send("Space")
                usleep(80_000)
            }
            XCTAssertTrue(sawEnd, "\(part.name) never reached step \(part.steps)")
        }
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }

    func test_demoLecture_bracketsMoveBetweenCards_andQQuits() throws {
        let t = try Tmux(width: 100, height: 30)
        defer { t.kill() }
        try t.type("\(MBViz.path) demo --lecture --part 2")
        try t.send("Enter")
        try t.waitFor("part 2 of")
        try t.send("]")
        try t.waitFor("part 3 of")
        try t.send("[")
        try t.waitFor("part 2 of")
        try t.send("Space")
        try t.waitFor("step 1/94")
        try t.send("h")  // back to step 0
        try t.waitFor("step 0/94")
        try t.send("h")  // before the first step: the previous part's card
        try t.waitFor("part 1 of")
        try t.send("q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }

    func test_exportCastLecture_recordsEveryPart_withAMarkerEach() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-lecture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("lecture.cast").path
        let r = try MBViz.run(["export", "cast", "--lecture", "-o", out, "--size", "80x24", "--theme", "projector"], timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        let parts = lines.filter { $0.contains("\"m\", \"part ") }
        XCTAssertEqual(parts.count, Self.parts.count, "\(parts)")
        XCTAssertTrue(lines[0].contains("\"title\": \"mbviz: the memblock lecture\""), String(lines[0]))
        let bare = try MBViz.run(["export", "cast", "-o", dir.appendingPathComponent("x.cast").path])
        XCTAssertEqual(bare.status, 2)
        XCTAssertTrue(bare.stderr.contains("--lecture"), bare.stderr)
    }

    func test_presenter_followsTheLectureOnASecondTerminal() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-presenter-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let audience = try Tmux(width: 120, height: 40)
        defer { audience.kill() }
        let presenter = try Tmux(width: 100, height: 30)
        defer { presenter.kill() }
        try presenter.type("\(MBViz.path) demo --presenter \(file)")
        try presenter.send("Enter")
        try presenter.waitFor("waiting for the lecture")
        try audience.type("\(MBViz.path) demo --lecture --presenter-file \(file)")
        try audience.send("Enter")
        try audience.waitFor("part 1 of")
        try presenter.waitFor("part 1/\(Self.parts.count)")
        try audience.send("Space")
        try audience.waitFor("step 1/18")
        try presenter.waitFor("step 1/18")
        // The rest of the presenter's screen may reach tmux a moment after its status line.
        try presenter.waitFor("next stop · step 2")
        try audience.send("q")
        try audience.waitFor("$ ")
        try presenter.send("q")
        try presenter.waitFor("$ ")
        try presenter.assertShellRestored()
    }
}

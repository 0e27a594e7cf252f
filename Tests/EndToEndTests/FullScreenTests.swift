import Foundation
import XCTest

/// The visualizer as a person uses it, in tmux: launch, keys, resizes, quit and signals,
/// and the shell left usable afterwards.
final class FullScreenTests: XCTestCase {
    override func setUpWithError() throws {
        if !Tmux.available { throw XCTSkip("tmux is not installed") }
    }

    func launch(_ args: String = "", width: Int = 120, height: Int = 40) throws -> Tmux {
        let t = try Tmux(width: width, height: height)
        try t.type("\(MBViz.path) \(args)")
        try t.send("Enter")
        return t
    }

    func test_demo_stepPhaseZoomThemeResizeHelpQuit() throws {
        let t = try launch()
        defer { t.kill() }
        // The demo starts playing and stops after the first phase's first step.
        try t.waitFor("step 1/94")
        try t.waitFor("phase 1 begins")
        try t.send("l")
        try t.waitFor("step 2/94")
        try t.send("l", "l", "h")
        try t.waitFor("step 3/94")
        try t.send("]")
        try t.waitFor("e820__memblock_setup")
        try t.send("]", "]")
        try t.waitFor("init_mem_mapping")
        try t.send("z")
        try t.waitFor("· zoom ")
        try t.send("0", "t")
        try t.waitFor("theme light")
        try t.resize(80, 24)
        try t.waitFor("step")
        try t.resize(200, 60)
        try t.waitFor("regions")
        try t.resize(40, 12)
        try t.waitFor("too small")
        try t.resize(120, 40)
        try t.send("?")
        try t.waitFor("keys")
        try t.send("?", "q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }

    func test_killTermAndHup_whilePlaying_restoreTheTerminal() throws {
        for signal in ["TERM", "HUP"] {
            let t = try launch("--speed 2")
            defer { t.kill() }
            try t.waitFor("phase 1 begins")
            try t.send("Space")
            try t.waitFor("▶")
            guard let pid = try t.childPid() else { XCTFail("no mbviz process"); continue }
            try Tmux.shell(["kill", "-\(signal)", "\(pid)"])
            try t.waitFor("$ ")
            try t.assertShellRestored()
        }
    }

    func test_play_readsTheTraceFromStandardInput_andKeysFromTheTerminal() throws {
        let path = try MBViz.temporaryFile("@phase \"p\"\nmemblock_add 0x100000 1M\nmemblock_alloc 4K 4K\n")
        let t = try Tmux(width: 100, height: 30)
        defer { t.kill() }
        try t.type("cat \(path) | \(MBViz.path) play -")
        try t.send("Enter")
        try t.waitFor("step 0/2")
        try t.send("G")
        try t.waitFor("step 2/2")
        try t.send("q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }

    func test_play_whatIf_marksTheDivergingSteps() throws {
        let path = try MBViz.temporaryFile("@phase \"p\"\nmemblock_add 0x100000 1M\nmemblock_reserve 0x100000 4K\nmemblock_alloc 4K 4K\nmemblock_alloc 8K 4K\n")
        let t = try Tmux(width: 120, height: 40)
        defer { t.kill() }
        try t.type("\(MBViz.path) play \(path) --what-if bottom_up=1")
        try t.send("Enter")
        try t.waitFor("2 steps diverge")
        try t.send("G")
        let screen = try t.waitFor("◆ memblock_alloc 8K 4K")
        XCTAssertTrue(screen.contains("◆ memblock_alloc 4K 4K"), screen)
        XCTAssertFalse(screen.contains("◆ memblock_reserve"), screen)
        try t.send("q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }
}

import Foundation
import XCTest

/// A kernel developer's investigation in tmux, on a real boot log: import it, search a
/// caller and an address, jump to the owning step, set an address breakpoint, play to it,
/// list and delete it, what-if with a jump to the next divergence, quit with the terminal
/// restored; and a label search on a demo (imported logs carry callers, not labels).
final class InvestigationTests: XCTestCase {
    override func setUpWithError() throws {
        if !Tmux.available { throw XCTSkip("tmux is not installed") }
    }

    /// The shared corpus log when `../shared` is there, else the copy in Fixtures.
    var bootLog: String {
        if let corpus = MBViz.corpus {
            let shared = corpus.appendingPathComponent("boot/x86_64/numa2-3G-1G.log").path
            if FileManager.default.fileExists(atPath: shared) { return shared }
        }
        return MBViz.repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/numa2-3G-1G.log").path
    }

    func test_importedBoot_searchJumpBreakpointWhatIfQuit() throws {
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-inv-\(UUID().uuidString).mbtrace").path
        let imported = try MBViz.run(["import", "dmesg", bootLog])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        _ = FileManager.default.createFile(atPath: trace, contents: Data(imported.stdout.utf8))
        let t = try Tmux(width: 160, height: 45)
        defer { t.kill() }
        try t.type("\(MBViz.path) play \(trace) --what-if bottom_up=1")
        try t.send("Enter")
        try t.waitFor("what-if bottom_up=1")
        try t.waitFor("step 0/94")

        // A caller: the real-mode trampoline's allocation.
        try t.send("/")
        try t.type("by=reserve_real_mode")
        try t.send("Enter")
        try t.waitFor("by=reserve_real_mode: match 1 of 1, step 14")
        try t.waitFor("step 14/94")

        // An address at the end of boot, then Enter: the step that reserved it.
        try t.send("G", "/")
        try t.type("0x98800")
        try t.send("Enter")
        try t.waitFor("0x98800: reserved[0]: reserved by step 14 (n goes there)")
        try t.send("Enter")
        try t.waitFor("step 14 made memblock_phys_alloc_range #14")
        try t.waitFor("step 14/94")

        // An address breakpoint on the vmemmap block, played to from step 36.
        try t.send("g")
        try t.type("36")
        try t.send("Enter", "B", "a")
        try t.type("0xbce00000 48M")
        try t.send("Enter")
        try t.waitFor("● on [0x00000000bce00000-0x00000000bfdfffff]")
        try t.send("Space")
        try t.waitFor("● breakpoint on [0x00000000bce00000-0x00000000bfdfffff]")
        try t.waitFor("step 40/94")
        // Listed, then deleted.
        try t.waitFor("breakpoints 1")
        try t.send("d")
        try t.waitFor("breakpoint on [0x00000000bce00000-0x00000000bfdfffff] deleted")
        try t.waitFor("breakpoints 0")

        // What-if: the next divergence shows both results.
        try t.send("B", ">")
        let screen = try t.waitFor("divergence ")
        XCTAssertTrue(screen.contains("under bottom_up=1"), screen)
        XCTAssertTrue(screen.contains("as booted"), screen)

        try t.send("q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }

    func test_demo_labelSearch_jumpsToTheStepThatMadeIt() throws {
        let t = try Tmux(width: 120, height: 40)
        defer { t.kill() }
        try t.type("\(MBViz.path) demo x86-numa2")
        try t.send("Enter")
        try t.waitFor("phase 1 begins")
        try t.send("G", "/")
        try t.type("kernel_image")
        try t.send("Enter")
        try t.waitFor("kernel_image: match 1 of 1, step 1")
        try t.waitFor("step 1/")
        try t.send("?")
        try t.waitFor("1  2  3")
        try t.send("Escape", "q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }
}

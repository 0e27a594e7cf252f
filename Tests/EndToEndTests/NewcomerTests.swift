import Foundation
import XCTest

/// A newcomer's first minutes: --version, opening a file by name, one clear error for a
/// file that is not a trace, and completions and the manual page.
final class NewcomerTests: XCTestCase {
    func test_version() throws {
        let r = try MBViz.run(["--version"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasPrefix("mbviz "), r.stdout)
    }

    func test_bareFileName_opensTheFileAsPlay() throws {
        // Standard output is not a terminal here: play's own refusal shows the file was
        // taken as a trace, not as a demo name.
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\n", name: "one.mbtrace")
        let r = try MBViz.run([path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("not a terminal"), r.stderr)
        XCTAssertFalse(r.stderr.contains("no demo"), r.stderr)
        XCTAssertTrue(try MBViz.run(["no-such-demo"]).stderr.contains("no demo named"))
    }

    func test_binaryFile_getsOneClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("blob.bin").path
        var bytes: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0xff, 0x9c]
        for i in 0..<4000 { bytes.append(UInt8(i % 251)) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let r = try MBViz.run(["render", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("binary data, not a trace"), r.stderr)
    }

    func test_kernelLog_givenAsATrace_getsOneErrorPointingAtImport() throws {
        let log = MBViz.repoRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/numa2-3G-1G.log").path
        let r = try MBViz.run(["render", log])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("not a trace") && r.stderr.contains("mbviz import dmesg"), r.stderr)
    }

    func test_aFewBadLines_areAllReported() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\nmemblock_reserve 0x1000\nmemblock_alloc 4K 4K\n")
        let r = try MBViz.run(["render", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(path):2:"), r.stderr)
        XCTAssertFalse(r.stderr.contains("not a trace"), r.stderr)
    }

    func test_completionScripts_forEveryShell() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try MBViz.run(["--generate-completion-script", shell])
            XCTAssertEqual(r.status, 0, shell)
            XCTAssertTrue(r.stdout.contains("mbviz"), shell)
            XCTAssertTrue(r.stdout.contains("play"), "\(shell) completes subcommands")
        }
    }

    func test_oneStep_isSingular() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\n")
        XCTAssertEqual(try MBViz.run(["check", path]).stdout, "\(path): ok (1 step)\n")
        XCTAssertTrue(try MBViz.run(["render", path, "--step", "5"]).stderr.contains("(the trace has 1 step)"))
    }

    func test_manualGenerator_readsTheCommandTree() throws {
        // What swift-argument-parser's generate-manual plugin runs to build the man page.
        let r = try MBViz.run(["--experimental-dump-help"])
        XCTAssertEqual(r.status, 0)
        for name in ["\"play\"", "\"render\"", "\"import\"", "Keys: space: play"] {
            XCTAssertTrue(r.stdout.contains(name), name)
        }
    }

    func test_playStandardInput_onATerminal_saysItIsWaiting() throws {
        if !Tmux.available { throw XCTSkip("tmux is not installed") }
        let t = try Tmux(width: 100, height: 30)
        defer { t.kill() }
        try t.type("\(MBViz.path) play -")
        try t.send("Enter")
        try t.waitFor("waiting for a trace on standard input")
        try t.send("C-d")
        try t.waitFor("step 0/0")
        try t.send("q")
        try t.waitFor("$ ")
        try t.assertShellRestored()
    }
}

import Foundation
import XCTest

/// The command line as scripts use it: outputs and exit codes from CLI.md.
final class CommandLineTests: XCTestCase {
    func test_everySubcommand_answersHelp() throws {
        for sub in ["", "demo", "play", "check", "dump", "render", "import", "export", "bench"] {
            let r = try MBViz.run(sub.isEmpty ? ["--help"] : [sub, "--help"])
            XCTAssertEqual(r.status, 0, sub)
            XCTAssertTrue(r.stdout.contains("USAGE"), sub)
        }
    }

    func test_badUsage_exits2_withAMessage() throws {
        let r = try MBViz.run(["dump", "--format", "xml", "x"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("mbviz: "), r.stderr)
        XCTAssertEqual(try MBViz.run(["frobnicate"]).status, 2)
        XCTAssertEqual(try MBViz.run(["check"]).status, 2)
    }

    func test_check_passingTrace_printsOk() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\nmemblock_alloc 4K 4K => 0x1ff000\n")
        let r = try MBViz.run(["check", path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "\(path): ok (2 steps)\n")
    }

    func test_check_mismatch_exits1_withFileLineColumn() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\nmemblock_alloc 4K 4K => 0x1000\n")
        let r = try MBViz.run(["check", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "\(path): 0/1 expectations met; first mismatch at line 2: memblock_alloc returned 0x1ff000, expected 0x1000\n")
        XCTAssertTrue(r.stderr.contains("mbviz: \(path):2:1: memblock_alloc returned 0x1ff000, expected 0x1000\n"), r.stderr)
    }

    func test_check_goesOnPastAMismatch_andCountsEveryExpectation() throws {
        let path = try MBViz.temporaryFile("""
            memblock_add 0x100000 1M
            memblock_alloc 4K 4K => 0x1000
            memblock_alloc 4K 4K => 0x1fe000
            @expect reserved.cnt=1 memory.cnt=1
            memblock_alloc 4K 4K => 0x1fd000

            """)
        let r = try MBViz.run(["check", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "\(path): 4/5 expectations met; first mismatch at line 2: memblock_alloc returned 0x1ff000, expected 0x1000\n")
    }

    func test_checkWhatIf_exits1_whenResultsDiverge_and0_whenNot() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\nmemblock_alloc 4K 4K => 0x1ff000\n")
        let diverging = try MBViz.run(["check", path, "--what-if", "bottom_up=1"])
        XCTAssertEqual(diverging.status, 1, diverging.stdout)
        XCTAssertTrue(diverging.stdout.contains("1 of 2 steps diverge"), diverging.stdout)
        let same = try MBViz.run(["check", path, "--what-if", "movable_node=1"])
        XCTAssertEqual(same.status, 0, same.stdout)
    }

    func test_check_unparsableOrMissingFile_exits2() throws {
        let path = try MBViz.temporaryFile("memblock_reserve 0x1000\n")
        let r = try MBViz.run(["check", path])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(path):1:"), r.stderr)
        XCTAssertEqual(try MBViz.run(["check", "/nonexistent/x.mbtrace"]).status, 2)
    }

    func test_check_readsStandardInput() throws {
        let r = try MBViz.run(["check", "-"], stdin: "memblock_add 0x100000 1M\n")
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.hasSuffix(": ok (1 step)\n"), r.stdout)
    }

    func test_dump_kernelFormat_matchesTheKernelsDump() throws {
        guard let corpus = MBViz.corpus else { throw XCTSkip("../shared/corpus is not present") }
        let trace = corpus.appendingPathComponent("differential/diff-008.mbtrace").path
        let r = try MBViz.run(["dump", trace])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, try String(contentsOfFile: trace.replacingOccurrences(of: ".mbtrace", with: ".dump"), encoding: .utf8))
    }

    func test_dump_stepAndFormats() throws {
        let path = try MBViz.temporaryFile("memblock_add 0x100000 1M\nmemblock_reserve 0x100000 4K\n")
        let k = try MBViz.run(["dump", path, "--step", "1"])
        XCTAssertTrue(k.stdout.contains(" reserved.cnt  = 0x1\n reserved[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0\n"))
        let d = try MBViz.run(["dump", path, "--format", "debugfs"])
        XCTAssertEqual(d.stdout, "==> memory <==\n   0: 0x0000000000100000..0x00000000001fffff\n==> reserved <==\n   0: 0x0000000000100000..0x0000000000100fff\n")
        let j = try MBViz.run(["dump", path, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        let reserved = object?["reserved"] as? [String: Any]
        XCTAssertEqual(reserved?["cnt"] as? Int, 1)
        XCTAssertEqual((reserved?["regions"] as? [[String: Any]])?.first?["base"] as? String, "0x100000")
        XCTAssertEqual(try MBViz.run(["dump", path, "--step", "9"]).status, 2)
    }

    func test_demos_listPrintAndPassCheck() throws {
        let list = try MBViz.run(["demo", "--list"])
        XCTAssertEqual(list.status, 0)
        let names = list.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        XCTAssertTrue(names.contains("x86-numa2"))
        XCTAssertGreaterThanOrEqual(names.count, 7)
        for name in names {
            let text = try MBViz.run(["demo", "--print", name]).stdout
            let r = try MBViz.run(["check", "-"], stdin: text)
            XCTAssertEqual(r.status, 0, "\(name): \(r.stdout)\(r.stderr)")
        }
        XCTAssertEqual(try MBViz.run(["demo", "--print", "nope"]).status, 2)
    }

    func test_render_printsExactlyRowsLinesNoWiderThanCols() throws {
        for (w, h) in [(120, 40), (80, 24), (200, 60), (10, 3), (64, 18)] {
            let r = try MBViz.run(["render", "demo:x86-numa2", "--size", "\(w)x\(h)", "--step", "40"])
            XCTAssertEqual(r.status, 0)
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, h, "\(w)x\(h)")
            XCTAssertTrue(lines.allSatisfy { $0.count <= w }, "\(w)x\(h)")
        }
        let small = try MBViz.run(["render", "demo:x86-numa2", "--size", "64x18"])
        XCTAssertTrue(small.stdout.contains("terminal too small: 64x18, need 80x24"), small.stdout)
    }

    func test_fullScreenCommands_withoutATerminal_exit2() throws {
        let r = try MBViz.run(["demo"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("not a terminal"), r.stderr)
    }
}

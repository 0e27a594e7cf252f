@testable import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// The whole pipeline on small made-up logs: pasted forms, settings, bad input.
final class PipelineTests: XCTestCase {
    func importText(_ text: String, overrides: [String: String] = [:]) throws -> ImportResult {
        try DmesgImporter.importLog(Array(text.utf8), file: "t.log", overrides: overrides)
    }

    static let x86 = """
        [    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP Debian 6.1.192-2
        [    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
        [    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
        [    0.010000] memblock_add: [0x0000000000001000-0x000000000009fbff] e820__memblock_setup+0x65/0x7d
        [    0.010000] memblock_add: [0x0000000000100000-0x000000007ffdffff] e820__memblock_setup+0x65/0x7d

        """

    func test_mailWrappedRequest_isRejoined_andItsResultMatched() throws {
        let quoted = (Self.x86 + """
            [    0.020000] memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000
            max_addr=0x0000000000000000 sparse_init+0x1/0x2
            [    0.020000] memblock_reserve: [0x000000000009e000-0x000000000009efff] memblock_alloc_internal+0x1/0x2

            """).split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        let r = try importText(quoted)
        XCTAssertTrue(r.text.contains("memblock_alloc_try_nid 4K 4K 0 0 NUMA_NO_NODE by=sparse_init+0x1/0x2 => 0x9e000"), r.text)
        XCTAssertTrue(r.text.contains("# transforms: CRLF line ends") == false)
        XCTAssertTrue(r.text.contains("`> ` mail quoting removed; mail-wrapped memblock lines rejoined"), r.text)
        XCTAssertEqual(r.report?.resultsMatched, 1)
        XCTAssertTrue(CheckReport(r.trace).passed)
    }

    func test_kernelVersion_picksTheModelledKernel_andSaysWhenItIsNotOne() throws {
        XCTAssertEqual(LogKernelVersion(versionLine: "6.12.16-generic (root@x)")?.modelled, .v6_12)
        XCTAssertEqual(LogKernelVersion(versionLine: "6.7.0")?.modelled, .v6_12)
        XCTAssertEqual(LogKernelVersion(versionLine: "6.6.63-ky")?.modelled, .v6_1)
        XCTAssertEqual(LogKernelVersion(versionLine: "4.9.96 (root@vos)")?.modelled, .v6_1)
        XCTAssertNil(LogKernelVersion(versionLine: "unknown"))
        XCTAssertTrue(try importText(Self.x86).text.contains("# kernel: Linux 6.1.192 is replayed with the 6.1 model"), "the Debian release, not the ABI name")
        let r = try importText(Self.x86.replacingOccurrences(of: "6.1.0-56-amd64", with: "5.10.0-9-amd64"))
        XCTAssertTrue(r.text.contains("# kernel: Linux 5.10.0 is not a modelled kernel: replayed with the 6.1 model"), r.text)
        XCTAssertTrue(r.text.contains("addresses of another version may differ"))
    }

    func test_configOverrides_bottomUpAndCurrentLimit_becomeTheFirstSteps() throws {
        let r = try importText(Self.x86, overrides: ["bottom_up": "1", "current_limit": "0x40000000", "max_numnodes": "64"])
        let first = r.trace.steps.prefix(2).map { TraceWriter.line($0) }
        XCTAssertEqual(first, ["memblock_set_bottom_up 1 by=setup_arch", "memblock_set_current_limit 0x40000000 by=setup_arch"])
        XCTAssertEqual(r.trace.config.maxNumnodes, 64)
        XCTAssertThrowsError(try importText(Self.x86, overrides: ["bottom_up": "maybe"])) { e in
            XCTAssertTrue((e as! ImportError).message.contains("bottom_up expects 0 or 1"))
        }
    }

    func test_arm32_currentLimitAtTheLowmemLimit_fromTheZoneLines() throws {
        let log = """
            [    0.000000] CPU: ARMv7 Processor [413fc090] revision 0 (ARMv7), cr=10c5387d
            [    0.000000] Zone ranges:
            [    0.000000]   Normal   [mem 0x0000000060000000-0x000000008fffffff]
            [    0.000000]   HighMem  [mem 0x0000000090000000-0x000000009fffffff]
            [    0.000000] Early memory node ranges
            [    0.000000]   node   0: [mem 0x0000000060000000-0x000000009fffffff]

            """
        let r = try importText(log)
        XCTAssertEqual(r.report?.arch, "arm")
        XCTAssertTrue(r.text.contains("memblock_set_current_limit 0x90000000 by=setup_arch"), r.text)
        XCTAssertTrue(r.text.contains("@config numa=0"))
        XCTAssertEqual(HeadlessRun(r.trace).state.currentLimit, 0x9000_0000)
    }

    func test_s390_physmemAddIsAStep_withThePhysMap() throws {
        let log = """
            [    0.000000] Linux version 5.14.0-70.el9.s390x (mockbuild@s390x-01) #1 SMP
            [    0.000000] memblock_physmem_add: [0x0000000000000000-0x000000007fffffff] detect_physmem+0x1/0x2
            [    0.000000] memblock_add: [0x0000000000000000-0x000000007fffffff] setup_arch+0x1/0x2

            """
        let r = try importText(log)
        XCTAssertEqual(r.report?.arch, "s390")
        XCTAssertTrue(r.text.contains("phys_map=1"))
        XCTAssertTrue(r.text.contains("memblock_physmem_add 0 2G by=detect_physmem+0x1/0x2"), r.text)
        XCTAssertEqual(HeadlessRun(r.trace).state.physmem.totalSize, 2 << 30)
    }

    func test_unknownArchitecture_neutralDefaultsAndANote() throws {
        let r = try importText("memblock_add: [0x0000000000100000-0x00000000001fffff] somewhere+0x1/0x2\n")
        XCTAssertEqual(r.report?.arch, "unknown")
        XCTAssertTrue(r.notes.contains { $0.contains("the architecture is not recognised") })
        XCTAssertTrue(r.text.contains("neutral defaults"))
    }

    func test_notALog_oneErrorSayingWhatWasExpected() {
        for (text, needle) in [("hello\nworld\n", "--dtb"), ("Linux version 6.1.0\nCommand line: quiet\n", "--dtb FILE"), ("", "empty input")] {
            XCTAssertThrowsError(try importText(text)) { e in
                let error = e as! ImportError
                XCTAssertTrue(error.message.contains(needle), error.message)
                XCTAssertEqual(error.file, "t.log")
            }
        }
        XCTAssertThrowsError(try DmesgImporter.importLog([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2], file: "a.out")) { e in
            XCTAssertTrue((e as! ImportError).message.contains("binary"))
        }
    }

    func test_report_namesKernelArchDialectTransformsAndFigures() throws {
        let r = try importText(Self.x86.replacingOccurrences(of: "\n", with: "\r\n"))
        let lines = try XCTUnwrap(r.report).lines
        XCTAssertEqual(lines[0], "kernel 6.1.192, replayed as 6.1; arch x86_64; memblock=debug dialect 6.x")
        XCTAssertEqual(lines[1], "transforms: CRLF line ends, printk `[ seconds]` timestamps")
        XCTAssertEqual(lines[2], "0 allocation requests seen, 0 results matched, 0 expectations written (0 met by the replay)")
    }
}

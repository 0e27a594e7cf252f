@testable import MemblockImport
import XCTest

/// Stage 1 alone: each pasted form is undone and named.
final class NormalizerTests: XCTestCase {
    func messages(_ text: String) -> (lines: [String], numbers: [Int], transforms: [LogTransform], skipped: [Int]) {
        let n = LogNormalizer.normalize(Array(text.utf8))
        return (n.lines.map { LogScanner.string($0.text) }, n.lines.map(\.number), n.transforms, n.skipped.map(\.line))
    }

    func test_serialCapture_crlfAndPrintkTimesRemoved() {
        let r = messages("[    0.021116] memblock_add: [0x1000-0x9fbff] e820__memblock_setup+0x65/0x7d\r\n[    0.1] x\r\n")
        XCTAssertEqual(r.lines, ["memblock_add: [0x1000-0x9fbff] e820__memblock_setup+0x65/0x7d", "x"])
        XCTAssertEqual(r.transforms, [.crlf, .printkTimes])
    }

    func test_documentCodeBlock_tabIndentationRemoved_dumpLeadingSpaceKept() {
        let r = messages("\t[    0.0] MEMBLOCK configuration:\n\t[    0.0]  memory.cnt  = 0x1\n")
        XCTAssertEqual(r.lines, ["MEMBLOCK configuration:", " memory.cnt  = 0x1"])
        XCTAssertTrue(r.transforms.contains(.indentation))
    }

    func test_noTimestamps_dumpLinesKeepTheirSpace_andIndentedLinesAreNotACodeBlock() {
        let r = messages("MEMBLOCK configuration:\n memory.cnt  = 0x1\n   memblock_free: [0x1-0x2] f+0x1/0x2\n")
        XCTAssertEqual(r.lines, ["MEMBLOCK configuration:", " memory.cnt  = 0x1", "   memblock_free: [0x1-0x2] f+0x1/0x2"])
        XCTAssertEqual(r.transforms, [.noTimestamps])
    }

    func test_nestedMailQuoting_removed() {
        let r = messages("> > [    0.0] memblock_reserve: [0x1000-0x1fff] setup_arch+0x1/0x2\n>> [    0.0] y\n")
        XCTAssertEqual(r.lines, ["memblock_reserve: [0x1000-0x1fff] setup_arch+0x1/0x2", "y"])
        XCTAssertTrue(r.transforms.contains(.quoting))
    }

    func test_mailWrappedRequest_isRejoined_withTheFirstLinesNumber() {
        let r = messages("""
            > [    0.0] memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000
            > max_addr=0x0000000000000000 sparse_init+0x1/0x2
            > [    0.0] memblock_reserve: [0x1000-0x1fff] memblock_alloc_range_nid+0xb0/0x13d

            """)
        XCTAssertEqual(r.lines, ["memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 sparse_init+0x1/0x2",
                                 "memblock_reserve: [0x1000-0x1fff] memblock_alloc_range_nid+0xb0/0x13d"])
        XCTAssertEqual(r.numbers, [1, 3])
        XCTAssertTrue(r.transforms.contains(.mailWrap))
    }

    func test_completeLineFollowedByUnprefixedText_isNotRejoined() {
        let r = messages("[    0.0] memblock_reserve: [0x1000-0x1fff] setup_arch+0x1/0x2\nProbing EDD (edd=off to disable)... ok\n")
        XCTAssertEqual(r.lines.count, 2)
        XCTAssertFalse(r.transforms.contains(.mailWrap))
    }

    func test_dmesgT_wallClock_and_callerIDs_and_syslog() {
        XCTAssertEqual(messages("[Tue Jan 20 10:17:44 2026] Linux version 6.12.16\n").transforms, [.wallClock])
        let t = messages("[    0.000000][    T0] memblock_reserve: [0x1-0x2] f+0x1/0x2\n")
        XCTAssertEqual(t.lines, ["memblock_reserve: [0x1-0x2] f+0x1/0x2"])
        XCTAssertEqual(t.transforms, [.printkTimes, .callerIDs])
        let j = messages("Jan 12 10:00:01 host kernel: BIOS-e820: [mem 0x0-0x9fbff] usable\n")
        XCTAssertEqual(j.lines, ["BIOS-e820: [mem 0x0-0x9fbff] usable"])
        XCTAssertEqual(j.transforms, [.syslog])
    }

    func test_elisions_areSkippedWithTheirLine() {
        let r = messages("[    0.0] a\n[...]\n    ...\n[    0.0] b\n")
        XCTAssertEqual(r.lines, ["a", "b"])
        XCTAssertEqual(r.skipped, [2, 3])
        XCTAssertTrue(r.transforms.contains(.elisions))
    }

    func test_addressSplitIntoDigitGroups_isRejoined_onlyWhenItMakesSixteenDigits() {
        let r = messages("memblock_remove: [0x00000040 0000 0000-0x0000003ffffffffe] arm64_memblock_init+0x94/0x258\nmemblock_add: [0x1000 2000-0x2fff] f+0x1/0x2\n")
        XCTAssertEqual(r.lines[0], "memblock_remove: [0x0000004000000000-0x0000003ffffffffe] arm64_memblock_init+0x94/0x258")
        XCTAssertEqual(r.lines[1], "memblock_add: [0x1000 2000-0x2fff] f+0x1/0x2")
        XCTAssertTrue(r.transforms.contains(.splitNumbers))
    }

    func test_annotationAfterADumpLine_isCutAndNoted() {
        let r = messages("[    0.0]  reserved[0x1]   [0x81010000-0x82bdafff], 0x1bcb000 bytes flags: 0x0 kernel \n[    0.0]  memory[0x0]\t[0x0-0xfff], 0x1000 bytes flags: 0x4\n")
        XCTAssertEqual(r.lines, [" reserved[0x1]   [0x81010000-0x82bdafff], 0x1bcb000 bytes flags: 0x0", " memory[0x0]\t[0x0-0xfff], 0x1000 bytes flags: 0x4"])
        XCTAssertEqual(r.skipped, [])
        XCTAssertEqual(LogNormalizer.normalize(Array("[    0.0]  reserved[0x1]\t[0x1-0x2], 0x2 bytes flags: 0x0 //页表\n".utf8)).annotations.map(\.text), ["//页表"])
        XCTAssertTrue(r.transforms.contains(.annotations))
    }

    func test_binaryAndHugeLines_areBoundedNotFatal() {
        let long = [UInt8](repeating: 0x41, count: 100_000) + [0x0a, 0x00, 0xff, 0x0a]
        let n = LogNormalizer.normalize(long)
        XCTAssertEqual(n.lines.count, 2)
        XCTAssertEqual(n.lines[0].text.count, LogNormalizer.maxLineBytes)
        XCTAssertEqual(LogNormalizer.normalize([UInt8](repeating: 0x3e, count: 5000)).lines.count, 1)
    }
}

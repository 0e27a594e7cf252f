import XCTest
@testable import MemblockTrace

/// The parser keeps going after an error and reports every error of the file, up to a limit.
final class MultipleErrorTests: XCTestCase {
    func test_fileWithSeveralBadLines_reportsEveryErrorInFileOrder() {
        let text = """
            @mbtrace 1
            memblock_add 0x1000 4K
            memblock_reserve 0x1000
            # a comment between errors
            memblock_alocc 4K 4K
            memblock_add_node 0 4K 1 RSRV_NOINIT
            memblock_alloc 4K 4K label=ok => 0x1000
            memblock_free $missing 4K
            @config page_size=3000
            """
        XCTAssertEqual(errorLines(text), [
            "t.mbtrace:3:18: memblock_reserve expects 2 arguments (base size), got 1",
            "t.mbtrace:5:1: unknown operation memblock_alocc (did you mean memblock_alloc?)",
            "t.mbtrace:6:26: flag RSRV_NOINIT is not in Linux 6.1: it needs @kernel 6.12, and is set on reserved regions by memblock_reserved_mark_noinit",
            "t.mbtrace:8:15: undefined label $missing: no earlier step has label=missing",
            "t.mbtrace:9:9: @config page_size is a build setting: it may only appear before the first step",
        ])
    }

    func test_lineWithSeveralBadArguments_reportsEachArgument() {
        XCTAssertEqual(errorLines("memblock_alloc_try_nid x 4K y ANYWHERE 0x80000000"), [
            "t.mbtrace:1:24: memblock_alloc_try_nid size: expected a number (0x1000, 4096, 4K), an address constant or $label, got x",
            "t.mbtrace:1:29: memblock_alloc_try_nid min_addr: expected a number (0x1000, 4096, 4K), an address constant or $label, got y",
            "t.mbtrace:1:40: memblock_alloc_try_nid nid: node 0x80000000 does not fit in a 32-bit int",
        ])
    }

    func test_configLineWithSeveralBadPairs_reportsEachPair() {
        XCTAssertEqual(errorLines("@config numa=3 nums=1 page_size=4K max_order=99"), [
            "t.mbtrace:1:14: @config numa: expected 0, 1, true or false, got 3",
            "t.mbtrace:1:16: unknown @config key nums (did you mean numa?)",
            "t.mbtrace:1:46: @config max_order: expected an order from 0 to 20, got 99",
        ])
    }

    func test_labelOfABadStep_isStillDefined_soLaterUsesDoNotCascade() {
        let text = "memblock_alloc 4K bad label=x\nmemblock_free $x 4K\n"
        XCTAssertEqual(errorLines(text), [
            "t.mbtrace:1:19: memblock_alloc align: expected a number (0x1000, 4096, 4K), an address constant or $label, got bad",
        ])
    }

    func test_moreThanFiftyErrors_stopsWithTooManyErrors() throws {
        let text = (1...80).map { "bad_line_\($0)" }.joined(separator: "\n")
        let lines = errorLines(text)
        XCTAssertEqual(lines.count, TraceErrors.limit + 1)
        XCTAssertEqual(lines[49], "t.mbtrace:50:1: unknown operation bad_line_50: expected a memblock_* step or an @directive")
        XCTAssertEqual(lines.last, "t.mbtrace:51:1: too many errors; stopping")
    }

    func test_errorsDescription_isOneErrorPerLine() {
        do {
            _ = try TraceParser.parse("memblock_reserve 1\nmemblock_remove 1\n", file: "boot.mbtrace")
            XCTFail("expected errors")
        } catch {
            XCTAssertEqual(error.description, """
                boot.mbtrace:1:18: memblock_reserve expects 2 arguments (base size), got 1
                boot.mbtrace:2:17: memblock_remove expects 2 arguments (base size), got 1
                """)
            XCTAssertEqual(error.errors[1].location, SourceLocation(file: "boot.mbtrace", line: 2, column: 17))
            XCTAssertEqual(error.errors[1].message, "memblock_remove expects 2 arguments (base size), got 1")
        }
    }
}

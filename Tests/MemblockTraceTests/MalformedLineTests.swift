import XCTest
@testable import MemblockTrace

/// One row per kind of error: the input and the exact `FILE:LINE:COLUMN: message` it gives.
final class MalformedLineTests: XCTestCase {
    private struct Row {
        let kind: String
        let text: String
        let error: String
        init(_ kind: String, _ text: String, _ error: String) {
            self.kind = kind
            self.text = text
            self.error = error
        }
    }

    private let rows: [Row] = [
        // Steps: names and argument counts.
        Row("too few arguments", "memblock_reserve 0x1000",
            "t.mbtrace:1:18: memblock_reserve expects 2 arguments (base size), got 1"),
        Row("no arguments", "memblock_reserve",
            "t.mbtrace:1:1: memblock_reserve expects 2 arguments (base size), got 0"),
        Row("too many arguments", "memblock_reserve 1 2 3",
            "t.mbtrace:1:22: memblock_reserve expects 2 arguments (base size), got 3"),
        Row("argument to a step that takes none", "memblock_allow_resize 1",
            "t.mbtrace:1:23: memblock_allow_resize expects no arguments, got 1"),
        Row("optional argument range", "memblock_add_node 0 4K",
            "t.mbtrace:1:19: memblock_add_node expects 3 or 4 arguments (base size nid [flags]), got 2"),
        Row("single argument", "memblock_trim_memory",
            "t.mbtrace:1:1: memblock_trim_memory expects 1 argument (align), got 0"),
        Row("misspelt operation", "memblock_alocc 4K 4K",
            "t.mbtrace:1:1: unknown operation memblock_alocc (did you mean memblock_alloc?)"),
        Row("upper-case operation", "MEMBLOCK_ADD 0 4K",
            "t.mbtrace:1:1: unknown operation MEMBLOCK_ADD (did you mean memblock_add?)"),
        Row("unknown operation", "frobnicate 1 2",
            "t.mbtrace:1:1: unknown operation frobnicate: expected a memblock_* step or an @directive"),
        Row("operation not in 6.1", "memblock_reserved_mark_noinit 0 4K",
            "t.mbtrace:1:1: memblock_reserved_mark_noinit is not in Linux 6.1: it needs @kernel 6.12 before the first step"),
        Row("quoted string as operation", "\"memblock_add\" 0 4K",
            "t.mbtrace:1:1: expected an operation or @directive, got a quoted string"),
        // Numbers.
        Row("hex number over 64 bits", "memblock_add 0x1_0000_0000_0000_0000 4K",
            "t.mbtrace:1:14: number 0x1_0000_0000_0000_0000 does not fit in 64 bits"),
        Row("decimal number over 64 bits", "memblock_add 0 18446744073709551616",
            "t.mbtrace:1:16: number 18446744073709551616 does not fit in 64 bits"),
        Row("suffix multiplication over 64 bits", "memblock_add 0 16384P",
            "t.mbtrace:1:16: number 16384P does not fit in 64 bits"),
        Row("lower-case suffix", "memblock_alloc 4k 4K",
            "t.mbtrace:1:16: memblock_alloc size: expected a number (0x1000, 4096, 4K), an address constant or $label, got 4k"),
        Row("fraction", "memblock_alloc 1.5M 4K",
            "t.mbtrace:1:16: memblock_alloc size: expected a number (0x1000, 4096, 4K), an address constant or $label, got 1.5M"),
        Row("negative address", "memblock_add -1 4K",
            "t.mbtrace:1:14: memblock_add base: negative numbers are node ids only; expected an unsigned number or $label, got -1"),
        Row("node constant as address", "memblock_add NUMA_NO_NODE 4K",
            "t.mbtrace:1:14: memblock_add base: NUMA_NO_NODE is a node id, not an address or size"),
        // Node ids, flags, types, switches.
        Row("node id beyond an int", "memblock_alloc_node 4K 4K 2147483648",
            "t.mbtrace:1:27: memblock_alloc_node nid: node 2147483648 does not fit in a 32-bit int"),
        Row("node id below INT_MIN", "memblock_alloc_node 4K 4K -2147483649",
            "t.mbtrace:1:27: memblock_alloc_node nid: node -2147483649 does not fit in a 32-bit int"),
        Row("address constant as node id", "memblock_alloc_node 4K 4K ANYWHERE",
            "t.mbtrace:1:27: memblock_alloc_node nid: expected a node id (0 to 64, -1, NUMA_NO_NODE, MAX_NUMNODES or another int), got ANYWHERE"),
        Row("flag not in 6.1", "memblock_add_node 0 4K 1 RSRV_NOINIT",
            "t.mbtrace:1:26: flag RSRV_NOINIT is not in Linux 6.1: it needs @kernel 6.12, and is set on reserved regions by memblock_reserved_mark_noinit"),
        Row("misspelt flag", "memblock_add_node 0 4K 1 HOTPLUG|MIROR",
            "t.mbtrace:1:34: unknown flag MIROR (did you mean MIRROR?)"),
        Row("numeric flag above 0x8", "memblock_add_node 0 4K 1 0x20",
            "t.mbtrace:1:26: flags 0x20 have a bit above DRIVER_MANAGED (0x8)"),
        Row("numeric RSRV_NOINIT in 6.1", "memblock_add_node 0 4K 1 0x10",
            "t.mbtrace:1:26: flag 0x10 (RSRV_NOINIT) is not in Linux 6.1: it needs @kernel 6.12, and is set on reserved regions by memblock_reserved_mark_noinit"),
        Row("empty flag", "memblock_add_node 0 4K 1 HOTPLUG|",
            "t.mbtrace:1:34: empty flag name in HOTPLUG|"),
        Row("bad region type", "memblock_set_node 0 4K physmem 0",
            "t.mbtrace:1:24: memblock_set_node type: expected memory or reserved, got physmem"),
        Row("bad switch", "memblock_set_bottom_up 2",
            "t.mbtrace:1:24: memblock_set_bottom_up enable: expected 0, 1, true or false, got 2"),
        Row("bad exact switch", "memblock_alloc_range_nid 4K 4K 0 ANYWHERE 0 yes",
            "t.mbtrace:1:45: memblock_alloc_range_nid exact: expected 0, 1, true or false, got yes"),
        // Labels, attributes, results.
        Row("undefined label", "memblock_free $nope 4K",
            "t.mbtrace:1:15: undefined label $nope: no earlier step has label=nope"),
        Row("label used on its own line", "memblock_alloc 4K 4K label=x => $x",
            "t.mbtrace:1:33: undefined label $x: no earlier step has label=x"),
        Row("bad label name", "memblock_alloc 4K 4K label=a+b",
            "t.mbtrace:1:29: bad label name a+b: use letters, digits, _ . and -"),
        Row("empty label reference", "memblock_free $ 4K",
            "t.mbtrace:1:15: $ needs a label name"),
        Row("empty by", "memblock_add 0 4K by=",
            "t.mbtrace:1:19: by= needs a name (the caller, e.g. by=setup_arch+0x2b3/0xc80)"),
        Row("duplicate attribute", "memblock_add 0 4K by=a by=b",
            "t.mbtrace:1:24: duplicate attribute by="),
        Row("unknown attribute", "memblock_add 0 4K owner=me",
            "t.mbtrace:1:19: unknown attribute owner=: expected by= or label="),
        Row("argument after attributes", "memblock_add 0 by=x 4K",
            "t.mbtrace:1:14: memblock_add expects 2 arguments (base size), got 1\n"
                + "t.mbtrace:1:21: unexpected argument 4K after the attributes: arguments come first"),
        Row("stray token after attributes", "memblock_add 0 4K by=x 5",
            "t.mbtrace:1:24: unexpected argument 5 after the attributes: arguments come first"),
        Row("result on a non-allocation", "memblock_reserve 0 4K => 0x1000",
            "t.mbtrace:1:23: memblock_reserve returns no address: only => panic is allowed on it (=> ADDRESS|fail is for allocation steps)"),
        Row("result without value", "memblock_alloc 4K 4K =>",
            "t.mbtrace:1:22: => needs an address, fail or panic"),
        Row("token after result", "memblock_alloc 4K 4K => fail by=x",
            "t.mbtrace:1:30: unexpected by=x after the expected result: => ADDRESS|fail|panic must come last"),
        Row("physmem without phys_map", "memblock_physmem_add 0 4K",
            "t.mbtrace:1:1: memblock_physmem_add needs @config phys_map=1 (CONFIG_HAVE_MEMBLOCK_PHYS_MAP, s390 only)"),
        // Lexical.
        Row("unterminated string", "@note \"abc",
            "t.mbtrace:1:7: unterminated string: missing the closing \""),
        Row("unknown escape", "@note \"a\\tb\"",
            "t.mbtrace:1:9: unknown escape \\t in a string: only \\\" and \\\\ are allowed"),
        Row("quote inside a token", "memblock_add 0 4K x\"y",
            "t.mbtrace:1:20: unexpected \" inside x\"y: a quoted string must be a token of its own"),
        Row("no space after a string", "@note \"a\"b",
            "t.mbtrace:1:10: missing space after the closing \""),
        Row("control character", "memblock_add 0\u{7} 4K",
            "t.mbtrace:1:15: control character U+0007 is not allowed"),
        Row("lone carriage return", "memblock_add 0\r4K",
            "t.mbtrace:1:15: control character U+000D is not allowed"),
        // Directives.
        Row("unknown directive", "@nod 1 \"x\"",
            "t.mbtrace:1:1: unknown directive @nod (did you mean @node?)"),
        Row("unsupported version", "@mbtrace 2",
            "t.mbtrace:1:10: unsupported trace version 2: this parser reads @mbtrace 1"),
        Row("late version", "@arch x86_64\n@mbtrace 1",
            "t.mbtrace:2:1: @mbtrace must come first, before any other directive or step"),
        Row("second arch", "@arch a\n@arch b",
            "t.mbtrace:2:1: @arch is already set to a"),
        Row("unknown config key", "@config nums=1",
            "t.mbtrace:1:9: unknown @config key nums (did you mean numa?)"),
        Row("bad config value", "@config page_size=3000",
            "t.mbtrace:1:19: @config page_size: expected a power of two from 4K to 256K, got 3000"),
        Row("bad config switch", "@config numa=2",
            "t.mbtrace:1:14: @config numa: expected 0, 1, true or false, got 2"),
        Row("config without value", "@config low_limit=",
            "t.mbtrace:1:19: @config low_limit: expected a value, got nothing"),
        Row("config max_numnodes out of range", "@config max_numnodes=0",
            "t.mbtrace:1:22: @config max_numnodes: expected a node count from 1 to 1024, got 0"),
        Row("build setting after the first step", "memblock_allow_resize\n@config numa=0",
            "t.mbtrace:2:9: @config numa is a build setting: it may only appear before the first step"),
        Row("config without pairs", "@config",
            "t.mbtrace:1:1: @config expects KEY=VALUE pairs, got none"),
        Row("config without equals", "@config numa",
            "t.mbtrace:1:9: @config expects KEY=VALUE, got numa"),
        Row("node name not quoted", "@node 1 socket",
            "t.mbtrace:1:9: @node expects a quoted name (@node NID \"NAME\"), got socket"),
        Row("node named twice", "@node 1 \"a\"\n@node 1 \"b\"",
            "t.mbtrace:2:7: node 1 is already named \"a\""),
        Row("phase without name", "@phase",
            "t.mbtrace:1:1: @phase expects 1 argument (\"NAME\"), got 0"),
        Row("note with two strings", "@note \"a\" \"b\"",
            "t.mbtrace:1:11: @note expects 1 argument (\"TEXT\"), got 2"),
        Row("pause with argument", "@pause now",
            "t.mbtrace:1:8: @pause expects no arguments, got 1"),
        Row("unknown expect key", "@expect reserved.count=1",
            "t.mbtrace:1:9: unknown @expect key reserved.count (did you mean reserved.cnt?)"),
        Row("physmem expectation without phys_map", "@expect physmem.cnt=1",
            "t.mbtrace:1:9: @expect physmem.cnt needs @config phys_map=1"),
        Row("bad bottom_up expectation", "@expect bottom_up=2",
            "t.mbtrace:1:19: @expect bottom_up: expected 0, 1, true or false, got 2"),
        Row("bad count expectation", "@expect memory.cnt=many",
            "t.mbtrace:1:20: @expect memory.cnt: expected a number (0x1000, 4096 or 4K), got many"),
    ]

    func test_eachMalformedLine_reportsItsExactLocationAndMessage() {
        XCTAssertGreaterThanOrEqual(rows.count, 30)
        for row in rows {
            XCTAssertEqual(errorLines(row.text).joined(separator: "\n"), row.error, "row: \(row.kind)")
        }
    }

    func test_eachMalformedLine_isReportedAtTheSameColumnAfterCRLF() {
        for row in rows where !row.text.contains("\r") {
            let crlf = row.text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
            XCTAssertEqual(errorLines(crlf).joined(separator: "\n"), row.error, "row: \(row.kind)")
        }
    }
}

import XCTest
import Memblock
@testable import MemblockTrace

/// The writer's canonical text.
final class WriterTests: XCTestCase {
    func test_smallTrace_isWrittenCanonically() throws {
        let text = """
            @mbtrace 1
            @arch x86_64
            @node 1 "socket 1"
            @node 0 "socket 0"
            @note "two"
            @phase "e820"
            @note "lines"
            memblock_add 0x1000 0x9e000
            memblock_add_node 0x100000000 4G 1 HOTPLUG|MIRROR
            memblock_add_node 0 4096 NUMA_NO_NODE NONE
            @config low_limit=0x3fffffff
            @pause
            memblock_alloc_try_nid 4096 0x1000 0 MEMBLOCK_ALLOC_ANYWHERE MAX_NUMNODES label=pgd by="setup arch" => 0x1fffff000
            @expect reserved.cnt=2 memory.total_size=4096 bottom_up=true
            memblock_phys_free $pgd 12345
            memblock_alloc_range_nid 1 1 0 ANYWHERE -1 1 => fail
            @note "trailing"
            """
        let trace = try TraceParser.parse(text, file: "w.mbtrace")
        XCTAssertEqual(TraceWriter.write(trace), """
            @mbtrace 1
            @arch x86_64
            @config numa=1 page_size=4K max_order=10 init_memblock_regions=128 init_memblock_reserved_regions=128 low_limit=0xffffffff max_numnodes=64 smp_cache_bytes=64 mirrored_kernelcore=0 movable_node=0 phys_map=0 init_physmem_regions=4
            @node 0 "socket 0"
            @node 1 "socket 1"
            @phase "e820"
            @note "two"
            @note "lines"
            memblock_add 0x1000 632K
            memblock_add_node 0x100000000 4G 1 HOTPLUG|MIRROR
            memblock_add_node 0 4K NUMA_NO_NODE
            @config low_limit=0x3fffffff
            @pause
            memblock_alloc_try_nid 4K 4K 0 ANYWHERE 64 by="setup arch" label=pgd => 0x1fffff000
            @expect reserved.cnt=2 memory.total_size=0x1000 bottom_up=1
            memblock_phys_free $pgd 0x3039
            memblock_alloc_range_nid 1 1 0 ANYWHERE NUMA_NO_NODE 1 => fail
            @note "trailing"

            """)
    }

    func test_noteWithNewlines_isWrittenAsOneNotePerLine() {
        let trace = Trace(file: "w", steps: [TraceStep(operation: .dumpAll, note: "a\n\nb")])
        XCTAssertTrue(TraceWriter.write(trace).hasSuffix("@note \"a\"\n@note \"\"\n@note \"b\"\nmemblock_dump_all\n"))
        assertRoundTrips(trace)
    }

    func test_strings_escapeQuotesAndBackslashes_andQuoteWhenNeeded() {
        XCTAssertEqual(TraceWriter.quoted("say \"hi\" \\o/"), "\"say \\\"hi\\\" \\\\o/\"")
        XCTAssertEqual(TraceWriter.bareOrQuoted("setup_arch+0x2b3/0xc80"), "setup_arch+0x2b3/0xc80")
        XCTAssertEqual(TraceWriter.bareOrQuoted("a b"), "\"a b\"")
        XCTAssertEqual(TraceWriter.bareOrQuoted("a#b"), "\"a#b\"")
        XCTAssertEqual(TraceWriter.bareOrQuoted(""), "\"\"")
    }

    func test_controlCharacters_becomeSpaces_becauseTheFormatCannotHoldThem() {
        XCTAssertEqual(TraceWriter.quoted("a\u{7}b\tc"), "\"a b\tc\"")
        let step = TraceStep(operation: .dumpAll, by: "x\ny")
        XCTAssertEqual(TraceWriter.line(step), "memblock_dump_all by=\"x y\"")
    }

    func test_sizes_useTheLargestExactSuffix() {
        XCTAssertEqual(TraceWriter.size(0), "0")
        XCTAssertEqual(TraceWriter.size(1023), "1023")
        XCTAssertEqual(TraceWriter.size(1024), "1K")
        XCTAssertEqual(TraceWriter.size(1536), "0x600")
        XCTAssertEqual(TraceWriter.size(3 << 30), "3G")
        XCTAssertEqual(TraceWriter.size(1 << 60), "1024P")
        XCTAssertEqual(TraceWriter.size(.max), "0xffffffffffffffff")
    }

    func test_addresses_areHex_andEndsOfAllOnesAreAnywhere() {
        let step = TraceStep(operation: .physAllocRange(size: .literal(4096), align: .literal(0), start: .literal(0x1000),
                                                        end: .literal(.max)))
        XCTAssertEqual(TraceWriter.line(step), "memblock_phys_alloc_range 4K 0 0x1000 ANYWHERE")
        XCTAssertEqual(TraceWriter.line(TraceStep(operation: .setCurrentLimit(.literal(.max)))), "memblock_set_current_limit ANYWHERE")
        XCTAssertEqual(TraceWriter.line(TraceStep(operation: .reserve(base: .literal(.max), size: .literal(1)))),
                       "memblock_reserve 0xffffffffffffffff 1")
    }

    func test_emptyTrace_isJustTheConfigLine() throws {
        let text = TraceWriter.write(Trace(file: "e"))
        XCTAssertEqual(text.split(separator: "\n").count, 1)
        XCTAssertEqual(try TraceParser.parse(text, file: "e"), Trace(file: "e"))
    }

    func test_withoutLocations_clearsEveryLocation() throws {
        let t = try TraceParser.parse("@expect memory.cnt=1\n@phase \"p\"\nmemblock_dump_all\n@expect reserved.cnt=1\n", file: "x")
        let bare = t.withoutLocations()
        XCTAssertEqual(bare.initialExpectations[0].location, .unknown)
        XCTAssertEqual(bare.phases[0].location, .unknown)
        XCTAssertEqual(bare.steps[0].location, .unknown)
        XCTAssertEqual(bare.steps[0].expectations[0].location, .unknown)
        XCTAssertNotEqual(t, bare)
    }

    func test_locationDescriptions() {
        XCTAssertEqual(SourceLocation(file: "boot.mbtrace", line: 12, column: 18).description, "boot.mbtrace:12:18")
        XCTAssertEqual(SourceLocation(file: "boot.mbtrace", line: 0, column: 0).description, "boot.mbtrace")
        XCTAssertEqual(TraceError(location: SourceLocation(file: "b", line: 1, column: 2), message: "m").description, "b:1:2: m")
    }
}

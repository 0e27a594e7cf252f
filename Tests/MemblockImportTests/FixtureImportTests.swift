import Foundation
import Memblock
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// Two real logs copied into `Fixtures/`, so the importer is measured even without
/// `../shared`: x86_64 `m2G-nokaslr` and arm64 `virt-m2G-initramfs` (with its DTB).
final class FixtureImportTests: XCTestCase {
    func importX86() throws -> ImportResult {
        try DmesgImporter.importLog(try ImportFixtures.fixture("m2G-nokaslr.log"), file: "m2G-nokaslr.log")
    }

    func importArm64() throws -> ImportResult {
        try DmesgImporter.importLog(try ImportFixtures.fixture("virt-m2G-initramfs.log"), file: "virt-m2G-initramfs.log",
                                    dtb: try ImportFixtures.fixture("virt-m2G-initramfs.dtb"))
    }

    func test_x86Fixture_meetsAll50RecordedAllocationsAndBothDumps() throws {
        let r = try importX86()
        XCTAssertEqual(r.stats.recordedAllocations, 50)
        XCTAssertEqual(r.stats.metAllocations, 50)
        XCTAssertEqual(r.stats.recordedFailures, 0)
        XCTAssertEqual(r.stats.dumps, 2)
        XCTAssertEqual(r.stats.dumpsMatched, 2)
        XCTAssertNil(r.stats.debugfsMatched)
        XCTAssertEqual(r.notes, [])
        XCTAssertEqual(HeadlessRun(r.trace).mismatches.count, 0)
        XCTAssertEqual(r.trace.arch, "x86_64")
        XCTAssertEqual(r.trace.config.maxNumnodes, 1024)
        XCTAssertEqual(r.trace.config.initMemoryRegions, 128)
    }

    func test_x86Fixture_reconstructsEarlyReservationsLimitsAndTrim() throws {
        let r = try importX86()
        let steps = r.text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") && !$0.isEmpty }
        XCTAssertEqual(Array(steps.prefix(3)), [
            "memblock_reserve 0x1000000 52M by=early_reserve_memory",
            "memblock_reserve 0 64K by=early_reserve_memory",
            "memblock_reserve 0x9f000 388K by=reserve_bios_regions",
        ])
        XCTAssertTrue(r.text.contains("# inferred: setup_arch() limits memblock to the first 1 MiB"))
        XCTAssertTrue(r.text.contains("memblock_set_current_limit 0x100000 by=setup_arch\n"))
        XCTAssertTrue(r.text.contains("memblock_trim_memory 4K by=e820__memblock_setup\n"))
        XCTAssertTrue(r.text.contains("memblock_set_current_limit 0x7ffe0000 by=setup_arch\n"))
        XCTAssertTrue(r.text.contains("memblock_phys_alloc_try_nid 172K 64 0 by=alloc_node_data => 0x7ffb5000"))
        XCTAssertTrue(r.text.contains("@expect memory.cnt=2 reserved.cnt=3 memory.total_size=0x7ff7ec00 reserved.total_size=0x3482000"))
        XCTAssertTrue(r.text.contains("memblock_free_all by=mem_init"))
        // Every inferred step says so.
        let lines = r.text.split(separator: "\n", omittingEmptySubsequences: false)
        var inferredComments = 0
        for l in lines where l.hasPrefix("# inferred:") { inferredComments += 1 }
        XCTAssertEqual(inferredComments, r.stats.inferredSteps)
        XCTAssertEqual(r.stats.inferredSteps, 15)
    }

    func test_x86Fixture_phasesFollowTheBoot() throws {
        let names = try importX86().trace.phases.map(\.name)
        XCTAssertEqual(names.first, "early_reserve_memory (before memblock=debug: not printed)")
        for expected in ["e820__memblock_setup: RAM from the firmware map", "reserve_real_mode: real-mode trampoline below 1 MiB",
                         "init_mem_mapping: direct-map page tables", "initmem_init: NUMA nodes and NODE_DATA",
                         "sparse_init: mem_section and memmap", "setup_per_cpu_areas: percpu first chunk",
                         "mem_init: memblock_free_all hands free memory to the buddy allocator"] {
            XCTAssertTrue(names.contains(expected), expected)
        }
    }

    func test_arm64Fixture_meetsAllocationsDumpAndDebugfs() throws {
        let r = try importArm64()
        XCTAssertEqual(r.stats.recordedAllocations, 1060)
        XCTAssertEqual(r.stats.metAllocations, 1060)
        XCTAssertEqual(r.stats.dumpsMatched, 1)
        XCTAssertEqual(r.stats.debugfsMatched, true)
        XCTAssertEqual(r.notes, [])
        let run = HeadlessRun(r.trace)
        XCTAssertEqual(run.mismatches.count, 0)
        XCTAssertEqual(run.state.debugfs(.memory), "   0: 0x0000000040000000..0x00000000bfffffff\n")
        XCTAssertEqual(run.state.reserved.cnt, 20)
        XCTAssertEqual(r.trace.config.maxNumnodes, 16)
        XCTAssertEqual(r.trace.config.initMemoryRegions, 1024)
        XCTAssertEqual(r.trace.config.initReservedRegions, 385)
    }

    func test_arm64Fixture_reconstructsTheSilentSteps() throws {
        let text = try importArm64().text
        XCTAssertTrue(text.contains("memblock_reserve 0x48200000 0x8b8a by=setup_machine_fdt"))
        XCTAssertTrue(text.contains("memblock_add 0x40000000 2G by=early_init_dt_add_memory_arch"))
        XCTAssertTrue(text.contains("memblock_clear_nomap 0x48000000 968K by=arm64_memblock_init"))
        XCTAssertTrue(text.contains("memblock_allow_resize by=paging_init"))
        XCTAssertTrue(text.contains("memblock_set_node 0x40000000 2G memory 0 by=numa_add_memblk"))
        XCTAssertTrue(text.contains("memblock_phys_alloc_try_nid 0x2c80 64 0 by=setup_node_data => 0xbfbee380"))
        XCTAssertTrue(text.contains("@config low_limit=0xbfffffff"))
        XCTAssertTrue(text.contains("memblock_alloc_range_nid 64M 2M 0 0xc0000000 NUMA_NO_NODE 1 by=cma_declare_contiguous_nid => 0xb9a00000"))
    }

    func test_importedText_parsesBackToTheSameTrace_andIsDeterministic() throws {
        let a = try importX86(), b = try importX86()
        XCTAssertEqual(a.text, b.text)
        let parsed = try TraceParser.parse(a.text, file: "again")
        XCTAssertEqual(parsed.withoutLocations().steps, a.trace.withoutLocations().steps)
    }

    func test_whatIfBottomUp_divergesAtTheTrampoline() throws {
        let r = try importX86()
        let d = WhatIf.compare(r.trace, changes: [try WhatIfChange(parsing: "bottom_up=1")])
        XCTAssertEqual(d.first, 13)
        XCTAssertEqual(d.count, 50)
        XCTAssertEqual(r.trace.steps[12].operation.kernelName, "memblock_phys_alloc_range")
        XCTAssertEqual(d.pairs.first?.1, .address(0x98000))
        XCTAssertEqual(d.pairs.first?.2, .address(0x10000))
        // Stable: the same answer twice.
        XCTAssertEqual(WhatIf.compare(r.trace, changes: [try WhatIfChange(parsing: "bottom_up=1")]), d)
    }

    func test_whatIfBottomUp_arm64() throws {
        let r = try importArm64()
        let d = WhatIf.compare(r.trace, changes: [try WhatIfChange(parsing: "bottom_up=1")])
        XCTAssertEqual(d.first, 9)
        XCTAssertEqual(d.count, 1060)
    }

    func test_overrides_winOverDetection_andBadOnesAreErrors() throws {
        let bytes = try ImportFixtures.fixture("m2G-nokaslr.log")
        let r = try DmesgImporter.importLog(bytes, file: "m", overrides: ["max_numnodes": "64"])
        XCTAssertEqual(r.trace.config.maxNumnodes, 64)
        XCTAssertTrue(r.text.contains("memblock_set_node 0 0xffffffffffffffff memory MAX_NUMNODES"))
        XCTAssertEqual(r.stats.metAllocations, 50)
        XCTAssertThrowsError(try DmesgImporter.importLog(bytes, file: "m", overrides: ["max_numnodes": "zero"])) { e in
            XCTAssertTrue("\(e)".contains("max_numnodes"), "\(e)")
        }
        XCTAssertThrowsError(try DmesgImporter.importLog(bytes, file: "m", overrides: ["no_such_key": "1"]))
    }
}

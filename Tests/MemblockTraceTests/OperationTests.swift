import XCTest
import Memblock
@testable import MemblockTrace

/// Every operation, one line each, read into the expected model value.
final class OperationTests: XCTestCase {
    private func lit(_ v: UInt64) -> Argument { .literal(v) }

    /// Each step line (after `@config phys_map=1` and `label=p` on an earlier step) and its value.
    private var table: [(String, MemblockTrace.Operation)] {
        [
            ("memblock_add 0x1000 0x9e000", .add(base: lit(0x1000), size: lit(0x9e000))),
            ("memblock_add_node 4G 4G 1", .addNode(base: lit(4 << 30), size: lit(4 << 30), nid: 1, flags: .none)),
            ("memblock_add_node 0 1M -1 DRIVER_MANAGED", .addNode(base: lit(0), size: lit(1 << 20), nid: -1, flags: .driverManaged)),
            ("memblock_remove 4G 1M", .remove(base: lit(4 << 30), size: lit(1 << 20))),
            ("memblock_physmem_add 0 1G", .physmemAdd(base: lit(0), size: lit(1 << 30))),
            ("memblock_set_node 0 ANYWHERE memory MAX_NUMNODES", .setNode(base: lit(0), size: lit(.max), type: .memory, nid: 64)),
            ("memblock_set_node 0 16M reserved 1", .setNode(base: lit(0), size: lit(16 << 20), type: .reserved, nid: 1)),
            ("memblock_mark_hotplug 1G 1M", .markHotplug(base: lit(1 << 30), size: lit(1 << 20))),
            ("memblock_clear_hotplug 1G 1M", .clearHotplug(base: lit(1 << 30), size: lit(1 << 20))),
            ("memblock_mark_mirror 2G 2M", .markMirror(base: lit(2 << 30), size: lit(2 << 20))),
            ("memblock_mark_nomap 3G 3M", .markNomap(base: lit(3 << 30), size: lit(3 << 20))),
            ("memblock_clear_nomap 3G 3M", .clearNomap(base: lit(3 << 30), size: lit(3 << 20))),
            ("memblock_trim_memory 2M", .trimMemory(align: lit(2 << 20))),
            ("memblock_enforce_memory_limit 8G", .enforceMemoryLimit(lit(8 << 30))),
            ("memblock_cap_memory_range 0 16G", .capMemoryRange(base: lit(0), size: lit(16 << 30))),
            ("memblock_mem_limit_remove_map 32G", .memLimitRemoveMap(lit(32 << 30))),
            ("memblock_reserve 0x1000000 0x2c00000", .reserve(base: lit(0x100_0000), size: lit(0x2c0_0000))),
            ("memblock_phys_free $p 4K", .physFree(base: .label("p"), size: lit(4096))),
            ("memblock_free $p 4K", .free(ptr: .label("p"), size: lit(4096))),
            ("memblock_alloc 4K 4K", .alloc(size: lit(4096), align: lit(4096))),
            ("memblock_alloc_raw 4K 0", .allocRaw(size: lit(4096), align: lit(0))),
            ("memblock_alloc_from 8K 8 1892K", .allocFrom(size: lit(8192), align: lit(8), minAddr: lit(1892 << 10))),
            ("memblock_alloc_low 4K 4K", .allocLow(size: lit(4096), align: lit(4096))),
            ("memblock_alloc_node 0x5000 64 1", .allocNode(size: lit(0x5000), align: lit(64), nid: 1)),
            ("memblock_alloc_try_nid 160K 4K 0x3d001 ACCESSIBLE 0",
             .allocTryNid(size: lit(160 << 10), align: lit(4096), minAddr: lit(0x3d001), maxAddr: lit(0), nid: 0)),
            ("memblock_alloc_try_nid_raw 1 1 MEMBLOCK_LOW_LIMIT MEMBLOCK_ALLOC_ANYWHERE NUMA_NO_NODE",
             .allocTryNidRaw(size: lit(1), align: lit(1), minAddr: lit(0), maxAddr: lit(.max), nid: -1)),
            ("memblock_alloc_exact_nid_raw 4K 12K 0 NOLEAKTRACE 1",
             .allocExactNidRaw(size: lit(4096), align: lit(12 << 10), minAddr: lit(0), maxAddr: lit(1), nid: 1)),
            ("memblock_phys_alloc 1P 1T", .physAlloc(size: lit(1 << 50), align: lit(1 << 40))),
            ("memblock_phys_alloc_range 4K 4K 0 MEMBLOCK_ALLOC_ACCESSIBLE",
             .physAllocRange(size: lit(4096), align: lit(4096), start: lit(0), end: lit(0))),
            ("memblock_phys_alloc_try_nid 512 4K 1", .physAllocTryNid(size: lit(512), align: lit(4096), nid: 1)),
            ("memblock_alloc_range_nid 12K 64 0x259edd MEMBLOCK_ALLOC_NOLEAKTRACE 0 1",
             .allocRangeNid(size: lit(12 << 10), align: lit(64), start: lit(0x259edd), end: lit(1), nid: 0, exact: true)),
            ("memblock_set_bottom_up true", .setBottomUp(true)),
            ("memblock_set_current_limit $p", .setCurrentLimit(.label("p"))),
            ("memblock_allow_resize", .allowResize),
            ("memblock_free_all", .freeAll),
            ("memblock_free_late 0x1000 4K", .freeLate(base: lit(0x1000), size: lit(4096))),
            ("memblock_dump_all", .dumpAll),
            ("memblock_reserved_mark_noinit 0x1000 8K", .reservedMarkNoinit(base: lit(0x1000), size: lit(8192))),
        ]
    }

    func test_everyOperation_parsesToItsModelValue() {
        let prefix = "@config phys_map=1\nmemblock_alloc 4K 4K label=p\n"
        XCTAssertEqual(Set(table.map(\.1.kind)), Set(OperationKind.allCases), "the table covers every kind")
        for (line, expected) in table {
            let kernel = expected.kind.introducedIn == .v6_1 ? "" : "@kernel \(expected.kind.introducedIn)\n"
            guard let t = parseOK(kernel + prefix + line + "\n") else { continue }
            XCTAssertEqual(t.steps.last?.operation, expected, line)
            XCTAssertEqual(t.steps.last?.operation.kernelName, String(line.prefix { $0 != " " }))
        }
    }

    func test_everyOperation_roundTripsThroughArgumentValues() {
        for (_, operation) in table {
            XCTAssertEqual(MemblockTrace.Operation(kind: operation.kind, values: operation.argumentValues), operation)
        }
        XCTAssertNil(MemblockTrace.Operation(kind: .add, values: [.nid(1)]))
        XCTAssertEqual(MemblockTrace.Operation(kind: .addNode, values: [.address(lit(0)), .address(lit(1)), .nid(2)]),
                       .addNode(base: lit(0), size: lit(1), nid: 2, flags: .none))
    }

    func test_kindMetadata_matchesTheFormat() {
        XCTAssertEqual(OperationKind.allCases.count, 36)
        XCTAssertEqual(OperationKind.addNode.usage, "base size nid [flags]")
        XCTAssertEqual(OperationKind.allocRangeNid.usage, "size align start end nid exact")
        XCTAssertEqual(OperationKind.allowResize.usage, "none")
        XCTAssertEqual(MemblockTrace.Operation.allocFrom(size: lit(1), align: lit(1), minAddr: lit(0)).argumentLabels,
                       ["size", "align", "min_addr"])
        let allocations = OperationKind.allCases.filter(\.isAllocation).map(\.rawValue)
        XCTAssertEqual(allocations, [
            "memblock_alloc", "memblock_alloc_raw", "memblock_alloc_from", "memblock_alloc_low",
            "memblock_alloc_node", "memblock_alloc_try_nid", "memblock_alloc_try_nid_raw",
            "memblock_alloc_exact_nid_raw", "memblock_phys_alloc", "memblock_phys_alloc_range",
            "memblock_phys_alloc_try_nid", "memblock_alloc_range_nid",
        ])
        for kind in OperationKind.allCases {
            XCTAssertEqual(kind.parameters.count, kind.parameterCount, kind.rawValue)
        }
    }

    func test_mapAddresses_replacesLabelsOnly() {
        let op = MemblockTrace.Operation.allocRangeNid(size: .label("s"), align: lit(8), start: lit(0), end: .label("e"),
                                                       nid: 3, exact: true)
        let resolved = op.mapAddresses { (a: Argument) -> Argument in a.labelName.map { _ in .literal(7) } ?? a }
        XCTAssertEqual(resolved, .allocRangeNid(size: lit(7), align: lit(8), start: lit(0), end: lit(7), nid: 3, exact: true))
        XCTAssertEqual(op.addressArguments, [.label("s"), lit(8), lit(0), .label("e")])
    }

    func test_attributes_byLabelAndResult_areStored() {
        let text = """
            memblock_alloc 4K 4K label=pgd by=alloc_low_page => 0x1fffff000
            memblock_alloc 8K 4K by="setup arch" => fail
            memblock_alloc 8K 4K => $pgd
            memblock_reserve 0 4K by=setup_arch+0x2b3/0xc80 label=kernel
            memblock_phys_free $kernel 4K
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.steps[0].label, "pgd")
        XCTAssertEqual(t.steps[0].by, "alloc_low_page")
        XCTAssertEqual(t.steps[0].result, .address(lit(0x1_ffff_f000)))
        XCTAssertEqual(t.steps[1].by, "setup arch")
        XCTAssertEqual(t.steps[1].result, .fail)
        XCTAssertEqual(t.steps[2].result, .address(.label("pgd")))
        XCTAssertEqual(t.steps[3].by, "setup_arch+0x2b3/0xc80")
        XCTAssertEqual(t.steps[3].label, "kernel")
        XCTAssertNil(t.steps[3].result)
        XCTAssertEqual(t.steps[3].location, SourceLocation(file: "t.mbtrace", line: 4, column: 1))
    }

    func test_labelRedefinition_isAllowed() {
        let t = parseOK("memblock_alloc 4K 4K label=x\nmemblock_alloc 8K 4K label=x\nmemblock_free $x 8K\n")
        XCTAssertEqual(t?.steps.count, 3)
    }

    func test_specExample_parses() {
        let text = """
            @mbtrace 1
            @arch x86_64
            @node 0 "socket 0"
            @node 1 "socket 1"

            @phase "e820: firmware memory map"
            @note "The firmware reports usable RAM; memblock records it in memory."
            memblock_add 0x1000 0x9e000
            memblock_add 0x100000 0x7ff00000
            memblock_add_node 0x100000000 4G 1

            @phase "setup_arch: reserve the kernel image"
            memblock_reserve 0x1000000 0x2c00000 by=setup_arch
            @pause

            @phase "early allocations"
            memblock_alloc 4K 4K label=pgd by=alloc_low_page => 0x1fffff000
            memblock_alloc_node 0x5000 64 1
            memblock_phys_free $pgd 4K
            @expect reserved.cnt=2
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.steps.count, 7)
        XCTAssertEqual(t.phases.map(\.firstStep), [0, 3, 4])
        XCTAssertEqual(t.steps[4].pauseBefore, true)
        XCTAssertEqual(t.steps[6].expectations.map(\.value), [2])
        assertRoundTrips(t)
    }
}

import Foundation
import Memblock
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// Device tree blobs through libfdt: memory nodes, /memreserve/, /reserved-memory (static,
/// no-map, dynamic in the kernel's order), NUMA ids, and blobs libfdt rejects.
final class DTBImportTests: XCTestCase {
    func importBlob(_ bytes: [UInt8]?, line: UInt = #line) throws -> ImportResult {
        let blob = try XCTUnwrap(bytes, "libfdt refused to build the test blob", line: line)
        let r = try DTBImporter.importBlob(blob, file: "t.dtb")
        XCTAssertFalse(r.notes.contains { $0.contains("internal error") }, line: line)
        return r
    }

    func steps(_ r: ImportResult) -> [String] {
        r.trace.steps.map { TraceWriter.line($0) }
    }

    func test_qemuVirtBlob_addsItsMemory() throws {
        let r = try importBlob(try ImportFixtures.fixture("virt-m2G-initramfs.dtb"))
        // QEMU put the initrd in /chosen: arm64_memblock_init() adds it back, clears NOMAP, reserves
        // it, page-aligned (the real boot's log has the same add and reserve).
        XCTAssertEqual(steps(r), [
            "memblock_add 0x40000000 2G by=early_init_dt_add_memory_arch",
            "memblock_add 0x48000000 968K by=arm64_memblock_init",
            "memblock_clear_nomap 0x48000000 968K by=arm64_memblock_init",
            "memblock_reserve 0x48000000 968K by=arm64_memblock_init",
        ])
        XCTAssertEqual(r.trace.arch, "arm64")
        XCTAssertEqual(r.stats.recordedAllocations, 0)
    }

    func test_reservedMemoryBlob_followsTheKernelsOrder_andMatchesTheRealBoot() throws {
        let r = try importBlob(try ImportFixtures.fixture("virt-m2G-dt-reserved-memory.dtb"))
        XCTAssertEqual(steps(r), [
            "memblock_add 0x40000000 2G by=early_init_dt_add_memory_arch",
            "memblock_reserve 0x60000000 1M by=early_init_fdt_scan_reserved_mem",
            "memblock_mark_nomap 0x50000000 4M by=early_init_fdt_scan_reserved_mem",
            "memblock_reserve 0x58000000 2M by=early_init_fdt_scan_reserved_mem",
            // Both dynamic nodes sort equal (0, 0): the kernel's heapsort puts dynamic-pool first.
            "memblock_phys_alloc_range 1M 1M 0 ANYWHERE by=early_init_dt_alloc_reserved_memory_arch label=rmem0_dynamic-pool",
            "memblock_mark_nomap $rmem0_dynamic-pool 1M by=early_init_dt_alloc_reserved_memory_arch",
            "memblock_phys_alloc_range 32M 4M 0x40000000 0x80000000 by=early_init_dt_alloc_reserved_memory_arch label=rmem1_linux_cma",
        ])
        let state = HeadlessRun(r.trace).state
        // The real boot (virt-m2G-dt-reserved-memory.log) got these two addresses.
        XCTAssertTrue(state.isReserved(0xbff00000))
        XCTAssertTrue(state.isReserved(0x7e000000))
        XCTAssertEqual(state.memory.regions.filter { $0.flags.contains(.nomap) }.map(\.base), [0x50000000, 0xbff00000])
    }

    func test_syntheticBlob_memoryAlignmentHotplugNumaAllocRangesAndStatus() throws {
        let blob = DTBBuilder.tree(reservations: [(0x8000_0000, 0x1000)]) { b in
            b.begin("memory@80000000")
            b.string("device_type", "memory")
            b.u64s("reg", [0x8000_0000, 0x4000_0000])
            b.cells("numa-node-id", [0])
            b.end()
            b.begin("memory@c0000800")
            b.string("device_type", "memory")
            b.u64s("reg", [0xc000_0800, 0x1_0000])              // unaligned: rounded inward
            b.end()
            b.begin("memory@100000000")
            b.string("device_type", "memory")
            b.u64s("reg", [0x1_0000_0000, 0x4000_0000])
            b.cells("numa-node-id", [1])
            b.flag("hotpluggable")
            b.end()
            b.begin("memory@200000000")
            b.string("device_type", "memory")
            b.string("status", "disabled")
            b.u64s("reg", [0x2_0000_0000, 0x4000_0000])
            b.end()
            b.begin("reserved-memory")
            b.cells("#address-cells", [2])
            b.cells("#size-cells", [2])
            b.flag("ranges")
            b.begin("busy@80000000")       // no-map over a /memreserve/: refused (-EBUSY)
            b.u64s("reg", [0x8000_0000, 0x1000])
            b.flag("no-map")
            b.end()
            b.begin("off@90000000")
            b.string("status", "disabled")
            b.u64s("reg", [0x9000_0000, 0x1000])
            b.end()
            b.begin("pool")
            b.u64s("size", [0x10_0000])
            b.u64s("alloc-ranges", [0x3000_0000, 0x10_0000, 0xa000_0000, 0x100_0000])  // first range has no memory
            b.end()
            b.end()
        }
        let r = try importBlob(blob)
        XCTAssertEqual(steps(r), [
            "memblock_add 0x80000000 1G by=early_init_dt_add_memory_arch",
            "memblock_add 0xc0001000 60K by=early_init_dt_add_memory_arch",
            "memblock_add 0x100000000 1G by=early_init_dt_add_memory_arch",
            "memblock_mark_hotplug 0x100000000 1G by=early_init_dt_scan_memory",
            "memblock_reserve 0x80000000 4K by=early_init_fdt_scan_reserved_mem",
            "memblock_phys_alloc_range 1M 64 0x30000000 0x30100000 by=early_init_dt_alloc_reserved_memory_arch label=rmem0_pool",
            "memblock_phys_alloc_range 1M 64 0xa0000000 0xa1000000 by=early_init_dt_alloc_reserved_memory_arch label=rmem0_pool",
            "memblock_set_node 0x80000000 1G memory 0 by=numa_add_memblk",
            "memblock_set_node 0x100000000 1G memory 1 by=numa_add_memblk",
        ])
        XCTAssertTrue(r.text.contains("-EBUSY"))
        XCTAssertEqual(r.trace.nodeNames.keys.sorted(), [0, 1])
        let state = HeadlessRun(r.trace).state
        XCTAssertTrue(state.isReserved(0xa0f0_0000))
    }

    func test_blobsLibfdtRejects_areErrorsThatSayWhy() throws {
        let good = try ImportFixtures.fixture("virt-m2G-initramfs.dtb")
        var badStruct = good
        for i in 64..<200 { badStruct[i] = 0xff }
        let cases: [([UInt8], String)] = [
            ([], "not a device tree blob"),
            (Array("hello, world, this is not a blob at all....".utf8), "magic"),
            (Array(good.prefix(200)), "truncated"),
            (badStruct, "invalid device tree blob"),
        ]
        for (bytes, expected) in cases {
            XCTAssertThrowsError(try DTBImporter.importBlob(bytes, file: "bad.dtb")) { e in
                XCTAssertTrue("\(e)".hasPrefix("bad.dtb: "), "\(e)")
                XCTAssertTrue("\(e)".contains(expected), "\(e)")
            }
        }
        XCTAssertThrowsError(try DmesgImporter.importLog(try ImportFixtures.fixture("m2G-nokaslr.log"), file: "m.log", dtb: [1, 2, 3])) { e in
            XCTAssertTrue("\(e)".contains("--dtb"), "\(e)")
        }
    }

    func test_everyTruncationAndByteFlipOfABlob_neverCrashes() throws {
        let good = try ImportFixtures.fixture("virt-m2G-dt-reserved-memory.dtb")
        for cut in stride(from: 0, to: good.count, by: 211) {
            _ = try? DTBImporter.importBlob(Array(good.prefix(cut)), file: "cut.dtb")
        }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var b = good
            for _ in 0..<4 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            if let r = try? DTBImporter.importBlob(b, file: "flip.dtb") {
                XCTAssertFalse(r.notes.contains { $0.contains("internal error") })
            }
        }
    }
}

@testable import MemblockImport
import XCTest

/// Stage 2a alone: each dialect's lines become the same events.
final class DialectTests: XCTestCase {
    func event(_ line: String) -> LogEvent? {
        LogClassifier.classify(Array(line.utf8)[...], debugfsOpen: false)
    }

    func test_4x_reserveWithFlagsField_keepsTheRealCaller() {
        guard case .range(.reserve, 0xfcc30, 0xfcc3f, let caller, let dialect)? =
                event("memblock_reserve: [0x000000000fcc30-0x000000000fcc3f] flags 0x0 smp_scan_config+0x102/0x131") else {
            return XCTFail("not a reserve")
        }
        XCTAssertEqual(caller, "smp_scan_config+0x102/0x131")
        XCTAssertEqual(dialect, .v4)
    }

    func test_4x_virtAllocNopanic_isATryNidRequest() {
        guard case .request(let r)? = event("memblock_virt_alloc_try_nid_nopanic: 2048 bytes align=0x40 nid=0 from=0x280000000 max_addr=0x288000000 sparse_early_usemaps_alloc_node+0x84/0x1d9") else {
            return XCTFail("not a request")
        }
        XCTAssertEqual(r.call, .tryNid)
        XCTAssertTrue(r.nopanic)
        XCTAssertEqual(r.dialect, .v4)
        XCTAssertEqual([r.size, r.align, r.from, r.maxAddr], [2048, 0x40, 0x280000000, 0x288000000])
        XCTAssertEqual(r.nid, 0)
    }

    func test_4x_freeEarlyAndLate_changeTheState() {
        guard case .range(.physFree, 0x27fe00000, _, _, .v4)? = event("__memblock_free_early: [0x0000027fe00000-0x0000027fdfffff] sparse_mem_maps_populate_node+0x104/0x127") else {
            return XCTFail("free_early not read")
        }
        guard case .range(.freeLate, 0x1000, 0x1fff, _, .v4)? = event("__memblock_free_late: [0x1000-0x1fff] free_bootmem_late+0x1/0x2") else {
            return XCTFail("free_late not read")
        }
    }

    func test_5x_memblockFree_isAPhysFree_and6x_namesItPhysFree() {
        guard case .range(.physFree, _, _, _, .v5)? = event("memblock_free: [0x1-0x2] sparse_init_nid+0x360/0x4ac") else { return XCTFail("5.x") }
        guard case .range(.physFree, _, _, _, .v6)? = event("memblock_phys_free: [0x1-0x2] memblock_free+0x5c/0x78") else { return XCTFail("6.x") }
    }

    func test_nopanicAndDoubling_andUnknownNamesAreNotEvents() {
        guard case .request(let r)? = event("memblock_alloc_try_nid_nopanic: 1835008 bytes align=0x20 nid=0 from=0x0 max_addr=0x0 alloc_node_mem_map+0x7c/0xa8") else {
            return XCTFail("nopanic")
        }
        XCTAssertTrue(r.nopanic)
        guard case .doubled("reserved", 256, _, _)? = event("memblock: reserved is doubled to 256 at [0x1000-0x2fff]") else { return XCTFail("doubled") }
        XCTAssertNil(event("memblock_frobnicate: [0x1-0x2] x+0x1/0x2"))
        guard case .dumpSizes? = event(" memory size = 0x1f7683800 reserved size = 0x2aec1ac") else { return XCTFail("a dump line after a failed memblock read") }
    }

    func test_resultMatching_bySizeAlignmentAndWindow_notByCaller() {
        let r = AllocRequest(call: .tryNid, size: 0x1000, align: 0x1000, nid: -1, from: 0, maxAddr: 0x100000, caller: "x")
        XCTAssertTrue(DmesgSession.isResult(base: 0x9f000, size: 0x1000, of: r))
        XCTAssertFalse(DmesgSession.isResult(base: 0x9f800, size: 0x1000, of: r), "misaligned")
        XCTAssertFalse(DmesgSession.isResult(base: 0x100000, size: 0x1000, of: r), "above max_addr")
        XCTAssertFalse(DmesgSession.isResult(base: 0x9f000, size: 0x2000, of: r), "another size")
        var any = r
        any.maxAddr = 0
        any.align = 0
        XCTAssertTrue(DmesgSession.isResult(base: 0x7fff_f800, size: 0x1000, of: any), "accessible, align 0")
        XCTAssertTrue(MemblockLineReader.isAllocatorInternal("memblock_alloc_internal"))
        XCTAssertTrue(MemblockLineReader.isAllocatorInternal("memblock_virt_alloc_internal"))
        XCTAssertFalse(MemblockLineReader.isAllocatorInternal("memblock_double_array"))
        XCTAssertFalse(MemblockLineReader.isAllocatorInternal("setup_arch"))
    }

    func test_lacksCaller_onlyForMemblockLinesCutBeforeTheCaller() {
        XCTAssertTrue(LogClassifier.lacksCaller(Array("memblock_reserve: [0x1000-0x1fff]".utf8)[...]))
        XCTAssertTrue(LogClassifier.lacksCaller(Array("memblock_alloc_try_nid: 4 bytes align=0x8 nid=-1 from=0x0 max_addr=0x0".utf8)[...]))
        XCTAssertTrue(LogClassifier.lacksCaller(Array("memblock_reserve: [0x1000-0x1fff] flags 0x0".utf8)[...]))
        XCTAssertFalse(LogClassifier.lacksCaller(Array("memblock_reserve: [0x1000-0x1fff] setup_arch+0x1/0x2".utf8)[...]))
        XCTAssertFalse(LogClassifier.lacksCaller(Array("MEMBLOCK configuration:".utf8)[...]))
    }
}

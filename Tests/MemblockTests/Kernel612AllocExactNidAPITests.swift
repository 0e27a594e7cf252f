/// Linux 6.12 tools/testing/memblock/tests/alloc_exact_nid_api.c, ported: the NUMA checks
/// of `memblock_alloc_exact_nid_raw`, which never falls back to another node, on 32K split
/// into eight nodes (4/16, 1/16, 2/16, 2/16, 1/16, 1/16, 4/16, 1/16). The one-region checks
/// of that file are alloc_nid_api.c's, run through `.exactRaw` (`Kernel612AllocNidAPITests`).
/// A wrapper check maps to the tests of the checks it runs; a generic check, which the C runs
/// top-down and bottom-up, to two tests.
///
/// Mapping (C check → Swift test):
/// - alloc_exact_nid_top_down_numa_simple_check → test_exactNid_numaSimple_topDown
/// - alloc_exact_nid_top_down_numa_part_reserved_check → test_exactNid_numaPartReserved_topDown
/// - alloc_exact_nid_top_down_numa_split_range_low_check → test_exactNid_numaSplitRangeLow_topDown
/// - alloc_exact_nid_top_down_numa_no_overlap_split_check → test_exactNid_numaNoOverlapSplit_topDown
/// - alloc_exact_nid_top_down_numa_no_overlap_low_check → test_exactNid_numaNoOverlapLow_topDown
/// - alloc_exact_nid_bottom_up_numa_simple_check → test_exactNid_numaSimple_bottomUp
/// - alloc_exact_nid_bottom_up_numa_part_reserved_check → test_exactNid_numaPartReserved_bottomUp
/// - alloc_exact_nid_bottom_up_numa_split_range_low_check → test_exactNid_numaSplitRangeLow_bottomUp
/// - alloc_exact_nid_bottom_up_numa_no_overlap_split_check → test_exactNid_numaNoOverlapSplit_bottomUp
/// - alloc_exact_nid_bottom_up_numa_no_overlap_low_check → test_exactNid_numaNoOverlapLow_bottomUp
/// - alloc_exact_nid_numa_small_node_generic_check → test_exactNid_numaSmallNode_topDown, test_exactNid_numaSmallNode_bottomUp
/// - alloc_exact_nid_numa_node_reserved_generic_check → test_exactNid_numaNodeReserved_topDown, test_exactNid_numaNodeReserved_bottomUp
/// - alloc_exact_nid_numa_part_reserved_fail_generic_check → test_exactNid_numaPartReservedFail_topDown, test_exactNid_numaPartReservedFail_bottomUp
/// - alloc_exact_nid_numa_split_range_high_generic_check → test_exactNid_numaSplitRangeHigh_topDown, test_exactNid_numaSplitRangeHigh_bottomUp
/// - alloc_exact_nid_numa_no_overlap_high_generic_check → test_exactNid_numaNoOverlapHigh_topDown, test_exactNid_numaNoOverlapHigh_bottomUp
/// - alloc_exact_nid_numa_large_region_generic_check → test_exactNid_numaLargeRegion_topDown, test_exactNid_numaLargeRegion_bottomUp
/// - alloc_exact_nid_numa_reserved_full_merge_generic_check → test_exactNid_numaReservedFullMerge_topDown, test_exactNid_numaReservedFullMerge_bottomUp
/// - alloc_exact_nid_numa_split_all_reserved_generic_check → test_exactNid_numaSplitAllReserved_topDown, test_exactNid_numaSplitAllReserved_bottomUp
/// - alloc_exact_nid_numa_simple_check → test_exactNid_numaSimple_topDown, test_exactNid_numaSimple_bottomUp
/// - alloc_exact_nid_numa_part_reserved_check → test_exactNid_numaPartReserved_topDown, test_exactNid_numaPartReserved_bottomUp
/// - alloc_exact_nid_numa_split_range_low_check → test_exactNid_numaSplitRangeLow_topDown, test_exactNid_numaSplitRangeLow_bottomUp
/// - alloc_exact_nid_numa_no_overlap_split_check → test_exactNid_numaNoOverlapSplit_topDown, test_exactNid_numaNoOverlapSplit_bottomUp
/// - alloc_exact_nid_numa_no_overlap_low_check → test_exactNid_numaNoOverlapLow_topDown, test_exactNid_numaNoOverlapLow_bottomUp
/// - alloc_exact_nid_numa_small_node_check → test_exactNid_numaSmallNode_topDown, test_exactNid_numaSmallNode_bottomUp
/// - alloc_exact_nid_numa_node_reserved_check → test_exactNid_numaNodeReserved_topDown, test_exactNid_numaNodeReserved_bottomUp
/// - alloc_exact_nid_numa_part_reserved_fail_check → test_exactNid_numaPartReservedFail_topDown, test_exactNid_numaPartReservedFail_bottomUp
/// - alloc_exact_nid_numa_split_range_high_check → test_exactNid_numaSplitRangeHigh_topDown, test_exactNid_numaSplitRangeHigh_bottomUp
/// - alloc_exact_nid_numa_no_overlap_high_check → test_exactNid_numaNoOverlapHigh_topDown, test_exactNid_numaNoOverlapHigh_bottomUp
/// - alloc_exact_nid_numa_large_region_check → test_exactNid_numaLargeRegion_topDown, test_exactNid_numaLargeRegion_bottomUp
/// - alloc_exact_nid_numa_reserved_full_merge_check → test_exactNid_numaReservedFullMerge_topDown, test_exactNid_numaReservedFullMerge_bottomUp
/// - alloc_exact_nid_numa_split_all_reserved_check → test_exactNid_numaSplitAllReserved_topDown, test_exactNid_numaSplitAllReserved_bottomUp

import Memblock
import XCTest

final class Kernel612AllocExactNidAPITests: KernelTestCase {
    override class var kernel: KernelVersion { .v6_12 }

    /// `node_fractions` of the C file.
    let nodeFractions = MemblockTests.nodeFractions

    func test_exactNid_numaSimple_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 3
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
        size = reqNode.size / SZ_4
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.regionEnd - size)
        XCTAssertLessThanOrEqual(reqNode.base, newRgn.base)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaPartReserved_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 4
        var newRgn: MemblockRegion { mb.reserved.slot(1) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        XCTAssertLessThanOrEqual(SZ_8, reqNode.size)
        r1.base = reqNode.base
        r1.size = reqNode.size / SZ_2
        size = r1.size / SZ_4
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        mb.reserve(r1.base, r1.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.regionEnd - size)
        XCTAssertLessThanOrEqual(reqNode.base, newRgn.base)
        XCTAssertEqual(mb.reserved.cnt, 2)
        XCTAssertEqual(mb.reserved.totalSize, size + r1.size)
    }

    func test_exactNid_numaSplitRangeLow_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 2
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_512
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        var reqNodeEnd: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        reqNodeEnd = reqNode.regionEnd
        minAddr = reqNodeEnd - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNodeEnd - size)
        XCTAssertLessThanOrEqual(reqNode.base, newRgn.base)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaNoOverlapSplit_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 2
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var node2: MemblockRegion { mb.memory.slot(6) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        size = SZ_512
        minAddr = node2.base - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.regionEnd - size)
        XCTAssertLessThanOrEqual(reqNode.base, newRgn.base)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaNoOverlapLow_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 0
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var minNode: MemblockRegion { mb.memory.slot(2) }
        var maxNode: MemblockRegion { mb.memory.slot(5) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_64
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        minAddr = minNode.base
        maxAddr = maxNode.regionEnd
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.regionEnd - size)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaSimple_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 3
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
        size = reqNode.size / SZ_4
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaPartReserved_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 4
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        var totalSize: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        XCTAssertLessThanOrEqual(SZ_8, reqNode.size)
        r1.base = reqNode.base
        r1.size = reqNode.size / SZ_2
        size = r1.size / SZ_4
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        totalSize = size + r1.size
        mb.reserve(r1.base, r1.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, totalSize)
        XCTAssertEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, totalSize)
    }

    func test_exactNid_numaSplitRangeLow_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 2
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_512
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        var reqNodeEnd: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        reqNodeEnd = reqNode.regionEnd
        minAddr = reqNodeEnd - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNodeEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaNoOverlapSplit_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 2
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var node2: MemblockRegion { mb.memory.slot(6) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        size = SZ_512
        minAddr = node2.base - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaNoOverlapLow_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 0
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var minNode: MemblockRegion { mb.memory.slot(2) }
        var maxNode: MemblockRegion { mb.memory.slot(5) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_64
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        minAddr = minNode.base
        maxAddr = maxNode.regionEnd
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, size)
        XCTAssertEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, size)
    }

    func test_exactNid_numaSmallNode_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 1
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        size = SZ_2 * reqNode.size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaSmallNode_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 1
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        size = SZ_2 * reqNode.size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaNodeReserved_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 2
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        size = reqNode.size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        mb.reserve(reqNode.base, reqNode.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaNodeReserved_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 2
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        size = reqNode.size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        mb.reserve(reqNode.base, reqNode.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaPartReservedFail_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 4
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
        size = reqNode.size / SZ_2
        r1.base = reqNode.base + (size / SZ_2)
        r1.size = size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        mb.reserve(r1.base, r1.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaPartReservedFail_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 4
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
        size = reqNode.size / SZ_2
        r1.base = reqNode.base + (size / SZ_2)
        r1.size = size
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        mb.reserve(r1.base, r1.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaSplitRangeHigh_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 3
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_512
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        minAddr = reqNode.base - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaSplitRangeHigh_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 3
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_512
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        minAddr = reqNode.base - SZ_256
        maxAddr = minAddr + size
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaNoOverlapHigh_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 7
        var minNode: MemblockRegion { mb.memory.slot(2) }
        var maxNode: MemblockRegion { mb.memory.slot(5) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_64
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        minAddr = minNode.base
        maxAddr = maxNode.regionEnd
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaNoOverlapHigh_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 7
        var minNode: MemblockRegion { mb.memory.slot(2) }
        var maxNode: MemblockRegion { mb.memory.slot(5) }
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = SZ_64
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        minAddr = minNode.base
        maxAddr = maxNode.regionEnd
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaLargeRegion_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 3
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = MEM_SIZE / SZ_2
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaLargeRegion_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 3
        var allocatedPtr: PhysAddr?
        let size: PhysAddr = MEM_SIZE / SZ_2
        var minAddr: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        minAddr = mb.startOfDRAM
        maxAddr = mb.endOfDRAM
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaReservedFullMerge_topDown() {
        var mb = resetMemblock(.topDown)
        let nidReq: Int32 = 6
        let nidNext: Int32 = nidReq + 1
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var nextNode: MemblockRegion { mb.memory.slot(Int(nidNext)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var r2 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var totalSize: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        size = reqNode.size
        r1.base = nextNode.base
        r1.size = SZ_128
        r2.size = SZ_128
        r2.base = r1.base - (size + r2.size)
        totalSize = r1.size + r2.size + size
        minAddr = r2.base + r2.size
        maxAddr = r1.base
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, totalSize)
        XCTAssertEqual(newRgn.base, r2.base)
        XCTAssertLessThanOrEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(reqNode.regionEnd, newRgn.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, totalSize)
    }

    func test_exactNid_numaReservedFullMerge_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        let nidReq: Int32 = 6
        let nidNext: Int32 = nidReq + 1
        var newRgn: MemblockRegion { mb.reserved.slot(0) }
        var reqNode: MemblockRegion { mb.memory.slot(Int(nidReq)) }
        var nextNode: MemblockRegion { mb.memory.slot(Int(nidNext)) }
        var allocatedPtr: PhysAddr?
        var r1 = Region(base: 0, size: 0)
        var r2 = Region(base: 0, size: 0)
        var size: PhysAddr = 0
        var totalSize: PhysAddr = 0
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        size = reqNode.size
        r1.base = nextNode.base
        r1.size = SZ_128
        r2.size = SZ_128
        r2.base = r1.base - (size + r2.size)
        totalSize = r1.size + r2.size + size
        minAddr = r2.base + r2.size
        maxAddr = r1.base
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: nidReq)
        XCTAssertNotNil(allocatedPtr)
        XCTAssertEqual(newRgn.size, totalSize)
        XCTAssertEqual(newRgn.base, r2.base)
        XCTAssertLessThanOrEqual(newRgn.base, reqNode.base)
        XCTAssertLessThanOrEqual(reqNode.regionEnd, newRgn.regionEnd)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, totalSize)
    }

    func test_exactNid_numaSplitAllReserved_topDown() {
        var mb = resetMemblock(.topDown)
        var allocatedPtr: PhysAddr?
        var nextNode: MemblockRegion { mb.memory.slot(7) }
        var r1 = Region(base: 0, size: 0)
        var r2 = Region(base: 0, size: 0)
        let size: PhysAddr = SZ_256
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .topDown)
        r2.base = nextNode.base + SZ_128
        r2.size = mb.endOfDRAM - r2.base
        r1.size = MEM_SIZE - (r2.size + size)
        r1.base = mb.startOfDRAM
        minAddr = r1.base + r1.size
        maxAddr = r2.base
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: numaNoNode)
        XCTAssertNil(allocatedPtr)
    }

    func test_exactNid_numaSplitAllReserved_bottomUp() {
        var mb = resetMemblock(.bottomUp)
        var allocatedPtr: PhysAddr?
        var nextNode: MemblockRegion { mb.memory.slot(7) }
        var r1 = Region(base: 0, size: 0)
        var r2 = Region(base: 0, size: 0)
        let size: PhysAddr = SZ_256
        var maxAddr: PhysAddr = 0
        var minAddr: PhysAddr = 0
        mb = setupNumaMemblock(nodeFractions, .bottomUp)
        r2.base = nextNode.base + SZ_128
        r2.size = mb.endOfDRAM - r2.base
        r1.size = MEM_SIZE - (r2.size + size)
        r1.base = mb.startOfDRAM
        minAddr = r1.base + r1.size
        maxAddr = r2.base
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        allocatedPtr = mb.allocExactNidRaw(size, SMP_CACHE_BYTES, minAddr, maxAddr, nid: numaNoNode)
        XCTAssertNil(allocatedPtr)
    }

    /// The C checks of alloc_exact_nid_api.c, in file order.
    static let portedChecks612: [PortedCheck] = [
        PortedCheck("alloc_exact_nid_top_down_numa_simple_check", "test_exactNid_numaSimple_topDown"),
        PortedCheck("alloc_exact_nid_top_down_numa_part_reserved_check", "test_exactNid_numaPartReserved_topDown"),
        PortedCheck("alloc_exact_nid_top_down_numa_split_range_low_check", "test_exactNid_numaSplitRangeLow_topDown"),
        PortedCheck("alloc_exact_nid_top_down_numa_no_overlap_split_check", "test_exactNid_numaNoOverlapSplit_topDown"),
        PortedCheck("alloc_exact_nid_top_down_numa_no_overlap_low_check", "test_exactNid_numaNoOverlapLow_topDown"),
        PortedCheck("alloc_exact_nid_bottom_up_numa_simple_check", "test_exactNid_numaSimple_bottomUp"),
        PortedCheck("alloc_exact_nid_bottom_up_numa_part_reserved_check", "test_exactNid_numaPartReserved_bottomUp"),
        PortedCheck("alloc_exact_nid_bottom_up_numa_split_range_low_check", "test_exactNid_numaSplitRangeLow_bottomUp"),
        PortedCheck("alloc_exact_nid_bottom_up_numa_no_overlap_split_check", "test_exactNid_numaNoOverlapSplit_bottomUp"),
        PortedCheck("alloc_exact_nid_bottom_up_numa_no_overlap_low_check", "test_exactNid_numaNoOverlapLow_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_small_node_generic_check", "test_exactNid_numaSmallNode_topDown", "test_exactNid_numaSmallNode_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_node_reserved_generic_check", "test_exactNid_numaNodeReserved_topDown", "test_exactNid_numaNodeReserved_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_part_reserved_fail_generic_check", "test_exactNid_numaPartReservedFail_topDown", "test_exactNid_numaPartReservedFail_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_split_range_high_generic_check", "test_exactNid_numaSplitRangeHigh_topDown", "test_exactNid_numaSplitRangeHigh_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_no_overlap_high_generic_check", "test_exactNid_numaNoOverlapHigh_topDown", "test_exactNid_numaNoOverlapHigh_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_large_region_generic_check", "test_exactNid_numaLargeRegion_topDown", "test_exactNid_numaLargeRegion_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_reserved_full_merge_generic_check", "test_exactNid_numaReservedFullMerge_topDown", "test_exactNid_numaReservedFullMerge_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_split_all_reserved_generic_check", "test_exactNid_numaSplitAllReserved_topDown", "test_exactNid_numaSplitAllReserved_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_simple_check", "test_exactNid_numaSimple_topDown", "test_exactNid_numaSimple_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_part_reserved_check", "test_exactNid_numaPartReserved_topDown", "test_exactNid_numaPartReserved_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_split_range_low_check", "test_exactNid_numaSplitRangeLow_topDown", "test_exactNid_numaSplitRangeLow_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_no_overlap_split_check", "test_exactNid_numaNoOverlapSplit_topDown", "test_exactNid_numaNoOverlapSplit_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_no_overlap_low_check", "test_exactNid_numaNoOverlapLow_topDown", "test_exactNid_numaNoOverlapLow_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_small_node_check", "test_exactNid_numaSmallNode_topDown", "test_exactNid_numaSmallNode_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_node_reserved_check", "test_exactNid_numaNodeReserved_topDown", "test_exactNid_numaNodeReserved_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_part_reserved_fail_check", "test_exactNid_numaPartReservedFail_topDown", "test_exactNid_numaPartReservedFail_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_split_range_high_check", "test_exactNid_numaSplitRangeHigh_topDown", "test_exactNid_numaSplitRangeHigh_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_no_overlap_high_check", "test_exactNid_numaNoOverlapHigh_topDown", "test_exactNid_numaNoOverlapHigh_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_large_region_check", "test_exactNid_numaLargeRegion_topDown", "test_exactNid_numaLargeRegion_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_reserved_full_merge_check", "test_exactNid_numaReservedFullMerge_topDown", "test_exactNid_numaReservedFullMerge_bottomUp"),
        PortedCheck("alloc_exact_nid_numa_split_all_reserved_check", "test_exactNid_numaSplitAllReserved_topDown", "test_exactNid_numaSplitAllReserved_bottomUp"),
    ]
}

/// Linux 6.1 tools/testing/memblock/tests/alloc_nid_api.c, ported: `memblock_alloc_try_nid`
/// and `memblock_alloc_try_nid_raw` inside a `[min_addr, max_addr)` window, first on one
/// 16K region, then on 16K split into eight NUMA nodes (the C's `CONFIG_NUMA` checks).
///
/// Every test runs its check twice, like the C file: through `memblock_alloc_try_nid`
/// (zeroed) and through `memblock_alloc_try_nid_raw`. The byte comparison of
/// `assert_mem_content` is the one part left out (the model keeps no memory contents). A
/// check the C runs in both directions maps to two tests.
///
/// Mapping (C check → Swift test):
/// - alloc_try_nid_top_down_simple_check → test_simple_topDown_endsAtMaxAddr
/// - alloc_try_nid_top_down_end_misaligned_check → test_misaligned_topDown_endsBelowTheMisalignedMaxAddr
/// - alloc_try_nid_exact_address_generic_check → test_exactAddress_topDown_fillsTheWindow, test_exactAddress_bottomUp_fillsTheWindow
/// - alloc_try_nid_top_down_narrow_range_check → test_narrowRange_topDown_dropsMinAddr
/// - alloc_try_nid_low_max_generic_check → test_lowMax_topDown_fails, test_lowMax_bottomUp_fails
/// - alloc_try_nid_min_reserved_generic_check → test_minReserved_topDown_mergesWithTheReservationBelow, test_minReserved_bottomUp_mergesWithTheReservationBelow
/// - alloc_try_nid_max_reserved_generic_check → test_maxReserved_topDown_mergesWithTheReservationAbove, test_maxReserved_bottomUp_mergesWithTheReservationAbove
/// - alloc_try_nid_top_down_reserved_with_space_check → test_reservedWithSpace_topDown_mergesWithTheUpperReservation
/// - alloc_try_nid_reserved_full_merge_generic_check → test_reservedFullMerge_topDown_mergesAllThree, test_reservedFullMerge_bottomUp_mergesAllThree
/// - alloc_try_nid_top_down_reserved_no_space_check → test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow
/// - alloc_try_nid_reserved_all_generic_check → test_reservedAll_topDown_fails, test_reservedAll_bottomUp_fails
/// - alloc_try_nid_top_down_cap_max_check → test_capMax_topDown_endsAtTheEndOfDRAM
/// - alloc_try_nid_top_down_cap_min_check → test_capMin_topDown_endsAtTheEndOfDRAM
/// - alloc_try_nid_bottom_up_simple_check → test_simple_bottomUp_startsAtMinAddr
/// - alloc_try_nid_bottom_up_start_misaligned_check → test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp
/// - alloc_try_nid_bottom_up_narrow_range_check → test_narrowRange_bottomUp_dropsMinAddr
/// - alloc_try_nid_bottom_up_reserved_with_space_check → test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation
/// - alloc_try_nid_bottom_up_reserved_no_space_check → test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM
/// - alloc_try_nid_bottom_up_cap_max_check → test_capMax_bottomUp_startsAtMinAddr
/// - alloc_try_nid_bottom_up_cap_min_check → test_capMin_bottomUp_takesTheStartOfDRAM
/// - alloc_try_nid_simple_check → test_simple_topDown_endsAtMaxAddr, test_simple_bottomUp_startsAtMinAddr
/// - alloc_try_nid_misaligned_check → test_misaligned_topDown_endsBelowTheMisalignedMaxAddr, test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp
/// - alloc_try_nid_narrow_range_check → test_narrowRange_topDown_dropsMinAddr, test_narrowRange_bottomUp_dropsMinAddr
/// - alloc_try_nid_reserved_with_space_check → test_reservedWithSpace_topDown_mergesWithTheUpperReservation, test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation
/// - alloc_try_nid_reserved_no_space_check → test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow, test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM
/// - alloc_try_nid_cap_max_check → test_capMax_topDown_endsAtTheEndOfDRAM, test_capMax_bottomUp_startsAtMinAddr
/// - alloc_try_nid_cap_min_check → test_capMin_topDown_endsAtTheEndOfDRAM, test_capMin_bottomUp_takesTheStartOfDRAM
/// - alloc_try_nid_min_reserved_check → test_minReserved_topDown_mergesWithTheReservationBelow, test_minReserved_bottomUp_mergesWithTheReservationBelow
/// - alloc_try_nid_max_reserved_check → test_maxReserved_topDown_mergesWithTheReservationAbove, test_maxReserved_bottomUp_mergesWithTheReservationAbove
/// - alloc_try_nid_exact_address_check → test_exactAddress_topDown_fillsTheWindow, test_exactAddress_bottomUp_fillsTheWindow
/// - alloc_try_nid_reserved_full_merge_check → test_reservedFullMerge_topDown_mergesAllThree, test_reservedFullMerge_bottomUp_mergesAllThree
/// - alloc_try_nid_reserved_all_check → test_reservedAll_topDown_fails, test_reservedAll_bottomUp_fails
/// - alloc_try_nid_low_max_check → test_lowMax_topDown_fails, test_lowMax_bottomUp_fails
/// - alloc_try_nid_top_down_numa_simple_check → test_numaSimple_topDown_endsAtTheRequestedNodeEnd
/// - alloc_try_nid_top_down_numa_small_node_check → test_numaSmallNode_topDown_fallsBackToNode6
/// - alloc_try_nid_top_down_numa_node_reserved_check → test_numaNodeReserved_topDown_fallsBackToNode6
/// - alloc_try_nid_top_down_numa_part_reserved_check → test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd
/// - alloc_try_nid_top_down_numa_part_reserved_fallback_check → test_numaPartReservedFallback_topDown_fallsBackToTheLastNode
/// - alloc_try_nid_top_down_numa_split_range_low_check → test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd
/// - alloc_try_nid_top_down_numa_split_range_high_check → test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd
/// - alloc_try_nid_top_down_numa_no_overlap_split_check → test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd
/// - alloc_try_nid_top_down_numa_no_overlap_low_check → test_numaNoOverlapLow_topDown_endsAtMaxAddr
/// - alloc_try_nid_top_down_numa_no_overlap_high_check → test_numaNoOverlapHigh_topDown_endsAtMaxAddr
/// - alloc_try_nid_bottom_up_numa_simple_check → test_numaSimple_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_bottom_up_numa_small_node_check → test_numaSmallNode_bottomUp_fallsBackToNode0
/// - alloc_try_nid_bottom_up_numa_node_reserved_check → test_numaNodeReserved_bottomUp_fallsBackToNode0
/// - alloc_try_nid_bottom_up_numa_part_reserved_check → test_numaPartReserved_bottomUp_mergesInTheRequestedNode
/// - alloc_try_nid_bottom_up_numa_part_reserved_fallback_check → test_numaPartReservedFallback_bottomUp_fallsBackToNode0
/// - alloc_try_nid_bottom_up_numa_split_range_low_check → test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_bottom_up_numa_split_range_high_check → test_numaSplitRangeHigh_bottomUp_fallsBackToNode0
/// - alloc_try_nid_bottom_up_numa_no_overlap_split_check → test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_bottom_up_numa_no_overlap_low_check → test_numaNoOverlapLow_bottomUp_startsAtMinAddr
/// - alloc_try_nid_bottom_up_numa_no_overlap_high_check → test_numaNoOverlapHigh_bottomUp_startsAtMinAddr
/// - alloc_try_nid_numa_large_region_generic_check → test_numaLargeRegion_topDown_fails, test_numaLargeRegion_bottomUp_fails
/// - alloc_try_nid_numa_reserved_full_merge_generic_check → test_numaReservedFullMerge_topDown_mergesAllThree, test_numaReservedFullMerge_bottomUp_mergesAllThree
/// - alloc_try_nid_numa_split_all_reserved_generic_check → test_numaSplitAllReserved_topDown_fails, test_numaSplitAllReserved_bottomUp_fails
/// - alloc_try_nid_numa_simple_check → test_numaSimple_topDown_endsAtTheRequestedNodeEnd, test_numaSimple_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_numa_small_node_check → test_numaSmallNode_topDown_fallsBackToNode6, test_numaSmallNode_bottomUp_fallsBackToNode0
/// - alloc_try_nid_numa_node_reserved_check → test_numaNodeReserved_topDown_fallsBackToNode6, test_numaNodeReserved_bottomUp_fallsBackToNode0
/// - alloc_try_nid_numa_part_reserved_check → test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd, test_numaPartReserved_bottomUp_mergesInTheRequestedNode
/// - alloc_try_nid_numa_part_reserved_fallback_check → test_numaPartReservedFallback_topDown_fallsBackToTheLastNode, test_numaPartReservedFallback_bottomUp_fallsBackToNode0
/// - alloc_try_nid_numa_split_range_low_check → test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd, test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_numa_split_range_high_check → test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd, test_numaSplitRangeHigh_bottomUp_fallsBackToNode0
/// - alloc_try_nid_numa_no_overlap_split_check → test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd, test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_try_nid_numa_no_overlap_low_check → test_numaNoOverlapLow_topDown_endsAtMaxAddr, test_numaNoOverlapLow_bottomUp_startsAtMinAddr
/// - alloc_try_nid_numa_no_overlap_high_check → test_numaNoOverlapHigh_topDown_endsAtMaxAddr, test_numaNoOverlapHigh_bottomUp_startsAtMinAddr
/// - alloc_try_nid_numa_large_region_check → test_numaLargeRegion_topDown_fails, test_numaLargeRegion_bottomUp_fails
/// - alloc_try_nid_numa_reserved_full_merge_check → test_numaReservedFullMerge_topDown_mergesAllThree, test_numaReservedFullMerge_bottomUp_mergesAllThree
/// - alloc_try_nid_numa_split_all_reserved_check → test_numaSplitAllReserved_topDown_fails, test_numaSplitAllReserved_bottomUp_fails

import Memblock
import XCTest

private extension Memblock {
    /// `run_memblock_alloc_try_nid`: `memblock_alloc_try_nid`, or its `_raw` twin for the raw
    /// flavour. (Contents are not modelled: see `AllocFlavour`.)
    mutating func runMemblockAllocTryNid(_ size: PhysAddr, _ align: PhysAddr, _ minAddr: PhysAddr, _ maxAddr: PhysAddr,
                                         _ nid: Int32, _ flavour: AllocFlavour) -> PhysAddr? {
        switch flavour {
        case .zeroed: return allocTryNid(size, align, minAddr, maxAddr, nid: nid)
        case .raw: return allocTryNidRaw(size, align, minAddr, maxAddr, nid: nid)
        case .exactRaw: return allocExactNidRaw(size, align, minAddr, maxAddr, nid: nid)
        }
    }

    /// `memblock.memory.regions[nid]`: with `setup_numa_memblock`, region i is node i.
    func node(_ nid: Int32) -> MemblockRegion { memory.slot(Int(nid)) }
}

class KernelAllocNidAPITests: KernelTestCase {
    /// The flavours the one-region (range) checks run in: zeroed and raw, and in 6.12 also
    /// exact-nid raw (`memblock_alloc_exact_nid_range_checks`).
    var rangeFlavours: [AllocFlavour] { Self.kernel == .v6_12 ? [.zeroed, .raw, .exactRaw] : [.zeroed, .raw] }

    // MARK: - One region: top-down

    func test_simple_topDown_endsAtMaxAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let size = SZ_128
            let minAddr = mb.startOfDRAM + SMP_CACHE_BYTES * 2
            let maxAddr = minAddr + SZ_512

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            let rgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(rgn, base: maxAddr - size, size: size, flavour)
            XCTAssertEqual(rgn.regionEnd, maxAddr, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_misaligned_topDown_endsBelowTheMisalignedMaxAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let size = SZ_128
            let misalign = SZ_2
            let minAddr = mb.startOfDRAM + SMP_CACHE_BYTES * 2
            let maxAddr = minAddr + SZ_512 + misalign

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            let rgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(rgn, base: maxAddr - size - misalign, size: size, flavour)
            XCTAssertLessThan(rgn.regionEnd, maxAddr, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_narrowRange_topDown_dropsMinAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let size = SZ_256
            // A 32-byte window for 256 bytes: only max_addr is kept.
            let minAddr = mb.startOfDRAM + SZ_512
            let maxAddr = minAddr + SMP_CACHE_BYTES

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: maxAddr - size, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_reservedWithSpace_topDown_mergesWithTheUpperReservation() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let r3Size = SZ_64
            let gapSize = SMP_CACHE_BYTES
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES * 2, size: SMP_CACHE_BYTES)
            let r2 = Region(base: r1.base - (r3Size + gapSize + SZ_128), size: SZ_128)
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(1), base: maxAddr - r3Size, size: r1.size + r3Size, flavour)
            assertRegion(mb.reserved.slot(0), base: r2.base, size: r2.size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    func test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let r3Size = SZ_256
            let gapSize = SMP_CACHE_BYTES
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES * 2, size: SMP_CACHE_BYTES)
            let r2 = Region(base: r1.base - (SZ_128 + gapSize), size: SZ_128)
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(1), base: r1.base, size: r1.size, flavour)
            assertRegion(mb.reserved.slot(0), base: r2.base - r3Size, size: r2.size + r3Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    func test_capMax_topDown_endsAtTheEndOfDRAM() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let size = SZ_256
            let minAddr = mb.endOfDRAM - SZ_1K
            let maxAddr = mb.endOfDRAM + SZ_256

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.endOfDRAM - size, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_capMin_topDown_endsAtTheEndOfDRAM() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.topDown)
            let size = SZ_1K
            let minAddr = mb.startOfDRAM - SZ_256
            let maxAddr = mb.endOfDRAM

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.endOfDRAM - size, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    // MARK: - One region: bottom-up

    func test_simple_bottomUp_startsAtMinAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let size = SZ_128
            let minAddr = mb.startOfDRAM + SMP_CACHE_BYTES * 2
            let maxAddr = minAddr + SZ_512

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            let rgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(rgn, base: minAddr, size: size, flavour)
            XCTAssertLessThan(rgn.regionEnd, maxAddr, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let size = SZ_128
            let misalign = SZ_2
            let minAddr = mb.startOfDRAM + misalign
            let maxAddr = minAddr + SZ_512

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            let rgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(rgn, base: minAddr + (SMP_CACHE_BYTES - misalign), size: size, flavour)
            XCTAssertLessThan(rgn.regionEnd, maxAddr, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_narrowRange_bottomUp_dropsMinAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let size = SZ_256
            let minAddr = mb.startOfDRAM + SZ_512
            let maxAddr = minAddr + SMP_CACHE_BYTES

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let r3Size = SZ_64
            let gapSize = SMP_CACHE_BYTES
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES * 2, size: SMP_CACHE_BYTES)
            let r2 = Region(base: r1.base - (r3Size + gapSize + SZ_128), size: SZ_128)
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(1), base: maxAddr, size: r1.size, flavour)
            assertRegion(mb.reserved.slot(0), base: r2.base, size: r2.size + r3Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    func test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let r3Size = SZ_256
            let gapSize = SMP_CACHE_BYTES
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES * 2, size: SMP_CACHE_BYTES)
            let r2 = Region(base: r1.base - (SZ_128 + gapSize), size: SZ_128)
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: r3Size, flavour)
            assertRegion(mb.reserved.slot(1), base: r2.base, size: r2.size, flavour)
            assertRegion(mb.reserved.slot(2), base: r1.base, size: r1.size, flavour)
            assertCounts(mb.reserved, cnt: 3, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    func test_capMax_bottomUp_startsAtMinAddr() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let size = SZ_256
            let minAddr = mb.startOfDRAM + SZ_1K
            let maxAddr = mb.endOfDRAM + SZ_256

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: minAddr, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_capMin_bottomUp_takesTheStartOfDRAM() {
        for flavour in rangeFlavours {
            var mb = setupMemblock(.bottomUp)
            let size = SZ_1K
            let minAddr = mb.startOfDRAM
            let maxAddr = mb.endOfDRAM - SZ_256

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    // MARK: - One region: either direction

    func test_exactAddress_topDown_fillsTheWindow() { exactAddress(.topDown) }
    func test_exactAddress_bottomUp_fillsTheWindow() { exactAddress(.bottomUp) }

    /// The window is exactly the block's size, starting on a cache line.
    private func exactAddress(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let size = SZ_1K
            let minAddr = mb.startOfDRAM + SMP_CACHE_BYTES
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            let rgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(rgn, base: minAddr, size: size, flavour, file: file, line: line)
            XCTAssertEqual(rgn.regionEnd, maxAddr, "\(flavour)", file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour, file: file, line: line)
        }
    }

    func test_lowMax_topDown_fails() { lowMax(.topDown) }
    func test_lowMax_bottomUp_fails() { lowMax(.bottomUp) }

    /// `max_addr` one cache line above the start of memory: dropping `min_addr` cannot help.
    private func lowMax(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let size = SZ_1K
            let minAddr = mb.startOfDRAM
            let maxAddr = minAddr + SMP_CACHE_BYTES

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    func test_minReserved_topDown_mergesWithTheReservationBelow() { minReserved(.topDown) }
    func test_minReserved_bottomUp_mergesWithTheReservationBelow() { minReserved(.bottomUp) }

    /// A reservation ends at `min_addr`; the window holds exactly the block.
    private func minReserved(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let r1Size = SZ_128
            let r2Size = SZ_64
            let totalSize = r1Size + r2Size
            let maxAddr = mb.endOfDRAM
            let minAddr = maxAddr - r2Size
            let reservedBase = minAddr - r1Size
            mb.reserve(reservedBase, r1Size)

            let ptr = mb.runMemblockAllocTryNid(r2Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: reservedBase, size: totalSize, flavour, file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour, file: file, line: line)
        }
    }

    func test_maxReserved_topDown_mergesWithTheReservationAbove() { maxReserved(.topDown) }
    func test_maxReserved_bottomUp_mergesWithTheReservationAbove() { maxReserved(.bottomUp) }

    /// A reservation starts at `max_addr`; the window holds exactly the block.
    private func maxReserved(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let r1Size = SZ_64
            let r2Size = SZ_128
            let totalSize = r1Size + r2Size
            let maxAddr = mb.endOfDRAM - r1Size
            let minAddr = maxAddr - r2Size
            mb.reserve(maxAddr, r1Size)

            let ptr = mb.runMemblockAllocTryNid(r2Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: minAddr, size: totalSize, flavour, file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour, file: file, line: line)
        }
    }

    func test_reservedFullMerge_topDown_mergesAllThree() { reservedFullMerge(.topDown) }
    func test_reservedFullMerge_bottomUp_mergesAllThree() { reservedFullMerge(.bottomUp) }

    /// Reservations on both sides of a window exactly the block's size.
    private func reservedFullMerge(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let r3Size = SZ_64
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES * 2, size: SMP_CACHE_BYTES)
            let r2 = Region(base: r1.base - (r3Size + SZ_128), size: SZ_128)
            let totalSize = r1.size + r2.size + r3Size
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: r2.base, size: totalSize, flavour, file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour, file: file, line: line)
        }
    }

    func test_reservedAll_topDown_fails() { reservedAll(.topDown) }
    func test_reservedAll_bottomUp_fails() { reservedAll(.bottomUp) }

    /// Everything but a 32-byte window is reserved; 256 bytes are asked for.
    private func reservedAll(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in rangeFlavours {
            var mb = setupMemblock(direction)
            let r3Size = SZ_256
            let gapSize = SMP_CACHE_BYTES
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES, size: SMP_CACHE_BYTES)
            let r2 = Region(base: mb.startOfDRAM, size: MEM_SIZE - (r1.size + gapSize))
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(r3Size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    // MARK: - NUMA (nodes 0-7 hold 4K, 1K, 2K, 2K, 1K, 1K, 4K, 1K): top-down

    func test_numaSimple_topDown_endsAtTheRequestedNodeEnd() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 3
            let reqNode = mb.node(nidReq)
            XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
            let size = reqNode.size / SZ_4

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(reqNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaSmallNode_topDown_fallsBackToNode6() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 1
            let reqNode = mb.node(nidReq), expNode = mb.node(6)
            let size = SZ_2 * reqNode.size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(expNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNodeReserved_topDown_fallsBackToNode6() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq), expNode = mb.node(6)
            let size = reqNode.size
            mb.reserve(reqNode.base, reqNode.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(1)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(expNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 2, totalSize: size + reqNode.size, flavour)
        }
    }

    func test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 4
            let reqNode = mb.node(nidReq)
            XCTAssertLessThanOrEqual(SZ_8, reqNode.size)
            let r1 = Region(base: reqNode.base, size: reqNode.size / SZ_2)
            let size = r1.size / SZ_4
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(1)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(reqNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 2, totalSize: size + r1.size, flavour)
        }
    }

    func test_numaPartReservedFallback_topDown_fallsBackToTheLastNode() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 4
            let reqNode = mb.node(nidReq), expNode = mb.node(Int32(NUMA_NODES - 1))
            XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
            let size = reqNode.size / SZ_2
            // Half the node, in its middle: neither free quarter can hold the block.
            let r1 = Region(base: reqNode.base + size / SZ_2, size: size)
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(1)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(expNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 2, totalSize: size + r1.size, flavour)
        }
    }

    func test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq)
            let size = SZ_512
            let reqNodeEnd = reqNode.regionEnd
            // Half the window in the requested node, half in the next.
            let minAddr = reqNodeEnd - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNodeEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(reqNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 3
            let expNode = mb.node(nidReq - 1)
            let size = SZ_512
            let expNodeEnd = expNode.regionEnd
            // Half the window in the node before the requested one, half in it.
            let minAddr = expNodeEnd - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNodeEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(expNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq)
            // The C calls this one node2; it is node 6, where the window is split.
            let node2 = mb.node(6)
            let size = SZ_512
            let minAddr = node2.base - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.regionEnd - size, size: size, flavour)
            XCTAssertLessThanOrEqual(reqNode.base, newRgn.base, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNoOverlapLow_topDown_endsAtMaxAddr() {
        numaNoOverlapTopDown(nidReq: 0)
    }

    func test_numaNoOverlapHigh_topDown_endsAtMaxAddr() {
        numaNoOverlapTopDown(nidReq: 7)
    }

    /// The window spans nodes 2-5 on node boundaries and the requested node lies outside
    /// it (node 0 below, node 7 above): any node in the window will do.
    private func numaNoOverlapTopDown(nidReq: Int32, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .topDown)
            let minNode = mb.node(2), maxNode = mb.node(5)
            let size = SZ_64
            let minAddr = minNode.base
            let maxAddr = maxNode.regionEnd

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(newRgn, base: maxAddr - size, size: size, flavour, file: file, line: line)
            XCTAssertLessThanOrEqual(maxNode.base, newRgn.base, "\(flavour)", file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour, file: file, line: line)
        }
    }

    // MARK: - NUMA: bottom-up

    func test_numaSimple_bottomUp_startsAtTheRequestedNodeBase() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 3
            let reqNode = mb.node(nidReq)
            XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
            let size = reqNode.size / SZ_4

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaSmallNode_bottomUp_fallsBackToNode0() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 1
            let reqNode = mb.node(nidReq), expNode = mb.node(0)
            let size = SZ_2 * reqNode.size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, expNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNodeReserved_bottomUp_fallsBackToNode0() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq), expNode = mb.node(0)
            let size = reqNode.size
            mb.reserve(reqNode.base, reqNode.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, expNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 2, totalSize: size + reqNode.size, flavour)
        }
    }

    func test_numaPartReserved_bottomUp_mergesInTheRequestedNode() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 4
            let reqNode = mb.node(nidReq)
            XCTAssertLessThanOrEqual(SZ_8, reqNode.size)
            let r1 = Region(base: reqNode.base, size: reqNode.size / SZ_2)
            let size = r1.size / SZ_4
            let totalSize = size + r1.size
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.base, size: totalSize, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour)
        }
    }

    func test_numaPartReservedFallback_bottomUp_fallsBackToNode0() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 4
            let reqNode = mb.node(nidReq), expNode = mb.node(0)
            XCTAssertLessThanOrEqual(SZ_4, reqNode.size)
            let size = reqNode.size / SZ_2
            let r1 = Region(base: reqNode.base + size / SZ_2, size: size)
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, expNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 2, totalSize: size + r1.size, flavour)
        }
    }

    func test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq)
            let size = SZ_512
            let reqNodeEnd = reqNode.regionEnd
            let minAddr = reqNodeEnd - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNodeEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaSplitRangeHigh_bottomUp_fallsBackToNode0() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 3
            let reqNode = mb.node(nidReq), expNode = mb.node(0)
            let size = SZ_512
            // As in the C, the end compared against is the requested node's.
            let expNodeEnd = reqNode.regionEnd
            let minAddr = reqNode.base - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: expNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, expNodeEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase() {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let nidReq: Int32 = 2
            let reqNode = mb.node(nidReq)
            let node2 = mb.node(6)
            let size = SZ_512
            let minAddr = node2.base - SZ_256
            let maxAddr = minAddr + size

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(newRgn, base: reqNode.base, size: size, flavour)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, reqNode.regionEnd, "\(flavour)")
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_numaNoOverlapLow_bottomUp_startsAtMinAddr() {
        numaNoOverlapBottomUp(nidReq: 0)
    }

    func test_numaNoOverlapHigh_bottomUp_startsAtMinAddr() {
        numaNoOverlapBottomUp(nidReq: 7)
    }

    /// As `numaNoOverlapTopDown`, bottom-up: the block starts the window.
    private func numaNoOverlapBottomUp(nidReq: Int32, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, .bottomUp)
            let minNode = mb.node(2), maxNode = mb.node(5)
            let size = SZ_64
            let minAddr = minNode.base
            let maxAddr = maxNode.regionEnd

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(newRgn, base: minAddr, size: size, flavour, file: file, line: line)
            XCTAssertLessThanOrEqual(newRgn.regionEnd, minNode.regionEnd, "\(flavour)", file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour, file: file, line: line)
        }
    }

    // MARK: - NUMA: either direction

    func test_numaLargeRegion_topDown_fails() { numaLargeRegion(.topDown) }
    func test_numaLargeRegion_bottomUp_fails() { numaLargeRegion(.bottomUp) }

    /// Half of all memory, more than any node holds.
    private func numaLargeRegion(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, direction)
            let size = MEM_SIZE / SZ_2

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, mb.startOfDRAM, mb.endOfDRAM, 3, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    func test_numaReservedFullMerge_topDown_mergesAllThree() { numaReservedFullMerge(.topDown) }
    func test_numaReservedFullMerge_bottomUp_mergesAllThree() { numaReservedFullMerge(.bottomUp) }

    /// The window is exactly node 6, with reservations touching it on both sides.
    private func numaReservedFullMerge(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, direction)
            let nidReq: Int32 = 6
            let reqNode = mb.node(nidReq), nextNode = mb.node(nidReq + 1)
            // The C reads req_node->size before its setup call, i.e. from the identical
            // layout the previous NUMA check left; here it is read after setup.
            let size = reqNode.size
            let r1 = Region(base: nextNode.base, size: SZ_128)
            let r2 = Region(base: r1.base - (size + SZ_128), size: SZ_128)
            let totalSize = r1.size + r2.size + size
            let minAddr = r2.end
            let maxAddr = r1.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, nidReq, flavour)

            let newRgn = mb.reserved.slot(0)
            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(newRgn, base: r2.base, size: totalSize, flavour, file: file, line: line)
            XCTAssertLessThanOrEqual(newRgn.base, reqNode.base, "\(flavour)", file: file, line: line)
            XCTAssertLessThanOrEqual(reqNode.regionEnd, newRgn.regionEnd, "\(flavour)", file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour, file: file, line: line)
        }
    }

    func test_numaSplitAllReserved_topDown_fails() { numaSplitAllReserved(.topDown) }
    func test_numaSplitAllReserved_bottomUp_fails() { numaSplitAllReserved(.bottomUp) }

    /// The only free 256 bytes straddle the boundary of nodes 6 and 7, so no single free
    /// range holds them, whatever node is asked for.
    private func numaSplitAllReserved(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupNumaMemblock(nodeFractions, direction)
            let nextNode = mb.node(7)
            let size = SZ_256
            let r2Base = nextNode.base + SZ_128
            let r2 = Region(base: r2Base, size: mb.endOfDRAM - r2Base)
            let r1 = Region(base: mb.startOfDRAM, size: MEM_SIZE - (r2.size + size))
            let minAddr = r1.end
            let maxAddr = r2.base
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAllocTryNid(size, SMP_CACHE_BYTES, minAddr, maxAddr, numaNoNode, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    // MARK: - The port's index

    static let portedChecks: [PortedCheck] = [
        PortedCheck("alloc_try_nid_top_down_simple_check", "test_simple_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_try_nid_top_down_end_misaligned_check", "test_misaligned_topDown_endsBelowTheMisalignedMaxAddr"),
        PortedCheck("alloc_try_nid_exact_address_generic_check",
                    "test_exactAddress_topDown_fillsTheWindow", "test_exactAddress_bottomUp_fillsTheWindow"),
        PortedCheck("alloc_try_nid_top_down_narrow_range_check", "test_narrowRange_topDown_dropsMinAddr"),
        PortedCheck("alloc_try_nid_low_max_generic_check", "test_lowMax_topDown_fails", "test_lowMax_bottomUp_fails"),
        PortedCheck("alloc_try_nid_min_reserved_generic_check",
                    "test_minReserved_topDown_mergesWithTheReservationBelow",
                    "test_minReserved_bottomUp_mergesWithTheReservationBelow"),
        PortedCheck("alloc_try_nid_max_reserved_generic_check",
                    "test_maxReserved_topDown_mergesWithTheReservationAbove",
                    "test_maxReserved_bottomUp_mergesWithTheReservationAbove"),
        PortedCheck("alloc_try_nid_top_down_reserved_with_space_check",
                    "test_reservedWithSpace_topDown_mergesWithTheUpperReservation"),
        PortedCheck("alloc_try_nid_reserved_full_merge_generic_check",
                    "test_reservedFullMerge_topDown_mergesAllThree", "test_reservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_try_nid_top_down_reserved_no_space_check",
                    "test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow"),
        PortedCheck("alloc_try_nid_reserved_all_generic_check",
                    "test_reservedAll_topDown_fails", "test_reservedAll_bottomUp_fails"),
        PortedCheck("alloc_try_nid_top_down_cap_max_check", "test_capMax_topDown_endsAtTheEndOfDRAM"),
        PortedCheck("alloc_try_nid_top_down_cap_min_check", "test_capMin_topDown_endsAtTheEndOfDRAM"),
        PortedCheck("alloc_try_nid_bottom_up_simple_check", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_bottom_up_start_misaligned_check",
                    "test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp"),
        PortedCheck("alloc_try_nid_bottom_up_narrow_range_check", "test_narrowRange_bottomUp_dropsMinAddr"),
        PortedCheck("alloc_try_nid_bottom_up_reserved_with_space_check",
                    "test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation"),
        PortedCheck("alloc_try_nid_bottom_up_reserved_no_space_check",
                    "test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM"),
        PortedCheck("alloc_try_nid_bottom_up_cap_max_check", "test_capMax_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_bottom_up_cap_min_check", "test_capMin_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_try_nid_simple_check",
                    "test_simple_topDown_endsAtMaxAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_misaligned_check",
                    "test_misaligned_topDown_endsBelowTheMisalignedMaxAddr",
                    "test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp"),
        PortedCheck("alloc_try_nid_narrow_range_check",
                    "test_narrowRange_topDown_dropsMinAddr", "test_narrowRange_bottomUp_dropsMinAddr"),
        PortedCheck("alloc_try_nid_reserved_with_space_check",
                    "test_reservedWithSpace_topDown_mergesWithTheUpperReservation",
                    "test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation"),
        PortedCheck("alloc_try_nid_reserved_no_space_check",
                    "test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow",
                    "test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM"),
        PortedCheck("alloc_try_nid_cap_max_check",
                    "test_capMax_topDown_endsAtTheEndOfDRAM", "test_capMax_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_cap_min_check",
                    "test_capMin_topDown_endsAtTheEndOfDRAM", "test_capMin_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_try_nid_min_reserved_check",
                    "test_minReserved_topDown_mergesWithTheReservationBelow",
                    "test_minReserved_bottomUp_mergesWithTheReservationBelow"),
        PortedCheck("alloc_try_nid_max_reserved_check",
                    "test_maxReserved_topDown_mergesWithTheReservationAbove",
                    "test_maxReserved_bottomUp_mergesWithTheReservationAbove"),
        PortedCheck("alloc_try_nid_exact_address_check",
                    "test_exactAddress_topDown_fillsTheWindow", "test_exactAddress_bottomUp_fillsTheWindow"),
        PortedCheck("alloc_try_nid_reserved_full_merge_check",
                    "test_reservedFullMerge_topDown_mergesAllThree", "test_reservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_try_nid_reserved_all_check", "test_reservedAll_topDown_fails", "test_reservedAll_bottomUp_fails"),
        PortedCheck("alloc_try_nid_low_max_check", "test_lowMax_topDown_fails", "test_lowMax_bottomUp_fails"),
        PortedCheck("alloc_try_nid_top_down_numa_simple_check", "test_numaSimple_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_try_nid_top_down_numa_small_node_check", "test_numaSmallNode_topDown_fallsBackToNode6"),
        PortedCheck("alloc_try_nid_top_down_numa_node_reserved_check", "test_numaNodeReserved_topDown_fallsBackToNode6"),
        PortedCheck("alloc_try_nid_top_down_numa_part_reserved_check",
                    "test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_try_nid_top_down_numa_part_reserved_fallback_check",
                    "test_numaPartReservedFallback_topDown_fallsBackToTheLastNode"),
        PortedCheck("alloc_try_nid_top_down_numa_split_range_low_check",
                    "test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_try_nid_top_down_numa_split_range_high_check",
                    "test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd"),
        PortedCheck("alloc_try_nid_top_down_numa_no_overlap_split_check",
                    "test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_try_nid_top_down_numa_no_overlap_low_check", "test_numaNoOverlapLow_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_try_nid_top_down_numa_no_overlap_high_check", "test_numaNoOverlapHigh_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_try_nid_bottom_up_numa_simple_check", "test_numaSimple_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_bottom_up_numa_small_node_check", "test_numaSmallNode_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_bottom_up_numa_node_reserved_check", "test_numaNodeReserved_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_bottom_up_numa_part_reserved_check",
                    "test_numaPartReserved_bottomUp_mergesInTheRequestedNode"),
        PortedCheck("alloc_try_nid_bottom_up_numa_part_reserved_fallback_check",
                    "test_numaPartReservedFallback_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_bottom_up_numa_split_range_low_check",
                    "test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_bottom_up_numa_split_range_high_check",
                    "test_numaSplitRangeHigh_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_bottom_up_numa_no_overlap_split_check",
                    "test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_bottom_up_numa_no_overlap_low_check", "test_numaNoOverlapLow_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_bottom_up_numa_no_overlap_high_check", "test_numaNoOverlapHigh_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_numa_large_region_generic_check",
                    "test_numaLargeRegion_topDown_fails", "test_numaLargeRegion_bottomUp_fails"),
        PortedCheck("alloc_try_nid_numa_reserved_full_merge_generic_check",
                    "test_numaReservedFullMerge_topDown_mergesAllThree", "test_numaReservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_try_nid_numa_split_all_reserved_generic_check",
                    "test_numaSplitAllReserved_topDown_fails", "test_numaSplitAllReserved_bottomUp_fails"),
        PortedCheck("alloc_try_nid_numa_simple_check",
                    "test_numaSimple_topDown_endsAtTheRequestedNodeEnd", "test_numaSimple_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_numa_small_node_check",
                    "test_numaSmallNode_topDown_fallsBackToNode6", "test_numaSmallNode_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_numa_node_reserved_check",
                    "test_numaNodeReserved_topDown_fallsBackToNode6", "test_numaNodeReserved_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_numa_part_reserved_check",
                    "test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd",
                    "test_numaPartReserved_bottomUp_mergesInTheRequestedNode"),
        PortedCheck("alloc_try_nid_numa_part_reserved_fallback_check",
                    "test_numaPartReservedFallback_topDown_fallsBackToTheLastNode",
                    "test_numaPartReservedFallback_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_numa_split_range_low_check",
                    "test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd",
                    "test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_numa_split_range_high_check",
                    "test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd",
                    "test_numaSplitRangeHigh_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_try_nid_numa_no_overlap_split_check",
                    "test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd",
                    "test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_try_nid_numa_no_overlap_low_check",
                    "test_numaNoOverlapLow_topDown_endsAtMaxAddr", "test_numaNoOverlapLow_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_numa_no_overlap_high_check",
                    "test_numaNoOverlapHigh_topDown_endsAtMaxAddr", "test_numaNoOverlapHigh_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_try_nid_numa_large_region_check",
                    "test_numaLargeRegion_topDown_fails", "test_numaLargeRegion_bottomUp_fails"),
        PortedCheck("alloc_try_nid_numa_reserved_full_merge_check",
                    "test_numaReservedFullMerge_topDown_mergesAllThree", "test_numaReservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_try_nid_numa_split_all_reserved_check",
                    "test_numaSplitAllReserved_topDown_fails", "test_numaSplitAllReserved_bottomUp_fails"),
    ]
}

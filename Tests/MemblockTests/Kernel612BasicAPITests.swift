/// Linux 6.12 tools/testing/memblock/tests/basic_api.c, ported: the checks 6.12 shares with
/// 6.1 and its five new ones (array doubling, `memblock_overlaps_region`), with the same setup and assertions, run as 6.12 (`KernelBasicAPITests` holds the bodies; each
/// test is overridden here so that test discovery lists it under 6.12).
///
/// Mapping (C check → Swift test):
/// - memblock_initialization_check → test_initialization_emptyTypesAndDefaultAttributes
/// - memblock_add_simple_check → test_add_simple_createsOneRegion
/// - memblock_add_node_simple_check → test_addNode_simple_keepsNidAndFlags
/// - memblock_add_disjoint_check → test_add_disjoint_createsTwoRegions
/// - memblock_add_overlap_top_check → test_add_overlapTop_mergesFromNewBase
/// - memblock_add_overlap_bottom_check → test_add_overlapBottom_mergesToNewEnd
/// - memblock_add_within_check → test_add_within_changesNothing
/// - memblock_add_twice_check → test_add_twice_countsOnce
/// - memblock_add_between_check → test_add_between_mergesAllThree
/// - memblock_add_near_max_check → test_add_nearMax_capsAtPhysAddrMax
/// - memblock_add_many_check → test_addMany_doublesTheMemoryArray_andReservesIt
/// - memblock_reserve_simple_check → test_reserve_simple_createsOneRegion
/// - memblock_reserve_disjoint_check → test_reserve_disjoint_createsTwoRegions
/// - memblock_reserve_overlap_top_check → test_reserve_overlapTop_mergesFromNewBase
/// - memblock_reserve_overlap_bottom_check → test_reserve_overlapBottom_mergesToNewEnd
/// - memblock_reserve_within_check → test_reserve_within_changesNothing
/// - memblock_reserve_twice_check → test_reserve_twice_countsOnce
/// - memblock_reserve_between_check → test_reserve_between_mergesAllThree
/// - memblock_reserve_near_max_check → test_reserve_nearMax_capsAtPhysAddrMax
/// - memblock_reserve_many_check → test_reserveMany_doublesTheReservedArray_andReservesIt
/// - memblock_reserve_all_locations_check → test_reserveAllLocations_doublesWhereverThe129thRegionGoes
/// - memblock_reserve_many_may_conflict_check → test_reserveManyMayConflict_placesTheNewArrayAwayFromTheRangeBeingReserved
/// - memblock_remove_simple_check → test_remove_simple_leavesTheOtherRegion
/// - memblock_remove_absent_check → test_remove_absent_changesNothing
/// - memblock_remove_overlap_top_check → test_remove_overlapTop_keepsTheTail
/// - memblock_remove_overlap_bottom_check → test_remove_overlapBottom_keepsTheHead
/// - memblock_remove_within_check → test_remove_within_splitsTheRegion
/// - memblock_remove_only_region_check → test_remove_onlyRegion_leavesAnEmptyType
/// - memblock_remove_near_max_check → test_remove_nearMax_capsAtPhysAddrMax
/// - memblock_remove_overlap_two_check → test_remove_overlapTwo_trimsBothRegions
/// - memblock_free_simple_check → test_free_simple_leavesTheOtherRegion
/// - memblock_free_absent_check → test_free_absent_changesNothing
/// - memblock_free_overlap_top_check → test_free_overlapTop_keepsTheTail
/// - memblock_free_overlap_bottom_check → test_free_overlapBottom_keepsTheHead
/// - memblock_free_within_check → test_free_within_splitsTheRegion
/// - memblock_free_only_region_check → test_free_onlyRegion_leavesAnEmptyType
/// - memblock_free_near_max_check → test_free_nearMax_capsAtPhysAddrMax
/// - memblock_free_overlap_two_check → test_free_overlapTwo_trimsBothRegions
/// - memblock_set_bottom_up_check → test_setBottomUp_setsTheDirection
/// - memblock_bottom_up_check → test_bottomUp_readsTheDirection
/// - memblock_trim_memory_aligned_check → test_trimMemory_aligned_keepsTheRegion
/// - memblock_trim_memory_too_small_check → test_trimMemory_tooSmall_dropsTheRegion
/// - memblock_trim_memory_unaligned_base_check → test_trimMemory_unalignedBase_roundsTheBaseUp
/// - memblock_trim_memory_unaligned_end_check → test_trimMemory_unalignedEnd_roundsTheEndDown
/// - memblock_overlaps_region_check → test_overlapsRegion_farNeighbourPartialAndTotal

import Memblock
import XCTest

final class Kernel612BasicAPITests: KernelBasicAPITests {
    override class var kernel: KernelVersion { .v6_12 }

    override func test_initialization_emptyTypesAndDefaultAttributes() { super.test_initialization_emptyTypesAndDefaultAttributes() }
    override func test_add_simple_createsOneRegion() { super.test_add_simple_createsOneRegion() }
    override func test_addNode_simple_keepsNidAndFlags() { super.test_addNode_simple_keepsNidAndFlags() }
    override func test_add_disjoint_createsTwoRegions() { super.test_add_disjoint_createsTwoRegions() }
    override func test_add_overlapTop_mergesFromNewBase() { super.test_add_overlapTop_mergesFromNewBase() }
    override func test_add_overlapBottom_mergesToNewEnd() { super.test_add_overlapBottom_mergesToNewEnd() }
    override func test_add_within_changesNothing() { super.test_add_within_changesNothing() }
    override func test_add_twice_countsOnce() { super.test_add_twice_countsOnce() }
    override func test_add_between_mergesAllThree() { super.test_add_between_mergesAllThree() }
    override func test_add_nearMax_capsAtPhysAddrMax() { super.test_add_nearMax_capsAtPhysAddrMax() }
    override func test_reserve_simple_createsOneRegion() { super.test_reserve_simple_createsOneRegion() }
    override func test_reserve_disjoint_createsTwoRegions() { super.test_reserve_disjoint_createsTwoRegions() }
    override func test_reserve_overlapTop_mergesFromNewBase() { super.test_reserve_overlapTop_mergesFromNewBase() }
    override func test_reserve_overlapBottom_mergesToNewEnd() { super.test_reserve_overlapBottom_mergesToNewEnd() }
    override func test_reserve_within_changesNothing() { super.test_reserve_within_changesNothing() }
    override func test_reserve_twice_countsOnce() { super.test_reserve_twice_countsOnce() }
    override func test_reserve_between_mergesAllThree() { super.test_reserve_between_mergesAllThree() }
    override func test_reserve_nearMax_capsAtPhysAddrMax() { super.test_reserve_nearMax_capsAtPhysAddrMax() }
    override func test_remove_simple_leavesTheOtherRegion() { super.test_remove_simple_leavesTheOtherRegion() }
    override func test_remove_absent_changesNothing() { super.test_remove_absent_changesNothing() }
    override func test_remove_overlapTop_keepsTheTail() { super.test_remove_overlapTop_keepsTheTail() }
    override func test_remove_overlapBottom_keepsTheHead() { super.test_remove_overlapBottom_keepsTheHead() }
    override func test_remove_within_splitsTheRegion() { super.test_remove_within_splitsTheRegion() }
    override func test_remove_onlyRegion_leavesAnEmptyType() { super.test_remove_onlyRegion_leavesAnEmptyType() }
    override func test_remove_nearMax_capsAtPhysAddrMax() { super.test_remove_nearMax_capsAtPhysAddrMax() }
    override func test_remove_overlapTwo_trimsBothRegions() { super.test_remove_overlapTwo_trimsBothRegions() }
    override func test_free_simple_leavesTheOtherRegion() { super.test_free_simple_leavesTheOtherRegion() }
    override func test_free_absent_changesNothing() { super.test_free_absent_changesNothing() }
    override func test_free_overlapTop_keepsTheTail() { super.test_free_overlapTop_keepsTheTail() }
    override func test_free_overlapBottom_keepsTheHead() { super.test_free_overlapBottom_keepsTheHead() }
    override func test_free_within_splitsTheRegion() { super.test_free_within_splitsTheRegion() }
    override func test_free_onlyRegion_leavesAnEmptyType() { super.test_free_onlyRegion_leavesAnEmptyType() }
    override func test_free_nearMax_capsAtPhysAddrMax() { super.test_free_nearMax_capsAtPhysAddrMax() }
    override func test_free_overlapTwo_trimsBothRegions() { super.test_free_overlapTwo_trimsBothRegions() }
    override func test_setBottomUp_setsTheDirection() { super.test_setBottomUp_setsTheDirection() }
    override func test_bottomUp_readsTheDirection() { super.test_bottomUp_readsTheDirection() }
    override func test_trimMemory_aligned_keepsTheRegion() { super.test_trimMemory_aligned_keepsTheRegion() }
    override func test_trimMemory_tooSmall_dropsTheRegion() { super.test_trimMemory_tooSmall_dropsTheRegion() }
    override func test_trimMemory_unalignedBase_roundsTheBaseUp() { super.test_trimMemory_unalignedBase_roundsTheBaseUp() }
    override func test_trimMemory_unalignedEnd_roundsTheEndDown() { super.test_trimMemory_unalignedEnd_roundsTheEndDown() }


    // MARK: - 6.12 only: array doubling, and memblock_overlaps_region

    /// `PAGE_ALIGN(n * sizeof(struct memblock_region))`.
    private func arrayBytes(_ entries: Int) -> PhysAddr { roundUp(PhysAddr(entries) * Memblock.regionBytes, 4096) }

    func test_addMany_doublesTheMemoryArray_andReservesIt() {
        let r = Region(base: SZ_16K, size: SZ_16K)
        let size = SZ_64, gapSize = SZ_64
        let initRegions = 128
        var mb = resetMemblock()
        mb.allowResize()
        var base = roundUp(dummyPhysicalMemoryBase, 4096)
        let newMemoryRegionsSize = arrayBytes(initRegions * 2)
        mb.add(base, newMemoryRegionsSize)
        base += newMemoryRegionsSize + gapSize
        for i in 0..<initRegions {
            mb.add(base, size)
            base += size + gapSize
            XCTAssertEqual(mb.memory.cnt, i + 2)
            XCTAssertEqual(mb.memory.totalSize, newMemoryRegionsSize + PhysAddr(i + 1) * size)
        }
        XCTAssertEqual(mb.memory.max, initRegions * 2)
        XCTAssertEqual(mb.reserved.cnt, 1)
        XCTAssertEqual(mb.reserved.totalSize, newMemoryRegionsSize)

        mb.add(r.base, r.size)
        assertRegion(mb.memory.slot(0), base: r.base, size: r.size)
        XCTAssertEqual(mb.memory.cnt, initRegions + 2)
        XCTAssertEqual(mb.memory.totalSize, PhysAddr(initRegions) * size + newMemoryRegionsSize + r.size)
        XCTAssertEqual(mb.memory.max, initRegions * 2)
    }

    func test_reserveMany_doublesTheReservedArray_andReservesIt() {
        let r = Region(base: SZ_16K, size: SZ_16K)
        let initRegions = 128
        var memoryBase = SZ_128K
        var mb = resetMemblock()
        mb.allowResize()
        mb.add(dummyPhysicalMemoryBase, MEM_SIZE)
        for i in 0..<initRegions {
            mb.reserve(memoryBase, MEM_SIZE)
            XCTAssertEqual(mb.reserved.cnt, i + 1)
            XCTAssertEqual(mb.reserved.totalSize, PhysAddr(i + 1) * MEM_SIZE)
            memoryBase += MEM_SIZE * 2
        }
        mb.reserve(memoryBase, MEM_SIZE)
        let newReservedRegionsSize = arrayBytes(initRegions * 2)
        XCTAssertEqual(mb.reserved.cnt, initRegions + 2)
        XCTAssertEqual(mb.reserved.totalSize, PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize)
        XCTAssertEqual(mb.reserved.max, initRegions * 2)

        mb.reserve(r.base, r.size)
        assertRegion(mb.reserved.slot(0), base: r.base, size: r.size)
        XCTAssertEqual(mb.reserved.cnt, initRegions + 3)
        XCTAssertEqual(mb.reserved.totalSize, PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize + r.size)
        XCTAssertEqual(mb.reserved.max, initRegions * 2)
    }

    func test_reserveAllLocations_doublesWhereverThe129thRegionGoes() {
        let r = Region(base: SZ_16K, size: SZ_16K)
        let initRegions = 128
        func memoryBase(_ idx: Int) -> PhysAddr { SZ_128K + MEM_SIZE * 2 * PhysAddr(idx) }
        for skip in 0..<(initRegions + 1) {
            var mb = resetMemblock()
            mb.allowResize()
            mb.add(dummyPhysicalMemoryBase, MEM_SIZE)
            for i in 0..<(initRegions + 1) where i != skip {
                mb.reserve(memoryBase(i), MEM_SIZE)
                let expected = i < skip ? i + 1 : i
                XCTAssertEqual(mb.reserved.cnt, expected, "skip \(skip)")
                XCTAssertEqual(mb.reserved.totalSize, PhysAddr(expected) * MEM_SIZE, "skip \(skip)")
            }
            mb.reserve(memoryBase(skip), MEM_SIZE)
            let newReservedRegionsSize = arrayBytes(initRegions * 2)
            XCTAssertEqual(mb.reserved.cnt, initRegions + 2, "skip \(skip)")
            XCTAssertEqual(mb.reserved.totalSize, PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize, "skip \(skip)")
            XCTAssertEqual(mb.reserved.max, initRegions * 2, "skip \(skip)")

            mb.reserve(r.base, r.size)
            assertRegion(mb.reserved.slot(0), base: r.base, size: r.size, "skip \(skip)")
            XCTAssertEqual(mb.reserved.cnt, initRegions + 3, "skip \(skip)")
            XCTAssertEqual(mb.reserved.totalSize,
                           PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize + r.size, "skip \(skip)")
            XCTAssertEqual(mb.reserved.max, initRegions * 2, "skip \(skip)")
        }
    }

    func test_reserveManyMayConflict_placesTheNewArrayAwayFromTheRangeBeingReserved() {
        let r = Region(base: SZ_16K, size: SZ_16K)
        let initRegions = 128
        let offset = roundUp(dummyPhysicalMemoryBase, 4096)
        func memoryBaseOffset(_ idx: Int) -> PhysAddr { offset + MEM_SIZE * 2 * PhysAddr(idx) }
        for skip in 1...(initRegions + 1) {
            var mb = resetMemblock()
            mb.allowResize()
            mb.add(memoryBaseOffset(0), MEM_SIZE)
            mb.add(memoryBaseOffset(skip), MEM_SIZE)
            for i in 1...(initRegions + 1) where i != skip {
                mb.reserve(memoryBaseOffset(i), MEM_SIZE)
                let expected = i < skip ? i : i - 1
                XCTAssertEqual(mb.reserved.cnt, expected, "skip \(skip)")
                XCTAssertEqual(mb.reserved.totalSize, PhysAddr(expected) * MEM_SIZE, "skip \(skip)")
            }
            mb.reserve(memoryBaseOffset(skip), MEM_SIZE)
            let newReservedRegionsSize = arrayBytes(initRegions * 2)
            XCTAssertEqual(mb.reserved.cnt, initRegions + 2, "skip \(skip)")
            XCTAssertEqual(mb.reserved.totalSize, PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize, "skip \(skip)")
            XCTAssertEqual(mb.reserved.max, initRegions * 2, "skip \(skip)")
            XCTAssertEqual(mb.reserved.slot(0).regionEnd, memoryBaseOffset(0) + SZ_32K, "skip \(skip)")
            XCTAssertEqual(mb.reserved.slot(0).size, newReservedRegionsSize, "skip \(skip)")

            mb.reserve(r.base, r.size)
            assertRegion(mb.reserved.slot(0), base: r.base, size: r.size, "skip \(skip)")
            XCTAssertEqual(mb.reserved.cnt, initRegions + 3, "skip \(skip)")
            XCTAssertEqual(mb.reserved.totalSize,
                           PhysAddr(initRegions + 1) * MEM_SIZE + newReservedRegionsSize + r.size, "skip \(skip)")
            XCTAssertEqual(mb.reserved.max, initRegions * 2, "skip \(skip)")
        }
    }

    func test_overlapsRegion_farNeighbourPartialAndTotal() {
        let r = Region(base: SZ_1G, size: SZ_4M)
        var mb = resetMemblock()
        mb.add(r.base, r.size)
        XCTAssertFalse(Memblock.overlapsRegion(mb.memory, SZ_1M, SZ_1M))
        XCTAssertFalse(Memblock.overlapsRegion(mb.memory, SZ_2G, SZ_1M))
        XCTAssertFalse(Memblock.overlapsRegion(mb.memory, SZ_1G - SZ_1M, SZ_1M))
        XCTAssertFalse(Memblock.overlapsRegion(mb.memory, SZ_1G + SZ_4M, SZ_1M))
        XCTAssertTrue(Memblock.overlapsRegion(mb.memory, SZ_1G - SZ_1M, SZ_2M))
        XCTAssertTrue(Memblock.overlapsRegion(mb.memory, SZ_1G + SZ_2M, SZ_2M))
        XCTAssertTrue(Memblock.overlapsRegion(mb.memory, SZ_1G, SZ_4M))
        XCTAssertTrue(Memblock.overlapsRegion(mb.memory, SZ_1G - SZ_2M, SZ_8M))
        XCTAssertTrue(Memblock.overlapsRegion(mb.memory, SZ_1G + SZ_1M, SZ_1M))
    }

    /// The harness really is 6.12's: empty types have cnt 0, MEM_SIZE is 32K.
    func test_runsAs612() {
        XCTAssertEqual(resetMemblock().config.kernel, .v6_12)
        XCTAssertEqual(resetMemblock().memory.cnt, 0)
        XCTAssertEqual(MEM_SIZE, SZ_32K)
    }

    /// The C checks of the 6.12 file that this port shares with 6.1, in file order.
    static let portedChecks612: [PortedCheck] = [
        PortedCheck("memblock_initialization_check", "test_initialization_emptyTypesAndDefaultAttributes"),
        PortedCheck("memblock_add_simple_check", "test_add_simple_createsOneRegion"),
        PortedCheck("memblock_add_node_simple_check", "test_addNode_simple_keepsNidAndFlags"),
        PortedCheck("memblock_add_disjoint_check", "test_add_disjoint_createsTwoRegions"),
        PortedCheck("memblock_add_overlap_top_check", "test_add_overlapTop_mergesFromNewBase"),
        PortedCheck("memblock_add_overlap_bottom_check", "test_add_overlapBottom_mergesToNewEnd"),
        PortedCheck("memblock_add_within_check", "test_add_within_changesNothing"),
        PortedCheck("memblock_add_twice_check", "test_add_twice_countsOnce"),
        PortedCheck("memblock_add_between_check", "test_add_between_mergesAllThree"),
        PortedCheck("memblock_add_near_max_check", "test_add_nearMax_capsAtPhysAddrMax"),
        PortedCheck("memblock_add_many_check", "test_addMany_doublesTheMemoryArray_andReservesIt"),
        PortedCheck("memblock_reserve_simple_check", "test_reserve_simple_createsOneRegion"),
        PortedCheck("memblock_reserve_disjoint_check", "test_reserve_disjoint_createsTwoRegions"),
        PortedCheck("memblock_reserve_overlap_top_check", "test_reserve_overlapTop_mergesFromNewBase"),
        PortedCheck("memblock_reserve_overlap_bottom_check", "test_reserve_overlapBottom_mergesToNewEnd"),
        PortedCheck("memblock_reserve_within_check", "test_reserve_within_changesNothing"),
        PortedCheck("memblock_reserve_twice_check", "test_reserve_twice_countsOnce"),
        PortedCheck("memblock_reserve_between_check", "test_reserve_between_mergesAllThree"),
        PortedCheck("memblock_reserve_near_max_check", "test_reserve_nearMax_capsAtPhysAddrMax"),
        PortedCheck("memblock_reserve_many_check", "test_reserveMany_doublesTheReservedArray_andReservesIt"),
        PortedCheck("memblock_reserve_all_locations_check", "test_reserveAllLocations_doublesWhereverThe129thRegionGoes"),
        PortedCheck("memblock_reserve_many_may_conflict_check", "test_reserveManyMayConflict_placesTheNewArrayAwayFromTheRangeBeingReserved"),
        PortedCheck("memblock_remove_simple_check", "test_remove_simple_leavesTheOtherRegion"),
        PortedCheck("memblock_remove_absent_check", "test_remove_absent_changesNothing"),
        PortedCheck("memblock_remove_overlap_top_check", "test_remove_overlapTop_keepsTheTail"),
        PortedCheck("memblock_remove_overlap_bottom_check", "test_remove_overlapBottom_keepsTheHead"),
        PortedCheck("memblock_remove_within_check", "test_remove_within_splitsTheRegion"),
        PortedCheck("memblock_remove_only_region_check", "test_remove_onlyRegion_leavesAnEmptyType"),
        PortedCheck("memblock_remove_near_max_check", "test_remove_nearMax_capsAtPhysAddrMax"),
        PortedCheck("memblock_remove_overlap_two_check", "test_remove_overlapTwo_trimsBothRegions"),
        PortedCheck("memblock_free_simple_check", "test_free_simple_leavesTheOtherRegion"),
        PortedCheck("memblock_free_absent_check", "test_free_absent_changesNothing"),
        PortedCheck("memblock_free_overlap_top_check", "test_free_overlapTop_keepsTheTail"),
        PortedCheck("memblock_free_overlap_bottom_check", "test_free_overlapBottom_keepsTheHead"),
        PortedCheck("memblock_free_within_check", "test_free_within_splitsTheRegion"),
        PortedCheck("memblock_free_only_region_check", "test_free_onlyRegion_leavesAnEmptyType"),
        PortedCheck("memblock_free_near_max_check", "test_free_nearMax_capsAtPhysAddrMax"),
        PortedCheck("memblock_free_overlap_two_check", "test_free_overlapTwo_trimsBothRegions"),
        PortedCheck("memblock_set_bottom_up_check", "test_setBottomUp_setsTheDirection"),
        PortedCheck("memblock_bottom_up_check", "test_bottomUp_readsTheDirection"),
        PortedCheck("memblock_trim_memory_aligned_check", "test_trimMemory_aligned_keepsTheRegion"),
        PortedCheck("memblock_trim_memory_too_small_check", "test_trimMemory_tooSmall_dropsTheRegion"),
        PortedCheck("memblock_trim_memory_unaligned_base_check", "test_trimMemory_unalignedBase_roundsTheBaseUp"),
        PortedCheck("memblock_trim_memory_unaligned_end_check", "test_trimMemory_unalignedEnd_roundsTheEndDown"),
        PortedCheck("memblock_overlaps_region_check", "test_overlapsRegion_farNeighbourPartialAndTotal"),
    ]
}

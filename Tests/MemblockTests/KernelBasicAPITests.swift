/// Linux 6.1 tools/testing/memblock/tests/basic_api.c, ported: adding, reserving, removing
/// and freeing ranges, the direction flag and trimming, on an empty allocator.
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
/// - memblock_reserve_simple_check → test_reserve_simple_createsOneRegion
/// - memblock_reserve_disjoint_check → test_reserve_disjoint_createsTwoRegions
/// - memblock_reserve_overlap_top_check → test_reserve_overlapTop_mergesFromNewBase
/// - memblock_reserve_overlap_bottom_check → test_reserve_overlapBottom_mergesToNewEnd
/// - memblock_reserve_within_check → test_reserve_within_changesNothing
/// - memblock_reserve_twice_check → test_reserve_twice_countsOnce
/// - memblock_reserve_between_check → test_reserve_between_mergesAllThree
/// - memblock_reserve_near_max_check → test_reserve_nearMax_capsAtPhysAddrMax
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

import Memblock
import XCTest

class KernelBasicAPITests: KernelTestCase {
    // MARK: - initialization

    func test_initialization_emptyTypesAndDefaultAttributes() {
        let mb = Memblock(config: kernelTestConfig)

        // regions != NULL: the static array is there (6.1 with its dummy entry).
        XCTAssertEqual(mb.memory.regions.count, emptyCnt)
        XCTAssertEqual(mb.memory.cnt, emptyCnt)
        XCTAssertEqual(mb.memory.max, 128)
        XCTAssertEqual(mb.memory.name, "memory")

        XCTAssertEqual(mb.reserved.regions.count, emptyCnt)
        XCTAssertEqual(mb.reserved.cnt, emptyCnt)
        // The C checks memory.max a second time here; reserved.max is what it means.
        XCTAssertEqual(mb.memory.max, 128)
        XCTAssertEqual(mb.reserved.max, 128)
        XCTAssertEqual(mb.reserved.name, "reserved")

        XCTAssertFalse(mb.bottomUp)
        XCTAssertEqual(mb.currentLimit, memblockAllocAnywhere)
    }

    // MARK: - memblock_add

    func test_add_simple_createsOneRegion() {
        let r = Region(base: SZ_1G, size: SZ_4M)
        var mb = resetMemblock()
        mb.add(r.base, r.size)

        assertRegion(mb.memory.slot(0), base: r.base, size: r.size)
        assertCounts(mb.memory, cnt: 1, totalSize: r.size)
    }

    func test_addNode_simple_keepsNidAndFlags() {
        let r = Region(base: SZ_1M, size: SZ_16M)
        var mb = resetMemblock()
        mb.addNode(r.base, r.size, nid: 1, flags: .hotplug)

        let rgn = mb.memory.slot(0)
        assertRegion(rgn, base: r.base, size: r.size)
        if mb.config.numa {  // the C checks the node only under CONFIG_NUMA
            XCTAssertEqual(rgn.nid, 1)
        }
        XCTAssertEqual(rgn.flags, .hotplug)
        assertCounts(mb.memory, cnt: 1, totalSize: r.size)
    }

    func test_add_disjoint_createsTwoRegions() {
        let r1 = Region(base: SZ_1G, size: SZ_8K)
        let r2 = Region(base: SZ_1G + SZ_16K, size: SZ_8K)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        assertRegion(mb.memory.slot(1), base: r2.base, size: r2.size)
        assertCounts(mb.memory, cnt: 2, totalSize: r1.size + r2.size)
    }

    func test_add_overlapTop_mergesFromNewBase() {
        let r1 = Region(base: SZ_512M, size: SZ_1G)
        let r2 = Region(base: SZ_256M, size: SZ_512M)
        let totalSize = (r1.base - r2.base) + r1.size
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r2.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_add_overlapBottom_mergesToNewEnd() {
        let r1 = Region(base: SZ_128M, size: SZ_512M)
        let r2 = Region(base: SZ_256M, size: SZ_1G)
        let totalSize = (r2.base - r1.base) + r2.size
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_add_within_changesNothing() {
        let r1 = Region(base: SZ_8M, size: SZ_32M)
        let r2 = Region(base: SZ_16M, size: SZ_1M)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        assertCounts(mb.memory, cnt: 1, totalSize: r1.size)
    }

    func test_add_twice_countsOnce() {
        let r = Region(base: SZ_16K, size: SZ_2M)
        var mb = resetMemblock()
        mb.add(r.base, r.size)
        mb.add(r.base, r.size)

        assertCounts(mb.memory, cnt: 1, totalSize: r.size)
    }

    func test_add_between_mergesAllThree() {
        let r1 = Region(base: SZ_1G, size: SZ_8K)
        let r2 = Region(base: SZ_1G + SZ_16K, size: SZ_8K)
        let r3 = Region(base: SZ_1G + SZ_8K, size: SZ_8K)
        let totalSize = r1.size + r2.size + r3.size
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.add(r3.base, r3.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_add_nearMax_capsAtPhysAddrMax() {
        let r = Region(base: physAddrMax - SZ_1M, size: SZ_2M)
        let totalSize = physAddrMax - r.base
        var mb = resetMemblock()
        mb.add(r.base, r.size)

        assertRegion(mb.memory.slot(0), base: r.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    // MARK: - memblock_reserve

    func test_reserve_simple_createsOneRegion() {
        let r = Region(base: SZ_2G, size: SZ_128M)
        var mb = resetMemblock()
        mb.reserve(r.base, r.size)

        assertRegion(mb.reserved.slot(0), base: r.base, size: r.size)
    }

    func test_reserve_disjoint_createsTwoRegions() {
        let r1 = Region(base: SZ_256M, size: SZ_16M)
        let r2 = Region(base: SZ_512M, size: SZ_512M)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: r1.size)
        assertRegion(mb.reserved.slot(1), base: r2.base, size: r2.size)
        assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size)
    }

    func test_reserve_overlapTop_mergesFromNewBase() {
        let r1 = Region(base: SZ_1G, size: SZ_1G)
        let r2 = Region(base: SZ_128M, size: SZ_1G)
        let totalSize = (r1.base - r2.base) + r1.size
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r2.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_reserve_overlapBottom_mergesToNewEnd() {
        let r1 = Region(base: SZ_2K, size: SZ_128K)
        let r2 = Region(base: SZ_128K, size: SZ_128K)
        let totalSize = (r2.base - r1.base) + r2.size
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_reserve_within_changesNothing() {
        let r1 = Region(base: SZ_1M, size: SZ_8M)
        let r2 = Region(base: SZ_2M, size: SZ_64K)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: r1.size)
        assertCounts(mb.reserved, cnt: 1, totalSize: r1.size)
    }

    func test_reserve_twice_countsOnce() {
        let r = Region(base: SZ_16K, size: SZ_2M)
        var mb = resetMemblock()
        mb.reserve(r.base, r.size)
        mb.reserve(r.base, r.size)

        assertCounts(mb.reserved, cnt: 1, totalSize: r.size)
    }

    func test_reserve_between_mergesAllThree() {
        let r1 = Region(base: SZ_1G, size: SZ_8K)
        let r2 = Region(base: SZ_1G + SZ_16K, size: SZ_8K)
        let r3 = Region(base: SZ_1G + SZ_8K, size: SZ_8K)
        let totalSize = r1.size + r2.size + r3.size
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        mb.reserve(r3.base, r3.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_reserve_nearMax_capsAtPhysAddrMax() {
        let r = Region(base: physAddrMax - SZ_1M, size: SZ_2M)
        let totalSize = physAddrMax - r.base
        var mb = resetMemblock()
        mb.reserve(r.base, r.size)

        assertRegion(mb.reserved.slot(0), base: r.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    // MARK: - memblock_remove

    func test_remove_simple_leavesTheOtherRegion() {
        let r1 = Region(base: SZ_2K, size: SZ_4K)
        let r2 = Region(base: SZ_128K, size: SZ_4M)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.remove(r1.base, r1.size)

        assertRegion(mb.memory.slot(0), base: r2.base, size: r2.size)
        assertCounts(mb.memory, cnt: 1, totalSize: r2.size)
    }

    func test_remove_absent_changesNothing() {
        let r1 = Region(base: SZ_512K, size: SZ_4M)
        let r2 = Region(base: SZ_64M, size: SZ_1G)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        assertCounts(mb.memory, cnt: 1, totalSize: r1.size)
    }

    func test_remove_overlapTop_keepsTheTail() {
        let r1 = Region(base: SZ_32M, size: SZ_32M)
        let r2 = Region(base: SZ_16M, size: SZ_32M)
        let totalSize = r1.end - r2.end
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r2.base, r2.size)

        // The C spells the new base r1.base + r2.base, which is r2's end for these values.
        assertRegion(mb.memory.slot(0), base: r1.base + r2.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_remove_overlapBottom_keepsTheHead() {
        let r1 = Region(base: SZ_2M, size: SZ_64M)
        let r2 = Region(base: SZ_32M, size: SZ_256M)
        let totalSize = r2.base - r1.base
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_remove_within_splitsTheRegion() {
        let r1 = Region(base: SZ_1M, size: SZ_32M)
        let r2 = Region(base: SZ_16M, size: SZ_1M)
        let headSize = r2.base - r1.base
        let tailSize = r1.end - r2.end
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: headSize)
        assertRegion(mb.memory.slot(1), base: r2.end, size: tailSize)
        assertCounts(mb.memory, cnt: 2, totalSize: headSize + tailSize)
    }

    func test_remove_onlyRegion_leavesAnEmptyType() {
        let r1 = Region(base: SZ_2K, size: SZ_4K)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r1.base, r1.size)

        assertRegion(mb.memory.slot(0), base: 0, size: 0)
        assertCounts(mb.memory, cnt: emptyCnt, totalSize: 0)
    }

    func test_remove_nearMax_capsAtPhysAddrMax() {
        let r1 = Region(base: physAddrMax - SZ_2M, size: SZ_2M)
        let r2 = Region(base: physAddrMax - SZ_1M, size: SZ_2M)
        let totalSize = r1.size - (physAddrMax - r2.base)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.remove(r2.base, r2.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.memory, cnt: 1, totalSize: totalSize)
    }

    func test_remove_overlapTwo_trimsBothRegions() {
        let r1 = Region(base: SZ_16M, size: SZ_32M)
        let r2 = Region(base: SZ_64M, size: SZ_64M)
        let r3 = Region(base: SZ_32M, size: SZ_64M)
        let newR1Size = r3.base - r1.base
        let newR2Size = r2.end - r3.end
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.remove(r3.base, r3.size)

        assertRegion(mb.memory.slot(0), base: r1.base, size: newR1Size)
        assertRegion(mb.memory.slot(1), base: r3.end, size: newR2Size)
        assertCounts(mb.memory, cnt: 2, totalSize: newR1Size + newR2Size)
    }

    // MARK: - memblock_free (the pointer API; virtual = physical in the model)

    func test_free_simple_leavesTheOtherRegion() {
        let r1 = Region(base: SZ_4M, size: SZ_1M)
        let r2 = Region(base: SZ_8M, size: SZ_1M)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        mb.free(r1.base, r1.size)

        assertRegion(mb.reserved.slot(0), base: r2.base, size: r2.size)
        assertCounts(mb.reserved, cnt: 1, totalSize: r2.size)
    }

    func test_free_absent_changesNothing() {
        let r1 = Region(base: SZ_2M, size: SZ_8K)
        let r2 = Region(base: SZ_16M, size: SZ_128M)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: r1.size)
        assertCounts(mb.reserved, cnt: 1, totalSize: r1.size)
    }

    func test_free_overlapTop_keepsTheTail() {
        let r1 = Region(base: SZ_8M, size: SZ_32M)
        let r2 = Region(base: SZ_1M, size: SZ_8M)
        let totalSize = r1.end - r2.end
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r2.end, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_free_overlapBottom_keepsTheHead() {
        let r1 = Region(base: SZ_8M, size: SZ_32M)
        let r2 = Region(base: SZ_32M, size: SZ_32M)
        let totalSize = r2.base - r1.base
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_free_within_splitsTheRegion() {
        let r1 = Region(base: SZ_1M, size: SZ_8M)
        let r2 = Region(base: SZ_4M, size: SZ_1M)
        let headSize = r2.base - r1.base
        let tailSize = r1.end - r2.end
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: headSize)
        assertRegion(mb.reserved.slot(1), base: r2.end, size: tailSize)
        assertCounts(mb.reserved, cnt: 2, totalSize: headSize + tailSize)
    }

    func test_free_onlyRegion_leavesAnEmptyType() {
        let r1 = Region(base: SZ_2K, size: SZ_4K)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r1.base, r1.size)

        assertRegion(mb.reserved.slot(0), base: 0, size: 0)
        assertCounts(mb.reserved, cnt: emptyCnt, totalSize: 0)
    }

    func test_free_nearMax_capsAtPhysAddrMax() {
        let r1 = Region(base: physAddrMax - SZ_2M, size: SZ_2M)
        let r2 = Region(base: physAddrMax - SZ_1M, size: SZ_2M)
        let totalSize = r1.size - (physAddrMax - r2.base)
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.free(r2.base, r2.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_free_overlapTwo_trimsBothRegions() {
        let r1 = Region(base: SZ_16M, size: SZ_32M)
        let r2 = Region(base: SZ_64M, size: SZ_64M)
        let r3 = Region(base: SZ_32M, size: SZ_64M)
        let newR1Size = r3.base - r1.base
        let newR2Size = r2.end - r3.end
        var mb = resetMemblock()
        mb.reserve(r1.base, r1.size)
        mb.reserve(r2.base, r2.size)
        mb.free(r3.base, r3.size)

        assertRegion(mb.reserved.slot(0), base: r1.base, size: newR1Size)
        assertRegion(mb.reserved.slot(1), base: r3.end, size: newR2Size)
        assertCounts(mb.reserved, cnt: 2, totalSize: newR1Size + newR2Size)
    }

    // MARK: - memblock_set_bottom_up / memblock_bottom_up

    func test_setBottomUp_setsTheDirection() {
        var mb = resetMemblock()
        mb.setBottomUp(false)
        XCTAssertFalse(mb.bottomUp)
        mb.setBottomUp(true)
        XCTAssertTrue(mb.bottomUp)
    }

    /// `memblock_bottom_up()` is the kernel's reader of `memblock.bottom_up`; the model's
    /// reader is the `bottomUp` property itself, so the C's "accessor equals field" half of
    /// each pair holds by construction and the value half is what is checked.
    func test_bottomUp_readsTheDirection() {
        var mb = resetMemblock()
        mb.setBottomUp(false)
        XCTAssertEqual(mb.bottomUp, false)
        mb.setBottomUp(true)
        XCTAssertEqual(mb.bottomUp, true)
    }

    // MARK: - memblock_trim_memory

    func test_trimMemory_aligned_keepsTheRegion() {
        let alignment = SMP_CACHE_BYTES
        let r = Region(base: alignment, size: alignment * 4)
        var mb = resetMemblock()
        mb.add(r.base, r.size)
        mb.trimMemory(alignment)

        assertRegion(mb.memory.slot(0), base: r.base, size: r.size)
        XCTAssertEqual(mb.memory.cnt, 1)
    }

    func test_trimMemory_tooSmall_dropsTheRegion() {
        let alignment = SMP_CACHE_BYTES
        let r1 = Region(base: alignment, size: alignment * 2)
        let r2 = Region(base: alignment * 4, size: alignment - SZ_2)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.trimMemory(alignment)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        XCTAssertEqual(mb.memory.cnt, 1)
    }

    func test_trimMemory_unalignedBase_roundsTheBaseUp() {
        let alignment = SMP_CACHE_BYTES
        let offset = SZ_2
        let r1 = Region(base: alignment, size: alignment * 2)
        let r2 = Region(base: alignment * 4 + offset, size: alignment * 2 - offset)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.trimMemory(alignment)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        assertRegion(mb.memory.slot(1), base: r2.base + (alignment - offset), size: r2.size - (alignment - offset))
        XCTAssertEqual(mb.memory.cnt, 2)
    }

    func test_trimMemory_unalignedEnd_roundsTheEndDown() {
        let alignment = SMP_CACHE_BYTES
        let offset = SZ_2
        let r1 = Region(base: alignment, size: alignment * 2)
        let r2 = Region(base: alignment * 4, size: alignment * 2 - offset)
        var mb = resetMemblock()
        mb.add(r1.base, r1.size)
        mb.add(r2.base, r2.size)
        mb.trimMemory(alignment)

        assertRegion(mb.memory.slot(0), base: r1.base, size: r1.size)
        assertRegion(mb.memory.slot(1), base: r2.base, size: r2.size - (alignment - offset))
        XCTAssertEqual(mb.memory.cnt, 2)
    }

    // MARK: - The port's index

    static let portedChecks: [PortedCheck] = [
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
        PortedCheck("memblock_reserve_simple_check", "test_reserve_simple_createsOneRegion"),
        PortedCheck("memblock_reserve_disjoint_check", "test_reserve_disjoint_createsTwoRegions"),
        PortedCheck("memblock_reserve_overlap_top_check", "test_reserve_overlapTop_mergesFromNewBase"),
        PortedCheck("memblock_reserve_overlap_bottom_check", "test_reserve_overlapBottom_mergesToNewEnd"),
        PortedCheck("memblock_reserve_within_check", "test_reserve_within_changesNothing"),
        PortedCheck("memblock_reserve_twice_check", "test_reserve_twice_countsOnce"),
        PortedCheck("memblock_reserve_between_check", "test_reserve_between_mergesAllThree"),
        PortedCheck("memblock_reserve_near_max_check", "test_reserve_nearMax_capsAtPhysAddrMax"),
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
    ]
}

import XCTest
@testable import Memblock

/// The edge cases of MEMBLOCK-6.1.md §11 and §3, each checked against what 6.1 does.
final class EdgeCaseTests: XCTestCase {
    func region(_ base: PhysAddr, _ size: PhysAddr, _ flags: MemblockFlags = .none, nid: Int32 = 64) -> MemblockRegion {
        MemblockRegion(base: base, size: size, flags: flags, nid: nid)
    }

    func test_zeroSizeAllocation_topDown_returnsEndOfHighestFreeRange_andReservesNothing() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        XCTAssertEqual(mb.physAllocRange(0, 0x1000, 0, 0), 0x200000)
        XCTAssertTrue(mb.reserved.isEmpty)
        mb.setBottomUp(true)
        XCTAssertEqual(mb.physAllocRange(0, 0x1000, 0, 0), 0x100000)
    }

    func test_zeroSizeAllocation_withInvertedWindow_collapsesToStart() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        // Every free range is clamped into the collapsed window [0x5000, 0x5000].
        XCTAssertEqual(mb.physAllocRange(0, 0x1000, 0x5000, 0x3000), 0x5000)
        XCTAssertEqual(mb.physAllocRange(0, 0x1000, 0x5800, 0x3000), 0)
        mb.setBottomUp(true)
        XCTAssertEqual(mb.physAllocRange(0, 0x1000, 0x5000, 0x3000), 0)
        XCTAssertTrue(mb.reserved.isEmpty)
    }

    func test_rangePastTopOfAddressSpace_isCapped() {
        var mb = Memblock()
        mb.add(0xffff_ffff_ffff_0000, 0x100000)
        XCTAssertEqual(mb.memory.regions, [region(0xffff_ffff_ffff_0000, 0xffff)])
    }

    func test_nonPowerOfTwoAlign_usesMaskRounding() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        XCTAssertEqual(mb.physAllocRange(0x10, 3, 0, 0), 0x1ffff0)
        XCTAssertEqual(mb.physAllocRange(0x10, 0x3000, 0, 0), 0x1fd000)
    }

    func test_allocationNeverStraddlesTouchingRegionsOfDifferentNodes() {
        var mb = Memblock()
        mb.addNode(0x100000, 0x100000, nid: 0)
        mb.addNode(0x200000, 0x100000, nid: 1)
        XCTAssertEqual(mb.memory.cnt, 2)
        XCTAssertEqual(mb.physAllocRange(0x180000, 0x1000, 0, 0), 0)
    }

    func test_allocationsOnDifferentNodes_mergeIntoOneReservedRegion() {
        var mb = Memblock()
        mb.addNode(0x100000, 0x100000, nid: 0)
        mb.addNode(0x200000, 0x100000, nid: 1)
        XCTAssertEqual(mb.allocNode(0x1000, 0x1000, nid: 1), 0x2ff000)
        XCTAssertEqual(mb.allocTryNid(0x100000, 0x1000, 0, 0x2ff000, nid: 0), 0x100000)
        XCTAssertEqual(mb.allocNode(0x1000, 0x1000, nid: 1), 0x2fe000)
        XCTAssertEqual(mb.allocNode(0xfe000, 0x1000, nid: 1), 0x200000)
        XCTAssertEqual(mb.reserved.regions, [region(0x100000, 0x200000)])
    }

    func test_addOverNodeRegions_fillsHolesOnly_andWarnsPerHoleBelowMismatch() {
        var mb = Memblock()
        mb.log.isEnabled = true
        mb.addNode(0x1000, 0x1000, nid: 0)
        mb.addNode(0x3000, 0x1000, nid: 0)
        mb.add(0, 0x5000)
        XCTAssertEqual(mb.memory.regions.map(\.nid), [64, 0, 64, 0, 64])
        XCTAssertEqual(mb.memory.totalSize, 0x5000)
        // Two holes lie below a node-0 region; the array has room, so only the inserting pass runs.
        let warnings = mb.log.messages.filter { $0.level == .warning }
        XCTAssertEqual(warnings.count, 2)
    }

    func test_addNode_overlappingSameNode_mergesIntoOne() {
        var mb = Memblock()
        mb.addNode(0x1000, 0x1000, nid: 0)
        mb.addNode(0x3000, 0x1000, nid: 0)
        mb.addNode(0, 0x5000, nid: 0)
        XCTAssertEqual(mb.memory.regions, [region(0, 0x5000, nid: 0)])
    }

    func test_nodeMinusOne_neverMergesWithNoNode() {
        var mb = Memblock()
        mb.add(0x1000, 0x1000)
        mb.addNode(0x2000, 0x1000, nid: -1)
        XCTAssertEqual(mb.memory.cnt, 2)
        XCTAssertTrue(mb.dumpAll().contains(" on node -1 flags"))
    }

    func test_fullReservedArray_withoutResize_failsEvenToExtendARegion() {
        var mb = Memblock(config: MemblockConfig(initMemoryRegions: 8))
        mb.add(0, 0x100000)
        for i in 0..<8 { XCTAssertEqual(mb.reserve(PhysAddr(0x1000 + i * 0x2000), 0x1000), 0) }
        XCTAssertEqual(mb.reserved.cnt, 8)
        XCTAssertEqual(mb.reserve(0x2000, 0x1000), -errnoENOMEM)
        XCTAssertEqual(mb.reserved.cnt, 8)
    }

    func test_isolateNeedsTwoSpareSlots_soFreeingAnExactRegionFailsWhenNearlyFull() {
        var mb = Memblock(config: MemblockConfig(initMemoryRegions: 8))
        for i in 0..<7 { mb.reserve(PhysAddr(0x1000 + i * 0x2000), 0x1000) }
        XCTAssertEqual(mb.reserved.cnt, 7)
        XCTAssertEqual(mb.physFree(0x1000, 0x1000), -errnoENOMEM)
    }

    func test_doublingReserved_placesNewArrayAtTopAndReservesIt() {
        var mb = Memblock()
        mb.add(0, 0x5000_0000)
        mb.allowResize()
        for i in 0..<128 { mb.reserve(PhysAddr(0x10_0000 + i * 0x2000), 0x1000) }
        XCTAssertEqual(mb.reserved.max, 128)
        mb.log.isEnabled = true
        mb.reserve(0x20_0000, 0x1000)
        XCTAssertEqual(mb.reserved.max, 256)
        XCTAssertEqual(mb.reserved.cnt, 130)
        XCTAssertEqual(mb.reserved.regions.last, region(0x4fff_e000, 0x2000))
        XCTAssertEqual(mb.log.messages.map(\.text).first { $0.hasPrefix("memblock: ") },
                       "memblock: reserved is doubled to 256 at [0x000000004fffe000-0x000000004ffff7ff]")
    }

    func test_pageZeroIsNeverAllocated() {
        var mb = Memblock()
        mb.add(0, 0x10000)
        mb.setBottomUp(true)
        XCTAssertEqual(mb.physAllocRange(0x10, 0x10, 0, 0), 0x1000)
    }

    func test_allocLow_excludesLastPageBelow4G() {
        var mb = Memblock()
        mb.add(0x1_0000, 0xffff_0000)
        XCTAssertEqual(mb.allocLow(0x1000, 0x1000), 0xffff_e000)
    }

    func test_exactNode_withOnlyHotplugMemory_underMovableNode_fails_butNonExactFallsBack() {
        var mb = Memblock(config: MemblockConfig(movableNode: true))
        mb.addNode(0x100000, 0x100000, nid: 0)
        mb.addNode(0x200000, 0x100000, nid: 1, flags: .hotplug)
        XCTAssertNil(mb.allocExactNidRaw(0x1000, 0x1000, 0, 0, nid: 1))
        XCTAssertEqual(mb.allocTryNid(0x1000, 0x1000, 0, 0, nid: 1), 0x1ff000)
    }

    func test_firstMirrorMark_makesAllocationsPreferMirror_andFallBackWithWarning() {
        var mb = Memblock(config: MemblockConfig(mirroredKernelcore: true))
        mb.add(0x100000, 0x100000)
        mb.markMirror(0x100000, 0x80000)
        XCTAssertEqual(mb.memory.regions, [region(0x100000, 0x80000, .mirror), region(0x180000, 0x80000)])
        XCTAssertEqual(mb.physAlloc(0x1000, 0x1000), 0x17f000)
        mb.log.isEnabled = true
        XCTAssertEqual(mb.physAlloc(0x100000, 0x1000), 0)
        mb.log.removeAll()
        XCTAssertEqual(mb.physAlloc(0x80000, 0x1000), 0x180000)
        XCTAssertTrue(mb.log.messages.contains { $0.text == "Could not allocate 0x0000000000080000 bytes of mirrored memory" })
    }

    func test_markMirror_withoutKernelcoreMirror_isANoOp() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        mb.markMirror(0x100000, 0x80000)
        XCTAssertEqual(mb.memory.cnt, 1)
        XCTAssertFalse(mb.systemHasSomeMirror)
    }

    func test_trim_shrinksWithoutUpdatingTotalSize() {
        var mb = Memblock()
        mb.add(0, 0x9fc00)
        mb.add(0x100000, 0x1000000)
        mb.trimMemory(0x1000)
        XCTAssertEqual(mb.memory.regions, [region(0, 0x9f000), region(0x100000, 0x1000000)])
        XCTAssertEqual(mb.memory.totalSize, 0x109fc00)
    }

    func test_capMemoryRange_withNoWholeRegionInside_deletesAllNonNomapMemory() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        mb.markNomap(0x100000, 0x100000)
        mb.capMemoryRange(0x140000, 0x10000)
        XCTAssertEqual(mb.memory.regions, [region(0x100000, 0x40000, .nomap), region(0x140000, 0x10000, .nomap),
                                           region(0x150000, 0xb0000, .nomap)])
        mb.markNomap(0x100000, 0x1000)
        XCTAssertEqual(mb.memory.regions, [region(0x100000, 0x100000, .nomap)])
    }

    func test_memLimitRemoveMap_countsNomapTowardTheLimit_andKeepsIt() {
        var mb = Memblock()
        mb.add(0x100000, 0x100000)
        mb.add(0x300000, 0x100000)
        mb.markNomap(0x300000, 0x10000)
        mb.reserve(0x390000, 0x1000)
        mb.memLimitRemoveMap(0x180000)
        XCTAssertEqual(mb.memory.regions, [region(0x100000, 0x100000), region(0x300000, 0x10000, .nomap),
                                           region(0x310000, 0x70000)])
        XCTAssertTrue(mb.reserved.isEmpty)
    }

    func test_isRegionMemory_acrossTouchingRegions_isFalse() {
        var mb = Memblock()
        mb.addNode(0x100000, 0x100000, nid: 0)
        mb.addNode(0x200000, 0x100000, nid: 1)
        XCTAssertFalse(mb.isRegionMemory(0x180000, 0x100000))
        XCTAssertTrue(mb.isRegionMemory(0x100000, 0x100000))
    }

    func test_isRegionReserved_withZeroSize_isTrueOnlyStrictlyInside() {
        var mb = Memblock()
        mb.reserve(0x1000, 0x1000)
        XCTAssertFalse(mb.isRegionReserved(0x1000, 0))
        XCTAssertTrue(mb.isRegionReserved(0x1800, 0))
    }

    func test_dummyNode_bootTimeShowsNode0_afterRemovalShowsNone() {
        var mb = Memblock()
        XCTAssertTrue(mb.dumpAll().contains(" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes on node 0 flags: 0x0"))
        mb.add(0x1000, 0x1000)
        mb.remove(0x1000, 0x1000)
        XCTAssertTrue(mb.dumpAll().contains(" memory[0x0]\t[0x0000000000000000-0xffffffffffffffff], 0x0000000000000000 bytes flags: 0x0"))
    }

    func test_freeAll_splitsFreeRangesIntoNaturallyAlignedBlocks() {
        var mb = Memblock()
        mb.add(0x1000000, 0xa00000)
        mb.reserve(0x1000000, 0x233800)
        mb.markNomap(0x1900000, 0x10000)
        mb.freeAll()
        let blocks = mb.buddy!.blocks.map { [$0.pfn, UInt64($0.order)] }
        XCTAssertEqual(blocks, [[0x1234, 2], [0x1238, 3], [0x1240, 6], [0x1280, 7], [0x1300, 8], [0x1400, 10],
                                [0x1800, 8], [0x1910, 4], [0x1920, 5], [0x1940, 6], [0x1980, 7]])
    }

    func test_maxNumnodesAsAllocationNid_warnsOnceAndMeansAnyNode() {
        var mb = Memblock()
        mb.log.isEnabled = true
        mb.addNode(0x100000, 0x100000, nid: 0)
        XCTAssertEqual(mb.physAllocTryNid(0x1000, 0x1000, nid: 64), 0x1ff000)
        XCTAssertEqual(mb.physAllocTryNid(0x1000, 0x1000, nid: 64), 0x1fe000)
        XCTAssertEqual(mb.log.messages.filter { $0.text.hasPrefix("Usage of MAX_NUMNODES") }.count, 1)
    }

    func test_debugLines_matchKernelFormats() {
        var mb = Memblock()
        mb.log.isEnabled = true
        mb.caller = "e820__memblock_setup+0x65/0x7d"
        mb.add(0x1000, 0x9ec00)
        mb.caller = "reserve_real_mode+0x50/0x89"
        mb.add(0x100000, 0x7fee0000)
        XCTAssertEqual(mb.physAllocRange(28672, 0x1000, 0, 0x100000), 0x98000)
        XCTAssertEqual(mb.log.messages.map(\.text), [
            "memblock_add: [0x0000000000001000-0x000000000009fbff] e820__memblock_setup+0x65/0x7d",
            "memblock_add: [0x0000000000100000-0x000000007ffdffff] reserve_real_mode+0x50/0x89",
            "memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x50/0x89",
            "memblock_reserve: [0x0000000000098000-0x000000000009efff] memblock_alloc_range_nid+0xb0/0x13d",
        ])
    }
}

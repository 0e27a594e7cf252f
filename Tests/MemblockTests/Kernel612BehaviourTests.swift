import Memblock
import XCTest

/// Each 6.12 difference of `KernelBehaviour`, shown on the smallest state, beside 6.1.
final class Kernel612BehaviourTests: XCTestCase {
    private func model(_ kernel: KernelVersion, _ edit: (inout MemblockConfig) -> Void = { _ in }) -> Memblock {
        var c = MemblockConfig(kernel: kernel)
        edit(&c)
        return Memblock(config: c)
    }

    func test_emptyType_hasCnt0_in612_andTheDummy_in61() {
        var m61 = model(.v6_1), m612 = model(.v6_12)
        XCTAssertEqual(m61.reserved.cnt, 1)
        XCTAssertEqual(m612.reserved.cnt, 0)
        for i in [0, 1] {
            let m = i == 0 ? m61 : m612
            XCTAssertTrue(m.reserved.isEmpty)
        }
        m61.reserve(0x1000, 0x1000); m61.physFree(0x1000, 0x1000)
        m612.reserve(0x1000, 0x1000); m612.physFree(0x1000, 0x1000)
        XCTAssertEqual(m61.reserved.regions, [MemblockRegion(base: 0, size: 0, nid: 64)])
        XCTAssertEqual(m612.reserved.regions, [])
        XCTAssertTrue(m612.dumpAll().hasSuffix(" reserved.cnt  = 0x0\n"), m612.dumpAll())
    }

    func test_fullArrayWithoutResize_panicsIn612_failsIn61() {
        var m61 = model(.v6_1) { $0.initMemoryRegions = 2 }
        var m612 = model(.v6_12) { $0.initMemoryRegions = 2 }
        for m in [0, 1] {
            for base: PhysAddr in [0x10_0000, 0x20_0000] {
                if m == 0 { XCTAssertEqual(m61.add(base, 0x1000), 0) } else { XCTAssertEqual(m612.add(base, 0x1000), 0) }
            }
        }
        XCTAssertEqual(m61.add(0x30_0000, 0x1000), -errnoENOMEM)
        XCTAssertNil(m61.panic)
        _ = m612.add(0x30_0000, 0x1000)
        XCTAssertEqual(m612.panic, KernelPanic("memblock: cannot resize memory array"))
        XCTAssertEqual(m612.panic?.description, "Kernel panic - not syncing: memblock: cannot resize memory array")
    }

    func test_dumpNodeSuffix_onlyForValidNodes_in612() {
        for kernel in KernelVersion.allCases {
            var m = model(kernel)
            m.addNode(0x10_0000, 0x10_0000, nid: -1)
            m.addNode(0x30_0000, 0x10_0000, nid: 100)
            m.addNode(0x50_0000, 0x10_0000, nid: 3)
            let dump = m.dumpAll()
            XCTAssertEqual(dump.contains("on node -1"), kernel == .v6_1, "\(kernel)")
            XCTAssertEqual(dump.contains("on node 100"), kernel == .v6_1, "\(kernel)")
            XCTAssertTrue(dump.contains("on node 3"))
        }
    }

    func test_invalidSelectorNid_isAnyNodeIn612_literalIn61() {
        for kernel in KernelVersion.allCases {
            var m = model(kernel)
            m.addNode(0x10_0000, 0x10_0000, nid: 0)
            let got = m.allocExactNidRaw(0x1000, 0x1000, 0, memblockAllocAnywhere, nid: 100)
            XCTAssertEqual(got, kernel == .v6_1 ? nil : 0x1f_f000, "\(kernel)")
        }
    }

    func test_freeAll_setsReservedNodesFromMemory_in612Only() {
        for kernel in KernelVersion.allCases {
            var m = model(kernel)
            m.addNode(0x10_0000, 0x10_0000, nid: 0)
            m.addNode(0x20_0000, 0x10_0000, nid: 1)
            m.reserve(0x1f_f000, 0x2000)
            m.freeAll()
            let expected = kernel == .v6_1
                ? [MemblockRegion(base: 0x1f_f000, size: 0x2000, nid: 64)]
                : [MemblockRegion(base: 0x1f_f000, size: 0x1000, nid: 0), MemblockRegion(base: 0x20_0000, size: 0x1000, nid: 1)]
            XCTAssertEqual(Array(m.reserved.regions), expected, "\(kernel)")
        }
    }

    func test_reservedMarkNoinit_splitsAndFlags_andDoesNotMergeWithUnmarked() {
        var m = model(.v6_12)
        m.addNode(0x10_0000, 0x10_0000, nid: 0)
        m.reserve(0x10_0000, 0x1_0000)
        XCTAssertEqual(m.reservedMarkNoinit(0x10_4000, 0x2000), 0)
        XCTAssertEqual(m.reserved.regions.map(\.flags), [.none, .rsrvNoinit, .none])
        XCTAssertEqual(m.reserved.regions[1], MemblockRegion(base: 0x10_4000, size: 0x2000, flags: .rsrvNoinit, nid: 64))
        XCTAssertTrue(m.dumpAll().contains(" reserved[0x1]\t[0x0000000000104000-0x0000000000105fff], 0x0000000000002000 bytes flags: 0x10\n"))
        var old = model(.v6_1)
        old.reserve(0x10_0000, 0x1_0000)
        XCTAssertEqual(old.reservedMarkNoinit(0x10_4000, 0x2000), -errnoEINVAL)
        XCTAssertEqual(old.reserved.cnt, 1)
    }

    func test_mergeScope_612MergesOnlyAroundTheChange() {
        for kernel in KernelVersion.allCases {
            var m = model(kernel) { $0.maxNumnodes = 64 }
            m.addNode(0x10_0000, 0x10_0000, nid: 0)
            m.markNomap(0x10_0000, 0x10_0000)
            m.capMemoryRange(0x14_0000, 0x4_0000)
            XCTAssertEqual(m.memory.cnt, 3)
            m.addNode(0x40_0000, 0x10_0000, nid: 0)
            XCTAssertEqual(m.memory.cnt, kernel == .v6_1 ? 2 : 4, "\(kernel)")
        }
    }

    func test_debugfs612_printsNodeAndFlagNames() {
        var m = model(.v6_12)
        m.addNode(0x10_0000, 0x10_0000, nid: 2)
        m.add(0x30_0000, 0x1000)
        m.markNomap(0x30_0000, 0x1000)
        m.reserve(0x10_0000, 0x2000)
        m.reservedMarkNoinit(0x10_0000, 0x1000)
        XCTAssertEqual(m.debugfs(.memory),
                       "   0: 0x0000000000100000..0x00000000001fffff    2 NONE\n   1: 0x0000000000300000..0x0000000000300fff    x NOMAP\n")
        XCTAssertEqual(m.debugfs(.reserved),
                       "   0: 0x0000000000100000..0x0000000000100fff    x RSV_NIT\n   1: 0x0000000000101000..0x0000000000101fff    x NONE\n")
        var old = model(.v6_1)
        old.addNode(0x10_0000, 0x10_0000, nid: 2)
        XCTAssertEqual(old.debugfs(.memory), "   0: 0x0000000000100000..0x00000000001fffff\n")
    }

    func test_equality_ignoresTheUnmergedNeighboursHint() {
        var a = model(.v6_1)
        a.addNode(0x10_0000, 0x10_0000, nid: 0)
        a.markNomap(0x10_0000, 0x10_0000)
        var b = a
        a.capMemoryRange(0, 0x100_0000)
        b.capMemoryRange(0, 0x100_0000)
        b.setBottomUp(false)
        XCTAssertEqual(a, b)
        var c = model(.v6_1)
        c.addNode(0x10_0000, 0x10_0000, nid: 0)
        c.markNomap(0x10_0000, 0x10_0000)
        XCTAssertEqual(a.memory, c.memory, "the hint left by the cap is not part of the state")
    }
}

/// The hand-off at the top of the address space.
final class FreeMemoryCoreTests: XCTestCase {
    /// A free range starting in the last page below 2^64: PFN_UP(start) wraps to page 0 as in
    /// C, so `__free_memory_core` frees from page 0 up to PFN_DOWN(end): ~2^42 blocks of 4 MiB,
    /// counted without listing them all.
    func test_freeRangeStartingInTheLastPage_wrapsToPage0_andIsCounted() {
        var m = Memblock()
        m.add(physAddrMax - 0x7ff, 0x800)
        m.freeAll()
        let buddy = try! XCTUnwrap(m.buddy)
        let lastPfn = (physAddrMax) >> 12
        XCTAssertEqual(buddy.pages, lastPfn)
        XCTAssertEqual(buddy.blocks.count, BuddyAllocator.recordedBlockLimit)
        XCTAssertGreaterThan(buddy.blockCount, BuddyAllocator.recordedBlockLimit)
        XCTAssertEqual(buddy.blocks.first, BuddyBlock(pfn: 0, order: 10))
    }
}

/// Linux 6.1 tools/testing/memblock/tests/alloc_helpers_api.c, ported: `memblock_alloc_from`,
/// whose lower limit gives way when nothing fits above it.
///
/// The C also checks that the block reads as zeros; the model keeps no memory contents, so
/// that byte comparison is the one part left out. A check the C runs in both directions
/// maps to two tests.
///
/// Mapping (C check → Swift test):
/// - alloc_from_simple_generic_check → test_simple_topDown_startsAtMinAddr, test_simple_bottomUp_startsAtMinAddr
/// - alloc_from_misaligned_generic_check → test_misaligned_topDown_roundsMinAddrUp, test_misaligned_bottomUp_roundsMinAddrUp
/// - alloc_from_top_down_high_addr_check → test_highAddr_topDown_dropsMinAddr
/// - alloc_from_top_down_no_space_above_check → test_noSpaceAbove_topDown_dropsMinAddrAndMerges
/// - alloc_from_top_down_min_addr_cap_check → test_minAddrCap_topDown_takesTheStartOfDRAM
/// - alloc_from_bottom_up_high_addr_check → test_highAddr_bottomUp_takesTheStartOfDRAM
/// - alloc_from_bottom_up_no_space_above_check → test_noSpaceAbove_bottomUp_takesTheStartOfDRAM
/// - alloc_from_bottom_up_min_addr_cap_check → test_minAddrCap_bottomUp_takesTheStartOfDRAM
/// - alloc_from_simple_check → test_simple_topDown_startsAtMinAddr, test_simple_bottomUp_startsAtMinAddr
/// - alloc_from_misaligned_check → test_misaligned_topDown_roundsMinAddrUp, test_misaligned_bottomUp_roundsMinAddrUp
/// - alloc_from_high_addr_check → test_highAddr_topDown_dropsMinAddr, test_highAddr_bottomUp_takesTheStartOfDRAM
/// - alloc_from_no_space_above_check → test_noSpaceAbove_topDown_dropsMinAddrAndMerges, test_noSpaceAbove_bottomUp_takesTheStartOfDRAM
/// - alloc_from_min_addr_cap_check → test_minAddrCap_topDown_takesTheStartOfDRAM, test_minAddrCap_bottomUp_takesTheStartOfDRAM

import Memblock
import XCTest

class KernelAllocHelpersAPITests: KernelTestCase {
    // MARK: - either direction

    func test_simple_topDown_startsAtMinAddr() { simple(.topDown) }
    func test_simple_bottomUp_startsAtMinAddr() { simple(.bottomUp) }

    /// An aligned `min_addr` one cache line below the end: the block starts there.
    private func simple(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        var mb = setupMemblock(direction)
        let size = SZ_16
        let minAddr = mb.endOfDRAM - SMP_CACHE_BYTES

        let ptr = mb.allocFrom(size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr, file: file, line: line)
        assertRegion(mb.reserved.slot(0), base: minAddr, size: size, file: file, line: line)
        assertCounts(mb.reserved, cnt: 1, totalSize: size, file: file, line: line)
    }

    func test_misaligned_topDown_roundsMinAddrUp() { misaligned(.topDown) }
    func test_misaligned_bottomUp_roundsMinAddrUp() { misaligned(.bottomUp) }

    /// A `min_addr` just past a cache line: the block starts on the next one.
    private func misaligned(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        var mb = setupMemblock(direction)
        let size = SZ_32
        let minAddr = mb.endOfDRAM - (SMP_CACHE_BYTES * 2 - 1)

        let ptr = mb.allocFrom(size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr, file: file, line: line)
        assertRegion(mb.reserved.slot(0), base: mb.endOfDRAM - SMP_CACHE_BYTES, size: size, file: file, line: line)
        assertCounts(mb.reserved, cnt: 1, totalSize: size, file: file, line: line)
    }

    // MARK: - top-down

    func test_highAddr_topDown_dropsMinAddr() {
        var mb = setupMemblock(.topDown)
        let size = SZ_32
        // Too close to the end for the block to fit above it.
        let minAddr = mb.endOfDRAM - SZ_16

        let ptr = mb.allocFrom(size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: mb.endOfDRAM - SMP_CACHE_BYTES, size: size)
        assertCounts(mb.reserved, cnt: 1, totalSize: size)
    }

    func test_noSpaceAbove_topDown_dropsMinAddrAndMerges() {
        var mb = setupMemblock(.topDown)
        let r1Size = SZ_64
        let r2Size = SZ_2
        let totalSize = r1Size + r2Size
        let minAddr = mb.endOfDRAM - SMP_CACHE_BYTES * 2
        // Leaves 62 bytes above min_addr, too few for the block.
        mb.reserve(minAddr, r2Size)

        let ptr = mb.allocFrom(r1Size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: minAddr - r1Size, size: totalSize)
        assertCounts(mb.reserved, cnt: 1, totalSize: totalSize)
    }

    func test_minAddrCap_topDown_takesTheStartOfDRAM() {
        var mb = setupMemblock(.topDown)
        let r1Size = SZ_64
        let startAddr = mb.startOfDRAM
        let minAddr = startAddr - SMP_CACHE_BYTES * 3
        // Everything but the first 64 bytes is taken, so top-down must end up at the start.
        mb.reserve(startAddr + r1Size, MEM_SIZE - r1Size)

        let ptr = mb.allocFrom(r1Size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: startAddr, size: MEM_SIZE)
        assertCounts(mb.reserved, cnt: 1, totalSize: MEM_SIZE)
    }

    // MARK: - bottom-up

    func test_highAddr_bottomUp_takesTheStartOfDRAM() {
        var mb = setupMemblock(.bottomUp)
        let size = SZ_32
        let minAddr = mb.endOfDRAM - SZ_8

        let ptr = mb.allocFrom(size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: size)
        assertCounts(mb.reserved, cnt: 1, totalSize: size)
    }

    func test_noSpaceAbove_bottomUp_takesTheStartOfDRAM() {
        var mb = setupMemblock(.bottomUp)
        let r1Size = SZ_64
        let minAddr = mb.startOfDRAM + SZ_128
        let r2Size = mb.endOfDRAM - minAddr
        // From one cache line below min_addr to one cache line below the end.
        mb.reserve(minAddr - SMP_CACHE_BYTES, r2Size)

        let ptr = mb.allocFrom(r1Size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: r1Size)
        assertCounts(mb.reserved, cnt: 2, totalSize: r1Size + r2Size)
    }

    func test_minAddrCap_bottomUp_takesTheStartOfDRAM() {
        var mb = setupMemblock(.bottomUp)
        let r1Size = SZ_64
        let startAddr = mb.startOfDRAM
        let minAddr = startAddr - SMP_CACHE_BYTES * 3

        let ptr = mb.allocFrom(r1Size, SMP_CACHE_BYTES, minAddr)

        XCTAssertNotNil(ptr)
        assertRegion(mb.reserved.slot(0), base: startAddr, size: r1Size)
        assertCounts(mb.reserved, cnt: 1, totalSize: r1Size)
    }

    // MARK: - The port's index

    static let portedChecks: [PortedCheck] = [
        PortedCheck("alloc_from_simple_generic_check",
                    "test_simple_topDown_startsAtMinAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_from_misaligned_generic_check",
                    "test_misaligned_topDown_roundsMinAddrUp", "test_misaligned_bottomUp_roundsMinAddrUp"),
        PortedCheck("alloc_from_top_down_high_addr_check", "test_highAddr_topDown_dropsMinAddr"),
        PortedCheck("alloc_from_top_down_no_space_above_check", "test_noSpaceAbove_topDown_dropsMinAddrAndMerges"),
        PortedCheck("alloc_from_top_down_min_addr_cap_check", "test_minAddrCap_topDown_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_high_addr_check", "test_highAddr_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_no_space_above_check", "test_noSpaceAbove_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_min_addr_cap_check", "test_minAddrCap_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_simple_check",
                    "test_simple_topDown_startsAtMinAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_from_misaligned_check",
                    "test_misaligned_topDown_roundsMinAddrUp", "test_misaligned_bottomUp_roundsMinAddrUp"),
        PortedCheck("alloc_from_high_addr_check",
                    "test_highAddr_topDown_dropsMinAddr", "test_highAddr_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_no_space_above_check",
                    "test_noSpaceAbove_topDown_dropsMinAddrAndMerges", "test_noSpaceAbove_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_min_addr_cap_check",
                    "test_minAddrCap_topDown_takesTheStartOfDRAM", "test_minAddrCap_bottomUp_takesTheStartOfDRAM"),
    ]
}

/// Linux 6.1 tools/testing/memblock/tests/alloc_api.c, ported: `memblock_alloc` and
/// `memblock_alloc_raw` on the 16K dummy memory, top-down and bottom-up.
///
/// Every test runs its check twice, like the C file: through `memblock_alloc` (zeroed) and
/// through `memblock_alloc_raw`. The byte comparison of `assert_mem_content` is the one part
/// left out (the model keeps no memory contents). A check the C runs in both directions
/// maps to two tests.
///
/// Mapping (C check → Swift test):
/// - alloc_top_down_simple_check → test_simple_topDown_takesTheLastCacheLine
/// - alloc_top_down_disjoint_check → test_disjoint_topDown_alignsBelowTheMisalignedReservation
/// - alloc_top_down_before_check → test_before_topDown_fitsAboveTheReservationAndMerges
/// - alloc_top_down_after_check → test_after_topDown_fitsBelowTheReservationAndMerges
/// - alloc_top_down_second_fit_check → test_secondFit_topDown_skipsTheSmallGapAndMerges
/// - alloc_in_between_generic_check → test_inBetween_topDown_fillsTheExactGap, test_inBetween_bottomUp_fillsTheExactGap
/// - alloc_small_gaps_generic_check → test_smallGaps_topDown_fails, test_smallGaps_bottomUp_fails
/// - alloc_all_reserved_generic_check → test_allReserved_topDown_fails, test_allReserved_bottomUp_fails
/// - alloc_no_space_generic_check → test_noSpace_topDown_fails, test_noSpace_bottomUp_fails
/// - alloc_limited_space_generic_check → test_limitedSpace_topDown_takesTheLastBytes, test_limitedSpace_bottomUp_takesTheLastBytes
/// - alloc_no_memory_generic_check → test_noMemory_topDown_failsAndReservesNothing, test_noMemory_bottomUp_failsAndReservesNothing
/// - alloc_too_large_generic_check → test_tooLarge_topDown_failsAndReservesNothing, test_tooLarge_bottomUp_failsAndReservesNothing
/// - alloc_bottom_up_simple_check → test_simple_bottomUp_takesTheStartOfDRAM
/// - alloc_bottom_up_disjoint_check → test_disjoint_bottomUp_alignsAboveTheMisalignedReservation
/// - alloc_bottom_up_before_check → test_before_bottomUp_fitsBelowTheReservationAndMerges
/// - alloc_bottom_up_after_check → test_after_bottomUp_fitsAboveTheReservationAndMerges
/// - alloc_bottom_up_second_fit_check → test_secondFit_bottomUp_skipsTheSmallGapAndMerges
/// - alloc_simple_check → test_simple_topDown_takesTheLastCacheLine, test_simple_bottomUp_takesTheStartOfDRAM
/// - alloc_disjoint_check → test_disjoint_topDown_alignsBelowTheMisalignedReservation, test_disjoint_bottomUp_alignsAboveTheMisalignedReservation
/// - alloc_before_check → test_before_topDown_fitsAboveTheReservationAndMerges, test_before_bottomUp_fitsBelowTheReservationAndMerges
/// - alloc_after_check → test_after_topDown_fitsBelowTheReservationAndMerges, test_after_bottomUp_fitsAboveTheReservationAndMerges
/// - alloc_in_between_check → test_inBetween_topDown_fillsTheExactGap, test_inBetween_bottomUp_fillsTheExactGap
/// - alloc_second_fit_check → test_secondFit_topDown_skipsTheSmallGapAndMerges, test_secondFit_bottomUp_skipsTheSmallGapAndMerges
/// - alloc_small_gaps_check → test_smallGaps_topDown_fails, test_smallGaps_bottomUp_fails
/// - alloc_all_reserved_check → test_allReserved_topDown_fails, test_allReserved_bottomUp_fails
/// - alloc_no_space_check → test_noSpace_topDown_fails, test_noSpace_bottomUp_fails
/// - alloc_limited_space_check → test_limitedSpace_topDown_takesTheLastBytes, test_limitedSpace_bottomUp_takesTheLastBytes
/// - alloc_no_memory_check → test_noMemory_topDown_failsAndReservesNothing, test_noMemory_bottomUp_failsAndReservesNothing
/// - alloc_too_large_check → test_tooLarge_topDown_failsAndReservesNothing, test_tooLarge_bottomUp_failsAndReservesNothing

import Memblock
import XCTest

private extension Memblock {
    /// `run_memblock_alloc`: `memblock_alloc`, or `memblock_alloc_raw` for the raw flavour.
    /// (Contents are not modelled: see `AllocFlavour`.)
    mutating func runMemblockAlloc(_ size: PhysAddr, _ align: PhysAddr, _ flavour: AllocFlavour) -> PhysAddr? {
        switch flavour {
        case .zeroed: return alloc(size, align)
        case .raw, .exactRaw: return allocRaw(size, align)
        }
    }
}

class KernelAllocAPITests: KernelTestCase {
    // MARK: - top-down

    func test_simple_topDown_takesTheLastCacheLine() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.topDown)
            let size = SZ_2
            let expectedStart = mb.endOfDRAM - SMP_CACHE_BYTES

            let ptr = mb.runMemblockAlloc(size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: expectedStart, size: size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: size, flavour)
        }
    }

    func test_disjoint_topDown_alignsBelowTheMisalignedReservation() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.topDown)
            let r2Size = SZ_16
            let alignment = SMP_CACHE_BYTES * 2
            let r1 = Region(base: mb.endOfDRAM - SZ_2, size: SZ_2)
            let expectedStart = mb.endOfDRAM - alignment
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAlloc(r2Size, alignment, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            // Sorted by address: the new block comes first, the old reservation second.
            assertRegion(mb.reserved.slot(1), base: r1.base, size: r1.size, flavour)
            assertRegion(mb.reserved.slot(0), base: expectedStart, size: r2Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2Size, flavour)
        }
    }

    func test_before_topDown_fitsAboveTheReservationAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.topDown)
            // The reservation ends on a cache line, so the new block touches it.
            let r1Size = SMP_CACHE_BYTES
            let r2Size = SZ_512
            let totalSize = r1Size + r2Size
            mb.reserve(mb.endOfDRAM - totalSize, r1Size)

            let ptr = mb.runMemblockAlloc(r2Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.endOfDRAM - totalSize, size: totalSize, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour)
        }
    }

    func test_after_topDown_fitsBelowTheReservationAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.topDown)
            let r2Size = SZ_512
            // The reservation starts on a cache line, so the new block touches it.
            let r1 = Region(base: mb.endOfDRAM - SMP_CACHE_BYTES, size: SZ_8)
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAlloc(r2Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: r1.base - r2Size, size: r1.size + r2Size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: r1.size + r2Size, flavour)
        }
    }

    func test_secondFit_topDown_skipsTheSmallGapAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.topDown)
            let r3Size = SZ_1K
            let r1 = Region(base: mb.endOfDRAM - SZ_512, size: SZ_512)
            let r2 = Region(base: r1.base - SZ_512, size: SZ_256)
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAlloc(r3Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: r2.base - r3Size, size: r2.size + r3Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    // MARK: - either direction

    func test_inBetween_topDown_fillsTheExactGap() { inBetween(.topDown) }
    func test_inBetween_bottomUp_fillsTheExactGap() { inBetween(.bottomUp) }

    /// Two reservations leave exactly one 64-byte hole (and a 32-byte one at each end):
    /// the block fills the hole and all three merge.
    private func inBetween(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)
            let gapSize = SMP_CACHE_BYTES
            let r3Size = SZ_64
            let rgnSize = (MEM_SIZE - (2 * gapSize + r3Size)) / 2
            let r1 = Region(base: mb.endOfDRAM - (gapSize + rgnSize), size: rgnSize)
            let r2 = Region(base: mb.startOfDRAM + gapSize, size: rgnSize)
            let totalSize = r1.size + r2.size + r3Size
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAlloc(r3Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: r1.base - r2.size - r3Size, size: totalSize, flavour, file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour, file: file, line: line)
        }
    }

    func test_smallGaps_topDown_fails() { smallGaps(.topDown) }
    func test_smallGaps_bottomUp_fails() { smallGaps(.bottomUp) }

    /// 1K reservations every 1280 bytes leave only 256-byte holes; 1K does not fit.
    private func smallGaps(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)
            let regionSize = SZ_1K
            let gapSize = SZ_256
            var regionEnd = mb.startOfDRAM
            while regionEnd < mb.endOfDRAM {
                mb.reserve(regionEnd + gapSize, regionSize)
                regionEnd += gapSize + regionSize
            }

            let ptr = mb.runMemblockAlloc(regionSize, SMP_CACHE_BYTES, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    func test_allReserved_topDown_fails() { allReserved(.topDown) }
    func test_allReserved_bottomUp_fails() { allReserved(.bottomUp) }

    private func allReserved(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)
            mb.reserve(mb.startOfDRAM, MEM_SIZE)

            let ptr = mb.runMemblockAlloc(SZ_256, SMP_CACHE_BYTES, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    func test_noSpace_topDown_fails() { noSpace(.topDown) }
    func test_noSpace_bottomUp_fails() { noSpace(.bottomUp) }

    /// 256 bytes left free; 1K asked for.
    private func noSpace(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)
            let availableSize = SZ_256
            mb.reserve(mb.startOfDRAM, MEM_SIZE - availableSize)

            let ptr = mb.runMemblockAlloc(SZ_1K, SMP_CACHE_BYTES, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
        }
    }

    func test_limitedSpace_topDown_takesTheLastBytes() { limitedSpace(.topDown) }
    func test_limitedSpace_bottomUp_takesTheLastBytes() { limitedSpace(.bottomUp) }

    /// 256 bytes left free and 256 asked for: memory ends up fully reserved, in one region.
    private func limitedSpace(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)
            let availableSize = SZ_256
            mb.reserve(mb.startOfDRAM, MEM_SIZE - availableSize)

            let ptr = mb.runMemblockAlloc(availableSize, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: MEM_SIZE, flavour, file: file, line: line)
            assertCounts(mb.reserved, cnt: 1, totalSize: MEM_SIZE, flavour, file: file, line: line)
        }
    }

    func test_noMemory_topDown_failsAndReservesNothing() { noMemory(.topDown) }
    func test_noMemory_bottomUp_failsAndReservesNothing() { noMemory(.bottomUp) }

    /// No memory registered at all (only the dummy entry).
    private func noMemory(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = resetMemblock(direction)

            let ptr = mb.runMemblockAlloc(SZ_1K, SMP_CACHE_BYTES, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: 0, size: 0, flavour, file: file, line: line)
            XCTAssertEqual(mb.reserved.totalSize, 0, "\(flavour)", file: file, line: line)
        }
    }

    func test_tooLarge_topDown_failsAndReservesNothing() { tooLarge(.topDown) }
    func test_tooLarge_bottomUp_failsAndReservesNothing() { tooLarge(.bottomUp) }

    /// Two bytes more than all of memory.
    private func tooLarge(_ direction: Direction, file: StaticString = #filePath, line: UInt = #line) {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(direction)

            let ptr = mb.runMemblockAlloc(MEM_SIZE + SZ_2, SMP_CACHE_BYTES, flavour)

            XCTAssertNil(ptr, "\(flavour)", file: file, line: line)
            assertRegion(mb.reserved.slot(0), base: 0, size: 0, flavour, file: file, line: line)
            XCTAssertEqual(mb.reserved.totalSize, 0, "\(flavour)", file: file, line: line)
        }
    }

    // MARK: - bottom-up

    func test_simple_bottomUp_takesTheStartOfDRAM() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.bottomUp)

            let ptr = mb.runMemblockAlloc(SZ_2, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: SZ_2, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: SZ_2, flavour)
        }
    }

    func test_disjoint_bottomUp_alignsAboveTheMisalignedReservation() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.bottomUp)
            let r2Size = SZ_16
            let alignment = SMP_CACHE_BYTES * 2
            let r1 = Region(base: mb.startOfDRAM + SZ_2, size: SZ_2)
            let expectedStart = mb.startOfDRAM + alignment
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAlloc(r2Size, alignment, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: r1.base, size: r1.size, flavour)
            assertRegion(mb.reserved.slot(1), base: expectedStart, size: r2Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2Size, flavour)
        }
    }

    func test_before_bottomUp_fitsBelowTheReservationAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.bottomUp)
            let r1Size = SZ_512
            let r2Size = SZ_128
            let totalSize = r1Size + r2Size
            mb.reserve(mb.startOfDRAM + r1Size, r2Size)

            let ptr = mb.runMemblockAlloc(r1Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: mb.startOfDRAM, size: totalSize, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: totalSize, flavour)
        }
    }

    func test_after_bottomUp_fitsAboveTheReservationAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.bottomUp)
            let r2Size = SZ_512
            // The reservation starts on a cache line; the hole below it is too small.
            let r1 = Region(base: mb.startOfDRAM + SMP_CACHE_BYTES, size: SZ_64)
            mb.reserve(r1.base, r1.size)

            let ptr = mb.runMemblockAlloc(r2Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(0), base: r1.base, size: r1.size + r2Size, flavour)
            assertCounts(mb.reserved, cnt: 1, totalSize: r1.size + r2Size, flavour)
        }
    }

    func test_secondFit_bottomUp_skipsTheSmallGapAndMerges() {
        for flavour in AllocFlavour.allCases {
            var mb = setupMemblock(.bottomUp)
            let r3Size = SZ_1K
            let r1 = Region(base: mb.startOfDRAM, size: SZ_512)
            let r2 = Region(base: r1.base + r1.size + SZ_512, size: SZ_256)
            mb.reserve(r1.base, r1.size)
            mb.reserve(r2.base, r2.size)

            let ptr = mb.runMemblockAlloc(r3Size, SMP_CACHE_BYTES, flavour)

            XCTAssertNotNil(ptr, "\(flavour)")
            assertRegion(mb.reserved.slot(1), base: r2.base, size: r2.size + r3Size, flavour)
            assertCounts(mb.reserved, cnt: 2, totalSize: r1.size + r2.size + r3Size, flavour)
        }
    }

    // MARK: - The port's index

    static let portedChecks: [PortedCheck] = [
        PortedCheck("alloc_top_down_simple_check", "test_simple_topDown_takesTheLastCacheLine"),
        PortedCheck("alloc_top_down_disjoint_check", "test_disjoint_topDown_alignsBelowTheMisalignedReservation"),
        PortedCheck("alloc_top_down_before_check", "test_before_topDown_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_top_down_after_check", "test_after_topDown_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_top_down_second_fit_check", "test_secondFit_topDown_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_in_between_generic_check",
                    "test_inBetween_topDown_fillsTheExactGap", "test_inBetween_bottomUp_fillsTheExactGap"),
        PortedCheck("alloc_small_gaps_generic_check", "test_smallGaps_topDown_fails", "test_smallGaps_bottomUp_fails"),
        PortedCheck("alloc_all_reserved_generic_check", "test_allReserved_topDown_fails", "test_allReserved_bottomUp_fails"),
        PortedCheck("alloc_no_space_generic_check", "test_noSpace_topDown_fails", "test_noSpace_bottomUp_fails"),
        PortedCheck("alloc_limited_space_generic_check",
                    "test_limitedSpace_topDown_takesTheLastBytes", "test_limitedSpace_bottomUp_takesTheLastBytes"),
        PortedCheck("alloc_no_memory_generic_check",
                    "test_noMemory_topDown_failsAndReservesNothing", "test_noMemory_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_too_large_generic_check",
                    "test_tooLarge_topDown_failsAndReservesNothing", "test_tooLarge_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_bottom_up_simple_check", "test_simple_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_bottom_up_disjoint_check", "test_disjoint_bottomUp_alignsAboveTheMisalignedReservation"),
        PortedCheck("alloc_bottom_up_before_check", "test_before_bottomUp_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_bottom_up_after_check", "test_after_bottomUp_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_bottom_up_second_fit_check", "test_secondFit_bottomUp_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_simple_check",
                    "test_simple_topDown_takesTheLastCacheLine", "test_simple_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_disjoint_check",
                    "test_disjoint_topDown_alignsBelowTheMisalignedReservation",
                    "test_disjoint_bottomUp_alignsAboveTheMisalignedReservation"),
        PortedCheck("alloc_before_check",
                    "test_before_topDown_fitsAboveTheReservationAndMerges",
                    "test_before_bottomUp_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_after_check",
                    "test_after_topDown_fitsBelowTheReservationAndMerges",
                    "test_after_bottomUp_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_in_between_check",
                    "test_inBetween_topDown_fillsTheExactGap", "test_inBetween_bottomUp_fillsTheExactGap"),
        PortedCheck("alloc_second_fit_check",
                    "test_secondFit_topDown_skipsTheSmallGapAndMerges", "test_secondFit_bottomUp_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_small_gaps_check", "test_smallGaps_topDown_fails", "test_smallGaps_bottomUp_fails"),
        PortedCheck("alloc_all_reserved_check", "test_allReserved_topDown_fails", "test_allReserved_bottomUp_fails"),
        PortedCheck("alloc_no_space_check", "test_noSpace_topDown_fails", "test_noSpace_bottomUp_fails"),
        PortedCheck("alloc_limited_space_check",
                    "test_limitedSpace_topDown_takesTheLastBytes", "test_limitedSpace_bottomUp_takesTheLastBytes"),
        PortedCheck("alloc_no_memory_check",
                    "test_noMemory_topDown_failsAndReservesNothing", "test_noMemory_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_too_large_check",
                    "test_tooLarge_topDown_failsAndReservesNothing", "test_tooLarge_bottomUp_failsAndReservesNothing"),
    ]
}

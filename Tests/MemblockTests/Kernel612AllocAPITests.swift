/// Linux 6.12 tools/testing/memblock/tests/alloc_api.c, ported: the checks 6.12 shares with
/// 6.1, with the same setup and assertions, run as 6.12 (`KernelAllocAPITests` holds the bodies; each
/// test is overridden here so that test discovery lists it under 6.12).
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

final class Kernel612AllocAPITests: KernelAllocAPITests {
    override class var kernel: KernelVersion { .v6_12 }

    override func test_simple_topDown_takesTheLastCacheLine() { super.test_simple_topDown_takesTheLastCacheLine() }
    override func test_disjoint_topDown_alignsBelowTheMisalignedReservation() { super.test_disjoint_topDown_alignsBelowTheMisalignedReservation() }
    override func test_before_topDown_fitsAboveTheReservationAndMerges() { super.test_before_topDown_fitsAboveTheReservationAndMerges() }
    override func test_after_topDown_fitsBelowTheReservationAndMerges() { super.test_after_topDown_fitsBelowTheReservationAndMerges() }
    override func test_secondFit_topDown_skipsTheSmallGapAndMerges() { super.test_secondFit_topDown_skipsTheSmallGapAndMerges() }
    override func test_inBetween_topDown_fillsTheExactGap() { super.test_inBetween_topDown_fillsTheExactGap() }
    override func test_inBetween_bottomUp_fillsTheExactGap() { super.test_inBetween_bottomUp_fillsTheExactGap() }
    override func test_smallGaps_topDown_fails() { super.test_smallGaps_topDown_fails() }
    override func test_smallGaps_bottomUp_fails() { super.test_smallGaps_bottomUp_fails() }
    override func test_allReserved_topDown_fails() { super.test_allReserved_topDown_fails() }
    override func test_allReserved_bottomUp_fails() { super.test_allReserved_bottomUp_fails() }
    override func test_noSpace_topDown_fails() { super.test_noSpace_topDown_fails() }
    override func test_noSpace_bottomUp_fails() { super.test_noSpace_bottomUp_fails() }
    override func test_limitedSpace_topDown_takesTheLastBytes() { super.test_limitedSpace_topDown_takesTheLastBytes() }
    override func test_limitedSpace_bottomUp_takesTheLastBytes() { super.test_limitedSpace_bottomUp_takesTheLastBytes() }
    override func test_noMemory_topDown_failsAndReservesNothing() { super.test_noMemory_topDown_failsAndReservesNothing() }
    override func test_noMemory_bottomUp_failsAndReservesNothing() { super.test_noMemory_bottomUp_failsAndReservesNothing() }
    override func test_tooLarge_topDown_failsAndReservesNothing() { super.test_tooLarge_topDown_failsAndReservesNothing() }
    override func test_tooLarge_bottomUp_failsAndReservesNothing() { super.test_tooLarge_bottomUp_failsAndReservesNothing() }
    override func test_simple_bottomUp_takesTheStartOfDRAM() { super.test_simple_bottomUp_takesTheStartOfDRAM() }
    override func test_disjoint_bottomUp_alignsAboveTheMisalignedReservation() { super.test_disjoint_bottomUp_alignsAboveTheMisalignedReservation() }
    override func test_before_bottomUp_fitsBelowTheReservationAndMerges() { super.test_before_bottomUp_fitsBelowTheReservationAndMerges() }
    override func test_after_bottomUp_fitsAboveTheReservationAndMerges() { super.test_after_bottomUp_fitsAboveTheReservationAndMerges() }
    override func test_secondFit_bottomUp_skipsTheSmallGapAndMerges() { super.test_secondFit_bottomUp_skipsTheSmallGapAndMerges() }

    /// The C checks of the 6.12 file that this port shares with 6.1, in file order.
    static let portedChecks612: [PortedCheck] = [
        PortedCheck("alloc_top_down_simple_check", "test_simple_topDown_takesTheLastCacheLine"),
        PortedCheck("alloc_top_down_disjoint_check", "test_disjoint_topDown_alignsBelowTheMisalignedReservation"),
        PortedCheck("alloc_top_down_before_check", "test_before_topDown_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_top_down_after_check", "test_after_topDown_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_top_down_second_fit_check", "test_secondFit_topDown_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_in_between_generic_check", "test_inBetween_topDown_fillsTheExactGap", "test_inBetween_bottomUp_fillsTheExactGap"),
        PortedCheck("alloc_small_gaps_generic_check", "test_smallGaps_topDown_fails", "test_smallGaps_bottomUp_fails"),
        PortedCheck("alloc_all_reserved_generic_check", "test_allReserved_topDown_fails", "test_allReserved_bottomUp_fails"),
        PortedCheck("alloc_no_space_generic_check", "test_noSpace_topDown_fails", "test_noSpace_bottomUp_fails"),
        PortedCheck("alloc_limited_space_generic_check", "test_limitedSpace_topDown_takesTheLastBytes", "test_limitedSpace_bottomUp_takesTheLastBytes"),
        PortedCheck("alloc_no_memory_generic_check", "test_noMemory_topDown_failsAndReservesNothing", "test_noMemory_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_too_large_generic_check", "test_tooLarge_topDown_failsAndReservesNothing", "test_tooLarge_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_bottom_up_simple_check", "test_simple_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_bottom_up_disjoint_check", "test_disjoint_bottomUp_alignsAboveTheMisalignedReservation"),
        PortedCheck("alloc_bottom_up_before_check", "test_before_bottomUp_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_bottom_up_after_check", "test_after_bottomUp_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_bottom_up_second_fit_check", "test_secondFit_bottomUp_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_simple_check", "test_simple_topDown_takesTheLastCacheLine", "test_simple_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_disjoint_check", "test_disjoint_topDown_alignsBelowTheMisalignedReservation", "test_disjoint_bottomUp_alignsAboveTheMisalignedReservation"),
        PortedCheck("alloc_before_check", "test_before_topDown_fitsAboveTheReservationAndMerges", "test_before_bottomUp_fitsBelowTheReservationAndMerges"),
        PortedCheck("alloc_after_check", "test_after_topDown_fitsBelowTheReservationAndMerges", "test_after_bottomUp_fitsAboveTheReservationAndMerges"),
        PortedCheck("alloc_in_between_check", "test_inBetween_topDown_fillsTheExactGap", "test_inBetween_bottomUp_fillsTheExactGap"),
        PortedCheck("alloc_second_fit_check", "test_secondFit_topDown_skipsTheSmallGapAndMerges", "test_secondFit_bottomUp_skipsTheSmallGapAndMerges"),
        PortedCheck("alloc_small_gaps_check", "test_smallGaps_topDown_fails", "test_smallGaps_bottomUp_fails"),
        PortedCheck("alloc_all_reserved_check", "test_allReserved_topDown_fails", "test_allReserved_bottomUp_fails"),
        PortedCheck("alloc_no_space_check", "test_noSpace_topDown_fails", "test_noSpace_bottomUp_fails"),
        PortedCheck("alloc_limited_space_check", "test_limitedSpace_topDown_takesTheLastBytes", "test_limitedSpace_bottomUp_takesTheLastBytes"),
        PortedCheck("alloc_no_memory_check", "test_noMemory_topDown_failsAndReservesNothing", "test_noMemory_bottomUp_failsAndReservesNothing"),
        PortedCheck("alloc_too_large_check", "test_tooLarge_topDown_failsAndReservesNothing", "test_tooLarge_bottomUp_failsAndReservesNothing"),
    ]
}

/// Linux 6.12 tools/testing/memblock/tests/alloc_nid_api.c, ported: the checks 6.12 shares with
/// 6.1, with the same setup and assertions, run as 6.12 (`KernelAllocNidAPITests` holds the bodies; each
/// test is overridden here so that test discovery lists it under 6.12).
/// 6.12 names the checks `alloc_nid_*` (6.1: `alloc_try_nid_*`) and also runs the one-region
/// checks through `memblock_alloc_exact_nid_raw` (`rangeFlavours`).
///
/// Mapping (C check → Swift test):
/// - alloc_nid_top_down_simple_check → test_simple_topDown_endsAtMaxAddr
/// - alloc_nid_top_down_end_misaligned_check → test_misaligned_topDown_endsBelowTheMisalignedMaxAddr
/// - alloc_nid_exact_address_generic_check → test_exactAddress_topDown_fillsTheWindow, test_exactAddress_bottomUp_fillsTheWindow
/// - alloc_nid_top_down_narrow_range_check → test_narrowRange_topDown_dropsMinAddr
/// - alloc_nid_low_max_generic_check → test_lowMax_topDown_fails, test_lowMax_bottomUp_fails
/// - alloc_nid_min_reserved_generic_check → test_minReserved_topDown_mergesWithTheReservationBelow, test_minReserved_bottomUp_mergesWithTheReservationBelow
/// - alloc_nid_max_reserved_generic_check → test_maxReserved_topDown_mergesWithTheReservationAbove, test_maxReserved_bottomUp_mergesWithTheReservationAbove
/// - alloc_nid_top_down_reserved_with_space_check → test_reservedWithSpace_topDown_mergesWithTheUpperReservation
/// - alloc_nid_reserved_full_merge_generic_check → test_reservedFullMerge_topDown_mergesAllThree, test_reservedFullMerge_bottomUp_mergesAllThree
/// - alloc_nid_top_down_reserved_no_space_check → test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow
/// - alloc_nid_reserved_all_generic_check → test_reservedAll_topDown_fails, test_reservedAll_bottomUp_fails
/// - alloc_nid_top_down_cap_max_check → test_capMax_topDown_endsAtTheEndOfDRAM
/// - alloc_nid_top_down_cap_min_check → test_capMin_topDown_endsAtTheEndOfDRAM
/// - alloc_nid_bottom_up_simple_check → test_simple_bottomUp_startsAtMinAddr
/// - alloc_nid_bottom_up_start_misaligned_check → test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp
/// - alloc_nid_bottom_up_narrow_range_check → test_narrowRange_bottomUp_dropsMinAddr
/// - alloc_nid_bottom_up_reserved_with_space_check → test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation
/// - alloc_nid_bottom_up_reserved_no_space_check → test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM
/// - alloc_nid_bottom_up_cap_max_check → test_capMax_bottomUp_startsAtMinAddr
/// - alloc_nid_bottom_up_cap_min_check → test_capMin_bottomUp_takesTheStartOfDRAM
/// - alloc_nid_simple_check → test_simple_topDown_endsAtMaxAddr, test_simple_bottomUp_startsAtMinAddr
/// - alloc_nid_misaligned_check → test_misaligned_topDown_endsBelowTheMisalignedMaxAddr, test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp
/// - alloc_nid_narrow_range_check → test_narrowRange_topDown_dropsMinAddr, test_narrowRange_bottomUp_dropsMinAddr
/// - alloc_nid_reserved_with_space_check → test_reservedWithSpace_topDown_mergesWithTheUpperReservation, test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation
/// - alloc_nid_reserved_no_space_check → test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow, test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM
/// - alloc_nid_cap_max_check → test_capMax_topDown_endsAtTheEndOfDRAM, test_capMax_bottomUp_startsAtMinAddr
/// - alloc_nid_cap_min_check → test_capMin_topDown_endsAtTheEndOfDRAM, test_capMin_bottomUp_takesTheStartOfDRAM
/// - alloc_nid_min_reserved_check → test_minReserved_topDown_mergesWithTheReservationBelow, test_minReserved_bottomUp_mergesWithTheReservationBelow
/// - alloc_nid_max_reserved_check → test_maxReserved_topDown_mergesWithTheReservationAbove, test_maxReserved_bottomUp_mergesWithTheReservationAbove
/// - alloc_nid_exact_address_check → test_exactAddress_topDown_fillsTheWindow, test_exactAddress_bottomUp_fillsTheWindow
/// - alloc_nid_reserved_full_merge_check → test_reservedFullMerge_topDown_mergesAllThree, test_reservedFullMerge_bottomUp_mergesAllThree
/// - alloc_nid_reserved_all_check → test_reservedAll_topDown_fails, test_reservedAll_bottomUp_fails
/// - alloc_nid_low_max_check → test_lowMax_topDown_fails, test_lowMax_bottomUp_fails
/// - alloc_nid_top_down_numa_simple_check → test_numaSimple_topDown_endsAtTheRequestedNodeEnd
/// - alloc_nid_top_down_numa_small_node_check → test_numaSmallNode_topDown_fallsBackToNode6
/// - alloc_nid_top_down_numa_node_reserved_check → test_numaNodeReserved_topDown_fallsBackToNode6
/// - alloc_nid_top_down_numa_part_reserved_check → test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd
/// - alloc_nid_top_down_numa_part_reserved_fallback_check → test_numaPartReservedFallback_topDown_fallsBackToTheLastNode
/// - alloc_nid_top_down_numa_split_range_low_check → test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd
/// - alloc_nid_top_down_numa_split_range_high_check → test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd
/// - alloc_nid_top_down_numa_no_overlap_split_check → test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd
/// - alloc_nid_top_down_numa_no_overlap_low_check → test_numaNoOverlapLow_topDown_endsAtMaxAddr
/// - alloc_nid_top_down_numa_no_overlap_high_check → test_numaNoOverlapHigh_topDown_endsAtMaxAddr
/// - alloc_nid_bottom_up_numa_simple_check → test_numaSimple_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_bottom_up_numa_small_node_check → test_numaSmallNode_bottomUp_fallsBackToNode0
/// - alloc_nid_bottom_up_numa_node_reserved_check → test_numaNodeReserved_bottomUp_fallsBackToNode0
/// - alloc_nid_bottom_up_numa_part_reserved_check → test_numaPartReserved_bottomUp_mergesInTheRequestedNode
/// - alloc_nid_bottom_up_numa_part_reserved_fallback_check → test_numaPartReservedFallback_bottomUp_fallsBackToNode0
/// - alloc_nid_bottom_up_numa_split_range_low_check → test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_bottom_up_numa_split_range_high_check → test_numaSplitRangeHigh_bottomUp_fallsBackToNode0
/// - alloc_nid_bottom_up_numa_no_overlap_split_check → test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_bottom_up_numa_no_overlap_low_check → test_numaNoOverlapLow_bottomUp_startsAtMinAddr
/// - alloc_nid_bottom_up_numa_no_overlap_high_check → test_numaNoOverlapHigh_bottomUp_startsAtMinAddr
/// - alloc_nid_numa_large_region_generic_check → test_numaLargeRegion_topDown_fails, test_numaLargeRegion_bottomUp_fails
/// - alloc_nid_numa_reserved_full_merge_generic_check → test_numaReservedFullMerge_topDown_mergesAllThree, test_numaReservedFullMerge_bottomUp_mergesAllThree
/// - alloc_nid_numa_split_all_reserved_generic_check → test_numaSplitAllReserved_topDown_fails, test_numaSplitAllReserved_bottomUp_fails
/// - alloc_nid_numa_simple_check → test_numaSimple_topDown_endsAtTheRequestedNodeEnd, test_numaSimple_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_numa_small_node_check → test_numaSmallNode_topDown_fallsBackToNode6, test_numaSmallNode_bottomUp_fallsBackToNode0
/// - alloc_nid_numa_node_reserved_check → test_numaNodeReserved_topDown_fallsBackToNode6, test_numaNodeReserved_bottomUp_fallsBackToNode0
/// - alloc_nid_numa_part_reserved_check → test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd, test_numaPartReserved_bottomUp_mergesInTheRequestedNode
/// - alloc_nid_numa_part_reserved_fallback_check → test_numaPartReservedFallback_topDown_fallsBackToTheLastNode, test_numaPartReservedFallback_bottomUp_fallsBackToNode0
/// - alloc_nid_numa_split_range_low_check → test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd, test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_numa_split_range_high_check → test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd, test_numaSplitRangeHigh_bottomUp_fallsBackToNode0
/// - alloc_nid_numa_no_overlap_split_check → test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd, test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase
/// - alloc_nid_numa_no_overlap_low_check → test_numaNoOverlapLow_topDown_endsAtMaxAddr, test_numaNoOverlapLow_bottomUp_startsAtMinAddr
/// - alloc_nid_numa_no_overlap_high_check → test_numaNoOverlapHigh_topDown_endsAtMaxAddr, test_numaNoOverlapHigh_bottomUp_startsAtMinAddr
/// - alloc_nid_numa_large_region_check → test_numaLargeRegion_topDown_fails, test_numaLargeRegion_bottomUp_fails
/// - alloc_nid_numa_reserved_full_merge_check → test_numaReservedFullMerge_topDown_mergesAllThree, test_numaReservedFullMerge_bottomUp_mergesAllThree
/// - alloc_nid_numa_split_all_reserved_check → test_numaSplitAllReserved_topDown_fails, test_numaSplitAllReserved_bottomUp_fails

import Memblock
import XCTest

final class Kernel612AllocNidAPITests: KernelAllocNidAPITests {
    override class var kernel: KernelVersion { .v6_12 }

    override func test_simple_topDown_endsAtMaxAddr() { super.test_simple_topDown_endsAtMaxAddr() }
    override func test_misaligned_topDown_endsBelowTheMisalignedMaxAddr() { super.test_misaligned_topDown_endsBelowTheMisalignedMaxAddr() }
    override func test_exactAddress_topDown_fillsTheWindow() { super.test_exactAddress_topDown_fillsTheWindow() }
    override func test_exactAddress_bottomUp_fillsTheWindow() { super.test_exactAddress_bottomUp_fillsTheWindow() }
    override func test_narrowRange_topDown_dropsMinAddr() { super.test_narrowRange_topDown_dropsMinAddr() }
    override func test_lowMax_topDown_fails() { super.test_lowMax_topDown_fails() }
    override func test_lowMax_bottomUp_fails() { super.test_lowMax_bottomUp_fails() }
    override func test_minReserved_topDown_mergesWithTheReservationBelow() { super.test_minReserved_topDown_mergesWithTheReservationBelow() }
    override func test_minReserved_bottomUp_mergesWithTheReservationBelow() { super.test_minReserved_bottomUp_mergesWithTheReservationBelow() }
    override func test_maxReserved_topDown_mergesWithTheReservationAbove() { super.test_maxReserved_topDown_mergesWithTheReservationAbove() }
    override func test_maxReserved_bottomUp_mergesWithTheReservationAbove() { super.test_maxReserved_bottomUp_mergesWithTheReservationAbove() }
    override func test_reservedWithSpace_topDown_mergesWithTheUpperReservation() { super.test_reservedWithSpace_topDown_mergesWithTheUpperReservation() }
    override func test_reservedFullMerge_topDown_mergesAllThree() { super.test_reservedFullMerge_topDown_mergesAllThree() }
    override func test_reservedFullMerge_bottomUp_mergesAllThree() { super.test_reservedFullMerge_bottomUp_mergesAllThree() }
    override func test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow() { super.test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow() }
    override func test_reservedAll_topDown_fails() { super.test_reservedAll_topDown_fails() }
    override func test_reservedAll_bottomUp_fails() { super.test_reservedAll_bottomUp_fails() }
    override func test_capMax_topDown_endsAtTheEndOfDRAM() { super.test_capMax_topDown_endsAtTheEndOfDRAM() }
    override func test_capMin_topDown_endsAtTheEndOfDRAM() { super.test_capMin_topDown_endsAtTheEndOfDRAM() }
    override func test_simple_bottomUp_startsAtMinAddr() { super.test_simple_bottomUp_startsAtMinAddr() }
    override func test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp() { super.test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp() }
    override func test_narrowRange_bottomUp_dropsMinAddr() { super.test_narrowRange_bottomUp_dropsMinAddr() }
    override func test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation() { super.test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation() }
    override func test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM() { super.test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM() }
    override func test_capMax_bottomUp_startsAtMinAddr() { super.test_capMax_bottomUp_startsAtMinAddr() }
    override func test_capMin_bottomUp_takesTheStartOfDRAM() { super.test_capMin_bottomUp_takesTheStartOfDRAM() }
    override func test_numaSimple_topDown_endsAtTheRequestedNodeEnd() { super.test_numaSimple_topDown_endsAtTheRequestedNodeEnd() }
    override func test_numaSmallNode_topDown_fallsBackToNode6() { super.test_numaSmallNode_topDown_fallsBackToNode6() }
    override func test_numaNodeReserved_topDown_fallsBackToNode6() { super.test_numaNodeReserved_topDown_fallsBackToNode6() }
    override func test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd() { super.test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd() }
    override func test_numaPartReservedFallback_topDown_fallsBackToTheLastNode() { super.test_numaPartReservedFallback_topDown_fallsBackToTheLastNode() }
    override func test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd() { super.test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd() }
    override func test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd() { super.test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd() }
    override func test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd() { super.test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd() }
    override func test_numaNoOverlapLow_topDown_endsAtMaxAddr() { super.test_numaNoOverlapLow_topDown_endsAtMaxAddr() }
    override func test_numaNoOverlapHigh_topDown_endsAtMaxAddr() { super.test_numaNoOverlapHigh_topDown_endsAtMaxAddr() }
    override func test_numaSimple_bottomUp_startsAtTheRequestedNodeBase() { super.test_numaSimple_bottomUp_startsAtTheRequestedNodeBase() }
    override func test_numaSmallNode_bottomUp_fallsBackToNode0() { super.test_numaSmallNode_bottomUp_fallsBackToNode0() }
    override func test_numaNodeReserved_bottomUp_fallsBackToNode0() { super.test_numaNodeReserved_bottomUp_fallsBackToNode0() }
    override func test_numaPartReserved_bottomUp_mergesInTheRequestedNode() { super.test_numaPartReserved_bottomUp_mergesInTheRequestedNode() }
    override func test_numaPartReservedFallback_bottomUp_fallsBackToNode0() { super.test_numaPartReservedFallback_bottomUp_fallsBackToNode0() }
    override func test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase() { super.test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase() }
    override func test_numaSplitRangeHigh_bottomUp_fallsBackToNode0() { super.test_numaSplitRangeHigh_bottomUp_fallsBackToNode0() }
    override func test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase() { super.test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase() }
    override func test_numaNoOverlapLow_bottomUp_startsAtMinAddr() { super.test_numaNoOverlapLow_bottomUp_startsAtMinAddr() }
    override func test_numaNoOverlapHigh_bottomUp_startsAtMinAddr() { super.test_numaNoOverlapHigh_bottomUp_startsAtMinAddr() }
    override func test_numaLargeRegion_topDown_fails() { super.test_numaLargeRegion_topDown_fails() }
    override func test_numaLargeRegion_bottomUp_fails() { super.test_numaLargeRegion_bottomUp_fails() }
    override func test_numaReservedFullMerge_topDown_mergesAllThree() { super.test_numaReservedFullMerge_topDown_mergesAllThree() }
    override func test_numaReservedFullMerge_bottomUp_mergesAllThree() { super.test_numaReservedFullMerge_bottomUp_mergesAllThree() }
    override func test_numaSplitAllReserved_topDown_fails() { super.test_numaSplitAllReserved_topDown_fails() }
    override func test_numaSplitAllReserved_bottomUp_fails() { super.test_numaSplitAllReserved_bottomUp_fails() }

    /// The C checks of the 6.12 file that this port shares with 6.1, in file order.
    static let portedChecks612: [PortedCheck] = [
        PortedCheck("alloc_nid_top_down_simple_check", "test_simple_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_nid_top_down_end_misaligned_check", "test_misaligned_topDown_endsBelowTheMisalignedMaxAddr"),
        PortedCheck("alloc_nid_exact_address_generic_check", "test_exactAddress_topDown_fillsTheWindow", "test_exactAddress_bottomUp_fillsTheWindow"),
        PortedCheck("alloc_nid_top_down_narrow_range_check", "test_narrowRange_topDown_dropsMinAddr"),
        PortedCheck("alloc_nid_low_max_generic_check", "test_lowMax_topDown_fails", "test_lowMax_bottomUp_fails"),
        PortedCheck("alloc_nid_min_reserved_generic_check", "test_minReserved_topDown_mergesWithTheReservationBelow", "test_minReserved_bottomUp_mergesWithTheReservationBelow"),
        PortedCheck("alloc_nid_max_reserved_generic_check", "test_maxReserved_topDown_mergesWithTheReservationAbove", "test_maxReserved_bottomUp_mergesWithTheReservationAbove"),
        PortedCheck("alloc_nid_top_down_reserved_with_space_check", "test_reservedWithSpace_topDown_mergesWithTheUpperReservation"),
        PortedCheck("alloc_nid_reserved_full_merge_generic_check", "test_reservedFullMerge_topDown_mergesAllThree", "test_reservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_nid_top_down_reserved_no_space_check", "test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow"),
        PortedCheck("alloc_nid_reserved_all_generic_check", "test_reservedAll_topDown_fails", "test_reservedAll_bottomUp_fails"),
        PortedCheck("alloc_nid_top_down_cap_max_check", "test_capMax_topDown_endsAtTheEndOfDRAM"),
        PortedCheck("alloc_nid_top_down_cap_min_check", "test_capMin_topDown_endsAtTheEndOfDRAM"),
        PortedCheck("alloc_nid_bottom_up_simple_check", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_bottom_up_start_misaligned_check", "test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp"),
        PortedCheck("alloc_nid_bottom_up_narrow_range_check", "test_narrowRange_bottomUp_dropsMinAddr"),
        PortedCheck("alloc_nid_bottom_up_reserved_with_space_check", "test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation"),
        PortedCheck("alloc_nid_bottom_up_reserved_no_space_check", "test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM"),
        PortedCheck("alloc_nid_bottom_up_cap_max_check", "test_capMax_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_bottom_up_cap_min_check", "test_capMin_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_nid_simple_check", "test_simple_topDown_endsAtMaxAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_misaligned_check", "test_misaligned_topDown_endsBelowTheMisalignedMaxAddr", "test_misaligned_bottomUp_roundsTheMisalignedMinAddrUp"),
        PortedCheck("alloc_nid_narrow_range_check", "test_narrowRange_topDown_dropsMinAddr", "test_narrowRange_bottomUp_dropsMinAddr"),
        PortedCheck("alloc_nid_reserved_with_space_check", "test_reservedWithSpace_topDown_mergesWithTheUpperReservation", "test_reservedWithSpace_bottomUp_mergesWithTheLowerReservation"),
        PortedCheck("alloc_nid_reserved_no_space_check", "test_reservedNoSpace_topDown_dropsMinAddrAndMergesBelow", "test_reservedNoSpace_bottomUp_dropsMinAddrAndTakesTheStartOfDRAM"),
        PortedCheck("alloc_nid_cap_max_check", "test_capMax_topDown_endsAtTheEndOfDRAM", "test_capMax_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_cap_min_check", "test_capMin_topDown_endsAtTheEndOfDRAM", "test_capMin_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_nid_min_reserved_check", "test_minReserved_topDown_mergesWithTheReservationBelow", "test_minReserved_bottomUp_mergesWithTheReservationBelow"),
        PortedCheck("alloc_nid_max_reserved_check", "test_maxReserved_topDown_mergesWithTheReservationAbove", "test_maxReserved_bottomUp_mergesWithTheReservationAbove"),
        PortedCheck("alloc_nid_exact_address_check", "test_exactAddress_topDown_fillsTheWindow", "test_exactAddress_bottomUp_fillsTheWindow"),
        PortedCheck("alloc_nid_reserved_full_merge_check", "test_reservedFullMerge_topDown_mergesAllThree", "test_reservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_nid_reserved_all_check", "test_reservedAll_topDown_fails", "test_reservedAll_bottomUp_fails"),
        PortedCheck("alloc_nid_low_max_check", "test_lowMax_topDown_fails", "test_lowMax_bottomUp_fails"),
        PortedCheck("alloc_nid_top_down_numa_simple_check", "test_numaSimple_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_nid_top_down_numa_small_node_check", "test_numaSmallNode_topDown_fallsBackToNode6"),
        PortedCheck("alloc_nid_top_down_numa_node_reserved_check", "test_numaNodeReserved_topDown_fallsBackToNode6"),
        PortedCheck("alloc_nid_top_down_numa_part_reserved_check", "test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_nid_top_down_numa_part_reserved_fallback_check", "test_numaPartReservedFallback_topDown_fallsBackToTheLastNode"),
        PortedCheck("alloc_nid_top_down_numa_split_range_low_check", "test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_nid_top_down_numa_split_range_high_check", "test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd"),
        PortedCheck("alloc_nid_top_down_numa_no_overlap_split_check", "test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd"),
        PortedCheck("alloc_nid_top_down_numa_no_overlap_low_check", "test_numaNoOverlapLow_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_nid_top_down_numa_no_overlap_high_check", "test_numaNoOverlapHigh_topDown_endsAtMaxAddr"),
        PortedCheck("alloc_nid_bottom_up_numa_simple_check", "test_numaSimple_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_bottom_up_numa_small_node_check", "test_numaSmallNode_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_bottom_up_numa_node_reserved_check", "test_numaNodeReserved_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_bottom_up_numa_part_reserved_check", "test_numaPartReserved_bottomUp_mergesInTheRequestedNode"),
        PortedCheck("alloc_nid_bottom_up_numa_part_reserved_fallback_check", "test_numaPartReservedFallback_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_bottom_up_numa_split_range_low_check", "test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_bottom_up_numa_split_range_high_check", "test_numaSplitRangeHigh_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_bottom_up_numa_no_overlap_split_check", "test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_bottom_up_numa_no_overlap_low_check", "test_numaNoOverlapLow_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_bottom_up_numa_no_overlap_high_check", "test_numaNoOverlapHigh_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_numa_large_region_generic_check", "test_numaLargeRegion_topDown_fails", "test_numaLargeRegion_bottomUp_fails"),
        PortedCheck("alloc_nid_numa_reserved_full_merge_generic_check", "test_numaReservedFullMerge_topDown_mergesAllThree", "test_numaReservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_nid_numa_split_all_reserved_generic_check", "test_numaSplitAllReserved_topDown_fails", "test_numaSplitAllReserved_bottomUp_fails"),
        PortedCheck("alloc_nid_numa_simple_check", "test_numaSimple_topDown_endsAtTheRequestedNodeEnd", "test_numaSimple_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_numa_small_node_check", "test_numaSmallNode_topDown_fallsBackToNode6", "test_numaSmallNode_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_numa_node_reserved_check", "test_numaNodeReserved_topDown_fallsBackToNode6", "test_numaNodeReserved_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_numa_part_reserved_check", "test_numaPartReserved_topDown_endsAtTheRequestedNodeEnd", "test_numaPartReserved_bottomUp_mergesInTheRequestedNode"),
        PortedCheck("alloc_nid_numa_part_reserved_fallback_check", "test_numaPartReservedFallback_topDown_fallsBackToTheLastNode", "test_numaPartReservedFallback_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_numa_split_range_low_check", "test_numaSplitRangeLow_topDown_endsAtTheRequestedNodeEnd", "test_numaSplitRangeLow_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_numa_split_range_high_check", "test_numaSplitRangeHigh_topDown_endsAtThePreviousNodeEnd", "test_numaSplitRangeHigh_bottomUp_fallsBackToNode0"),
        PortedCheck("alloc_nid_numa_no_overlap_split_check", "test_numaNoOverlapSplit_topDown_endsAtTheRequestedNodeEnd", "test_numaNoOverlapSplit_bottomUp_startsAtTheRequestedNodeBase"),
        PortedCheck("alloc_nid_numa_no_overlap_low_check", "test_numaNoOverlapLow_topDown_endsAtMaxAddr", "test_numaNoOverlapLow_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_numa_no_overlap_high_check", "test_numaNoOverlapHigh_topDown_endsAtMaxAddr", "test_numaNoOverlapHigh_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_nid_numa_large_region_check", "test_numaLargeRegion_topDown_fails", "test_numaLargeRegion_bottomUp_fails"),
        PortedCheck("alloc_nid_numa_reserved_full_merge_check", "test_numaReservedFullMerge_topDown_mergesAllThree", "test_numaReservedFullMerge_bottomUp_mergesAllThree"),
        PortedCheck("alloc_nid_numa_split_all_reserved_check", "test_numaSplitAllReserved_topDown_fails", "test_numaSplitAllReserved_bottomUp_fails"),
    ]
}

extension Kernel612AllocNidAPITests {
    /// `alloc_node_on_correct_nid` (6.12, run by `alloc_node_numa_on_correct_nid` in both
    /// directions; not a `_check` function): `memblock_alloc_node` on node 2 lands in node 2.
    func test_allocNode_onCorrectNid_bothDirections() {
        for direction in Direction.allCases {
            let nidReq: Int32 = 2
            var mb = setupNumaMemblock(nodeFractions, direction)
            let ptr = mb.allocNode(SZ_512, SMP_CACHE_BYTES, nid: nidReq)
            XCTAssertNotNil(ptr, direction.rawValue)
            XCTAssertEqual(mb.memory.slot(Int(nidReq)).nid, nidReq, direction.rawValue)
            let node = mb.memory.slot(Int(nidReq))
            if let ptr { XCTAssertTrue(node.base <= ptr && ptr + SZ_512 <= node.regionEnd, direction.rawValue) }
        }
    }
}

/// Linux 6.12 tools/testing/memblock/tests/alloc_helpers_api.c, ported: the checks 6.12 shares with
/// 6.1, with the same setup and assertions, run as 6.12 (`KernelAllocHelpersAPITests` holds the bodies; each
/// test is overridden here so that test discovery lists it under 6.12).
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

final class Kernel612AllocHelpersAPITests: KernelAllocHelpersAPITests {
    override class var kernel: KernelVersion { .v6_12 }

    override func test_simple_topDown_startsAtMinAddr() { super.test_simple_topDown_startsAtMinAddr() }
    override func test_simple_bottomUp_startsAtMinAddr() { super.test_simple_bottomUp_startsAtMinAddr() }
    override func test_misaligned_topDown_roundsMinAddrUp() { super.test_misaligned_topDown_roundsMinAddrUp() }
    override func test_misaligned_bottomUp_roundsMinAddrUp() { super.test_misaligned_bottomUp_roundsMinAddrUp() }
    override func test_highAddr_topDown_dropsMinAddr() { super.test_highAddr_topDown_dropsMinAddr() }
    override func test_noSpaceAbove_topDown_dropsMinAddrAndMerges() { super.test_noSpaceAbove_topDown_dropsMinAddrAndMerges() }
    override func test_minAddrCap_topDown_takesTheStartOfDRAM() { super.test_minAddrCap_topDown_takesTheStartOfDRAM() }
    override func test_highAddr_bottomUp_takesTheStartOfDRAM() { super.test_highAddr_bottomUp_takesTheStartOfDRAM() }
    override func test_noSpaceAbove_bottomUp_takesTheStartOfDRAM() { super.test_noSpaceAbove_bottomUp_takesTheStartOfDRAM() }
    override func test_minAddrCap_bottomUp_takesTheStartOfDRAM() { super.test_minAddrCap_bottomUp_takesTheStartOfDRAM() }

    /// The C checks of the 6.12 file that this port shares with 6.1, in file order.
    static let portedChecks612: [PortedCheck] = [
        PortedCheck("alloc_from_simple_generic_check", "test_simple_topDown_startsAtMinAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_from_misaligned_generic_check", "test_misaligned_topDown_roundsMinAddrUp", "test_misaligned_bottomUp_roundsMinAddrUp"),
        PortedCheck("alloc_from_top_down_high_addr_check", "test_highAddr_topDown_dropsMinAddr"),
        PortedCheck("alloc_from_top_down_no_space_above_check", "test_noSpaceAbove_topDown_dropsMinAddrAndMerges"),
        PortedCheck("alloc_from_top_down_min_addr_cap_check", "test_minAddrCap_topDown_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_high_addr_check", "test_highAddr_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_no_space_above_check", "test_noSpaceAbove_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_bottom_up_min_addr_cap_check", "test_minAddrCap_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_simple_check", "test_simple_topDown_startsAtMinAddr", "test_simple_bottomUp_startsAtMinAddr"),
        PortedCheck("alloc_from_misaligned_check", "test_misaligned_topDown_roundsMinAddrUp", "test_misaligned_bottomUp_roundsMinAddrUp"),
        PortedCheck("alloc_from_high_addr_check", "test_highAddr_topDown_dropsMinAddr", "test_highAddr_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_no_space_above_check", "test_noSpaceAbove_topDown_dropsMinAddrAndMerges", "test_noSpaceAbove_bottomUp_takesTheStartOfDRAM"),
        PortedCheck("alloc_from_min_addr_cap_check", "test_minAddrCap_topDown_takesTheStartOfDRAM", "test_minAddrCap_bottomUp_takesTheStartOfDRAM"),
    ]
}

import XCTest
@testable import Memblock

/// `memblock_double_array` frees the old array unless it is the static `memory` or
/// `reserved` one: physmem's static array is freed from `reserved` on its first doubling.
final class PhysmemStaticArrayTests: XCTestCase {
    /// A phys_map kernel whose image [16M, 32M) is reserved, with physmem filled past its
    /// four static entries (five separate ranges).
    func doubledPhysmem(staticArray: PhysAddr?) -> Memblock {
        var mb = Memblock(config: MemblockConfig(physMap: true, physmemStaticArray: staticArray))
        XCTAssertEqual(mb.add(0, 1 << 30), 0)
        XCTAssertEqual(mb.reserve(16 << 20, 16 << 20), 0)
        mb.allowResize()
        for k in 0..<5 { XCTAssertEqual(mb.physmemAdd(PhysAddr(k) << 24 | 0x10_0000, 0x1000), 0) }
        XCTAssertEqual(mb.physmem.max, 8, "physmem doubled")
        return mb
    }

    func testTheFirstPhysmemDoublingFreesTheStaticArrayFromReserved() {
        let mb = doubledPhysmem(staticArray: 0x1a0_0040)
        // The array's page, PAGE_ALIGN(4 * 24) bytes from its address, is cut out of the
        // kernel image's reservation; the new array (8 entries, one page) is reserved.
        let reserved = mb.reserved.regions.map { [$0.base, $0.end] }
        XCTAssertTrue(reserved.contains([16 << 20, 0x1a0_0040]), "\(reserved)")
        XCTAssertTrue(reserved.contains([0x1a0_1040, 32 << 20]), "\(reserved)")
        XCTAssertEqual(mb.reserved.totalSize, (16 << 20) - 0x1000 + 0x1000)
    }

    func testWithoutItsAddressTheStaticArrayLiesOutsideEveryReservation() {
        let mb = doubledPhysmem(staticArray: nil)
        XCTAssertTrue(mb.reserved.regions.contains { $0.base == 16 << 20 && $0.end == 32 << 20 })
        XCTAssertEqual(mb.reserved.totalSize, (16 << 20) + 0x1000)
    }

    func testASecondDoublingFreesTheFirstDoubledArrayNotTheStaticOneAgain() {
        var mb = doubledPhysmem(staticArray: 0x1a0_0040)
        let afterFirst = mb.reserved.totalSize
        for k in 5..<9 { XCTAssertEqual(mb.physmemAdd(PhysAddr(k) << 24 | 0x10_0000, 0x1000), 0) }
        XCTAssertEqual(mb.physmem.max, 16)
        // The one-page array of 8 is freed, the one-page array of 16 reserved: the image keeps its hole.
        XCTAssertEqual(mb.reserved.totalSize, afterFirst)
        XCTAssertFalse(mb.reserved.regions.contains { $0.base <= 0x1a0_0040 && $0.end > 0x1a0_0040 })
    }
}

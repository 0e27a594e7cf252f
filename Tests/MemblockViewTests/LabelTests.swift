import Memblock
import XCTest
@testable import MemblockView

/// Ticks and ranges in one readable unit per view.
final class LabelTests: XCTestCase {
    func test_axisLabel_neverWritesLongDecimals() {
        XCTAssertEqual(ViewFormat.axisLabel(0x3fc0_0000), "1020M")
        XCTAssertEqual(ViewFormat.axisLabel(0x3fc8_0000), "0x3fc8_0000", "1020.5M is not short: hex, not 1044992K")
        XCTAssertEqual(ViewFormat.axisLabel(0x1fff_ffff_ffff_f800), "0x1fff_ffff_ffff_f800")
        XCTAssertEqual(ViewFormat.axisLabel(512 << 20), "512M")
        XCTAssertEqual(ViewFormat.axisLabel(9999 << 10), "9999K")
        XCTAssertEqual(ViewFormat.axisLabel(10000 << 10), "0x9c_4000")
    }

    func test_labels_shareOneUnit_acrossAnAxis() {
        XCTAssertEqual(ViewFormat.labels([0, 512 << 20, 1 << 30, 3 << 29]), ["0", "0.5G", "1G", "1.5G"])
        XCTAssertEqual(ViewFormat.labels([0, 512 << 20]), ["0", "512M"], "no 0.5G when nothing reaches 1G")
        XCTAssertEqual(ViewFormat.labels([0x1000, 0x2000, 0x3000]), ["4K", "8K", "12K"])
    }

    func test_range_usesOneNotationForBothEnds() {
        XCTAssertEqual(ViewFormat.range(0, 64 << 20), "0–64M")
        XCTAssertEqual(ViewFormat.range(4 << 30, 5 << 30), "4G–5G")
        XCTAssertEqual(ViewFormat.range(0x1000, 0xbffe_0000), "0x1000–0xbffe_0000", "never 4K–0xbffe_0000")
        XCTAssertEqual(AddressWindow(lo: 0x1000, hi: 0xbffe_0000).label, "0x1000–0xbffe_0000")
    }

    func test_axisTicks_ofEveryDemoView_useOneUnit() throws {
        let units: Set<Character> = ["K", "M", "G", "T", "P", "E"]
        for (lo, hi) in [(PhysAddr(0), PhysAddr(5) << 30), (0, 0x4000_0000), (0x9_0000, 0xa_0000), (0, 0x2a0_0000)] {
            let scale = AddressScale.linear(AddressWindow(lo: lo, hi: hi), columns: 111)
            let labels = AxisTicks.ticks(for: scale).map(\.label).filter { $0 != "0" && !$0.hasPrefix("0x") }
            let suffixes = Set(labels.compactMap { $0.last }.filter { units.contains($0) })
            XCTAssertLessThanOrEqual(suffixes.count, 1, "\(labels)")
            XCTAssertFalse(labels.contains { $0.count > 7 }, "\(labels)")
        }
    }
}

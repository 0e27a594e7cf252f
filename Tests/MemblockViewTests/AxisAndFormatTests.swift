import Memblock
import XCTest
@testable import MemblockView

final class AxisAndFormatTests: XCTestCase {
    func test_axisLabel_usesUnitsForRoundAddresses_andHexOtherwise() {
        XCTAssertEqual(ViewFormat.axisLabel(0), "0")
        XCTAssertEqual(ViewFormat.axisLabel(1 << 20), "1M")
        XCTAssertEqual(ViewFormat.axisLabel(0x1_0000_0000), "4G")
        XCTAssertEqual(ViewFormat.axisLabel(0xa_0000), "640K")
        XCTAssertEqual(ViewFormat.axisLabel(0x6000_0000), "1.5G")
        XCTAssertEqual(ViewFormat.axisLabel(0x5000_0000), "1.25G")
        XCTAssertEqual(ViewFormat.axisLabel(0xf_2000_0000), "60.5G")
        XCTAssertEqual(ViewFormat.axisLabel(1 << 40), "1T")
        XCTAssertEqual(ViewFormat.axisLabel(0x9_fc01), "0x9_fc01")
    }

    func test_size_isHumanAndNeverRoundsUpToAWholeUnit() {
        XCTAssertEqual(ViewFormat.size(0), "0")
        XCTAssertEqual(ViewFormat.size(512), "512B")
        XCTAssertEqual(ViewFormat.size(4096), "4K")
        XCTAssertEqual(ViewFormat.size(0x9f000), "636K")
        XCTAssertEqual(ViewFormat.size(0x18_0000), "1.5M")
        XCTAssertEqual(ViewFormat.size(2 << 30), "2G")
        XCTAssertEqual(ViewFormat.size((4 << 30) - 4096), "3.99G")
        XCTAssertEqual(ViewFormat.size(0x244_0000), "36.2M")
        XCTAssertEqual(ViewFormat.size(.max), "15.9E")
    }

    func test_hex_groupsByFourDigits() {
        XCTAssertEqual(ViewFormat.hex(0), "0x0")
        XCTAssertEqual(ViewFormat.hex(0x9f000), "0x9_f000")
        XCTAssertEqual(ViewFormat.hex(0x1_0000_0000), "0x1_0000_0000")
        XCTAssertEqual(ViewFormat.hex(.max), "0xffff_ffff_ffff_ffff")
        XCTAssertEqual(ViewFormat.paddedHex(0x9f000, digits: 9), "0x0_0009_f000")
        XCTAssertEqual(ViewFormat.paddedHexWidth(digits: 9), 13)
    }

    func test_singleWidth_rejectsControlWideAndCombiningCharacters() {
        for ch: Character in ["a", "█", "░", "é", "─", "▏"] { XCTAssertTrue(ViewFormat.isSingleWidth(ch), "\(ch)") }
        for ch: Character in ["\t", "\n", "日", "e\u{301}", "🙂", "\u{7}"] { XCTAssertFalse(ViewFormat.isSingleWidth(ch), "\(ch)") }
    }

    func test_bufferPut_writesOneColumnPerCharacter() {
        var b = Buffer(width: 12, height: 1)
        b.put("a\t日b🙂c\n", x: 0, y: 0)
        XCTAssertEqual(b.lines, ["a ?b?c?     "])
    }

    func test_ticks_linearFitOf8GiB_areWholeGigabytes() {
        let s = AddressScale.linear(AddressWindow(lo: 0, hi: 0x2_4000_0000), columns: 71)
        XCTAssertEqual(AxisTicks.ticks(for: s).map(\.label), ["0", "1G", "2G", "3G", "4G", "5G", "6G", "7G", "8G"])
    }

    func test_ticks_neverOverlap_andStayInsideTheColumns() {
        var rng = SystemRandomNumberGenerator()
        var states = [Scene.demoBootState(), Scene.demoKinds().state, Scene.demoBuddy().state]
        var mb = Memblock()
        for i in 0..<40 { mb.add(PhysAddr(i) * 0x3_7000_1000, 0x123_4567) }
        states.append(mb)
        for _ in 0..<400 {
            let columns = Int.random(in: 1...300, using: &rng)
            let lo = UInt64.random(in: 0...(1 << 40), using: &rng)
            let hi = lo + UInt64.random(in: 1...(1 << 44), using: &rng)
            let state = states.randomElement(using: &rng)!
            let zoom: AddressWindow? = Bool.random(using: &rng) ? AddressWindow(lo: lo, hi: hi) : nil
            for mode in UIState.ScaleMode.allCases {
                let scale = AddressScale(state: state, zoom: zoom, columns: columns, mode: mode)
                let ticks = AxisTicks.ticks(for: scale)
                for t in ticks {
                    XCTAssertGreaterThanOrEqual(t.column, 0)
                    XCTAssertLessThanOrEqual(t.column + t.label.count, columns, "\(t) \(columns)")
                }
                for (a, b) in zip(ticks, ticks.dropFirst()) {
                    XCTAssertLessThan(a.column + a.label.count, b.column, "\(a) \(b) \(mode) \(columns)")
                    XCTAssertLessThan(a.address, b.address)
                }
            }
        }
    }

    func test_ticks_compressed_labelEverySpanStartAfterAGap() {
        let scene = Scene.demoKinds()
        let s = AddressScale(state: scene.state, zoom: nil, columns: 111, mode: .holesCompressed)
        let labels = AxisTicks.ticks(for: s).map(\.label)
        XCTAssertEqual(labels.first, "0")
        XCTAssertTrue(labels.contains("60G"), "\(labels)")
    }
}

import Memblock
import XCTest
@testable import MemblockView

final class AddressScaleTests: XCTestCase {
    func test_linear_mapsAddressesProportionally() {
        let s = AddressScale.linear(AddressWindow(lo: 0, hi: 0x1000), columns: 16)
        XCTAssertEqual(s.column(of: 0x800), 8.0)
        XCTAssertEqual(s.column(of: 0x880), 8.5)
        XCTAssertEqual(s.range(ofColumn: 3), AddressWindow(lo: 0x300, hi: 0x400))
        XCTAssertFalse(s.isGapColumn(3))
    }

    func test_linear_clampsOutsideTheWindow() {
        let s = AddressScale.linear(AddressWindow(lo: 0x1000, hi: 0x2000), columns: 10)
        XCTAssertEqual(s.column(of: 0), 0)
        XCTAssertEqual(s.column(of: 0x5000), 10)
        XCTAssertEqual(s.range(ofColumn: -4), s.range(ofColumn: 0))
        XCTAssertEqual(s.range(ofColumn: 99), s.range(ofColumn: 9))
    }

    func test_linear_columnRangesTileTheWindowExactly_evenForTheWholeSpace() {
        let windows = [AddressWindow(lo: 0, hi: .max), AddressWindow(lo: 0x1000, hi: 0x1_0000_0001),
                       AddressWindow(lo: 5, hi: 12), AddressWindow(lo: 0xffff_ffff_0000_0000, hi: .max)]
        for w in windows {
            for cols in [1, 7, 80, 291] {
                let s = AddressScale.linear(w, columns: cols)
                XCTAssertEqual(s.segments[0].boundary(0), w.lo)
                XCTAssertEqual(s.segments[0].boundary(cols), w.hi)
                for c in 0..<cols {
                    XCTAssertLessThanOrEqual(s.segments[0].boundary(c), s.segments[0].boundary(c + 1), "\(w) \(cols) \(c)")
                }
            }
        }
    }

    func test_linear_columnOfAnAddressLiesInThatColumnsRange() {
        let s = AddressScale.linear(AddressWindow(lo: 0, hi: 0x2_4000_0000), columns: 111)
        for addr: PhysAddr in [0, 0x9f000, 0x100_0000, 0xbfc0_0000, 0x1_0000_0000, 0x2_3fff_ffff] {
            let c = Int(s.column(of: addr))
            XCTAssertTrue(s.range(ofColumn: c).contains(addr), "\(addr)")
        }
    }

    func test_fitWindow_endsAtTheHighestRegionEnd() {
        XCTAssertEqual(AddressScale.fitWindow(Scene.demoBootState()), AddressWindow(lo: 0, hi: 0x2_4000_0000))
        XCTAssertEqual(AddressScale.fitWindow(Memblock()), AddressWindow(lo: 0, hi: 1 << 32))
    }

    /// Memory at 0–1 GiB and 60–61 GiB.
    func sparse() -> Memblock {
        var mb = Memblock()
        mb.addNode(0, 0x4000_0000, nid: 0)
        mb.addNode(0xf_0000_0000, 0x4000_0000, nid: 1)
        mb.reserve(0x10_0000, 0x1000)
        mb.reserve(0xf_0000_0000 + 0x10_0000, 0x1000)
        return mb
    }

    func test_compressed_longHoleBecomesOneMarkerColumn() {
        let s = AddressScale(state: sparse(), zoom: nil, columns: 80, mode: .holesCompressed)
        let gaps = s.segments.filter(\.isGap)
        XCTAssertEqual(gaps.count, 1)
        XCTAssertEqual(gaps[0].width, 1)
        XCTAssertEqual(gaps[0].lo, 0x4000_0000)
        XCTAssertEqual(gaps[0].hi, 0xf_0000_0000)
        XCTAssertTrue(s.isGapColumn(gaps[0].column))
        // The two spans are the same size, so they share the other 79 columns evenly.
        let spans = s.segments.filter { !$0.isGap }.map(\.width)
        XCTAssertEqual(spans.reduce(0, +), 79)
        XCTAssertLessThanOrEqual(abs(spans[0] - spans[1]), 1)
        XCTAssertEqual(s.segments.last!.column + s.segments.last!.width, 80)
    }

    func test_compressed_smallReservationAt60GiBIsAsVisibleAsOneAt1MiB() {
        let state = sparse()
        var seen = Set<BandKind>()
        let compressed = AddressScale(state: state, zoom: nil, columns: 80, mode: .holesCompressed)
        let cells = BandView.machineCells(ContiguousRegions(state), compressed, seen: &seen)
        let low = cells[Int(compressed.column(of: 0x10_0000))]
        let high = cells[Int(compressed.column(of: 0xf_0000_0000 + 0x10_0000))]
        XCTAssertEqual(low, Cell("▏", .reserved))
        XCTAssertEqual(high, low)
        // Linear: the 60 GiB one is still a sub-cell mark, but the gap eats the columns.
        let linear = AddressScale(state: state, zoom: nil, columns: 80, mode: .linear)
        let linearCells = BandView.machineCells(ContiguousRegions(state), linear, seen: &seen)
        XCTAssertEqual(linearCells[Int(linear.column(of: 0xf_0000_0000 + 0x10_0000))].role, .reserved)
        XCTAssertLessThan(linearCells.filter { $0.role == .memoryFree || $0.role == .reserved }.count, 10)
    }

    func test_compressed_withoutLongHoles_isLinear() {
        var mb = Memblock()
        mb.add(0x1000, 0x1000_0000)
        let s = AddressScale(state: mb, zoom: nil, columns: 80, mode: .holesCompressed)
        XCTAssertEqual(s.segments.count, 1)
        XCTAssertFalse(s.segments[0].isGap)
    }

    func test_compressed_manyHoles_keepAtMostAQuarterOfTheColumnsAsMarkers() {
        var mb = Memblock()
        for i in 0..<200 { mb.add(PhysAddr(i) << 32, 0x10_0000) }
        let s = AddressScale(state: mb, zoom: nil, columns: 100, mode: .holesCompressed)
        XCTAssertLessThanOrEqual(s.segments.filter(\.isGap).count, 25)
        XCTAssertEqual(s.segments.reduce(0) { $0 + $1.width }, 100)
        for (a, b) in zip(s.segments, s.segments.dropFirst()) {
            XCTAssertEqual(a.column + a.width, b.column)
            XCTAssertEqual(a.hi, b.lo)
        }
    }

    func test_shareColumns_sumsToTheTotal_andGivesEverySpanItsMinimum() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let n = Int.random(in: 1...30, using: &rng)
            let total = Int.random(in: n...400, using: &rng)
            let lengths = (0..<n).map { _ in UInt64.random(in: 1...(1 << 40), using: &rng) }
            let widths = AddressScale.shareColumns(total, among: lengths)
            XCTAssertEqual(widths.reduce(0, +), total)
            XCTAssertTrue(widths.allSatisfy { $0 >= 1 })
            if total >= 2 * n { XCTAssertTrue(widths.allSatisfy { $0 >= 2 }, "\(widths)") }
        }
    }

    func test_holeFinder_findsOnlyHolesLongerThanTheMinimum() {
        let holes = HoleFinder.holes(in: sparse(), window: AddressWindow(lo: 0, hi: 0x10_0000_0000), minLength: 0x1000)
        XCTAssertEqual(holes, [AddressWindow(lo: 0x4000_0000, hi: 0xf_0000_0000),
                               AddressWindow(lo: 0xf_4000_0000, hi: 0x10_0000_0000)])
    }
}

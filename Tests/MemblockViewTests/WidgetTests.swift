@testable import Memblock
import XCTest
@testable import MemblockView

/// The band's cells, the table's rows, the log, the explain panel and the totals.
final class WidgetTests: XCTestCase {
    func machineRow(_ state: Memblock, columns: Int = 64, node: Int32?? = .none) -> [Cell] {
        var seen = Set<BandKind>()
        let scale = AddressScale(state: state, zoom: nil, columns: columns, mode: .linear)
        return BandView.machineCells(ContiguousRegions(state), scale, node: node, seen: &seen)
    }

    func test_band_aReservationFarSmallerThanACellStillShows() {
        var mb = Memblock()
        mb.add(0, 1 << 30)
        mb.reserve(0x2000_0000, 0x1000)
        let row = machineRow(mb)
        XCTAssertEqual(row[32], Cell("▏", .reserved))
        XCTAssertEqual(row.filter { $0 == Cell("░", .memoryFree) }.count, 63)
    }

    func test_band_partlyReservedCells_useLeftBlocksByEighths() {
        var mb = Memblock()
        mb.add(0, 0x8000)
        mb.reserve(0x1000, 0x1800)  // cell 1 full; cell 2 half (8 cells of 4K over 32K)
        let row = machineRow(mb, columns: 8)
        XCTAssertEqual(row.map(\.character), ["░", "█", "▌", "░", "░", "░", "░", "░"])
    }

    func test_band_everyKindHasItsOwnGlyphAndRole() {
        let kinds = BandKind.allCases
        XCTAssertEqual(Set(kinds.map(\.glyph)).count, kinds.count)
        XCTAssertEqual(Set(kinds.map(\.role)).count, kinds.count)
        let row = machineRow(Scene.demoKinds().state, columns: 400)
        let roles = Set(row.map(\.role))
        for r: StyleRole in [.memoryFree, .reserved, .nomap, .mirror, .hotplug, .driverManaged, .hole] {
            XCTAssertTrue(roles.contains(r), "\(r)")
        }
    }

    func test_band_reservedOutsideMemory_isTheDarkShade() {
        var mb = Memblock()
        mb.add(0, 0x4000)
        mb.reserve(0x4000, 0x4000)
        XCTAssertEqual(machineRow(mb, columns: 2), [Cell("░", .memoryFree), Cell("▓", .reservedNoMemory)])
    }

    func test_nodeBand_showsOnlyThatNodesMemory() {
        var mb = Memblock()
        mb.addNode(0, 0x4000, nid: 0)
        mb.addNode(0x4000, 0x4000, nid: 1)
        XCTAssertEqual(machineRow(mb, columns: 2, node: .some(1)).map(\.role), [.hole, .memoryFree])
        XCTAssertEqual(machineRow(mb, columns: 2, node: .some(nil)).map(\.role), [.hole, .hole])
    }

    func test_buddyLane_showsTheLargestOrderInEachCell() {
        let scene = Scene.demoBuddy()
        let text = Snapshot.frame(scene, 120, 40)
        let buddyLine = text.split(separator: "\n").first { $0.hasPrefix("buddy   ") }
        XCTAssertNotNil(buddyLine)
        XCTAssertTrue(buddyLine!.contains("████"), "order-10 blocks are full bars")
        XCTAssertTrue(text.contains("buddy · 255853 pages"))
    }

    func test_stats_attributeReservedBytesToTheNodeWhoseMemoryTheyOverlap() {
        var mb = Memblock()
        mb.add(0, 0x1000)  // no node
        mb.addNode(0x1000, 0x1000, nid: 0)
        mb.addNode(0x2000, 0x2000, nid: 1)
        mb.reserve(0x1800, 0x1000)  // half on node 0, half on node 1
        mb.reserve(0x8000, 0x1000)  // outside memory
        let st = MachineStats(mb)
        XCTAssertEqual(st.memory, 0x4000)
        XCTAssertEqual(st.reserved, 0x2000)
        XCTAssertEqual(st.reservedInMemory, 0x1000)
        XCTAssertEqual(st.nodes.map(\.nid), [0, 1, nil])
        XCTAssertEqual(st.nodes.map(\.reserved), [0x800, 0x800, 0])
        XCTAssertEqual(st.nodes.map(\.free), [0x800, 0x1800, 0x1000])
        XCTAssertEqual(st.share(st.nodes[1]), 50)
    }

    func test_table_highlightsChangedRows_andFollowsTheStep() {
        let scene = Scene.demoDoubling()
        let layout = Layout.compute(scene, width: 100, height: 30)
        var b = Buffer(width: 100, height: 30)
        RegionTableView.draw(Frame(scene, layout), &b)
        let rows = (layout.table.y + 2..<layout.table.maxY).map { y in (0..<100).map { b[$0, y] } }
        let changed = rows.filter { $0[0].role == .changed }.map { String($0.map(\.character)) }
        XCTAssertEqual(changed.count, 2, "\(changed)")
        XCTAssertTrue(changed.contains { $0.contains("0x0120_0000") })
        XCTAssertTrue(changed.contains { $0.contains("0x3fff_e000") })
    }

    func test_table_showsRemovedRowsFading_andHonoursTheUsersScroll() {
        var mb = Memblock()
        mb.add(0, 1 << 30)
        for i in 0..<40 { mb.reserve(PhysAddr(i) * 0x10_0000, 0x1000) }
        let before = mb
        mb.physFree(0x50_0000, 0x1000)
        var scene = Scene(state: mb, changes: [.reserved: Scene.diff(before.reserved, mb.reserved)])
        let model = TableModel(scene, .reserved)
        XCTAssertEqual(model.rowCount, 40)
        XCTAssertEqual(model.item(atRow: 5), .removed(MemblockRegion(base: 0x50_0000, size: 0x1000, nid: 64)))
        XCTAssertEqual(model.item(atRow: 6), .region(5))
        XCTAssertEqual(model.row(ofIndex: 5), 6)
        let text = Snapshot.frame(scene, 80, 24)
        XCTAssertTrue(text.contains("   - 0x0050_0000"), text)
        scene.ui.tableScroll = 30
        let scrolled = Snapshot.frame(scene, 80, 24)
        XCTAssertTrue(scrolled.contains("  29 0x01e0_0000"), scrolled)
    }

    func test_table_physmemTabOnlyWithThePhysMap() {
        var scene = Scene.demoBoot(ui: UIState(tableTab: .physmem))
        XCTAssertEqual(RegionTableView.tab(scene), .reserved)
        scene = Scene.demoKinds()
        scene.ui.tableTab = .physmem
        XCTAssertEqual(RegionTableView.tab(scene), .physmem)
        XCTAssertTrue(Snapshot.frame(scene, 120, 40).contains(" physmem 2 "))
    }

    func test_log_showsAddressesFailuresInRedAndDebugLines() {
        let scene = Scene.demoBoot()
        let layout = Layout.compute(scene, width: 120, height: 40)
        var b = Buffer(width: 120, height: 40)
        EventLogView.draw(Frame(scene, layout), layout.log!, &b)
        let text = b.lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("memblock_alloc 1T 4K label=huge → failed: NULL"))
        XCTAssertTrue(text.contains("memblock_reserve: [0x00000000bfc00000-0x00000000bfdfffff]"))
        let failedRow = b.lines.firstIndex { $0.contains("failed: NULL") }!
        let failedColumn = b.lines[failedRow].distance(from: b.lines[failedRow].startIndex,
                                                       to: b.lines[failedRow].range(of: "failed")!.lowerBound)
        XCTAssertEqual(b[failedColumn, failedRow].role, .error)
    }

    func test_explain_numaFallback_namesTheRetryAndHighlightsTheChoice() {
        let scene = Scene.demoNumaFallback()
        let lines = ExplainView.lines(scene, rows: 40, width: 200)
        let text = lines.map { $0.map(\.0).joined() }
        XCTAssertTrue(text.contains("asked for node 1, fell back to node 0"), "\(text)")
        XCTAssertTrue(text.contains("  fallback: node 1 → any node"))
        let chosen = lines.first { $0.map(\.0).joined().hasSuffix("chosen: the first that fits") }
        XCTAssertEqual(chosen?.first { $0.0.contains("[0x10_0000") }?.1, .highlight, "\(String(describing: chosen))")
    }

    func test_explain_manyFreeRanges_areSummarised_keepingTheChosenOne() {
        var record = SearchRecord(size: 0x1000, align: 0x1000, requestedStart: 0, requestedEnd: 1 << 32, start: 0x1000,
                                  end: 1 << 32, nid: -1, flags: .none, bottomUp: true)
        for i in 0..<500 {
            let base = PhysAddr(i) * 0x10000
            record.candidates.append(SearchCandidate(start: base, end: base + 0x800, nid: 0, clampedStart: base,
                                                     clampedEnd: base + 0x800, candidate: base, verdict: .doesNotFit))
        }
        record.candidates.append(SearchCandidate(start: 0x900_0000, end: 0xa00_0000, nid: 0, clampedStart: 0x900_0000,
                                                 clampedEnd: 0xa00_0000, candidate: 0x900_0000, verdict: .chosen))
        record.result = 0x900_0000
        let scene = Scene(state: Memblock(), searches: [record])
        let text = ExplainView.lines(scene, rows: 12, width: 100).map { $0.map(\.0).joined() }
        XCTAssertLessThanOrEqual(text.count, 12)
        XCTAssertTrue(text.contains { $0.contains("… 495 more free ranges") || $0.contains("more free ranges") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("#501 [0x900_0000, 0xa00_0000)") }, "\(text)")
    }

    func test_explain_fallbackNames() {
        let a = SearchRecord(size: 0x1000, align: 0x1000, requestedStart: 0x100_0000, requestedEnd: 1 << 32,
                             start: 0x100_0000, end: 1 << 32, nid: 1, flags: .mirror, bottomUp: false)
        var b = a
        b.nid = -1
        XCTAssertEqual(ExplainView.fallback(from: a, to: b), "fallback: node 1 → any node")
        b = a
        b.flags = .none
        XCTAssertEqual(ExplainView.fallback(from: a, to: b), "fallback: mirror → non-mirror")
        b = a
        b.requestedStart = 0
        XCTAssertEqual(ExplainView.fallback(from: a, to: b), "fallback: min_addr → 0")
    }

    func test_explain_withoutSearches_saysSo() {
        let text = Snapshot.frame(Scene(state: Scene.demoBootState(), ui: UIState(explainVisible: true)), 100, 30)
        XCTAssertTrue(text.contains("This step searched no free range"))
    }

    func test_totals_showCountsOverCapacity_andTheDoubling() {
        let text = Snapshot.frame(.demoDoubling(), 120, 30)
        XCTAssertTrue(text.contains("memory 2/128 · reserved 130/256 ×2"), text)
    }
}

import Memblock
import XCTest
@testable import MemblockView

final class LayoutTests: XCTestCase {
    /// Every area of a layout, named.
    func areas(_ l: Layout) -> [(String, Rect)] {
        var out: [(String, Rect)] = [("status", l.status), ("totals", l.totals), ("bandTitle", l.bandTitle),
                                     ("marker", l.markerRow), ("axis", l.axisRow), ("legend", l.legendRow),
                                     ("table", l.table), ("hints", l.hints)]
        out += l.lanes.map { ("lane", $0.rect) }
        out += l.nodePanes.map { ("node", $0.rect) }
        for (name, r) in [("log", l.log), ("explain", l.explain), ("buddy", l.buddy), ("caption", l.caption)] {
            if let r { out.append((name, r)) }
        }
        return out
    }

    func assertSane(_ l: Layout, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(l.tooSmall, label, file: file, line: line)
        let all = areas(l)
        for (name, r) in all {
            XCTAssertTrue(r.x >= 0 && r.y >= 0 && r.maxX <= l.width && r.maxY <= l.height,
                          "\(label): \(name) \(r) outside", file: file, line: line)
        }
        for i in all.indices {
            for j in all.indices where j > i {
                let (a, b) = (all[i].1, all[j].1)
                let overlap = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
                XCTAssertFalse(overlap && !a.isEmpty && !b.isEmpty, "\(label): \(all[i].0) \(a) overlaps \(all[j].0) \(b)",
                               file: file, line: line)
            }
        }
        XCTAssertEqual(l.status.y, 0, file: file, line: line)
        XCTAssertEqual(l.hints.y, l.height - 1, file: file, line: line)
        if l.explain == nil {
            XCTAssertGreaterThanOrEqual(l.table.height, 4, "\(label): table", file: file, line: line)
        }
        XCTAssertEqual(l.bandColumns.width, l.width - Layout.gutter, file: file, line: line)
    }

    func test_referenceSizes_haveEveryPaneInsideAndNoOverlap() {
        let scenes: [(String, Scene)] = [("boot", .demoBoot()), ("numa", .demoNumaFallback()), ("buddy", .demoBuddy()),
                                         ("kinds", .demoKinds()), ("doubling", .demoDoubling())]
        for (w, h) in [(80, 24), (120, 40), (200, 60), (300, 100)] {
            for (name, scene) in scenes {
                assertSane(Layout.compute(scene, width: w, height: h), "\(name) \(w)x\(h)")
            }
        }
    }

    func test_narrowScreens_stackTheLog_wideOnesPutItBesideTheTable() {
        let scene = Scene.demoBoot()
        let narrow = Layout.compute(scene, width: 80, height: 24)
        XCTAssertEqual(narrow.log?.x, 0)
        XCTAssertGreaterThan(narrow.log!.y, narrow.table.y)
        let wide = Layout.compute(scene, width: 200, height: 60)
        XCTAssertEqual(wide.log?.y, wide.table.y)
        XCTAssertGreaterThan(wide.log!.x, wide.table.maxX - 1)
    }

    func test_nodePanes_oneEachSideBySide_andTallerOnTallScreens() {
        let l = Layout.compute(.demoBoot(), width: 120, height: 40)
        XCTAssertEqual(l.nodePanes.map(\.nid), [0, 1])
        XCTAssertEqual(l.nodePanes[0].rect.y, l.nodePanes[1].rect.y)
        XCTAssertEqual(l.nodePanes[0].rect.height, 3)
        XCTAssertEqual(Layout.compute(.demoBoot(), width: 80, height: 24).nodePanes[0].rect.height, 2)
    }

    func test_manyNodes_onNarrowScreens_reportTheHiddenOnes() {
        var mb = Memblock()
        for n in 0..<16 { mb.addNode(PhysAddr(n) << 32, 1 << 30, nid: Int32(n)) }
        let l = Layout.compute(Scene(state: mb), width: 80, height: 24)
        XCTAssertEqual(l.nodePanes.count + l.hiddenNodes, 16)
        XCTAssertGreaterThan(l.hiddenNodes, 0)
        XCTAssertTrue(Snapshot.frame(Scene(state: mb), 80, 24).contains("nodes not shown"))
        assertSane(l, "16 nodes")
    }

    func test_buddyAndExplain_getTheirPanes() {
        XCTAssertNotNil(Layout.compute(.demoBuddy(), width: 80, height: 24).buddy)
        XCTAssertNotNil(Layout.compute(.demoBuddy(), width: 200, height: 60).buddy)
        XCTAssertNotNil(Layout.compute(.demoNumaFallback(), width: 80, height: 24).explain)
        let lanes = Layout.compute(.demoBuddy(), width: 120, height: 40).lanes.map(\.lane)
        XCTAssertEqual(lanes.last, .buddy)
        XCTAssertEqual(lanes.filter { $0 == .machine }.count, 4, "a tenth of 40 rows")
    }

    func test_tallScreens_growTheBand_andTheLowerPanesFillTheRest() {
        let small = Layout.compute(.demoBoot(), width: 80, height: 24)
        let tall = Layout.compute(.demoBoot(), width: 200, height: 60)
        XCTAssertEqual(small.lanes.count, 2)
        XCTAssertEqual(tall.lanes.count, 6)
        // The table is as tall as its rows; the details pane takes the rest of its column,
        // the steps pane the whole right column, down to the caption.
        XCTAssertEqual(tall.table.height, 5 + 2)
        XCTAssertEqual(tall.details?.y, tall.table.maxY)
        XCTAssertEqual(tall.details?.maxY, tall.caption?.y)
        XCTAssertEqual(tall.log?.maxY, tall.caption?.y)
    }

    func test_caption_growsWithItsWrappedText() {
        var scene = Scene.demoBoot()
        scene.caption = String(repeating: "word ", count: 60)
        XCTAssertEqual(Layout.compute(scene, width: 80, height: 24).caption?.height, 4)
        XCTAssertEqual(Layout.compute(scene, width: 200, height: 60).caption?.height, 2)
        scene.caption = nil
        XCTAssertNil(Layout.compute(scene, width: 80, height: 24).caption)
    }

    func test_layout_isAPureFunctionOfSizeAndScene() {
        let scene = Scene.demoKinds()
        XCTAssertEqual(Layout.compute(scene, width: 137, height: 51), Layout.compute(scene, width: 137, height: 51))
        XCTAssertEqual(renderScreen(scene, width: 137, height: 51), renderScreen(scene, width: 137, height: 51))
    }

    func test_belowTheMinimum_isOneMessage() {
        for (w, h) in [(79, 24), (80, 23), (64, 18), (10, 3), (0, 0)] {
            XCTAssertTrue(Layout.compute(.demoBoot(), width: w, height: h).tooSmall)
        }
        let text = Snapshot.frame(.demoBoot(), 64, 18)
        XCTAssertEqual(text.filter { $0 != " " && $0 != "\n" }, "terminaltoosmall:64x18,need80x24")
    }

    /// Output is exactly ROWS lines of exactly COLS characters for every size from 10x3 up,
    /// in every state and with the overlays open.
    func test_everySize_givesExactlyRowsLinesOfColsCharacters() {
        var scenes: [Scene] = [.demoBoot(), .demoNumaFallback(), .demoBuddy(), .demoKinds(), .demoDoubling(),
                               Scene(state: Memblock())]
        scenes.append(.demoBoot(ui: UIState(scaleMode: .holesCompressed, helpVisible: true, searchPrompt: "x")))
        var sizes: [(Int, Int)] = [(0, 0), (1, 1), (5, 2), (10, 3)]
        for w in 10...140 { for h in [3, 12, 23, 24, 25, 41] { sizes.append((w, h)) } }
        for h in 3...70 { for w in [10, 45, 79, 80, 81, 139, 140, 201] { sizes.append((w, h)) } }
        for w in 76...86 { for h in 20...28 { sizes.append((w, h)) } }
        sizes += [(300, 100), (299, 99), (250, 80)]
        for (i, (w, h)) in sizes.enumerated() {
            let scene = scenes[i % scenes.count]
            let text = HeadlessOutput.text(renderScreen(scene, width: w, height: h))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, h, "\(w)x\(h)")
            for line in lines where line.count != w {
                XCTFail("\(w)x\(h): a line of \(line.count) characters: \(line)")
                break
            }
            XCTAssertTrue(text.allSatisfy { $0 == "\n" || ViewFormat.isSingleWidth($0) }, "\(w)x\(h)")
        }
    }
}

import Memblock
import XCTest
@testable import MemblockView

/// Headless text and ANSI output, and hit-testing for the mouse.
final class OutputAndHitTests: XCTestCase {
    let esc = "\u{1b}"

    func test_text_isExactlyRowsLinesOfColsCharacters() {
        let text = HeadlessOutput.render(.demoBoot(), width: 120, height: 40, format: .text, theme: Theme(name: "x", styles: [:]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 41)
        XCTAssertEqual(lines.last, "")
        XCTAssertTrue(lines.dropLast().allSatisfy { $0.count == 120 })
        XCTAssertEqual(HeadlessOutput.text(Buffer(width: 0, height: 0)), "")
    }

    func test_sgr_selectsTheStyleFromAReset() {
        XCTAssertEqual(HeadlessOutput.sgr(Style(foreground: RGB(255, 0, 0), bold: true)), "\(esc)[0;1;38;5;196m")
        XCTAssertEqual(HeadlessOutput.sgr(Style(foreground: nil, background: RGB(0, 0, 0), underline: true, reverse: true)),
                       "\(esc)[0;4;7;48;5;16m")
        XCTAssertEqual(HeadlessOutput.sgr(Style(), extraBold: true), "\(esc)[0;1m")
    }

    func test_ansi_resetsAtEveryLineEnd_andSwitchesStyleOnlyWhereItChanges() throws {
        var b = Buffer(width: 6, height: 2)
        b.put("ab", x: 0, y: 0, role: .reserved)
        b.put("cd", x: 2, y: 0, role: .reserved)
        b.put("ef", x: 4, y: 0, role: .error, bold: true)
        let theme = try XCTUnwrap(ThemeLoader.builtin("default"))
        let out = HeadlessOutput.ansi(b, theme: theme)
        let reserved = HeadlessOutput.sgr(theme.style(.reserved))
        let error = HeadlessOutput.sgr(theme.style(.error), extraBold: true)
        let normal = HeadlessOutput.sgr(theme.style(.normal))
        XCTAssertEqual(out, "\(reserved)abcd\(error)ef\(esc)[0m\n\(normal)      \(esc)[0m\n")
    }

    func test_ansi_ofAWholeFrame_hasRowsLines_andMonoHasNoColours() throws {
        for name in ThemeLoader.builtinNames {
            let theme = try XCTUnwrap(ThemeLoader.builtin(name))
            let out = HeadlessOutput.render(.demoBuddy(), width: 100, height: 30, format: .ansi, theme: theme)
            let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, 30)
            XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\(esc)[0m") && $0.hasPrefix("\(esc)[0") })
            // Stripping the escapes gives back the text frame.
            let stripped = out.replacingOccurrences(of: "\(esc)\\[[0-9;]*m", with: "", options: .regularExpression)
            XCTAssertEqual(stripped, HeadlessOutput.render(.demoBuddy(), width: 100, height: 30, format: .text, theme: theme))
            XCTAssertEqual(out.contains("38;5;"), name != "mono", name)
        }
    }

    // MARK: hit-testing

    func test_hit_onTheBand_givesTheAddressAndTheRegionThere() throws {
        let scene = Scene.demoBoot()
        let layout = Layout.compute(scene, width: 120, height: 40)
        let lane = layout.lanes[0].rect
        let scale = AddressScale(state: scene.state, zoom: nil, columns: lane.width, mode: .linear)
        // The kernel image at 16 MiB lies in the first column.
        let x = lane.x + Int(scale.column(of: 0x100_0000))
        guard case .band(let addr, let cell, let region)? = hitTest(scene, width: 120, height: 40, x: x, y: lane.y) else {
            return XCTFail("no band hit")
        }
        XCTAssertEqual(addr, cell.lo)
        XCTAssertTrue(cell.contains(0x100_0000))
        XCTAssertEqual(region, RegionRef(.reserved, 0))
        // A column in node 1's free memory: the memory region.
        let x2 = lane.x + Int(scale.column(of: 0x2_0000_0000))
        guard case .band(_, _, let r2)? = hitTest(scene, width: 120, height: 40, x: x2, y: lane.y) else {
            return XCTFail("no band hit")
        }
        XCTAssertEqual(r2, RegionRef(.memory, 3))
    }

    func test_hit_inTheHole_hasNoRegion() throws {
        let scene = Scene.demoBoot()
        let layout = Layout.compute(scene, width: 120, height: 40)
        let lane = layout.lanes[0].rect
        let scale = AddressScale(state: scene.state, zoom: nil, columns: lane.width, mode: .linear)
        let x = lane.x + Int(scale.column(of: 0xe000_0000))
        guard case .band(_, _, let region)? = hitTest(scene, width: 120, height: 40, x: x, y: lane.y) else {
            return XCTFail("no band hit")
        }
        XCTAssertNil(region)
    }

    func test_hit_onANodeBand_usesThatNodesScale() throws {
        let scene = Scene.demoBoot()
        let pane = Layout.compute(scene, width: 120, height: 40).nodePanes[1]
        guard case .band(let addr, _, let region)? = hitTest(scene, width: 120, height: 40, x: pane.band.x, y: pane.band.y) else {
            return XCTFail("no node band hit")
        }
        XCTAssertEqual(addr, 0x1_4000_0000)
        XCTAssertEqual(region, RegionRef(.memory, 3))
    }

    func test_hit_onTableRowsAndTabs() throws {
        let scene = Scene.demoBoot()
        let layout = Layout.compute(scene, width: 120, height: 40)
        XCTAssertEqual(hitTest(scene, width: 120, height: 40, x: 5, y: layout.table.y + 2 + 3), .tableRow(RegionRef(.reserved, 3)))
        let tabs = RegionTableView.tabSpans(Frame(scene, layout))
        XCTAssertEqual(hitTest(scene, width: 120, height: 40, x: tabs[0].x + 1, y: layout.table.y), .tableTab(.memory))
        XCTAssertEqual(hitTest(scene, width: 120, height: 40, x: 50, y: layout.table.y + 1), .pane(.table), "the header row")
        XCTAssertEqual(hitTest(scene, width: 120, height: 40, x: 50, y: layout.log!.y + 1), .pane(.log))
        XCTAssertEqual(hitTest(scene, width: 120, height: 40, x: 50, y: layout.axisRow.y), .pane(.band))
    }

    func test_hit_followsTheTablesScroll() {
        let scene = Scene.demoDoubling()
        let layout = Layout.compute(scene, width: 100, height: 30)
        let frame = Frame(scene, layout)
        let first = RegionTableView.offset(frame, TableModel(scene, .reserved))
        XCTAssertGreaterThan(first, 0)
        XCTAssertEqual(hitTest(scene, width: 100, height: 30, x: 3, y: layout.table.y + 2), .tableRow(RegionRef(.reserved, first)))
    }

    func test_hit_nothingOutsideUnderHelpOrOnATooSmallScreen() {
        XCTAssertNil(hitTest(.demoBoot(), width: 60, height: 20, x: 3, y: 3))
        XCTAssertNil(hitTest(.demoBoot(), width: 120, height: 40, x: -1, y: 3))
        XCTAssertNil(hitTest(.demoBoot(), width: 120, height: 40, x: 120, y: 3))
        XCTAssertNil(hitTest(.demoBoot(), width: 120, height: 40, x: 3, y: 0))
        XCTAssertNil(hitTest(.demoBoot(ui: UIState(helpVisible: true)), width: 120, height: 40, x: 60, y: 20))
    }
}

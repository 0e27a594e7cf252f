@testable import Memblock
import XCTest
@testable import MemblockView

/// The explain panel teaches first fit: the choice highlighted, rejections dimmed with a
/// reason, the clamps on an axis, nodes by name, and a cursor to walk the search.
final class ExplainTests: XCTestCase {
    /// A bottom-up search over three free ranges: two too small, the third chosen.
    static func threeRangeScene(cursor: Int? = nil) -> Scene {
        var mb = Scene.recordingMemblock()
        mb.add(0x1000, 0x3fff_f000)
        mb.reserve(0x1000, 0x1000)
        mb.reserve(0x2800, 0x800)   // free [0x2000, 0x2800): 2K
        mb.reserve(0x3c00, 0x400)   // free [0x3000, 0x3c00): 3K
        mb.reserve(0x5000, 0x1000)  // free [0x4000, 0x5000): 4K
        mb.setBottomUp(true)
        mb.log.removeAll()
        _ = mb.alloc(0x1000, 0x1000)
        var ui = UIState(explainVisible: true)
        ui.explainCandidate = cursor
        return Scene(state: mb, step: 6, stepCount: 6, operationText: "memblock_alloc 4K 4K", searches: mb.log.searches, ui: ui)
    }

    static func text(_ lines: [ExplainView.Line]) -> [String] { lines.map { $0.map(\.0).joined() } }

    func test_rejectedCandidates_areDimmed_withTheirReason_andOnlyTheChosenIsHighlighted() {
        let lines = ExplainView.lines(Self.threeRangeScene(), rows: 40, width: 120)
        let text = Self.text(lines)
        let rejected = lines.filter { $0.map(\.0).joined().contains("✗") }
        XCTAssertEqual(rejected.count, 2, "\(text)")
        for line in rejected {
            XCTAssertFalse(line.contains { $0.1 == .highlight }, "a rejected range is never highlighted: \(line)")
            XCTAssertTrue(line.filter { !$0.0.trimmingCharacters(in: .whitespaces).isEmpty }.allSatisfy { $0.1 == .dim })
        }
        XCTAssertTrue(text.contains { $0.contains("[0x2000, 0x2800)") && $0.contains("✗ too small: 2K usable, needs 4K") }, "\(text)")
        let chosen = lines.filter { $0.contains { $0.1 == .highlight } && $0.map(\.0).joined().contains("#") }
        XCTAssertEqual(chosen.count, 1)
        XCTAssertTrue(Self.text(chosen)[0].contains("[0x4000, 0x5000)"))
    }

    func test_clampAxis_namesThePageSizeFloor_andCurrentLimit() {
        let text = Self.text(ExplainView.lines(Self.threeRangeScene(), rows: 40, width: 120))
        XCTAssertTrue(text.contains { $0.contains("↑ 4K PAGE_SIZE floor") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("current_limit ANYWHERE ↑") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("━") && $0.contains("◆") && $0.hasSuffix(") 1G") }, "the axis marks the window and the result: \(text)")
    }

    func test_clampAxis_minAndMaxAddr() {
        var s = SearchRecord(size: 0x1000, align: 0x1000, requestedStart: 0x100_0000, requestedEnd: 0x4000_0000,
                             start: 0x100_0000, end: 0x4000_0000, nid: -1, flags: .none, bottomUp: false)
        s.result = 0x3fff_f000
        var mb = Memblock()
        mb.add(0, 0x8000_0000)
        let text = Self.text(ClampAxis.lines(s, mb, width: 100))
        XCTAssertEqual(text.count, 2, "\(text)")
        XCTAssertTrue(text[0].hasSuffix(" 2G"), text[0])
        XCTAssertTrue(text[1].contains("↑ 16M min_addr") && text[1].hasSuffix("max_addr 1G ↑"), text[1])
        // The window ends at 1G, half way along a 2G axis.
        let close = text[0].distance(from: text[0].startIndex, to: text[0].firstIndex(of: ")")!)
        XCTAssertEqual(close, 2 + 47, accuracy: 1)
    }

    func test_clampAxis_ofAWindowFarBelowTheEndOfMemory_spansHalfAgainTheWindow() {
        var s = SearchRecord(size: 0x7000, align: 0x1000, requestedStart: 0, requestedEnd: 0x10_0000,
                             start: 0x1000, end: 0x10_0000, nid: -1, flags: .none, bottomUp: false)
        s.result = 0x98000
        var mb = Memblock()
        mb.add(0x1000, 0x1_3fff_f000)
        let text = Self.text(ClampAxis.lines(s, mb, width: 80))
        XCTAssertTrue(text[0].hasSuffix(" 1.5M"), text[0])
        XCTAssertTrue(text[1].contains("↑ 4K PAGE_SIZE floor") && text[1].hasSuffix("max_addr 1M ↑"), text[1])
        let open = text[0].distance(from: text[0].startIndex, to: text[0].firstIndex(of: ")")!)
        XCTAssertGreaterThan(open, 40, "the window fills two thirds of the axis: \(text[0])")
    }

    func test_aVeryShortPanel_keepsTheResultAndTheChosenRange() {
        let text = Self.text(ExplainView.lines(Self.threeRangeScene(), rows: 4, width: 120))
        XCTAssertLessThanOrEqual(text.count, 4, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("result: 0x4000") }, "\(text)")
        XCTAssertTrue(text.contains { $0.contains("#3 [0x4000, 0x5000)") && $0.contains("chosen") }, "\(text)")
    }

    func test_nodeNames_areAnyNode_orTheNodesName_neverMAX_NUMNODES() {
        let scene = Scene.demoNumaFallback()
        var named = scene
        named.nodeNames = [0: "node 0 (2 GiB)", 1: "node 1 (2 GiB)"]
        let text = Self.text(ExplainView.lines(named, rows: 40, width: 200)).joined(separator: "\n")
        XCTAssertTrue(text.contains("search 1/2: 1M align 4K, node 1 (2 GiB)"), text)
        XCTAssertTrue(text.contains("any node"), text)
        XCTAssertTrue(text.contains("on node 0 (2 GiB)"), text)
        var noNode = Memblock(config: MemblockConfig())
        noNode.config.numa = true
        XCTAssertEqual(ExplainView.nodeName(noNode.config.maxNumnodes, Scene(state: noNode)), "no node")
        XCTAssertEqual(ExplainView.nodeName(numaNoNode, Scene(state: noNode)), "any node")
        XCTAssertFalse(text.contains("node 64") || text.contains("node 1024"))
    }

    func test_candidateCursor_showsTheSearchOneRangeAtATime() {
        let first = Self.text(ExplainView.lines(Self.threeRangeScene(cursor: 0), rows: 40, width: 120))
        XCTAssertTrue(first.contains { $0.contains("searching: free range 1 of 3") }, "\(first)")
        XCTAssertTrue(first.contains { $0.hasPrefix("  ▸ #1") && $0.contains("✗") }, "\(first)")
        XCTAssertTrue(first.contains { $0.contains("… 2 not visited yet") }, "\(first)")
        XCTAssertFalse(first.contains { $0.contains("chosen") }, "the choice is not told before the cursor gets there")
        let last = Self.text(ExplainView.lines(Self.threeRangeScene(cursor: 2), rows: 40, width: 120))
        XCTAssertTrue(last.contains { $0.hasPrefix("result: 0x4000") }, "\(last)")
        XCTAssertTrue(last.contains { $0.hasPrefix("  ▸ #3") && $0.contains("chosen") }, "\(last)")
        let beyond = Self.text(ExplainView.lines(Self.threeRangeScene(cursor: 99), rows: 40, width: 120))
        XCTAssertEqual(beyond, last, "a cursor past the end shows the last range")
    }

    func test_panelTitle_countsTheCursor() {
        let scene = Self.threeRangeScene(cursor: 1)
        let screen = renderScreen(scene, width: 120, height: 40).text
        XCTAssertTrue(screen.contains("explain · first fit · free range 2/3"), screen)
    }
}

@testable import Memblock
import MemblockReplay
import XCTest
@testable import MemblockView

/// Follow the change: a step's change smaller than a cell is shown magnified in an inset.
final class BandInsetTests: XCTestCase {
    /// The default demo at `step`, as `mbviz render` builds it.
    func scene(_ step: Int) throws -> Scene {
        let trace = try Demos.default.trace()
        return SceneBuilder(controller: Controller(timeline: Timeline(trace: trace), start: step), showsCaptions: true)
            .scene(ui: UIState())
    }

    func test_smallChange_isMagnified_withItsAddress_awayFromTheChange() throws {
        // Step 14: the 28 KiB trampoline at 0x98000 on a 5 GiB axis.
        let s = try scene(14)
        let layout = Layout.compute(s, width: 120, height: 40)
        let focus = try XCTUnwrap(BandInset.focus(s, Frame(s, layout).scale))
        XCTAssertEqual(focus.change, AddressWindow(lo: 0x98000, hi: 0x9f000), "only the new bytes, not the BIOS region it merged with")
        XCTAssertTrue(focus.window.contains(0x98000) && focus.window.contains(0x9efff))
        XCTAssertGreaterThanOrEqual(focus.window.length, 4 * focus.change.length)
        let lines = renderScreen(s, width: 120, height: 40).lines
        let band = lines.firstIndex { $0.hasPrefix("memblock ") }!
        XCTAssertTrue(lines[band].contains("magnified ×"), lines[band])
        // The change is at the left, so the inset sits at the right.
        let inset = lines[band].range(of: "┃")!.lowerBound
        XCTAssertGreaterThan(lines[band].distance(from: lines[band].startIndex, to: inset), 60)
        let axis = lines[band + 5]
        XCTAssertTrue(axis.contains("608K"), "the change's address (0x98000) is labelled, in the unit of the inset's ends: \(axis)")
        XCTAssertTrue(lines[band + 1].contains("█"), "the trampoline is visible as reserved cells: \(lines[band + 1])")
    }

    func test_wideChange_needsNoInset() throws {
        var mb = Memblock()
        mb.add(0, 1 << 30)
        let before = mb
        mb.reserve(0, 256 << 20)
        let s = Scene(state: mb, step: 1, stepCount: 1, changes: [.reserved: Scene.diff(before.reserved, mb.reserved)])
        XCTAssertNil(BandInset.focus(s, Frame(s, Layout.compute(s, width: 120, height: 40)).scale))
        XCTAssertFalse(renderScreen(s, width: 120, height: 40).text.contains("magnified"))
    }

    func test_stepWithoutChange_hasNoInset() throws {
        let dump = try scene(13)
        XCTAssertNil(BandInset.changedSpan(dump), "memblock_dump_all changes nothing")
        XCTAssertFalse(renderScreen(dump, width: 120, height: 40).text.contains("magnified"))
    }
}

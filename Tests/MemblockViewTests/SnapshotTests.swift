import Memblock
import XCTest
@testable import MemblockView

/// Whole frames compared with golden text files (see `Snapshot`).
final class SnapshotTests: XCTestCase {
    func test_boot_atEachReferenceSize() {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            Snapshot.assertMatches(Snapshot.frame(.demoBoot(), w, h), "boot-\(w)x\(h)")
        }
    }

    func test_boot_holesCompressed_withSelection() {
        var ui = UIState(selection: RegionRef(.reserved, 1), scaleMode: .holesCompressed)
        ui.focus = .table
        Snapshot.assertMatches(Snapshot.frame(.demoBoot(ui: ui), 140, 40), "boot-compressed-selected-140x40")
    }

    func test_boot_zoomedOnLowMemory() {
        let ui = UIState(zoom: AddressWindow(lo: 0, hi: 0x400_0000))
        Snapshot.assertMatches(Snapshot.frame(.demoBoot(ui: ui), 120, 30), "boot-zoom-low-120x30")
    }

    func test_arrayDoubling_showsReservedMax256() {
        let scene = Scene.demoDoubling()
        XCTAssertEqual(scene.state.reserved.max, 256)
        let text = Snapshot.frame(scene, 100, 30)
        XCTAssertTrue(text.contains("reserved 130/256"), text)
        Snapshot.assertMatches(text, "doubling-100x30")
    }

    func test_numaFallback_explainPanel() {
        let scene = Scene.demoNumaFallback()
        XCTAssertEqual(scene.searches.count, 2)
        Snapshot.assertMatches(Snapshot.frame(scene, 120, 40), "numa-fallback-explain-120x40")
        Snapshot.assertMatches(Snapshot.frame(scene, 160, 45), "numa-fallback-explain-160x45")
        Snapshot.assertMatches(Snapshot.frame(scene, 80, 24), "numa-fallback-explain-80x24")
    }

    func test_numaFallback_withoutExplain() {
        Snapshot.assertMatches(Snapshot.frame(.demoNumaFallback(explain: false), 100, 30), "numa-fallback-100x30")
    }

    func test_buddyView_afterFreeAll() {
        let scene = Scene.demoBuddy()
        Snapshot.assertMatches(Snapshot.frame(scene, 120, 40), "buddy-120x40")
        Snapshot.assertMatches(Snapshot.frame(scene, 80, 24), "buddy-80x24")
        Snapshot.assertMatches(Snapshot.frame(scene, 200, 60), "buddy-200x60")
    }

    func test_everyKind_linearAndCompressed() {
        var scene = Scene.demoKinds()
        Snapshot.assertMatches(Snapshot.frame(scene, 120, 40), "kinds-linear-120x40")
        scene.ui.scaleMode = .holesCompressed
        scene.ui.tableTab = .memory
        Snapshot.assertMatches(Snapshot.frame(scene, 120, 40), "kinds-compressed-120x40")
        scene.ui.tableTab = .physmem
        Snapshot.assertMatches(Snapshot.frame(scene, 300, 100), "kinds-compressed-physmem-300x100")
    }

    func test_helpOverlay() {
        let scene = Scene.demoBoot(ui: UIState(helpVisible: true))
        Snapshot.assertMatches(Snapshot.frame(scene, 80, 24), "help-80x24")
    }

    func test_searchPrompt_andMessage() {
        var scene = Scene.demoBoot(ui: UIState(searchPrompt: "search: pgtab"))
        Snapshot.assertMatches(Snapshot.frame(scene, 100, 30), "search-prompt-100x30")
        scene.ui.searchPrompt = nil
        scene.ui.message = "no region labelled 'pgtab'"
        scene.playback = PlaybackInfo(isPlaying: true, speed: 2.5, lecture: true, breakpointHit: "memblock_alloc")
        scene.expectationFailures = ["line 12: expected 0xbfc00000, got 0xbfa00000"]
        Snapshot.assertMatches(Snapshot.frame(scene, 100, 30), "lecture-playing-100x30")
    }

    func test_tooSmall() {
        Snapshot.assertMatches(Snapshot.frame(.demoBoot(), 64, 18), "too-small-64x18")
        Snapshot.assertMatches(Snapshot.frame(.demoBoot(), 20, 5), "too-small-20x5")
    }

    func test_emptyState() {
        Snapshot.assertMatches(Snapshot.frame(Scene(state: Memblock()), 80, 24), "empty-80x24")
    }
}

import Memblock
import XCTest
@testable import MemblockView

/// Random scenes, view settings and sizes: every frame has the right shape and nothing
/// traps (extreme zooms, stale selections and change indices, wild scroll offsets).
final class RobustnessTests: XCTestCase {
    func randomUI(_ rng: inout SystemRandomNumberGenerator) -> UIState {
        let addresses: [PhysAddr] = [0, 1, 0x1000, 0x9f000, 0xffff_ffff, 0x1_0000_0000, .max - 1, .max]
        var ui = UIState()
        ui.focus = UIState.Pane.allCases.randomElement(using: &rng)!
        ui.tableTab = MemblockTypeKind.allCases.randomElement(using: &rng)!
        ui.tableScroll = [nil, -5, 0, 3, 1_000_000].randomElement(using: &rng)!
        ui.logScroll = [-3, 0, 2, 999].randomElement(using: &rng)!
        ui.selection = [nil, RegionRef(.reserved, 0), RegionRef(.memory, 2), RegionRef(.physmem, 99),
                        RegionRef(.reserved, -1)].randomElement(using: &rng)!
        if Bool.random(using: &rng) {
            ui.zoom = AddressWindow(lo: addresses.randomElement(using: &rng)!, hi: addresses.randomElement(using: &rng)!)
        }
        ui.scaleMode = UIState.ScaleMode.allCases.randomElement(using: &rng)!
        ui.helpVisible = Int.random(in: 0..<5, using: &rng) == 0
        ui.explainVisible = Bool.random(using: &rng)
        ui.searchPrompt = ["search: 日本", nil, "go to step: \t12"].randomElement(using: &rng)!
        ui.message = [nil, "a message\nwith a newline"].randomElement(using: &rng)!
        return ui
    }

    func test_randomScenesAndSizes_neverTrap_andKeepTheirShape() {
        var rng = SystemRandomNumberGenerator()
        let scenes: [Scene] = [.demoBoot(), .demoNumaFallback(), .demoBuddy(), .demoKinds(), .demoDoubling(), Scene(state: Memblock())]
        for _ in 0..<600 {
            var scene = scenes.randomElement(using: &rng)!
            scene.ui = randomUI(&rng)
            if Bool.random(using: &rng) {
                scene.changes = [.reserved: RegionChangeInfo(changed: [-1, 0, 7, 10_000],
                                                             removed: [MemblockRegion(base: .max - 10, size: 10, nid: 0)])]
            }
            scene.caption = ["日本語のキャプション 🙂", nil, String(repeating: "long ", count: 80)].randomElement(using: &rng)!
            let w = Int.random(in: 0...260, using: &rng), h = Int.random(in: 0...90, using: &rng)
            let b = renderScreen(scene, width: w, height: h)
            XCTAssertEqual(b.lines.count, h)
            XCTAssertTrue(b.lines.allSatisfy { $0.count == w })
            XCTAssertTrue(b.cells.allSatisfy { ViewFormat.isSingleWidth($0.character) }, "\(w)x\(h)")
            _ = hitTest(scene, width: w, height: h, x: Int.random(in: -2...w + 2, using: &rng), y: Int.random(in: -2...h + 2, using: &rng))
            _ = tableScrollPosition(scene, width: w, height: h)
        }
    }

    func test_extremeWindows_scaleWithoutTrapping() {
        for (lo, hi) in [(PhysAddr.max, PhysAddr.max), (PhysAddr.max - 1, PhysAddr.max), (0, PhysAddr.max), (5, 5)] {
            for cols in [1, 2, 3, 80] {
                for mode in UIState.ScaleMode.allCases {
                    let s = AddressScale(state: Scene.demoKinds().state, zoom: AddressWindow(lo: lo, hi: hi), columns: cols, mode: mode)
                    var seen = Set<BandKind>()
                    XCTAssertEqual(BandView.machineCells(ContiguousRegions(Scene.demoKinds().state), s, seen: &seen).count, cols)
                    _ = AxisTicks.ticks(for: s)
                }
            }
        }
    }
}

import Dispatch
import Foundation
import Memblock
import XCTest
@testable import MemblockView

/// A state of 10 000 reserved regions: the frame is still exact, and with
/// `MBVIZ_PRINT_FRAME_TIME=1` the median time to compose a 200x60 frame is printed (no
/// timing assertions here; `mbviz bench` measures it in a release build).
final class LargeStateTests: XCTestCase {
    static func tenThousandRegions() -> Memblock {
        var mb = Memblock()
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0x1_0000_0000 - 0x10_0000, nid: 0)
        mb.addNode(0x1_0000_0000, 0x4_0000_0000, nid: 1)
        mb.allowResize()
        mb.setCurrentLimit(0x1_0000_0000)
        for i in 0..<9_990 { mb.reserve(0x100_0000 + PhysAddr(i) * 0x8_0000, 0x1000) }
        return mb
    }

    func test_tenThousandRegions_renderEveryViewExactly() {
        let mb = Self.tenThousandRegions()
        XCTAssertGreaterThanOrEqual(mb.reserved.cnt, 9_990)
        for mode in UIState.ScaleMode.allCases {
            var ui = UIState(scaleMode: mode)
            ui.selection = RegionRef(.reserved, 5000)
            let scene = Scene(state: mb, step: 5, stepCount: 10, changes: [.reserved: RegionChangeInfo(changed: [5000])], ui: ui)
            let buffer = renderScreen(scene, width: 200, height: 60)
            let lines = buffer.lines
            XCTAssertEqual(lines.count, 60)
            XCTAssertTrue(lines.contains { $0.contains(" 5000 0x0_9d40_0000 0x0_9d40_0fff     4K") }, "\(mode)")
            // 9 990 reservations 512 KiB apart cover the first 5 GiB: every band column there shows one.
            let band = lines[Layout.compute(scene, width: 200, height: 60).lanes[0].rect.y]
            XCTAssertGreaterThan(band.filter { "▏▎▍▌▋▊▉█".contains($0) }.count, 20, "\(mode): \(band)")
            if ProcessInfo.processInfo.environment["MBVIZ_PRINT_FRAME_TIME"] == "1" {
                var times: [Double] = []
                for _ in 0..<30 {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    _ = renderScreen(scene, width: 200, height: 60)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                }
                print("frame (\(mode)): median \(times.sorted()[times.count / 2]) ms")
            }
        }
    }
}

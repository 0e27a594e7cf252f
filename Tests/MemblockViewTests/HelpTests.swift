import XCTest
@testable import MemblockView

/// The help overlay lists every key, at the smallest screen too.
final class HelpTests: XCTestCase {
    func test_help_listsEveryKey_at80x24And120x40() {
        for (w, h) in [(80, 24), (120, 40)] {
            let text = Snapshot.frame(.demoBoot(ui: UIState(helpVisible: true)), w, h)
            for line in HelpOverlay.lines {
                XCTAssertTrue(text.contains(line.keys), "\(w)x\(h): \(line.keys)")
                XCTAssertTrue(text.contains(line.action), "\(w)x\(h): \(line.action) whole")
            }
            for key in ["1  2  3", "esc", "End", "/", "B", "L", ">  <", "m  M"] {
                XCTAssertTrue(text.contains(key), "\(w)x\(h): \(key)")
            }
        }
    }
}

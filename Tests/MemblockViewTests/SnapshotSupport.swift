import Foundation
import XCTest
@testable import MemblockView

/// Golden-file comparison for whole frames. The expected text lives in
/// `Tests/MemblockViewTests/Snapshots/NAME.txt`; run with `MBVIZ_UPDATE_SNAPSHOTS=1` to
/// rewrite the files after an intended change (then review the diff).
enum Snapshot {
    /// The snapshot directory, next to this file.
    static func directory(_ file: StaticString = #filePath) -> URL {
        URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// True when snapshots are being recorded rather than compared.
    static var updating: Bool { ProcessInfo.processInfo.environment["MBVIZ_UPDATE_SNAPSHOTS"] == "1" }

    /// Compares `text` with the golden file `name.txt` exactly; a missing file is recorded
    /// and reported as a failure so it is never silently accepted.
    static func assertMatches(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory().appendingPathComponent(name + ".txt")
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if updating || existing == nil {
            try? FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            if existing == nil && !updating {
                XCTFail("recorded new snapshot \(name).txt; check it and run again", file: file, line: line)
            }
            return
        }
        if existing != text {
            let a = existing!.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? Swift.min(a.count, b.count)
            let expected = first < a.count ? String(a[first]) : "<none>"
            let actual = first < b.count ? String(b[first]) : "<none>"
            XCTFail("""
                snapshot \(name).txt differs at line \(first + 1) (MBVIZ_UPDATE_SNAPSHOTS=1 rewrites it):
                expected: \(expected)
                actual:   \(actual)
                """, file: file, line: line)
        }
    }

    /// The plain-text frame of a scene.
    static func frame(_ scene: Scene, _ width: Int, _ height: Int) -> String {
        HeadlessOutput.text(renderScreen(scene, width: width, height: height))
    }
}

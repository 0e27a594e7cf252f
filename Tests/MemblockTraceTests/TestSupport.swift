import Foundation
import XCTest
import Memblock
@testable import MemblockTrace

/// Paths and helpers shared by the trace tests.
enum Support {
    /// The package root (two levels above this file's folder).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpus` next to the package, if present.
    static var corpus: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The corpus folder, or an XCTSkip when `../shared` is absent.
    static func corpusFolder(_ sub: String) throws -> URL {
        guard let corpus else { throw XCTSkip("../shared/corpus is not present") }
        return corpus.appendingPathComponent(sub)
    }

    /// The `.mbtrace` files of a corpus folder, sorted.
    static func traces(in folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mbtrace" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// Parses `text` as `t.mbtrace`, failing the test with the errors if it does not parse.
func parseOK(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Trace? {
    do {
        return try TraceParser.parse(text, file: "t.mbtrace")
    } catch {
        XCTFail("unexpected errors:\n\(error)", file: file, line: line)
        return nil
    }
}

/// The error lines (`FILE:LINE:COLUMN: message`) of parsing `text` as `t.mbtrace`; empty if
/// it parses.
func errorLines(_ text: String) -> [String] {
    errorLines(bytes: Array(text.utf8))
}

/// The error lines of parsing raw bytes as `t.mbtrace`.
func errorLines(bytes: [UInt8]) -> [String] {
    do {
        _ = try TraceParser.parse(bytes, file: "t.mbtrace")
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

/// The single step of a one-step trace (after an optional prefix of directives).
func onlyStep(_ line: String, prefix: String = "", file: StaticString = #filePath, line l: UInt = #line) -> TraceStep? {
    guard let t = parseOK(prefix + line + "\n", file: file, line: l) else { return nil }
    XCTAssertEqual(t.steps.count, 1, file: file, line: l)
    return t.steps.first
}

/// Asserts parse → write → parse gives the same trace, except for locations.
func assertRoundTrips(_ trace: Trace, file: StaticString = #filePath, line: UInt = #line) {
    let text = TraceWriter.write(trace)
    do {
        let again = try TraceParser.parse(text, file: trace.file)
        if again.withoutLocations() != trace.withoutLocations() {
            XCTFail("round trip differs for \(trace.file)\n\(firstDifference(trace, again))", file: file, line: line)
        }
    } catch {
        XCTFail("written trace does not parse:\n\(error)\n--- text ---\n\(text.prefix(2000))", file: file, line: line)
    }
}

/// A short description of where two traces first differ.
func firstDifference(_ a: Trace, _ b: Trace) -> String {
    let a = a.withoutLocations(), b = b.withoutLocations()
    if a.config != b.config { return "config: \(a.config) vs \(b.config)" }
    if a.steps.count != b.steps.count { return "step count \(a.steps.count) vs \(b.steps.count)" }
    for (i, (x, y)) in zip(a.steps, b.steps).enumerated() where x != y {
        return "step \(i): \(x) vs \(y)"
    }
    if a.phases != b.phases { return "phases: \(a.phases) vs \(b.phases)" }
    return "header or trailing directives: \(a.version as Any) \(a.arch as Any) \(a.nodeNames) \(a.initialExpectations) \(a.trailingNote as Any) \(a.trailingPause) \(a.trailingSettings) vs \(b.version as Any) \(b.arch as Any) \(b.nodeNames) \(b.initialExpectations) \(b.trailingNote as Any) \(b.trailingPause) \(b.trailingSettings)"
}

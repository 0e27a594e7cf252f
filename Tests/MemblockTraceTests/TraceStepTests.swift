import Foundation
import XCTest
@testable import MemblockTrace

/// `TraceStep` is stored compactly but must behave like a plain value.
final class TraceStepTests: XCTestCase {
    func test_copies_areIndependent_whenExtrasChange() {
        var a = TraceStep(operation: .dumpAll, note: "n", expectations: [StateExpectation(key: .memoryCnt, value: 1)])
        let b = a
        a.expectations.append(StateExpectation(key: .reservedCnt, value: 2))
        a.note = "changed"
        a.settings.append(.movableNode(true))
        XCTAssertEqual(b.expectations.map(\.value), [1])
        XCTAssertEqual(b.note, "n")
        XCTAssertEqual(b.settings, [])
        XCTAssertEqual(a.expectations.map(\.value), [1, 2])
        XCTAssertEqual(a.note, "changed")
        XCTAssertEqual(a.settings, [.movableNode(true)])
    }

    func test_equality_ignoresHowEmptyExtrasCameToBe() {
        var a = TraceStep(operation: .dumpAll)
        a.note = "x"
        a.note = nil
        a.expectations.append(StateExpectation(key: .memoryCnt, value: 1))
        a.expectations.removeAll()
        XCTAssertEqual(a, TraceStep(operation: .dumpAll))
        XCTAssertEqual(a.hashValue, TraceStep(operation: .dumpAll).hashValue)
        XCTAssertNotEqual(TraceStep(operation: .dumpAll, note: ""), TraceStep(operation: .dumpAll))
    }

    func test_phaseAndLocation_readBackWhatWasStored() {
        var s = TraceStep(operation: .allowResize, phase: 3, location: SourceLocation(file: "f", line: 12, column: 18))
        XCTAssertEqual(s.phase, 3)
        XCTAssertEqual(s.location, SourceLocation(file: "f", line: 12, column: 18))
        s.phase = nil
        XCTAssertNil(s.phase)
        s.phase = 0
        XCTAssertEqual(s.phase, 0)
        s.location.line = 40
        XCTAssertEqual(s.location.description, "f:40:18")
    }

    func test_manyExpectationsOnOneStep_areAppendedInPlace() {
        let text = "memblock_allow_resize\n" + String(repeating: "@expect memory.cnt=1\n", count: 20_000)
        let start = Date()
        XCTAssertEqual(parseOK(text)?.steps.first?.expectations.count, 20_000)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "appending must not copy the list each time")
    }
}

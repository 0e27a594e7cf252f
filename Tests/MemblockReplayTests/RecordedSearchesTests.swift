import Memblock
import XCTest
@testable import MemblockReplay

/// The timeline's per-step search results, about a byte a step.
final class RecordedSearchesTests: XCTestCase {
    /// What a tape plays, in order.
    func played(_ tape: SearchTape) -> [PhysAddr] {
        XCTAssertEqual(tape.mode, .playing)
        return (tape.head.map { [$0] } ?? []) + Array(tape.results)
    }

    func testEveryStepPlaysBackWhatItRecorded_fromAnyStartingStep() {
        // Steps: no search; one search for its own result; one search for something else;
        // two failed searches and a hit; more searches than a byte counts; and again none.
        let steps: [([PhysAddr], StepOutcome.Result)] = [
            ([], .ok),
            ([0x7000], .address(0x7000)),
            ([0x9000], .error(-12)),
            ([0, 0, 0x5000], .address(0x5000)),
            ((0..<300).map { PhysAddr($0) << 12 }, .address(0x12b000)),
            ([], .ok),
        ]
        // Past a stride of 256 steps too, where the reader starts from a stored offset.
        let all = Array(repeating: steps, count: 50).flatMap { $0 }
        var log = RecordedSearches()
        for (searches, result) in all { log.append(searches[...], result: result) }
        for start in [0, 1, 2, 3, 4, 5, 255, 256, 257, 299] {
            var reader = log.reader(from: start)
            for i in start..<Swift.min(all.count, start + 12) {
                XCTAssertEqual(played(reader.next(in: log, result: all[i].1)), all[i].0, "step \(i) read from \(start)")
            }
        }
    }
}

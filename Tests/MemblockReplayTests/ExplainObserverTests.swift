import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

/// Explain records observe the search; they never change which code runs. The frame on
/// screen (searches recorded) and the headless replay (not recorded) agree on every step.
final class ExplainObserverTests: XCTestCase {
    func test_framesWithSearchRecords_matchTheHeadlessReplay_stepByStep() throws {
        for name in ["diff612-040", "diff612-232", "edge-216", "edge612-216"] {
            let trace = try Corpus.load(Corpus.fixtures.appendingPathComponent("kernel612/\(name).mbtrace"))
            let timeline = Timeline(trace: trace)
            timeline.extend(to: trace.steps.count)
            var searched = 0
            for n in 1...trace.steps.count {
                let frame = timeline.frame(at: n)
                XCTAssertEqual(frame.outcome.result, timeline.results[n - 1], "\(name) step \(n)")
                XCTAssertEqual(frame.after.memblock, timeline.state(after: n), "\(name) step \(n)")
                if case .address(let a) = frame.outcome.result, trace.steps[n - 1].operation.isAllocation {
                    XCTAssertTrue(frame.outcome.searches.contains { $0.result == a }, "\(name) step \(n): the record names the result")
                    searched += 1
                }
            }
            XCTAssertGreaterThan(searched, 0, name)
        }
    }
}

import Foundation
import Memblock
@testable import MemblockReplay
import MemblockTrace
import XCTest

/// Seeking: every path to step N gives the state of a straight replay to N.
final class TimelineTests: XCTestCase {
    func straightStates(_ trace: Trace) -> [Memblock] {
        var state = Memblock(config: trace.config)
        var labels = LabelTable()
        var out = [state]
        for step in trace.steps {
            _ = StepApplier.apply(step, to: &state, labels: &labels)
            out.append(state)
        }
        return out
    }

    func test_seekingByAnyPath_equalsStraightReplay_onCorpusTraces() throws {
        var rng = SystemRandomNumberGenerator()
        for url in Corpus.differentialTraces().prefix(12) {
            let trace = try Corpus.load(url)
            let expected = straightStates(trace)
            let timeline = Timeline(trace: trace, checkpointInterval: 7)
            // Forward, one by one.
            for n in 0...trace.steps.count where n % 5 == 0 {
                XCTAssertEqual(timeline.state(after: n), expected[n], "\(url.lastPathComponent) forward \(n)")
            }
            // Backward.
            for n in stride(from: trace.steps.count, through: 0, by: -3) {
                XCTAssertEqual(timeline.state(after: n), expected[n], "\(url.lastPathComponent) backward \(n)")
            }
            // Random order, on a fresh timeline too (checkpoints built on demand).
            let fresh = Timeline(trace: trace, checkpointInterval: 16)
            for _ in 0..<40 {
                let n = Int.random(in: 0...trace.steps.count, using: &rng)
                XCTAssertEqual(timeline.state(after: n), expected[n], "\(url.lastPathComponent) random \(n)")
                XCTAssertEqual(fresh.state(after: n), expected[n], "\(url.lastPathComponent) fresh random \(n)")
            }
        }
    }

    /// Seeks replay computed steps with their searches played back from the tape: on the
    /// edge corpora of both kernels (panics, wraps near 2^64, full arrays), every state
    /// reached by seeking back equals the straight replay's, and so does every result.
    func test_seeksWithRecordedSearches_equalStraightReplay_onTheEdgeCorporaOfBothKernels() throws {
        var traces = Corpus.traces(in: "edge", fixturePrefix: "edge-", fixtureFolder: "kernel612")
        traces += Corpus.traces(in: "edge-6.12", fixturePrefix: "edge612-", fixtureFolder: "kernel612")
        XCTAssertGreaterThanOrEqual(traces.count, Corpus.shared == nil ? 2 : 200)
        var seeks = 0
        for url in traces {
            let trace = try Corpus.load(url)
            let expected = straightStates(trace)
            let timeline = Timeline(trace: trace, checkpointInterval: 5)
            timeline.extend(to: trace.steps.count)
            for n in stride(from: trace.steps.count, through: 0, by: -1) {
                XCTAssertEqual(timeline.state(after: n), expected[n], "\(url.lastPathComponent) step \(n)")
                seeks += 1
            }
            let run = HeadlessRun(trace)
            XCTAssertEqual(timeline.mismatches.values.flatMap { $0 }.count, run.mismatches.count, url.lastPathComponent)
        }
        XCTAssertGreaterThan(seeks, Corpus.shared == nil ? 10 : 5000)
    }

    /// Labels resolve to their latest earlier definition however a step names them: as its
    /// first label, as a second one, redefined, or not defined yet.
    func test_labelsResolveToTheirLatestEarlierDefinition() throws {
        let trace = try TraceParser.parse("""
            memblock_add 0 1G
            memblock_reserve 0x1000 4K
            memblock_alloc 4K 4K label=a
            memblock_alloc 8K 4K label=b
            memblock_reserve $a $b
            memblock_phys_free $a 4K
            memblock_alloc 16K 4K label=a
            memblock_phys_free $a 16K
            memblock_alloc 4K 4K label=late
            """, file: "labels")
        let timeline = Timeline(trace: trace)
        timeline.extend(to: trace.steps.count)
        guard case .address(let a1) = timeline.result(of: 3), case .address(let b) = timeline.result(of: 4),
              case .address(let a2) = timeline.result(of: 7) else { return XCTFail("allocations failed") }
        XCTAssertNotEqual(a1, a2)
        XCTAssertEqual(timeline.resolve("late", before: 1), 0, "defined only later")
        XCTAssertEqual(timeline.resolve("a", before: 4), a1)
        XCTAssertEqual(timeline.resolve("b", before: 4), b, "a step's second label")
        XCTAssertEqual(timeline.resolve("a", before: 5), a1)
        XCTAssertEqual(timeline.resolve("a", before: 7), a2, "redefined")
        XCTAssertEqual(timeline.resolve("b", before: 7), b, "a label the step does not name")
        XCTAssertEqual(timeline.state(after: trace.steps.count), straightStates(trace).last)
    }

    func test_checkpointsBeyondTheBudget_areThinned_andSeeksStayExact() throws {
        let url = Corpus.differentialTraces()[0]
        let trace = try Corpus.load(url)
        let expected = straightStates(trace)
        let timeline = Timeline(trace: trace, checkpointInterval: 2, checkpointBudget: 4000, checkpointStates: 0)
        timeline.extend(to: trace.steps.count)
        XCTAssertGreaterThan(timeline.checkpointInterval, 2)
        XCTAssertLessThanOrEqual(timeline.checkpointBytes, 4000)
        for n in stride(from: trace.steps.count, through: 0, by: -1) {
            XCTAssertEqual(timeline.state(after: n), expected[n], "step \(n)")
        }
    }

    /// Past the byte budget, the checkpoints may still take as much as `checkpointStates`
    /// whole states: more of them than the bytes alone allow, and no more than that.
    func test_theCheckpointBudgetGrowsWithTheStateSize() throws {
        let trace = try Corpus.load(Corpus.differentialTraces()[0])
        let bytesOnly = Timeline(trace: trace, checkpointInterval: 1, checkpointBudget: 4000, checkpointStates: 0)
        let withStates = Timeline(trace: trace, checkpointInterval: 1, checkpointBudget: 4000, checkpointStates: 8)
        bytesOnly.extend(to: trace.steps.count)
        withStates.extend(to: trace.steps.count)
        XCTAssertGreaterThan(withStates.checkpointCount, bytesOnly.checkpointCount)
        XCTAssertLessThanOrEqual(withStates.checkpointBytes, 8 * withStates.stateBytes(after: trace.steps.count))
        let expected = straightStates(trace)
        for n in stride(from: trace.steps.count, through: 0, by: -3) {
            XCTAssertEqual(withStates.state(after: n), expected[n], "step \(n)")
        }
    }

    func test_frame_reportsResultMessagesSearchesAndDiff() throws {
        let trace = try TraceParser.parse("""
            memblock_add_node 0x100000 1M 0
            memblock_add_node 0x200000 1M 1
            memblock_alloc_node 2M 4K 1 label=big by=caller+0x1/0x2
            memblock_alloc_node 4K 4K 1 label=a by=caller+0x1/0x2
            """, file: "t")
        let timeline = Timeline(trace: trace)
        let failed = timeline.frame(at: 3)
        XCTAssertEqual(failed.outcome.result, .allocationFailed)
        // Node 1, then any node: two searches, both empty-handed.
        XCTAssertEqual(failed.outcome.searches.map(\.nid), [1, -1])
        let frame = timeline.frame(at: 4)
        XCTAssertEqual(frame.outcome.result, .address(0x2ff000))
        XCTAssertEqual(frame.outcome.messages.map(\.text), [
            "memblock_alloc_try_nid: 4096 bytes align=0x1000 nid=1 from=0x0000000000000000 max_addr=0x0000000000000000 caller+0x1/0x2",
            "memblock_reserve: [0x00000000002ff000-0x00000000002fffff] memblock_alloc_range_nid+0xb0/0x13d",
        ])
        XCTAssertEqual(frame.outcome.searches.first?.candidates.last?.verdict, .chosen)
        XCTAssertEqual(frame.diff.reserved.changed, [0])
        XCTAssertTrue(frame.diff.memory.isEmpty)
    }

    func test_owners_surviveMerging_andFollowFrees() throws {
        let trace = try TraceParser.parse("""
            memblock_add 0x100000 1M
            memblock_alloc 4K 4K label=first by=one
            memblock_alloc 4K 4K label=second by=two
            memblock_free $first 4K
            """, file: "t")
        let timeline = Timeline(trace: trace)
        let merged = timeline.replayState(after: 3)
        XCTAssertEqual(merged.memblock.reserved.cnt, 1)
        XCTAssertEqual(merged.owners.spans.map(\.step), [2, 1])
        let freed = timeline.replayState(after: 4)
        XCTAssertEqual(freed.owners.spans.map(\.step), [2])
        XCTAssertEqual(freed.owners.spans.first?.base, 0x1fe000)
    }

    func test_labels_resolveToTheLatestEarlierDefinition_andFailedAllocationsToZero() throws {
        let trace = try TraceParser.parse("""
            memblock_add 0x100000 1M
            memblock_alloc 4K 4K label=x
            memblock_alloc 64M 4K label=y => fail
            memblock_free $y 4K
            memblock_alloc 8K 4K label=x
            memblock_phys_free $x 8K
            @expect reserved.cnt=1 reserved.total_size=0x1000
            """, file: "t")
        let timeline = Timeline(trace: trace)
        timeline.extend(to: trace.steps.count)
        XCTAssertEqual(timeline.mismatches.count, 0)
        XCTAssertEqual(timeline.state(after: 6).reserved.regions.first?.base, 0x1ff000)
    }

    func test_expectationMismatches_areRecordedPerStep() throws {
        let trace = try TraceParser.parse("memblock_add 0x100000 1M\nmemblock_alloc 4K 4K => 0x1000\n", file: "t")
        let timeline = Timeline(trace: trace)
        timeline.extend(to: 2)
        XCTAssertEqual(timeline.mismatches[2]?.first?.message, "memblock_alloc returned 0x1ff000, expected 0x1000")
    }
}

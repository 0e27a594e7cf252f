import Foundation
import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

/// The model against the real Linux 6.1.192 mm/memblock.c: every recorded result and every
/// `@expect` of the differential corpus, and the kernel's own final dump byte for byte.
final class ConformanceTests: XCTestCase {
    func test_differentialCorpus_meetsEveryExpectation_andDumpsByteIdentically() throws {
        let traces = Corpus.differentialTraces()
        XCTAssertGreaterThanOrEqual(traces.count, Corpus.shared == nil ? 2 : 100)
        var identical = 0
        for url in traces {
            let trace = try Corpus.load(url)
            let run = HeadlessRun(trace)
            XCTAssertEqual(run.mismatches.map(\.description), [], url.lastPathComponent)
            let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("dump"), encoding: .utf8)
            let dump = run.state.dumpAll()
            if dump == expected { identical += 1 } else { XCTFail("\(url.lastPathComponent): dump differs from the kernel's") }
        }
        XCTAssertEqual(identical, traces.count)
    }

    func test_perfCorpus_finalDumpsAreByteIdentical() throws {
        guard let shared = Corpus.shared else { throw XCTSkip("../shared/corpus is not present") }
        let url = shared.appendingPathComponent("perf/perf-100k.mbtrace")
        let run = HeadlessRun(try Corpus.load(url))
        let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("dump"), encoding: .utf8)
        XCTAssertTrue(run.state.dumpAll() == expected, "perf-100k dump differs")
    }

    func test_everyStepOfACorpusTrace_keepsTheInvariants() throws {
        for url in Corpus.differentialTraces().prefix(25) {
            let trace = try Corpus.load(url)
            var state = Memblock(config: trace.config)
            var labels = LabelTable()
            var trimmed = false
            for step in trace.steps {
                _ = StepApplier.apply(step, to: &state, labels: &labels)
                if step.operation.kind == .trimMemory { trimmed = true }
                let violations = state.checkInvariants(memoryTotalMayBeStale: trimmed)
                XCTAssertEqual(violations, [], "\(url.lastPathComponent):\(step.location.line)")
                if !violations.isEmpty { break }
            }
        }
    }

    func test_aWrongExpectation_isReportedWithItsLocation() throws {
        let trace = try TraceParser.parse("memblock_add 0x100000 1M\nmemblock_alloc 4K 4K => 0x1000\n@expect reserved.cnt=7\n", file: "t.mbtrace")
        let run = HeadlessRun(trace)
        XCTAssertEqual(run.mismatches.map(\.description), [
            "t.mbtrace:2:1: memblock_alloc returned 0x1ff000, expected 0x1000",
            "t.mbtrace:3:9: @expect reserved.cnt=0x7 but it is 0x1",
        ])
    }
}

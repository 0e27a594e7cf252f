import Foundation
import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

/// The model against the real kernels on the corpora of both versions: differential-6.12,
/// edge (6.1) and edge-6.12, and the probes that show one 6.1/6.12 difference each, replayed
/// under both kernels. Without `../shared` the copied fixtures stand in.
final class KernelCorpusTests: XCTestCase {
    /// Replays every trace of a folder and compares checks and final dumps; returns the count.
    @discardableResult
    private func conform(_ folder: String, fixturePrefix: String, minimum: Int) throws -> Int {
        let traces = Corpus.traces(in: folder, fixturePrefix: fixturePrefix, fixtureFolder: "kernel612")
        XCTAssertGreaterThanOrEqual(traces.count, Corpus.shared == nil ? 1 : minimum, folder)
        var identical = 0
        for url in traces {
            let trace = try Corpus.load(url)
            let run = HeadlessRun(trace)
            XCTAssertEqual(run.mismatches.map(\.description), [], url.lastPathComponent)
            let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("dump"), encoding: .utf8)
            if run.state.dumpAll() == expected { identical += 1 } else { XCTFail("\(url.lastPathComponent): dump differs from the kernel's") }
        }
        XCTAssertEqual(identical, traces.count, folder)
        return traces.count
    }

    func test_differential612Corpus_meetsEveryExpectationAndPanic_andDumpsByteIdentically() throws {
        try conform("differential-6.12", fixturePrefix: "diff612-", minimum: 100)
    }

    func test_edge612Corpus_meetsEveryExpectation_andDumpsByteIdentically() throws {
        try conform("edge-6.12", fixturePrefix: "edge612-", minimum: 100)
    }

    func test_edge61Corpus_meetsEveryExpectation_andDumpsByteIdentically() throws {
        try conform("edge", fixturePrefix: "edge-", minimum: 100)
    }

    func test_panickingTrace_endsAtThePanic_withTheStateBeforeIt() throws {
        let url = Corpus.fixtures.appendingPathComponent("kernel612/diff612-096.mbtrace")
        let trace = try Corpus.load(url)
        let last = try XCTUnwrap(trace.steps.last)
        XCTAssertEqual(last.result, .panic)
        let before = HeadlessRun(trace, limit: trace.steps.count - 1).state
        let run = HeadlessRun(trace)
        XCTAssertEqual(run.mismatches, [])
        XCTAssertEqual(run.state.panic?.message, "memblock: cannot resize memory array")
        XCTAssertEqual(run.state.dumpAll(), before.dumpAll())
        XCTAssertEqual(run.state.memory, before.memory)
        XCTAssertEqual(run.state.reserved, before.reserved)
    }

    func test_aPanicWithoutTheExpectation_isAMismatch_andLaterStepsAreNotReached() throws {
        let text = "@kernel 6.12\n@config init_memblock_regions=2\nmemblock_add 0x100000 4K\nmemblock_add 0x200000 4K\nmemblock_add 0x300000 4K\n"
        let trace = try TraceParser.parse(text, file: "p.mbtrace")
        let run = HeadlessRun(trace)
        XCTAssertEqual(run.steps, 3)
        XCTAssertEqual(run.mismatches.map(\.description),
                       ["p.mbtrace:5:1: memblock_add panicked: memblock: cannot resize memory array (add => panic if the kernel does)"])
        let timeline = Timeline(trace: try TraceParser.parse(text + "memblock_reserve 0 4K\n", file: "p.mbtrace"))
        XCTAssertEqual(timeline.result(of: 3), .panic(KernelPanic("memblock: cannot resize memory array")))
        XCTAssertEqual(timeline.result(of: 4), .notReached)
        XCTAssertEqual(timeline.state(after: 4).memory.cnt, 2)
    }

    func test_theSameFullArray_failsWithENOMEM_in61() throws {
        let text = "@config init_memblock_regions=2\nmemblock_add 0x100000 4K\nmemblock_add 0x200000 4K\nmemblock_add 0x300000 4K\n"
        let timeline = Timeline(trace: try TraceParser.parse(text, file: "p.mbtrace"))
        XCTAssertEqual(timeline.result(of: 3), .error(-errnoENOMEM))
    }

    // MARK: Probes

    /// The probes, each replayed as 6.1 and as 6.12: results in the oracle's
    /// `line N: …` form and the final dump.
    func test_probes_matchBothKernels_resultsAndDumps() throws {
        let dir = Corpus.shared?.appendingPathComponent("probes-6.12") ?? Corpus.fixtures.appendingPathComponent("probes")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".mbtrace") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 6)
        var compared = 0
        for name in names {
            let url = dir.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            for kernel in KernelVersion.allCases {
                let base = url.deletingPathExtension().path + ".\(kernel)"
                let versioned = Self.withKernel(text, kernel)
                if FileManager.default.fileExists(atPath: base + ".err") {
                    XCTAssertThrowsError(try TraceParser.parse(versioned, file: name), "\(name) \(kernel) must be refused")
                    compared += 1
                    continue
                }
                let trace = try TraceParser.parse(versioned, file: name)
                let expectedResults = try String(contentsOfFile: base + ".results", encoding: .utf8)
                XCTAssertEqual(Self.oracleResults(trace), expectedResults, "\(name) as \(kernel)")
                let expectedDump = try String(contentsOfFile: base + ".dump", encoding: .utf8)
                XCTAssertEqual(HeadlessRun(trace).state.dumpAll(), expectedDump, "\(name) as \(kernel)")
                compared += 1
            }
        }
        XCTAssertEqual(compared, names.count * 2)
    }

    /// The probe with `@kernel` in place of its `@mbtrace 1` line, so line numbers stay.
    static func withKernel(_ text: String, _ kernel: KernelVersion) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first == "@mbtrace 1" { lines[0] = "@kernel \(kernel)" } else { lines.insert("@kernel \(kernel)", at: 0) }
        return lines.joined(separator: "\n")
    }

    /// The oracle's results file for a replay: every step that returns something, every
    /// failed `@expect`, and the panic.
    static func oracleResults(_ trace: Trace) -> String {
        var state = Memblock(config: trace.config)
        var labels = LabelTable()
        var out = ""
        var panic: (KernelPanic, Int)?
        for step in trace.steps {
            let outcome = StepApplier.apply(step, to: &state, labels: &labels)
            let line = step.location.line
            switch outcome.result {
            case .address(let a): out += "line \(line): 0x\(String(a, radix: 16))\n"
            case .allocationFailed: out += "line \(line): fail\n"
            case .error(let e): out += "line \(line): rc=\(e)\n"
            case .notReached where step.operation.isAllocation || step.operation.kind.returnsErrno:
                out += "line \(line): not reached\n"
            case .panic(let p): panic = (p, line)
            case .ok, .notReached: break
            }
            if outcome.result == .notReached { continue }
            for e in step.expectations {
                let actual = StepApplier.observe(e.key, state)
                if actual != e.value {
                    out += "line \(e.location.line): expect \(e.key.rawValue)=0x\(String(e.value, radix: 16)) got 0x\(String(actual, radix: 16))\n"
                }
            }
        }
        if let (p, line) = panic { out += "PANIC: \(p), at trace line \(line)\n" }
        return out
    }
}

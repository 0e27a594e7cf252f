import Foundation
import XCTest
import Memblock
@testable import MemblockTrace

/// Every corpus trace parses without an error and survives a write/parse round trip.
final class CorpusTests: XCTestCase {
    func test_embeddedFixtures_parseAndRoundTrip() throws {
        for fixture in [Fixtures.x86Numa, Fixtures.s390PhysMap, Fixtures.numaOff] {
            let trace = try TraceParser.parse(fixture.text, file: fixture.name)
            XCTAssertFalse(trace.steps.isEmpty, fixture.name)
            assertRoundTrips(trace)
        }
    }

    func test_embeddedNumaOffFixture_resolvesMaxNumnodesToOne() throws {
        let trace = try TraceParser.parse(Fixtures.numaOff.text, file: Fixtures.numaOff.name)
        XCTAssertFalse(trace.config.numa)
        XCTAssertEqual(trace.config.maxNumnodes, 1)
    }

    func test_embeddedPhysMapFixture_hasPhysmemAddSteps() throws {
        let trace = try TraceParser.parse(Fixtures.s390PhysMap.text, file: Fixtures.s390PhysMap.name)
        XCTAssertTrue(trace.config.physMap)
        XCTAssertEqual(trace.arch, "s390")
        XCTAssertTrue(trace.steps.contains { $0.operation.kind == .physmemAdd })
    }

    func test_everyDifferentialTrace_parsesAndRoundTrips() throws {
        let files = try Support.traces(in: Support.corpusFolder("differential"))
        XCTAssertEqual(files.count, 100)
        for url in files {
            let trace = try TraceParser.parse(contentsOf: url.path)
            XCTAssertFalse(trace.steps.isEmpty, url.lastPathComponent)
            assertRoundTrips(trace)
        }
    }

    func test_differentialTraces_haveAnExpectationOnEveryAllocation() throws {
        for url in try Support.traces(in: Support.corpusFolder("differential")) {
            let trace = try TraceParser.parse(contentsOf: url.path)
            for step in trace.steps where step.operation.isAllocation {
                XCTAssertNotNil(step.result, "\(url.lastPathComponent): \(step.location)")
            }
        }
    }

    func test_perf100k_parsesHundredThousandStepsAndRoundTrips() throws {
        let url = try Support.corpusFolder("perf").appendingPathComponent("perf-100k.mbtrace")
        let trace = try TraceParser.parse(contentsOf: url.path)
        XCTAssertEqual(trace.steps.count, 100_000)
        XCTAssertEqual(trace.nodeNames.count, 8)
        assertRoundTrips(trace)
    }

    func test_perf1m_parsesMillionSteps_whenEnabled() throws {
        guard ProcessInfo.processInfo.environment["MBTRACE_BIG_CORPUS"] != nil else {
            throw XCTSkip("set MBTRACE_BIG_CORPUS=1 to parse perf-1m-shared.mbtrace (34 MB)")
        }
        let url = try Support.corpusFolder("perf").appendingPathComponent("perf-1m-shared.mbtrace")
        let trace = try TraceParser.parse(contentsOf: url.path)
        XCTAssertEqual(trace.steps.count, 1_000_000)
    }
}

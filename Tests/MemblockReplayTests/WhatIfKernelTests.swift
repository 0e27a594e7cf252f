import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

/// `--what-if kernel=…`: the same trace under the other kernel, with result and state
/// divergences.
final class WhatIfKernelTests: XCTestCase {
    func test_kernelChange_parses_andNamesTheSupportedVersionsOnError() throws {
        XCTAssertEqual(try WhatIfChange(parsing: "kernel=6.12"), .kernel(.v6_12))
        XCTAssertEqual(try WhatIfChange(parsing: "kernel=6.1").description, "kernel=6.1")
        XCTAssertThrowsError(try WhatIfChange(parsing: "kernel=5.4")) { error in
            XCTAssertEqual((error as? TraceError)?.message, "unsupported kernel '5.4': the model knows Linux 6.1, 6.12")
        }
    }

    func test_fullArrayWithoutResize_divergesAsENOMEMversusPanic() throws {
        let text = "@config init_memblock_regions=2\nmemblock_add 0x100000 4K\nmemblock_add 0x200000 4K\nmemblock_add 0x300000 4K\nmemblock_phys_alloc 4K 4K\n"
        let trace = try TraceParser.parse(text, file: "t.mbtrace")
        let d = WhatIf.compare(trace, changes: [.kernel(.v6_12)])
        XCTAssertEqual(d.steps, [3, 4])
        XCTAssertEqual(d.pairs.first?.1, .error(-errnoENOMEM))
        XCTAssertEqual(d.pairs.first?.2, .panic(KernelPanic("memblock: cannot resize memory array")))
        XCTAssertEqual(d.pairs.last?.2, .notReached)
        XCTAssertEqual(WhatIf.kernel(of: trace, changes: [.kernel(.v6_12)]), .v6_12)
    }

    func test_handOff_divergesInStateOnly() throws {
        let url = Corpus.fixtures.appendingPathComponent("probes/free-all-nid.mbtrace")
        let trace = try Corpus.load(url)
        let d = WhatIf.compare(trace, changes: [.kernel(.v6_12)])
        XCTAssertEqual(d.count, 0, "no step returns anything different")
        XCTAssertEqual(d.firstStateDivergence, trace.steps.count, "memblock_free_all splits reserved at the node boundary")
        XCTAssertEqual(d.stateDivergentSteps, 1)
    }

    func test_emptyTypes_doNotCountAsAStateDivergence() throws {
        let trace = try TraceParser.parse("memblock_add 0x100000 1M\nmemblock_reserve 0x100000 4K\nmemblock_phys_free 0x100000 4K\n", file: "t")
        let d = WhatIf.compare(trace, changes: [.kernel(.v6_12)])
        XCTAssertEqual(d.count, 0)
        XCTAssertNil(d.firstStateDivergence)
    }

    func test_612TraceUnder61_showsTheNoinitStepFailing() throws {
        let trace = try TraceParser.parse("@kernel 6.12\nmemblock_add 0x100000 1M\nmemblock_reserve 0x100000 8K\nmemblock_reserved_mark_noinit 0x100000 4K\n", file: "t")
        let d = WhatIf.compare(trace, changes: [.kernel(.v6_1)])
        XCTAssertEqual(d.steps, [3])
        XCTAssertEqual(d.pairs.first?.2, .error(-errnoEINVAL))
        XCTAssertEqual(d.firstStateDivergence, 3)
    }
}

/// The contrast demo: the same steps under both kernels.
final class KernelContrastDemoTests: XCTestCase {
    func test_contrastDemos_haveTheSameSteps_andPassTheirChecks() throws {
        let old = try XCTUnwrap(Demos.named("kernels-6.1")).trace()
        let new = try XCTUnwrap(Demos.named("kernels-6.12")).trace()
        XCTAssertEqual(old.kernel, .v6_1)
        XCTAssertEqual(new.kernel, .v6_12)
        XCTAssertEqual(old.steps.map(\.operation), new.steps.map(\.operation))
        XCTAssertEqual(HeadlessRun(old).mismatches, [])
        let run = HeadlessRun(new)
        XCTAssertEqual(run.mismatches, [])
        XCTAssertEqual(run.state.panic?.message, "memblock: cannot resize memory array")
        XCTAssertEqual(new.steps.last?.result, .panic)
        XCTAssertGreaterThanOrEqual(new.phases.count, 3)
        for step in new.steps + old.steps { XCTAssertLessThanOrEqual(step.note?.count ?? 0, 200, "captions stay short") }
    }
}

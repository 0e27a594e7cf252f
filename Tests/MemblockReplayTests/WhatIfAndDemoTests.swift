import Memblock
import MemblockReplay
import MemblockTrace
import XCTest

final class WhatIfTests: XCTestCase {
    func test_bottomUp_divergesFromTheFirstAllocation() throws {
        let trace = try TraceParser.parse("""
            memblock_add 0x100000 1M
            memblock_reserve 0x100000 4K
            memblock_alloc 4K 4K
            memblock_alloc 8K 4K
            """, file: "t")
        let d = WhatIf.compare(trace, changes: [.bottomUp(true)])
        XCTAssertEqual(d.first, 3)
        XCTAssertEqual(d.count, 2)
        XCTAssertEqual(d.pairs.first?.2, .address(0x101000))
    }

    func test_memLimit_makesLaterAllocationsFail() throws {
        let trace = try TraceParser.parse("memblock_add 0x100000 1M\nmemblock_alloc_try_nid 4K 4K 0x180000 ANYWHERE NUMA_NO_NODE\n", file: "t")
        XCTAssertEqual(WhatIf.compare(trace, changes: [.memLimit(0x10000)]).steps, [2])
        XCTAssertEqual(WhatIf.compare(trace, changes: [.memLimit(0x1000000)]).count, 0)
    }

    func test_changesParseFromTheCommandLine() throws {
        XCTAssertEqual(try WhatIfChange(parsing: "bottom_up=1"), .bottomUp(true))
        XCTAssertEqual(try WhatIfChange(parsing: "mem=2G"), .memLimit(2 << 30))
        XCTAssertEqual(try WhatIfChange(parsing: "current_limit=0x100000"), .currentLimit(0x100000))
        XCTAssertThrowsError(try WhatIfChange(parsing: "colour=blue"))
        XCTAssertThrowsError(try WhatIfChange(parsing: "mem=lots"))
    }
}

final class DemoTests: XCTestCase {
    func test_everyDemo_parses_andPassesItsChecks() throws {
        XCTAssertEqual(Demos.default.name, "x86-numa2")
        for demo in Demos.all {
            let trace = try demo.trace()
            XCTAssertGreaterThan(trace.steps.count, 5, demo.name)
            XCTAssertFalse(trace.phases.isEmpty, demo.name)
            let run = HeadlessRun(trace)
            XCTAssertEqual(run.mismatches.map(\.description), [], demo.name)
        }
    }

    func test_defaultDemo_hasACaptionOnEveryPhase_andEndsWithTheHandOff() throws {
        let trace = try Demos.default.trace()
        for phase in trace.phases {
            XCTAssertNotNil(trace.steps[phase.firstStep].note, phase.name)
        }
        XCTAssertEqual(trace.steps.last?.operation, .freeAll)
        XCTAssertNotNil(HeadlessRun(trace).state.buddy)
    }
}

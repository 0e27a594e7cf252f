import XCTest
import Memblock
@testable import MemblockTrace

/// `@kernel`, `=> panic` and what 6.12 adds to the format (TRACE-FORMAT, "Kernel versions").
final class KernelDirectiveTests: XCTestCase {
    func test_kernel_defaultsTo61_andSelects612() {
        XCTAssertEqual(parseOK("memblock_allow_resize\n")?.kernel, .v6_1)
        XCTAssertEqual(parseOK("@mbtrace 1\n@kernel 6.12\nmemblock_allow_resize\n")?.config.kernel, .v6_12)
        XCTAssertEqual(parseOK("@kernel 6.1\n")?.kernelLabel, "Linux 6.1")
        XCTAssertEqual(parseOK("@kernel \"6.12\"\n")?.kernelLabel, "Linux 6.12")
    }

    func test_unsupportedKernel_isAnErrorNamingTheSupportedVersions() {
        XCTAssertEqual(errorLines("@kernel 5.4\n"),
                       ["t.mbtrace:1:9: unsupported kernel 5.4: the model knows Linux 6.1, 6.12"])
        XCTAssertEqual(errorLines("@kernel\n"), ["t.mbtrace:1:1: @kernel expects 1 argument (VERSION), got 0"])
    }

    func test_kernel_mustComeBeforeTheFirstStep_once() {
        XCTAssertEqual(errorLines("memblock_allow_resize\n@kernel 6.12\n"),
                       ["t.mbtrace:2:1: @kernel must come before the first step"])
        XCTAssertEqual(errorLines("@kernel 6.12\n@kernel 6.1\n"), ["t.mbtrace:2:1: @kernel is already set to 6.12"])
    }

    func test_noinitStep_needs612() {
        XCTAssertEqual(errorLines("memblock_reserve 0 8K\nmemblock_reserved_mark_noinit 0 4K\n"),
                       ["t.mbtrace:2:1: memblock_reserved_mark_noinit is not in Linux 6.1: it needs @kernel 6.12 before the first step"])
        XCTAssertEqual(parseOK("@kernel 6.12\nmemblock_reserved_mark_noinit 0 4K\n")?.steps.first?.operation,
                       .reservedMarkNoinit(base: .literal(0), size: .literal(4096)))
    }

    func test_rsrvNoinitFlag_isNeverAMemoryFlag() {
        XCTAssertEqual(errorLines("@kernel 6.12\nmemblock_add_node 0 4K 0 RSRV_NOINIT\n"),
                       ["t.mbtrace:2:26: flag RSRV_NOINIT is for reserved regions only: set it with memblock_reserved_mark_noinit"])
        XCTAssertEqual(errorLines("memblock_add_node 0 4K 0 HOTPLUG|RSRV_NOINIT\n"),
                       ["t.mbtrace:1:34: flag RSRV_NOINIT is not in Linux 6.1: it needs @kernel 6.12, and is set on reserved regions by memblock_reserved_mark_noinit"])
    }

    func test_panicExpectation_isAllowedOnAnyStep_andEndsTheTrace() {
        XCTAssertEqual(parseOK("memblock_add 0 4K => panic\n")?.steps.first?.result, .panic)
        XCTAssertEqual(parseOK("memblock_alloc 4K 4K => panic\n")?.steps.first?.result, .panic)
        XCTAssertEqual(errorLines("memblock_add 0 4K => panic\nmemblock_add 8K 4K\n"),
                       ["t.mbtrace:2:1: this step is never reached: the step on line 1 ends in => panic, which ends the trace"])
        XCTAssertEqual(errorLines("memblock_add 0 4K => fail\n"),
                       ["t.mbtrace:1:19: memblock_add returns no address: only => panic is allowed on it (=> ADDRESS|fail is for allocation steps)"])
    }

    func test_writer_keepsKernelAndPanic() throws {
        let text = "@mbtrace 1\n@kernel 6.12\nmemblock_reserve 0 8K\nmemblock_reserved_mark_noinit 0 4K\nmemblock_add 0 4K => panic\n"
        let t = try XCTUnwrap(parseOK(text))
        let written = TraceWriter.write(t)
        XCTAssertTrue(written.hasPrefix("@mbtrace 1\n@kernel 6.12\n@config "), written)
        XCTAssertTrue(written.hasSuffix("memblock_reserved_mark_noinit 0 4K\nmemblock_add 0 4K => panic\n"), written)
        XCTAssertEqual(try TraceParser.parse(written, file: "t.mbtrace").withoutLocations(), t.withoutLocations())
        XCTAssertFalse(TraceWriter.write(try XCTUnwrap(parseOK("memblock_add 0 4K\n"))).contains("@kernel"))
    }
}

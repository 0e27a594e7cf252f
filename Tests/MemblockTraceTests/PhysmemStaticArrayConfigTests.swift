import Memblock
import XCTest
@testable import MemblockTrace

/// `@config physmem_static_array=ADDR`: where the static physmem array lives.
final class PhysmemStaticArrayConfigTests: XCTestCase {
    func testTheAddressIsABuildSettingThatRoundTrips() throws {
        let trace = try TraceParser.parse("@config phys_map=1 physmem_static_array=0x1a00040\nmemblock_physmem_add 0 4K\n", file: "p")
        XCTAssertEqual(trace.config.physmemStaticArray, 0x1a0_0040)
        let written = TraceWriter.write(trace)
        XCTAssertTrue(written.contains("physmem_static_array=0x1a00040"), written)
        XCTAssertEqual(try TraceParser.parse(written, file: "w").config, trace.config)
    }

    func testTracesWithoutItWriteNoSuchKey() throws {
        let trace = try TraceParser.parse("memblock_add 0 1M\n", file: "p")
        XCTAssertNil(trace.config.physmemStaticArray)
        XCTAssertFalse(TraceWriter.write(trace).contains("physmem_static_array"))
    }

    func testALabelOrALateSettingIsALocatedError() {
        XCTAssertThrowsError(try TraceParser.parse("@config physmem_static_array=$a\n", file: "p")) { error in
            XCTAssertEqual("\(error)", "p:1:30: @config physmem_static_array: expected a number or an address constant, got $a")
        }
        XCTAssertThrowsError(try TraceParser.parse("memblock_add 0 1M\n@config physmem_static_array=0x1000\n", file: "p")) { error in
            XCTAssertTrue("\(error)".hasPrefix("p:2:9: @config physmem_static_array is a build setting"), "\(error)")
        }
    }
}

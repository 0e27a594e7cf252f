import XCTest
import Memblock
@testable import MemblockTrace

/// Every number form of TRACE-FORMAT.md, read where it is allowed.
final class NumberFormTests: XCTestCase {
    /// The size read from `memblock_add 0 SIZE`.
    private func size(_ token: String, file: StaticString = #filePath, line: UInt = #line) -> Argument? {
        guard let step = onlyStep("memblock_add 0 \(token)", file: file, line: line) else { return nil }
        XCTAssertEqual(step.operation.kind, .add, file: file, line: line)
        return step.operation[.size]
    }

    /// The node id read from `memblock_alloc_node 4K 4K NID`.
    private func nid(_ token: String, prefix: String = "", file: StaticString = #filePath, line: UInt = #line) -> Int32? {
        guard let step = onlyStep("memblock_alloc_node 4K 4K \(token)", prefix: prefix, file: file, line: line) else { return nil }
        XCTAssertEqual(step.operation.kind, .allocNode, file: file, line: line)
        return step.operation.nid
    }

    func test_hexadecimal_inEitherCase_isRead() {
        XCTAssertEqual(size("0x9fc00"), .literal(654_336))
        XCTAssertEqual(size("0X9FC00"), .literal(654_336))
        XCTAssertEqual(size("0xffffffffffffffff"), .literal(.max))
    }

    func test_decimal_isRead() {
        XCTAssertEqual(size("4096"), .literal(4096))
        XCTAssertEqual(size("0"), .literal(0))
        XCTAssertEqual(size("18446744073709551615"), .literal(.max))
    }

    func test_binarySuffixes_multiplyByPowersOf1024() {
        XCTAssertEqual(size("4K"), .literal(4096))
        XCTAssertEqual(size("16M"), .literal(16 << 20))
        XCTAssertEqual(size("2G"), .literal(2 << 30))
        XCTAssertEqual(size("3T"), .literal(3 << 40))
        XCTAssertEqual(size("5P"), .literal(5 << 50))
        // TRACE-FORMAT.md's table gives 268435456 for `0x10M`, which contradicts its own rule
        // (value times a power of 1024): 0x10 * 1M is 16 MiB.
        XCTAssertEqual(size("0x10M"), .literal(16 << 20))
        XCTAssertEqual(size("16383P"), .literal(16383 << 50))
    }

    func test_underscores_betweenDigits_areSeparators() {
        XCTAssertEqual(size("0x1_0000_0000"), .literal(1 << 32))
        XCTAssertEqual(size("1_000"), .literal(1000))
        XCTAssertEqual(errorLines("memblock_add 0 1__0").count, 1)
        XCTAssertEqual(errorLines("memblock_add 0 _1").count, 1)
        XCTAssertEqual(errorLines("memblock_add 0 1_").count, 1)
        XCTAssertEqual(errorLines("memblock_add 0 0x_1").count, 1)
    }

    func test_malformedNumbers_areErrors() {
        for bad in ["0x", "0xg", "4KK", "4 K", "1e6", "+4", "4KB", "0b101", "0o17"] {
            XCTAssertEqual(errorLines("memblock_add 0 \(bad)").count, 1, bad)
        }
    }

    func test_addressConstants_haveTheirKernelValues() {
        XCTAssertEqual(size("ANYWHERE"), .literal(.max))
        XCTAssertEqual(size("MEMBLOCK_ALLOC_ANYWHERE"), .literal(.max))
        XCTAssertEqual(size("ACCESSIBLE"), .literal(0))
        XCTAssertEqual(size("MEMBLOCK_ALLOC_ACCESSIBLE"), .literal(0))
        XCTAssertEqual(size("NOLEAKTRACE"), .literal(1))
        XCTAssertEqual(size("MEMBLOCK_ALLOC_NOLEAKTRACE"), .literal(1))
        XCTAssertEqual(size("MEMBLOCK_LOW_LIMIT"), .literal(0))
    }

    func test_nodeIDs_acceptNumbersMinusOneAndTheNodeConstants() {
        XCTAssertEqual(nid("0"), 0)
        XCTAssertEqual(nid("7"), 7)
        XCTAssertEqual(nid("0x3"), 3)
        XCTAssertEqual(nid("-1"), -1)
        XCTAssertEqual(nid("NUMA_NO_NODE"), -1)
        XCTAssertEqual(nid("MAX_NUMNODES"), 64)
        XCTAssertEqual(nid("64"), 64)
    }

    func test_maxNumnodes_isTheConfiguredValueAtThatPoint() {
        XCTAssertEqual(nid("MAX_NUMNODES", prefix: "@config max_numnodes=16\n"), 16)
        XCTAssertEqual(nid("MAX_NUMNODES", prefix: "@config numa=0\n"), 1)
        XCTAssertEqual(nid("1024", prefix: "@config max_numnodes=1024\n"), 1024)
        // Beyond MAX_NUMNODES is not a node but still an int the kernel can be called with.
        XCTAssertEqual(nid("17", prefix: "@config max_numnodes=16\n"), 17)
        XCTAssertEqual(nid("-2", prefix: "@config max_numnodes=16\n"), -2)
    }

    func test_flags_acceptNamesJoinedByBarOrNumbers() {
        func flags(_ token: String) -> MemblockFlags? {
            guard let step = onlyStep("memblock_add_node 0 4K 0 \(token)") else { return nil }
            XCTAssertEqual(step.operation.kind, .addNode)
            return step.operation.flags
        }
        XCTAssertEqual(flags("NONE"), [])
        XCTAssertEqual(flags("HOTPLUG"), .hotplug)
        XCTAssertEqual(flags("HOTPLUG|MIRROR"), [.hotplug, .mirror])
        XCTAssertEqual(flags("NOMAP|DRIVER_MANAGED"), [.nomap, .driverManaged])
        XCTAssertEqual(flags("0x3"), [.hotplug, .mirror])
        XCTAssertEqual(flags("15"), .all)
        XCTAssertEqual(flags("HOTPLUG|0x4"), [.hotplug, .nomap])
        XCTAssertEqual(flags("0"), [])
    }

    func test_switches_acceptZeroOneTrueFalse() {
        for (token, value) in [("0", false), ("1", true), ("false", false), ("true", true)] {
            XCTAssertEqual(onlyStep("memblock_set_bottom_up \(token)")?.operation, .setBottomUp(value))
        }
        XCTAssertEqual(errorLines("memblock_set_bottom_up TRUE").count, 1)
    }

    func test_rangePastTwoToThe64_isNotAnError() {
        XCTAssertEqual(onlyStep("memblock_add 0xffffffffffff0000 1M")?.operation,
                       .add(base: .literal(0xffff_ffff_ffff_0000), size: .literal(1 << 20)))
    }
}

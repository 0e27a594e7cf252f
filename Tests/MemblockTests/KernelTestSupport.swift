// The harness of Linux 6.1's memblock simulator (tools/testing/memblock/tests/common.c and
// common.h), for the Kernel*Tests files that port its checks, plus the bookkeeping test
// that keeps the port complete.

import Foundation
import Memblock
import XCTest

// MARK: - Sizes (include/linux/sizes.h)

let SZ_2: PhysAddr = 0x2
let SZ_4: PhysAddr = 0x4
let SZ_8: PhysAddr = 0x8
let SZ_16: PhysAddr = 0x10
let SZ_32: PhysAddr = 0x20
let SZ_64: PhysAddr = 0x40
let SZ_128: PhysAddr = 0x80
let SZ_256: PhysAddr = 0x100
let SZ_512: PhysAddr = 0x200
let SZ_1K: PhysAddr = 0x400
let SZ_2K: PhysAddr = 0x800
let SZ_4K: PhysAddr = 0x1000
let SZ_8K: PhysAddr = 0x2000
let SZ_16K: PhysAddr = 0x4000
let SZ_32K: PhysAddr = 0x8000
let SZ_64K: PhysAddr = 0x1_0000
let SZ_128K: PhysAddr = 0x2_0000
let SZ_256K: PhysAddr = 0x4_0000
let SZ_512K: PhysAddr = 0x8_0000
let SZ_1M: PhysAddr = 0x10_0000
let SZ_2M: PhysAddr = 0x20_0000
let SZ_4M: PhysAddr = 0x40_0000
let SZ_8M: PhysAddr = 0x80_0000
let SZ_16M: PhysAddr = 0x100_0000
let SZ_32M: PhysAddr = 0x200_0000
let SZ_64M: PhysAddr = 0x400_0000
let SZ_128M: PhysAddr = 0x800_0000
let SZ_256M: PhysAddr = 0x1000_0000
let SZ_512M: PhysAddr = 0x2000_0000
let SZ_1G: PhysAddr = 0x4000_0000
let SZ_2G: PhysAddr = 0x8000_0000

// MARK: - The simulator's build (tools/testing/memblock: Makefile, NUMA=1)

/// `MEM_SIZE`: the size of the dummy physical memory the allocation checks run on (6.1's;
/// `KernelTestCase.MEM_SIZE` is the kernel's own: 16K in 6.1, 32K in 6.12).
let MEM_SIZE: PhysAddr = SZ_16K

/// `MEM_SIZE` of a kernel's harness (tests/common.h).
func memSize(_ kernel: KernelVersion) -> PhysAddr { kernel == .v6_12 ? SZ_32K : SZ_16K }

/// `PHYS_MEM_SIZE` (6.12): what `dummy_physical_memory_init()` mallocs; the checks that
/// need room for a doubled array use it.
let PHYS_MEM_SIZE: PhysAddr = SZ_16M
/// `NUMA_NODES`: how many nodes `setup_numa_memblock` lays out.
let NUMA_NODES = 8
/// `SMP_CACHE_BYTES` of the tools headers (tools/include/linux/cache.h: `1 << 5`).
let SMP_CACHE_BYTES: PhysAddr = 32

/// Where the dummy physical memory sits. The C harness mallocs it, so its address is
/// whatever the heap gives; the checks only ever look at addresses relative to
/// `memblock_start_of_DRAM()` and `memblock_end_of_DRAM()`, and assume the block is
/// cache-line aligned. A fixed, page-aligned base far above page 0 (which the search never
/// returns) keeps every run identical.
let dummyPhysicalMemoryBase: PhysAddr = 0x1000_0000

/// The simulator as `make NUMA=1` builds it: `CONFIG_NUMA` with `CONFIG_NODES_SHIFT=4`
/// (`MAX_NUMNODES` 16), 4K pages, 128-entry region arrays, 32-byte cache lines. The
/// `movable_node` option (`-m`) is off, as in a plain `./main` run.
func kernelTestConfig(_ kernel: KernelVersion) -> MemblockConfig {
    MemblockConfig(numa: true, maxNumnodes: 16, pageSize: 4096, initMemoryRegions: 128, smpCacheBytes: SMP_CACHE_BYTES,
                   kernel: kernel)
}

/// The base of the ported kernel checks: the kernel whose suite they are (6.1 here; the
/// `Kernel612*` subclasses run the same checks as 6.12), and the harness bound to it.
class KernelTestCase: XCTestCase {
    /// The kernel the checks run as.
    class var kernel: KernelVersion { .v6_1 }
    /// The simulator's build for this kernel.
    var kernelTestConfig: MemblockConfig { MemblockTests.kernelTestConfig(Self.kernel) }
    /// `MEM_SIZE` of this kernel's harness.
    var MEM_SIZE: PhysAddr { memSize(Self.kernel) }
    /// `cnt` of an empty type: 1 (the dummy) in 6.1, 0 in 6.12.
    var emptyCnt: Int { Self.kernel.behaviour.emptyTypeHasDummy ? 1 : 0 }
    /// `reset_memblock_regions()` + `reset_memblock_attributes()` for this kernel.
    func resetMemblock(_ direction: Direction = .topDown) -> Memblock { MemblockTests.resetMemblock(direction, kernel: Self.kernel) }
    /// `setup_memblock()` for this kernel.
    func setupMemblock(_ direction: Direction = .topDown) -> Memblock { MemblockTests.setupMemblock(direction, kernel: Self.kernel) }
    /// `setup_numa_memblock(node_fracs)` for this kernel.
    func setupNumaMemblock(_ nodeFracs: [PhysAddr], _ direction: Direction = .topDown) -> Memblock {
        MemblockTests.setupNumaMemblock(nodeFracs, direction, kernel: Self.kernel)
    }
}

/// The allocation direction a check runs in (`run_top_down` / `run_bottom_up`, or the
/// `memblock_set_bottom_up` calls of the hand-written wrappers).
enum Direction: String, CaseIterable {
    case topDown = "top-down", bottomUp = "bottom-up"
}

/// How the allocation checks are run: the C files run every allocation check twice, once
/// through the zeroing API (`TEST_F_NONE`) and once through its `_raw` twin (`TEST_F_RAW`).
///
/// The zeroing part of `assert_mem_content` (all zeros after the zeroing API, none after the
/// raw one, on memory the harness filled with ones) has nothing to look at in the model,
/// which keeps no memory contents; only that byte comparison is left out of the ports.
enum AllocFlavour: String, CaseIterable, CustomStringConvertible {
    case zeroed, raw
    /// `TEST_F_RAW | TEST_F_EXACT` (6.12's alloc_exact_nid_api.c runs the range checks of
    /// alloc_nid_api.c through `memblock_alloc_exact_nid_raw`); not one of `allCases`.
    case exactRaw
    static var allCases: [AllocFlavour] { [.zeroed, .raw] }
    var description: String { rawValue }
}

// MARK: - common.c

/// `reset_memblock_regions()` and `reset_memblock_attributes()`: both types hold only their
/// dummy entry with room for 128, top-down, `current_limit` at `MEMBLOCK_ALLOC_ANYWHERE`.
func resetMemblock(_ direction: Direction = .topDown, kernel: KernelVersion) -> Memblock {
    var mb = Memblock(config: kernelTestConfig(kernel))
    mb.setBottomUp(direction == .bottomUp)
    return mb
}

/// `setup_memblock()`: the dummy physical memory registered as one `memory` region.
func setupMemblock(_ direction: Direction = .topDown, kernel: KernelVersion) -> Memblock {
    var mb = resetMemblock(direction, kernel: kernel)
    mb.add(dummyPhysicalMemoryBase, memSize(kernel))
    return mb
}

/// The fraction of `MEM_SIZE` in each node, in basis points, that the NUMA checks use:
/// 1/4, 1/16, 1/8, 1/8, 1/16, 1/16, 1/4, 1/16.
let nodeFractions: [PhysAddr] = [2500, 625, 1250, 1250, 625, 625, 2500, 625]

/// `setup_numa_memblock(node_fracs)`: the dummy physical memory split into `NUMA_NODES`
/// consecutive regions, node i holding `MEM_SIZE * node_fracs[i] / 10000` bytes. Like the C,
/// the regions are added HOTPLUG unless `movable_node` is on.
func setupNumaMemblock(_ nodeFracs: [PhysAddr], _ direction: Direction = .topDown, kernel: KernelVersion) -> Memblock {
    precondition(nodeFracs.count == NUMA_NODES && nodeFracs.allSatisfy { $0 <= 10_000 })
    var mb = resetMemblock(direction, kernel: kernel)
    let flags: MemblockFlags = mb.config.movableNode ? .none : .hotplug
    var base = dummyPhysicalMemoryBase
    for (nid, frac) in nodeFracs.enumerated() {
        let size = memSize(kernel) * frac / 10_000
        mb.addNode(base, size, nid: Int32(nid), flags: flags)
        base += size
    }
    return mb
}

/// The C harness's `struct region`: a range a check adds, reserves or drops.
struct Region {
    var base: PhysAddr
    var size: PhysAddr
    /// `region_end()`.
    var end: PhysAddr { base + size }
}

extension MemblockRegion {
    /// `region_end(rgn)`.
    var regionEnd: PhysAddr { base + size }
}

extension MemblockType {
    /// `type.regions[i]` as a C check reads it. The C array always has `max` slots and
    /// the checks read some before asserting `cnt`; a slot past `cnt` reads here as an
    /// empty region (what a freshly reset array holds) instead of trapping, so the `cnt`
    /// assertion is the one that reports the difference.
    func slot(_ i: Int) -> MemblockRegion {
        i < cnt ? regions[i] : MemblockRegion(base: 0, size: 0, nid: 0)
    }
}

/// `rgn->base` and `rgn->size`, checked together as every C check does.
func assertRegion(_ rgn: MemblockRegion, base: PhysAddr, size: PhysAddr, _ context: Any = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(rgn.base, base, "base \(context)", file: file, line: line)
    XCTAssertEqual(rgn.size, size, "size \(context)", file: file, line: line)
}

/// `type.cnt` and `type.total_size`, checked together as most C checks do.
func assertCounts(_ type: MemblockType, cnt: Int, totalSize: PhysAddr, _ context: Any = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(type.cnt, cnt, "\(type.name).cnt \(context)", file: file, line: line)
    XCTAssertEqual(type.totalSize, totalSize, "\(type.name).total_size \(context)", file: file, line: line)
}

// MARK: - Bookkeeping: every C check function has a Swift home

/// One C check function of the kernel suite and the Swift tests that port it. A wrapper
/// (`alloc_simple_check`, which runs the top-down and the bottom-up variant) and a
/// direction-generic check (run by `run_top_down` and `run_bottom_up`) both map to the
/// two Swift tests of its directions.
struct PortedCheck {
    let c: String
    let swift: [String]
    init(_ c: String, _ swift: String...) {
        self.c = c
        self.swift = swift
    }
}

/// The kernel's test files, their ports and how many check functions each has.
enum KernelTestFile: String, CaseIterable {
    case basicAPI = "basic_api.c", allocAPI = "alloc_api.c"
    case allocHelpersAPI = "alloc_helpers_api.c", allocNidAPI = "alloc_nid_api.c"

    /// The Swift file holding the port.
    var swiftFile: String {
        switch self {
        case .basicAPI: return "KernelBasicAPITests.swift"
        case .allocAPI: return "KernelAllocAPITests.swift"
        case .allocHelpersAPI: return "KernelAllocHelpersAPITests.swift"
        case .allocNidAPI: return "KernelAllocNidAPITests.swift"
        }
    }

    /// The number of `static int ..._check(void)` functions in the 6.1 file.
    var checkCount: Int {
        switch self {
        case .basicAPI: return 40
        case .allocAPI: return 29
        case .allocHelpersAPI: return 13
        case .allocNidAPI: return 69
        }
    }

    /// The port's list of check functions.
    var portedChecks: [PortedCheck] {
        switch self {
        case .basicAPI: return KernelBasicAPITests.portedChecks
        case .allocAPI: return KernelAllocAPITests.portedChecks
        case .allocHelpersAPI: return KernelAllocHelpersAPITests.portedChecks
        case .allocNidAPI: return KernelAllocNidAPITests.portedChecks
        }
    }
}

/// Reads the mapping lines (`/// - c_name → swiftTest, swiftTest`) of a port's header.
func docMapping(in source: String) -> [(c: String, swift: [String])] {
    source.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
        guard line.hasPrefix("/// - "), let arrow = line.range(of: " → ") else { return nil }
        let c = line[line.index(line.startIndex, offsetBy: 6)..<arrow.lowerBound]
        let swift = line[arrow.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return (String(c), swift)
    }
}

/// The names of the `func test…()` methods declared (or overridden) in a source file.
func declaredTests(in source: String) -> Set<String> {
    var names = Set<String>()
    for line in source.split(separator: "\n") {
        var trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("override ") { trimmed.removeFirst("override ".count) }
        guard trimmed.hasPrefix("func test"), let paren = trimmed.firstIndex(of: "(") else { continue }
        names.insert(String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 5)..<paren]))
    }
    return names
}

final class KernelPortedChecksTests: XCTestCase {
    private let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    private func source(_ file: KernelTestFile) throws -> String {
        try String(contentsOf: testsDirectory.appendingPathComponent(file.swiftFile), encoding: .utf8)
    }

    /// 151 distinct C check functions, each listed in its file's header mapping with the
    /// same Swift tests, and each of those tests declared in that file; no test of a port
    /// is left out of its mapping.
    func test_portedKernelChecks_count() throws {
        let all = KernelTestFile.allCases.flatMap(\.portedChecks)
        XCTAssertEqual(all.count, 151)
        XCTAssertEqual(Set(all.map(\.c)).count, 151, "C check names must be unique")

        for file in KernelTestFile.allCases {
            let checks = file.portedChecks
            XCTAssertEqual(checks.count, file.checkCount, file.rawValue)
            let text = try source(file)
            let mapping = docMapping(in: text)
            XCTAssertEqual(mapping.map(\.c), checks.map(\.c), "\(file.swiftFile): header mapping vs portedChecks")
            for (doc, check) in zip(mapping, checks) {
                XCTAssertEqual(doc.swift, check.swift, "\(file.swiftFile): \(check.c)")
            }
            let declared = declaredTests(in: text)
            let bound = Set(checks.flatMap(\.swift))
            for check in checks {
                XCTAssertFalse(check.swift.isEmpty, check.c)
                for name in check.swift {
                    XCTAssertTrue(declared.contains(name), "\(check.c) → \(name): no such test in \(file.swiftFile)")
                }
            }
            XCTAssertEqual(declared.subtracting(bound), [], "\(file.swiftFile): tests no C check maps to")
        }
    }

    /// With the 6.1 tree at hand (`MBVIZ_KERNEL_SRC`, else /work/kernel/6.1), the
    /// ported names are exactly the check functions of each C file, in file order.
    func test_portedKernelChecks_matchKernelSource() throws {
        let root = ProcessInfo.processInfo.environment["MBVIZ_KERNEL_SRC"] ?? "/work/kernel/6.1"
        let dir = URL(fileURLWithPath: root).appendingPathComponent("tools/testing/memblock/tests")
        guard FileManager.default.fileExists(atPath: dir.path) else {
            throw XCTSkip("no kernel tree at \(root)")
        }
        for file in KernelTestFile.allCases {
            let text = try String(contentsOf: dir.appendingPathComponent(file.rawValue), encoding: .utf8)
            let names = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("static int "), line.hasSuffix("_check(void)") else { return nil }
                return String(line.dropFirst("static int ".count).dropLast("(void)".count))
            }
            XCTAssertEqual(file.portedChecks.map(\.c), names, file.rawValue)
        }
    }
}

// MARK: - The 6.12 port

/// The kernel's 6.12 test files, their ports and how many check functions each has.
enum KernelTestFile612: String, CaseIterable {
    case basicAPI = "basic_api.c", allocAPI = "alloc_api.c", allocHelpersAPI = "alloc_helpers_api.c"
    case allocNidAPI = "alloc_nid_api.c", allocExactNidAPI = "alloc_exact_nid_api.c"

    /// The Swift file holding the port (the 6.12 subclass, or the new file).
    var swiftFile: String {
        switch self {
        case .basicAPI: return "Kernel612BasicAPITests.swift"
        case .allocAPI: return "Kernel612AllocAPITests.swift"
        case .allocHelpersAPI: return "Kernel612AllocHelpersAPITests.swift"
        case .allocNidAPI: return "Kernel612AllocNidAPITests.swift"
        case .allocExactNidAPI: return "Kernel612AllocExactNidAPITests.swift"
        }
    }

    /// The number of `static int ..._check(void)` functions in the 6.12 file.
    var checkCount: Int {
        switch self {
        case .basicAPI: return 45
        case .allocAPI: return 29
        case .allocHelpersAPI: return 13
        case .allocNidAPI: return 69
        case .allocExactNidAPI: return 31
        }
    }

    /// The port's list of check functions.
    var portedChecks: [PortedCheck] {
        switch self {
        case .basicAPI: return Kernel612BasicAPITests.portedChecks612
        case .allocAPI: return Kernel612AllocAPITests.portedChecks612
        case .allocHelpersAPI: return Kernel612AllocHelpersAPITests.portedChecks612
        case .allocNidAPI: return Kernel612AllocNidAPITests.portedChecks612
        case .allocExactNidAPI: return Kernel612AllocExactNidAPITests.portedChecks612
        }
    }
}

final class Kernel612PortedChecksTests: XCTestCase {
    private let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// 187 distinct C check functions of 6.12, each in its file's header mapping with the
    /// same Swift tests, each of those declared (or overridden, to run as 6.12) in that file.
    func test_ported612KernelChecks_count() throws {
        let all = KernelTestFile612.allCases.flatMap(\.portedChecks)
        XCTAssertEqual(all.count, 187)
        XCTAssertEqual(Set(all.map(\.c)).count, 187, "C check names must be unique")
        for file in KernelTestFile612.allCases {
            let checks = file.portedChecks
            XCTAssertEqual(checks.count, file.checkCount, file.rawValue)
            let text = try String(contentsOf: testsDirectory.appendingPathComponent(file.swiftFile), encoding: .utf8)
            let mapping = docMapping(in: text)
            XCTAssertEqual(mapping.map(\.c), checks.map(\.c), "\(file.swiftFile): header mapping vs portedChecks612")
            for (doc, check) in zip(mapping, checks) {
                XCTAssertEqual(doc.swift, check.swift, "\(file.swiftFile): \(check.c)")
            }
            let declared = declaredTests(in: text)
            for check in checks {
                XCTAssertFalse(check.swift.isEmpty, check.c)
                for name in check.swift {
                    XCTAssertTrue(declared.contains(name), "\(check.c) → \(name): no such test in \(file.swiftFile)")
                }
            }
        }
    }

    /// With the 6.12 tree at hand (`MBVIZ_KERNEL_SRC_612`, else /work/kernel/6.12), the ported
    /// names are exactly the check functions of each C file, in file order.
    func test_ported612KernelChecks_matchKernelSource() throws {
        let root = ProcessInfo.processInfo.environment["MBVIZ_KERNEL_SRC_612"] ?? "/work/kernel/6.12"
        let dir = URL(fileURLWithPath: root).appendingPathComponent("tools/testing/memblock/tests")
        guard FileManager.default.fileExists(atPath: dir.path) else { throw XCTSkip("no 6.12 kernel tree at \(root)") }
        for file in KernelTestFile612.allCases {
            let text = try String(contentsOf: dir.appendingPathComponent(file.rawValue), encoding: .utf8)
            let names = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("static int "), line.hasSuffix("_check(void)") else { return nil }
                return String(line.dropFirst("static int ".count).dropLast("(void)".count))
            }
            XCTAssertEqual(file.portedChecks.map(\.c), names, file.rawValue)
        }
    }
}

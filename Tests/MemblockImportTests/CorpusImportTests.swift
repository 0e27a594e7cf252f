import Foundation
import Memblock
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// The measure of the importer: on every real boot log of `../shared/corpus/boot`, the
/// replay of the imported trace meets every recorded allocation address, every dump, and the
/// final debugfs state where the log has one.
final class CorpusImportTests: XCTestCase {
    /// (log, recorded allocations, dumps): every one must be met.
    static let expected: [(String, Int, Int)] = [
        ("x86_64/m256M.log", 49, 2),
        ("x86_64/m2G-nokaslr.log", 50, 2),
        ("x86_64/numa2-3G-1G.log", 57, 2),
        ("x86_64/memmap-64M.log", 50, 2),
        ("x86_64/crashkernel-256M.log", 58, 2),
        ("x86_64/numa-fake-4.log", 68, 2),
        ("arm64/virt-m2G.log", 1060, 1),
        ("arm64/virt-m2G-initramfs.log", 1060, 1),
        ("arm64/virt-numa2-3G-1G.log", 2090, 1),
        ("arm64/virt-m2G-dt-reserved-memory.log", 1059, 1),
    ]

    func test_corpus_everyRecordedAllocationAndDumpIsMet() throws {
        let boot = try ImportFixtures.boot()
        for (name, allocations, dumps) in Self.expected {
            let url = boot.appendingPathComponent(name)
            let r = try ImportFixtures.importLog(url, dtb: name.hasPrefix("arm64/"))
            XCTAssertEqual(r.stats.recordedAllocations, allocations, name)
            XCTAssertEqual(r.stats.metAllocations, allocations, "\(name): first mismatch \(r.stats.firstMismatch ?? "-")")
            XCTAssertEqual(r.stats.dumps, dumps, name)
            XCTAssertEqual(r.stats.dumpsMatched, dumps, "\(name): \(r.notes)")
            XCTAssertEqual(HeadlessRun(r.trace).mismatches.map(\.description), [], name)
            XCTAssertEqual(r.notes, [], name)
        }
    }

    func test_corpusArm64_withoutTheDTB_stillMeetsEverything() throws {
        let boot = try ImportFixtures.boot()
        for (name, allocations, _) in Self.expected where name.hasPrefix("arm64/") {
            let r = try ImportFixtures.importLog(boot.appendingPathComponent(name), dtb: false)
            XCTAssertEqual(r.stats.metAllocations, allocations, name)
            XCTAssertEqual(r.stats.dumpsMatched, r.stats.dumps, name)
            XCTAssertEqual(HeadlessRun(r.trace).mismatches.count, 0, name)
        }
    }

    func test_corpusInitramfs_finalStateMatchesDebugfs() throws {
        let url = try ImportFixtures.boot().appendingPathComponent("arm64/virt-m2G-initramfs.log")
        let r = try ImportFixtures.importLog(url, dtb: true)
        XCTAssertEqual(r.stats.debugfsMatched, true)
        let state = HeadlessRun(r.trace).state
        let log = String(decoding: try ImportFixtures.bytes(url), as: UTF8.self)
        XCTAssertTrue(log.replacingOccurrences(of: "\r", with: "").contains(state.debugfs(.reserved)))
        XCTAssertTrue(log.contains("   0: 0x0000000040000000..0x00000000bfffffff"))
        XCTAssertEqual(state.debugfs(.memory), "   0: 0x0000000040000000..0x00000000bfffffff\n")
    }

    func test_corpusNUMA_nodeDataStepsCarryTheirNodeAndAComment() throws {
        let url = try ImportFixtures.boot().appendingPathComponent("x86_64/numa2-3G-1G.log")
        let r = try ImportFixtures.importLog(url, dtb: false)
        let lines = r.text.split(separator: "\n")
        guard let i = lines.firstIndex(where: { $0.hasPrefix("memblock_phys_alloc_try_nid 172K 64 1 ") }) else {
            return XCTFail("no NODE_DATA(1) step:\n\(r.text)")
        }
        XCTAssertTrue(lines[i].hasSuffix("=> 0x13ffd5000"))
        XCTAssertTrue(lines[i - 1].hasPrefix("# inferred: NODE_DATA(1) allocated silently by memblock_phys_alloc_try_nid"))
        XCTAssertTrue(r.text.contains("memblock_set_node 0x100000000 1G memory 1"))
        XCTAssertEqual(r.trace.config.maxNumnodes, 1024)
    }
}

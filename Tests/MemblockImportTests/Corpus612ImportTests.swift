import Foundation
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// The real 6.12 boots of `../shared/corpus/boot-6.12`: the import side (every recorded
/// allocation address is met, whatever the model's kernel), and, once the model replays
/// `@kernel 6.12`, the whole check (every `@expect`, the final debugfs state).
final class Corpus612ImportTests: XCTestCase {
    /// (log, recorded allocations = the README's "reserve (alloc)" column, dumps).
    static let expected: [(String, Int, Int)] = [
        ("x86_64/m256M.log", 46, 2),
        ("x86_64/m2G-nokaslr.log", 47, 2),
        ("x86_64/memmap-64M.log", 47, 2),
        ("x86_64/crashkernel-256M.log", 52, 2),
        ("x86_64/numa-fake-4.log", 62, 2),
        ("x86_64/numa2-3G-1G.log", 59, 2),
        ("arm64/virt-m2G.log", 1047, 1),
        ("arm64/virt-m2G-initramfs.log", 1047, 1),
        ("arm64/virt-numa2-3G-1G.log", 2075, 1),
    ]

    func test_boot612_everyRecordedAllocationIsMet_andTheKernelIsRead() throws {
        let boot = try ImportFixtures.corpus("boot-6.12")
        for (name, allocations, dumps) in Self.expected {
            let r = try ImportFixtures.importLog(boot.appendingPathComponent(name), dtb: name.hasPrefix("arm64/"))
            XCTAssertEqual(r.stats.recordedAllocations, allocations, name)
            XCTAssertEqual(r.stats.metAllocations, allocations, "\(name): first mismatch \(r.stats.firstMismatch ?? "-")")
            XCTAssertEqual(r.stats.dumps, dumps, name)
            XCTAssertEqual(r.report?.modelled, "6.12", name)
            XCTAssertEqual(r.report?.replaced, 0, "\(name): 6.12 is modelled; nothing is replaced")
            XCTAssertTrue(r.text.contains("is replayed with the 6.12 model"), name)
        }
    }

    func test_boot612_fullCheck_everyExpectationAndTheFinalState() throws {
        guard ModelledKernel.parserReadsDirectiveForTests else {
            throw XCTSkip("the trace parser of this build does not read @kernel yet (the model's 6.12 milestone)")
        }
        let boot = try ImportFixtures.corpus("boot-6.12")
        for (name, _, dumps) in Self.expected {
            let r = try ImportFixtures.importLog(boot.appendingPathComponent(name), dtb: name.hasPrefix("arm64/"))
            XCTAssertTrue(r.text.contains("@kernel 6.12"), name)
            XCTAssertEqual(CheckReport(r.trace).mismatches.map(\.description), [], name)
            XCTAssertEqual(r.stats.dumpsMatched, dumps, "\(name): \(r.notes)")
            if name.hasSuffix("-initramfs.log") { XCTAssertEqual(r.stats.debugfsMatched, true, "\(name): \(r.notes)") }
        }
    }
}

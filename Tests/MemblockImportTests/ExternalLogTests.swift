import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// Logs from the wild (`../shared/corpus/external`, copied into Fixtures/external): every one
/// imports (or, without any memory map, fails with the error that names --dtb), and its trace
/// meets every expectation it writes.
final class ExternalLogTests: XCTestCase {
    /// (log, kernel, arch, dialect, requests seen, results matched, expectations written,
    /// results replayed as reservations, transform that must be named).
    static let expected: [(String, String, String, String, Int, Int, Int, Int, String?)] = [
        ("qemu-6.6.36-numa2-memblock-debug.log", "6.6.36", "x86_64", "6.x", 52, 52, 62, 0, nil),
        ("hp-286-pro-g2-4.9.96-memblock-debug.log", "4.9.96", "x86_64", "4.x", 48, 48, 57, 0, nil),
        ("asus-z10pe-d16-4.9.152-numa2-dmesg.log", "4.9.152", "x86_64", "none (no memblock=debug lines)", 0, 0, 2, 0, nil),
        ("msi-ms7721-4.4.5-arch-dmesg.log", "4.4.5", "x86_64", "none (no memblock=debug lines)", 0, 0, 1, 0, nil),
        ("rk3566-5.4.74-memblock-debug-excerpt.log", "unknown (no Linux version line)", "arm64", "5.x/6.x", 0, 0, 0, 0, nil),
        ("bst-a1000b-6.1.54-rt-memblock-debug-annotated.log", "6.1.54", "arm64", "6.x", 3, 2, 6, 0, "common indentation removed (a document's code block)"),
        ("board-5.1x-1G-memblock-debug-excerpt.log", "unknown (no Linux version line)", "riscv64", "5.x", 38, 38, 43, 0, "`[T0]`/`[C0]` caller ids"),
        ("orangepi-rv2-6.6.63-dmesg.log", "6.6.63", "riscv64", "none (no memblock=debug lines)", 0, 0, 0, 0, nil),
        ("spacemit-k3-6.12.16-dmesg-T.log", "6.12.16", "riscv64", "none (no memblock=debug lines)", 0, 0, 0, 0, "`dmesg -T` wall-clock prefixes"),
        ("sgi-ip27-5.3-numa4-memblock-debug.log", "unknown (no Linux version line)", "mips", "5.x", 32, 32, 36, 0, "no timestamps"),
        ("alpha-pc164-4.20-memblock-debug.log", "4.20.0", "alpha", "4.x", 23, 23, 1, 22, nil),
    ]

    func importExternal(_ name: String) throws -> ImportResult {
        let bytes = try ImportFixtures.fixture("external/" + name)
        do { return try DmesgImporter.importLog(bytes, file: name) } catch {
            XCTFail("\(name): \(error)")
            throw error
        }
    }

    func test_everyExternalLog_importsAndMeetsEveryExpectationItWrites() throws {
        for (name, kernel, arch, dialect, requests, matched, written, replaced, transform) in Self.expected {
            let r = try importExternal(name)
            let report = try XCTUnwrap(r.report, name)
            XCTAssertEqual(report.kernel, kernel, name)
            XCTAssertEqual(report.arch, arch, name)
            XCTAssertEqual(report.dialect, dialect, name)
            XCTAssertEqual(report.requests, requests, name)
            XCTAssertEqual(report.resultsMatched, matched, name)
            XCTAssertEqual(report.expectations, written, name)
            XCTAssertEqual(report.replaced, replaced, name)
            if let transform { XCTAssertTrue(report.transforms.contains(transform), "\(name): \(report.transforms)") }
            let check = CheckReport(r.trace)
            XCTAssertEqual(check.mismatches.map(\.description), [], name)
            XCTAssertEqual(check.expectations, written, name)
        }
    }

    func test_deviceTreeLogWithoutAnyMemoryLines_isOneErrorNamingDTB() throws {
        let bytes = try ImportFixtures.fixture("external/jetson-tx2-4.4.38-tegra-dmesg.log")
        XCTAssertThrowsError(try DmesgImporter.importLog(bytes, file: "jetson.log")) { error in
            let e = error as! ImportError
            XCTAssertEqual(e.line, 0)
            XCTAssertTrue(e.message.contains("--dtb"), e.message)
            XCTAssertTrue(e.message.contains("Early memory node ranges"), e.message)
        }
    }

    func test_4xLog_trimIsTheKernelsNotAnInferredRemove() throws {
        let r = try importExternal("hp-286-pro-g2-4.9.96-memblock-debug.log")
        XCTAssertFalse(r.text.contains("memblock_remove 0x9c000"), "the kernel trims pages; no remove is inferred")
        XCTAssertTrue(r.text.contains("memblock_trim_memory 4K by=e820__memblock_setup"))
        XCTAssertTrue(r.text.contains("by=smp_scan_config+0x102/0x131"), "the 4.x flags field is not the caller")
        XCTAssertFalse(r.text.contains("by=flags"))
        XCTAssertEqual(r.stats.dumpsMatched, 2)
    }

    func test_mipsLog_isBottomUp_andAlphaResultsAreReplayedAsTheirReservations() throws {
        let mips = try importExternal("sgi-ip27-5.3-numa4-memblock-debug.log")
        XCTAssertTrue(mips.text.contains("memblock_set_bottom_up 1 by=setup_arch"))
        XCTAssertTrue(mips.text.contains("@config numa=1"), "the dumps print nodes")
        XCTAssertTrue(mips.text.contains("memblock_set_node 0x100000000 960M memory 1"), "the excerpt starts after node setup")
        XCTAssertEqual(mips.stats.dumpsMatched, 1)
        let alpha = try importExternal("alpha-pc164-4.20-memblock-debug.log")
        XCTAssertTrue(alpha.text.contains("page_size=8K"))
        XCTAssertTrue(alpha.text.contains("returned 0xc12000 in the log; the model (6.1) returns"), alpha.text)
        XCTAssertTrue(alpha.text.contains("memblock_reserve 0xc12000 104 by=alloc_pci_controller+0x2c/0x50"))
    }

    func test_riscvExcerpt_numaOffReadFromItsResults() throws {
        let r = try importExternal("board-5.1x-1G-memblock-debug-excerpt.log")
        XCTAssertTrue(r.text.contains("@config numa=0"), String(r.text.prefix(1500)))
        XCTAssertTrue(r.notes.contains { $0.contains("CONFIG_NUMA was read from the log's results") }, "\(r.notes)")
    }

    func test_deviceTreeLogWithoutMemblockDebug_memoryFromNodeRanges_reservationsFromOFLines() throws {
        let r = try importExternal("orangepi-rv2-6.6.63-dmesg.log")
        XCTAssertTrue(r.text.contains("# inferred: log line 37: `node 0: [mem 0x100000000-0x27fffffff]`"))
        XCTAssertTrue(r.text.contains("memblock_add 0x100000000 6G"))
        XCTAssertTrue(r.text.contains("memblock_reserve 0x58000000 384M"), "the CMA area from its OF line, once")
        XCTAssertEqual(r.text.components(separatedBy: "memblock_reserve 0x58000000").count, 2)
        XCTAssertTrue(r.text.contains("memblock_mark_nomap 0x2ff40000 768K"))
        let state = HeadlessRun(r.trace).state
        XCTAssertEqual(state.memory.totalSize, 8 << 30)
    }

    func test_annotatedExcerpt_requestCutByThePoster_isLeftOutNotFailed() throws {
        let r = try importExternal("bst-a1000b-6.1.54-rt-memblock-debug-annotated.log")
        XCTAssertFalse(r.text.contains("=> fail"))
        XCTAssertTrue(r.text.contains("left out: a MEMBLOCK configuration dump follows"), r.text)
        XCTAssertTrue(r.text.contains("memblock_remove 0x4000000000 "), "the split address is rejoined")
    }
}

import Foundation
import Memblock
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// Inputs that are not clean logs: other layouts, truncations, binary data, junk in lines,
/// huge inputs. None may crash or hang; each gives an error with a location or a trace
/// that parses.
final class RobustnessTests: XCTestCase {
    static let small = """
    [    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2
    [    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
    [    0.000000] BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
    [    0.020794] memblock_add: [0x0000000000001000-0x000000000009fbff] e820__memblock_setup+0x65/0x7d
    [    0.020952] memblock_add: [0x0000000000100000-0x000000007ffdffff] e820__memblock_setup+0x65/0x7d
    [    0.022418] memblock_phys_alloc_range: 28672 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000100000 reserve_real_mode+0x50/0x89
    [    0.022893] memblock_reserve: [0x0000000000098000-0x000000000009efff] memblock_alloc_range_nid+0xb0/0x13d

    """

    /// Imports and checks the invariants every result has.
    @discardableResult
    func importChecked(_ bytes: [UInt8], file: String = "t.log", line: UInt = #line) -> ImportResult? {
        do {
            let r = try DmesgImporter.importLog(bytes, file: file)
            XCTAssertFalse(r.notes.contains { $0.contains("internal error") }, "\(r.notes)", line: line)
            XCTAssertNoThrow(try TraceParser.parse(r.text, file: file), line: line)
            XCTAssertEqual(r.trace.steps.count, r.stats.steps, line: line)
            return r
        } catch {
            XCTAssertFalse(error.message.isEmpty, line: line)
            XCTAssertTrue(error.description.hasPrefix(file), line: line)
            return nil
        }
    }

    func test_smallLog_twoRecordedAllocationFiguresAndTheTrim() throws {
        let r = try XCTUnwrap(importChecked(Array(Self.small.utf8)))
        XCTAssertEqual(r.stats.recordedAllocations, 1)
        XCTAssertEqual(r.stats.metAllocations, 1)
        XCTAssertTrue(r.text.contains("memblock_phys_alloc_range 28K 4K 0 0x100000 by=reserve_real_mode+0x50/0x89 => 0x98000"))
    }

    func test_layouts_lfCrlfNoTimestampsSyslogKmsgAndInterleaved_giveTheSameSteps() throws {
        let base = try XCTUnwrap(importChecked(Array(Self.small.utf8))).trace.withoutLocations().steps
        let lines = Self.small.split(separator: "\n").map(String.init)
        let strip = lines.map { $0.count > 15 && $0.hasPrefix("[") ? String($0.dropFirst(15)) : $0 }
        let variants: [String] = [
            lines.joined(separator: "\r\n") + "\r\n",
            lines.joined(separator: "\r\r\n"),
            strip.joined(separator: "\n"),
            strip.map { "Nov 25 02:03:04 host kernel: " + $0 }.joined(separator: "\n"),
            strip.enumerated().map { "6,\($0.offset),\($0.offset * 10),-;" + $0.element }.joined(separator: "\n"),
            strip.map { "<6>" + $0 }.joined(separator: "\n"),
            lines.flatMap { [$0, "[    0.1] usb 1-1: new device", "random: crng init done", "\u{1b}[0m garbage \u{0}"] }.joined(separator: "\n"),
            lines.map { $0.replacingOccurrences(of: "]", with: "] ", options: [], range: nil) }.joined(separator: "\n"),
        ]
        for (i, v) in variants.enumerated() {
            let r = try XCTUnwrap(importChecked(Array(v.utf8)), "variant \(i)")
            XCTAssertEqual(r.trace.withoutLocations().steps, base, "variant \(i)")
        }
    }

    func test_emptyBinaryAndUnrelatedInputs_areErrorsThatSayWhy() {
        for (bytes, expected, prefix) in [([UInt8](), "empty input", "x.bin: "),
                                          (Array("ok\nab".utf8) + [0, 1, 2, 255, 0, 7] + [UInt8](repeating: 0, count: 100), "binary", "x.bin:2:3: "),
                                          (Array("hello\nworld\n".utf8), "no kernel memory information", "x.bin: ")] {
            XCTAssertThrowsError(try DmesgImporter.importLog(bytes, file: "x.bin")) { e in
                XCTAssertTrue("\(e)".hasPrefix(prefix), "\(e)")
                XCTAssertTrue("\(e)".contains(expected), "\(e)")
            }
        }
    }

    func test_nulBytesAndControlCharactersInLines_stayOutOfTheTrace() throws {
        // Found by fuzzing: a NUL inside the version line reached a header comment.
        var bytes = Array(Self.small.utf8)
        let at = Array("[    0.000000] Linux version 6".utf8).count
        bytes.insert(contentsOf: [0, 0, 0x10, 0x0d, 0xff, 0xfe], at: at)
        let r = try XCTUnwrap(importChecked(bytes))
        XCTAssertFalse(r.text.utf8.contains(0))
        XCTAssertEqual(r.stats.metAllocations, 1)
    }

    func test_dtbWithANodeIdBeyondInt32_asTheDtbOfALog_importsCleanly() throws {
        // Found by the CI fuzz smoke: numa-node-id 0x80000001 trapped converting to Int32.
        let blob = try ImportFixtures.fixture("fuzz-dtb-huge-numa-node-id.dtb")
        let log = """
        [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]
        [    0.000000] memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init+0x38/0x260
        [    0.000000] memblock_reserve: [0x0000000040210000-0x000000004220ffff] arm64_memblock_init+0x1f0/0x260
        [    0.000000] memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000001 early_pgtable_alloc+0x2c/0xb0
        [    0.000000] memblock_reserve: [0x00000000bfeff000-0x00000000bfefffff] memblock_alloc_range_nid+0xe8/0x17c
        [    0.000000] NUMA: NODE_DATA [mem 0xbfbee380-0xbfbf0fff]

        """
        do {
            let r = try DmesgImporter.importLog(Array(log.utf8), file: "fuzz.log", dtb: blob)
            XCTAssertNoThrow(try TraceParser.parse(r.text, file: "reparse"))
        } catch {
            XCTAssertFalse(error.message.isEmpty)
        }
    }

    func test_malformedMemblockLines_becomeNotes() throws {
        let log = Self.small + """
        [    0.1] memblock_reserve: [0x00000000000f5ba0-0x00000000000f5b
        [    0.1] memblock_alloc_try_nid: lots bytes align=0x40
        [    0.1]  memory[0x0]\t[0x0000000000001000-
        [    0.1] memblock: memory is doubled to many at

        """
        let r = try XCTUnwrap(importChecked(Array(log.utf8)))
        XCTAssertEqual(r.stats.malformedLines, 4)
        XCTAssertTrue(r.notes.contains { $0.hasPrefix("t.log:8: unreadable memblock_reserve line") }, "\(r.notes)")
    }

    func test_everyTruncationOfARealLog_importsOrFailsCleanly() throws {
        let bytes = try ImportFixtures.fixture("m2G-nokaslr.log")
        var cut = 0
        while cut < bytes.count {
            importChecked(Array(bytes[..<cut]))
            cut += 997
        }
    }

    func test_requestWithoutResult_isARecordedFailure_unlessAfterTheHandOff() throws {
        let log = Self.small + """
        [    0.03] memblock_alloc_try_nid: 67108864 bytes align=0x1000 nid=-1 from=0x0000000000000000 max_addr=0x00000000000fffff swiotlb_init_remap+0x1/0x2
        [    0.03] software IO TLB: swiotlb_memblock_alloc: Failed to allocate 67108864 bytes tlb structure
        [    0.04] Memory: 207548K/2096632K available (14343K kernel code)
        [    0.05] memblock_alloc_try_nid: 64 bytes align=0x40 nid=-1 from=0x0000000000000000 max_addr=0x0000000000000000 late+0x1/0x2

        """
        let r = try XCTUnwrap(importChecked(Array(log.utf8)))
        XCTAssertEqual(r.stats.recordedFailures, 1)
        XCTAssertEqual(r.stats.metAllocations, r.stats.recordedAllocations)
        XCTAssertTrue(r.text.contains("=> fail"))
        XCTAssertTrue(r.text.contains("memblock_free_all by=mem_init"))
        XCTAssertTrue(r.notes.contains { $0.contains("slab") })
    }

    func test_hugeInput_staysLinear() throws {
        // 120 000 reserves in descending order after resizing is allowed, then 30 000 results
        // with no request: the model's work budget stops the replay instead of going quadratic.
        var log = "[    0.0] memblock_add: [0x0000000000001000-0x000000ffffffffff] e820__memblock_setup+0x65/0x7d\n"
        log.reserveCapacity(16 << 20)
        for i in 0..<120_000 {
            let base = UInt64(0x1_0000_0000) + UInt64(120_000 - i) * 0x2000
            log += "[    0.1] memblock_reserve: [\(formatPA(base))-\(formatPA(base + 0xfff))] test+0x1/0x2\n"
        }
        for i in 0..<30_000 {
            let base = UInt64(0x2_0000_0000) + UInt64(30_000 - i) * 0x2000
            log += "[    0.1] memblock_reserve: [\(formatPA(base))-\(formatPA(base + 0xfff))] memblock_alloc_range_nid+0xb0/0x13d\n"
        }
        // The bound is the model's work budget (asserted through its note below), not a clock:
        // a wall-clock limit would fail on a loaded machine and prove nothing on a fast one.
        let r = try XCTUnwrap(importChecked(Array(log.utf8)))
        XCTAssertEqual(r.stats.recordedAllocations, 30_000)
        XCTAssertTrue(r.notes.contains { $0.contains("the model stopped") }, "\(r.notes)")
    }

    func test_silentAllocationWithNoExplanation_isPinnedToItsRange() throws {
        let log = Self.small + "[    0.05] memblock_reserve: [0x0000000000200000-0x0000000000200fff] memblock_alloc_range_nid+0xb0/0x13d\n"
        let r = try XCTUnwrap(importChecked(Array(log.utf8)))
        XCTAssertEqual(r.stats.recordedAllocations, 2)
        XCTAssertEqual(r.stats.metAllocations, 2)
        XCTAssertTrue(r.text.contains("=> 0x200000"))
    }

    func test_doubling_isFoldedIntoTheStepThatCausedIt() throws {
        var log = Self.small
        for i in 0..<130 {
            let base = UInt64(0x1000_0000) + UInt64(i) * 0x2000
            log += "[    0.1] memblock_reserve: [\(formatPA(base))-\(formatPA(base + 0xfff))] test+0x1/0x2\n"
            if i == 127 {
                log += "[    0.1] memblock: reserved is doubled to 256 at [0x000000007fffd000-0x000000007fffe7ff]\n"
                log += "[    0.1] memblock_reserve: [0x000000007fffd000-0x000000007fffefff] memblock_double_array+0x211/0x249\n"
            }
        }
        let r = try XCTUnwrap(importChecked(Array(log.utf8)))
        XCTAssertFalse(r.text.contains("memblock_double_array"), "the array's own reserve is not a step")
        XCTAssertTrue(r.text.contains("@expect reserved.max=256"))
        XCTAssertEqual(r.stats.steps, 5 + 130)
        XCTAssertFalse(r.notes.contains { $0.contains("doubles") }, "the model doubles at the same step: \(r.notes)")
        XCTAssertEqual(HeadlessRun(r.trace).mismatches.map(\.description), [])
    }
}

/// Logs without memblock=debug: the firmware map is all there is.
final class FirmwareMapOnlyTests: XCTestCase {
    func test_x86LogWithoutMemblockLines_addsTheE820RamAfterItsUpdates() throws {
        let text = String(decoding: try ImportFixtures.fixture("m2G-nokaslr.log"), as: UTF8.self)
        let kept = text.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
            .filter { !$0.contains("memblock") && !$0.contains("MEMBLOCK") && !$0.contains("memory[") && !$0.contains("reserved[")
                && !$0.contains(".cnt") && !$0.contains("memory size") }
        let r = try DmesgImporter.importLog(Array(kept.joined(separator: "\n").utf8), file: "nodebug.log")
        let lines = r.trace.steps.map { TraceWriter.line($0) }
        XCTAssertEqual(Array(lines.prefix(5)), [
            "memblock_set_current_limit 0x100000 by=setup_arch",
            "memblock_allow_resize by=e820__memblock_setup",
            "memblock_add 0x1000 635K by=e820__memblock_setup",
            "memblock_add 0x100000 2096000K by=e820__memblock_setup",
            "memblock_trim_memory 4K by=e820__memblock_setup",
        ])
        XCTAssertTrue(r.notes.contains { $0.contains("no memblock_add lines") }, "\(r.notes)")
        // The NODE_DATA(0) line still records its allocation.
        XCTAssertEqual(r.stats.recordedAllocations, 1)
        XCTAssertEqual(r.stats.metAllocations, 1)
        XCTAssertTrue(lines.contains("memblock_set_node 0 2097024K memory 0 by=numa_register_memblks"), "\(lines)")
        XCTAssertTrue(lines.contains("memblock_phys_alloc_try_nid 172K 64 0 by=alloc_node_data => 0x7ffb5000"), "\(lines)")
    }
}

/// arm64 `mem=`: memblock_mem_limit_remove_map() prints nothing.
final class Arm64MemLimitTests: XCTestCase {
    func test_memOnTheCommandLine_limitsMemoryBeforeTheKernelIsAddedBack() throws {
        let log = """
        [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]
        [    0.000000] Linux version 6.1.0-56-arm64 (debian-kernel@lists.debian.org) #1 SMP Debian 6.1.192-2
        [    0.000000] Kernel command line: console=ttyAMA0 memblock=debug mem=1G
        [    0.000000] memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init+0x38/0x260
        [    0.000000] memblock_add: [0x0000000040210000-0x000000004261ffff] arm64_memblock_init+0x154/0x260
        [    0.000000] memblock_reserve: [0x0000000040210000-0x000000004220ffff] arm64_memblock_init+0x1f0/0x260

        """
        let dtb = try ImportFixtures.fixture("virt-m2G-initramfs.dtb")
        let r = try DmesgImporter.importLog(Array(log.utf8), file: "mem.log", dtb: dtb)
        let lines = r.trace.steps.map { TraceWriter.line($0) }
        XCTAssertEqual(Array(lines.prefix(4)), [
            "memblock_add 0x40000000 2G by=early_init_dt_add_memory_arch",
            "memblock_remove 0x1000000000000 0xffffffffffffffff by=arm64_memblock_init+0x38/0x260",
            "memblock_mem_limit_remove_map 1G by=arm64_memblock_init",
            "memblock_add 0x40210000 36928K by=arm64_memblock_init+0x154/0x260",
        ])
        XCTAssertEqual(HeadlessRun(r.trace).state.memory.totalSize, 1 << 30)
    }
}

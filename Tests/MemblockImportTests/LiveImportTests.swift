import Foundation
import Memblock
import MemblockImport
import MemblockReplay
import MemblockTrace
import XCTest

/// `mbviz import live` against fake machines: directory trees with `proc/`, `sys/` and
/// `dev/kmsg` as regular files.
final class LiveImportTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func firmwareMap(_ entries: [(UInt64, UInt64, String)]) throws {
        for (i, e) in entries.enumerated() {
            try write("sys/firmware/memmap/\(i)/start", "0x\(String(e.0, radix: 16))\n")
            try write("sys/firmware/memmap/\(i)/end", "0x\(String(e.1, radix: 16))\n")
            try write("sys/firmware/memmap/\(i)/type", e.2 + "\n")
        }
    }

    func test_noDebugLog_firmwareMapOnly_withNotesSayingWhy() throws {
        try write("proc/cmdline", "console=ttyS0 quiet\n")
        try firmwareMap([(0, 0x9fbff, "System RAM"), (0x9fc00, 0x9ffff, "Reserved"), (0x100000, 0x7ffdffff, "System RAM")])
        try write("proc/iomem", "00000000-00000000 : Reserved\n00000000-00000000 : System RAM\n")
        try write("dev/kmsg", "6,1,0,-;Linux version 6.1.0\n6,2,0,-;random: crng init done\n")
        let r = LiveImporter.importMachine(root: root.path)
        XCTAssertEqual(r.trace.steps.map { TraceWriter.line($0) }, [
            "memblock_add 0 639K by=e820__memblock_setup",
            "memblock_add 0x100000 2096000K by=e820__memblock_setup",
            "memblock_trim_memory 4K by=e820__memblock_setup",
        ])
        XCTAssertTrue(r.notes.contains { $0.contains("no memblock=debug on the kernel command line") }, "\(r.notes)")
        XCTAssertTrue(r.notes.contains { $0.contains("proc/iomem") && $0.contains("root") }, "\(r.notes)")
        XCTAssertNoThrow(try TraceParser.parse(r.text, file: "live"))
    }

    func test_logWithTheKernelsUpdatedE820Map_isUsedOverTheFirmwaresMap() throws {
        try write("proc/cmdline", "console=ttyS0 quiet\n")
        try firmwareMap([(0, 0x9fbff, "System RAM"), (0x100000, 0x7ffdffff, "System RAM")])
        try write("dev/kmsg", """
            6,1,0,-;Linux version 6.1.0-56-amd64 (x) #1 SMP Debian 6.1.192-2
            6,2,0,-;BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
            6,3,0,-;BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable
            6,4,0,-;e820: update [mem 0x00000000-0x00000fff] usable ==> reserved
            6,5,0,-;e820: remove [mem 0x000a0000-0x000fffff] usable
            6,6,0,-;e820: update [mem 0x7f000000-0x7ffdffff] usable ==> reserved
            6,7,0,-;Early memory node ranges
            6,8,0,-;  node   0: [mem 0x0000000000001000-0x000000000009efff]
            6,9,0,-;  node   0: [mem 0x0000000000100000-0x000000007effffff]

            """)
        let r = LiveImporter.importMachine(root: root.path)
        let adds = r.trace.steps.map { TraceWriter.line($0) }.filter { $0.hasPrefix("memblock_add") }
        XCTAssertEqual(adds, ["memblock_add 0x1000 635K by=e820__memblock_setup", "memblock_add 0x100000 2031M by=e820__memblock_setup"])
        XCTAssertTrue(r.notes.contains("the replayed memory equals the kernel's Early memory node ranges"), "\(r.notes)")
        XCTAssertTrue(r.notes.contains { $0.contains("the kernel's memory map from its log") }, "\(r.notes)")
    }

    func test_debugLogInKmsg_goesThroughTheLogImporter() throws {
        let log = String(decoding: try ImportFixtures.fixture("m2G-nokaslr.log"), as: UTF8.self)
        var kmsg = ""
        for (i, line) in log.replacingOccurrences(of: "\r", with: "").split(separator: "\n").enumerated() {
            var l = line
            if l.hasPrefix("["), let close = l.firstIndex(of: "]") { l = l[l.index(after: close)...].dropFirst() }
            kmsg += "6,\(i),\(i * 100),-;\(l)\n"
        }
        try write("dev/kmsg", kmsg)
        try write("proc/cmdline", "console=ttyS0 memblock=debug\n")
        let r = LiveImporter.importMachine(root: root.path)
        XCTAssertEqual(r.stats.recordedAllocations, 50)
        XCTAssertEqual(r.stats.metAllocations, 50)
        XCTAssertEqual(r.stats.dumpsMatched, 2)
        XCTAssertTrue(r.notes.contains { $0.contains("sys/firmware/memmap") }, "\(r.notes)")
    }

    func test_emptyOrMissingMachine_isAnEmptyTraceWithNotes() {
        let r = LiveImporter.importMachine(root: root.appendingPathComponent("nothing-here").path)
        XCTAssertEqual(r.trace.steps.count, 0)
        for what in ["proc/cmdline", "dev/kmsg", "sys/firmware/memmap", "proc/iomem", "no memory map"] {
            XCTAssertTrue(r.notes.contains { $0.contains(what) }, "\(what): \(r.notes)")
        }
    }

    func test_iomemWhenReadable_givesRamAndKernelRanges() throws {
        try write("proc/iomem", """
        00000000-00000fff : Reserved
        00001000-0009fbff : System RAM
        00100000-bfffffff : System RAM
          01000000-022090c7 : Kernel code
          03000000-0327c03f : Kernel data
        100000000-13fffffff : System RAM

        """)
        let r = LiveImporter.importMachine(root: root.path)
        let lines = r.trace.steps.map { TraceWriter.line($0) }
        XCTAssertEqual(lines.filter { $0.hasPrefix("memblock_add") }.count, 3)
        XCTAssertTrue(lines.contains("memblock_reserve 0x1000000 0x12090c8"))
    }

    func test_thisMachine_neverFails() {
        let r = LiveImporter.importMachine()
        XCTAssertNoThrow(try TraceParser.parse(r.text, file: "live"))
    }
}

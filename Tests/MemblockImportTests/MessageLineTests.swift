@testable import MemblockImport
import XCTest

/// Stage 2b alone: the messages that describe memory without memblock=debug.
final class MessageLineTests: XCTestCase {
    func event(_ line: String) -> LogEvent? {
        LogClassifier.classify(Array(line.utf8)[...], debugfsOpen: false)
    }

    func test_nodeRangeAndReservedMemLines() {
        guard case .nodeRange(0, 0x100000000, 0x27fffffff)? = event("  node   0: [mem 0x0000000100000000-0x000000027fffffff]") else { return XCTFail("node range") }
        guard case .reservedMem(0x2ff40000, 0x2fffffff, true, false, "dpu_reserved@2ff40000")? =
                event("OF: reserved mem: 0x000000002ff40000..0x000000002fffffff (768 KiB) nomap non-reusable dpu_reserved@2ff40000") else { return XCTFail("nomap") }
        guard case .reservedMem(0x58000000, _, false, true, "linux,cma")? =
                event("OF: reserved mem: 0x0000000058000000..0x000000006fffffff (393216 KiB) map reusable linux,cma") else { return XCTFail("cma") }
        XCTAssertNil(event("OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool"))
        guard case .reservedPool(true, 0xb2000000, 864 << 20)? = event("Reserved memory: created CMA memory pool at 0x00000000b2000000, size 864 MiB") else { return XCTFail("pool") }
    }

    func test_x86Reservations_ramdiskAcpiCrashkernel() {
        guard case .ramdisk(0x34885000, 0x36439fff)? = event("RAMDISK: [mem 0x34885000-0x36439fff]") else { return XCTFail("ramdisk") }
        guard case .acpiTable("FACP", 0xbffe198c, 0xbffe19ff)? = event("ACPI: Reserving FACP table memory at [mem 0xbffe198c-0xbffe19ff]") else { return XCTFail("acpi") }
        guard case .crashKernel(_, let r?)? = event("crashkernel reserved: 0x00000000af000000 - 0x00000000bf000000 (256 MB)") else { return XCTFail("6.12 crashkernel") }
        XCTAssertEqual(r, AddrRange(base: 0xaf000000, end: 0xbf000000))
        guard case .crashKernel(_, let old?)? = event("Reserving 256MB of memory at 2800MB for crashkernel (System RAM: 4095MB)") else { return XCTFail("6.1 crashkernel") }
        XCTAssertEqual(old, AddrRange(base: 2800 << 20, end: 3056 << 20))
        guard case .crashKernel(_, nil)? = event("crashkernel: memory value expected") else { return XCTFail("a crashkernel message without a range") }
    }

    func test_mipsAndEfiMaps() {
        guard case .promMemory(0x1c000, 0x6ec000, "usable")? = event(" memory: 00000000006ec000 @ 000000000001c000 (usable)") else { return XCTFail("prom") }
        guard case .efiMemory(0x100000, 0x7ffff, "Conventional Memory")? =
                event("efi:   mem03: [Conventional Memory|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000000100000-0x000000000007ffff] (0MB)") else { return XCTFail("efi") }
        XCTAssertTrue(MessageLines.efiUsable.contains("Boot Data"))
        XCTAssertFalse(MessageLines.efiUsable.contains("Runtime Data"))
    }

    func test_efiMapOnly_log_addsTheUsableTypes() throws {
        let log = """
            [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd050]
            [    0.000000] CPU features: detected: GIC system register CPU interface
            [    0.000000] efi:   mem00: [Conventional Memory|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000040000000-0x000000007fffffff] (1024MB)
            [    0.000000] efi:   mem01: [Runtime Data       |RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000080000000-0x0000000080ffffff] (16MB)
            [    0.000000] efi:   mem02: [Boot Data          |   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC] range=[0x0000000081000000-0x00000000bfffffff] (1008MB)

            """
        let r = try DmesgImporter.importLog(Array(log.utf8), file: "efi.log")
        XCTAssertEqual(r.report?.arch, "arm64")
        XCTAssertTrue(r.text.contains("memblock_add 0x40000000 1G"), r.text)
        XCTAssertTrue(r.text.contains("memblock_add 0x81000000 1008M"))
        XCTAssertFalse(r.text.contains("memblock_add 0x80000000"))
    }
}

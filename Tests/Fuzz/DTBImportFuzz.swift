// libFuzzer entry point for the device tree importer (libfdt underneath). Built by
// .ci/fuzz-import, not by SwiftPM (this folder is not a target).
//
// Each input is imported as a blob; it must be rejected with a message or give a trace
// whose text parses back. Inputs of 8 bytes or more are also imported as the `--dtb` of a
// tiny arm64 log, which exercises the DT-driven reconstruction.
import MemblockImport
import MemblockTrace

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let log = Array("""
[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]
[    0.000000] memblock_remove: [0x0001000000000000-0x0000fffffffffffe] arm64_memblock_init+0x38/0x260
[    0.000000] memblock_reserve: [0x0000000040210000-0x000000004220ffff] arm64_memblock_init+0x1f0/0x260
[    0.000000] memblock_phys_alloc_range: 1048576 bytes align=0x100000 from=0x0000000000000000 max_addr=0xffffffffffffffff early_init_dt_alloc_reserved_memory_arch+0x40/0x94
[    0.000000] memblock_reserve: [0x00000000bff00000-0x00000000bfffffff] memblock_alloc_range_nid+0xe8/0x17c
[    0.000000] memblock_phys_alloc_range: 4096 bytes align=0x1000 from=0x0000000000000000 max_addr=0x0000000000000001 early_pgtable_alloc+0x2c/0xb0
[    0.000000] memblock_reserve: [0x00000000bfeff000-0x00000000bfefffff] memblock_alloc_range_nid+0xe8/0x17c
[    0.000000] NUMA: NODE_DATA [mem 0xbfbee380-0xbfbf0fff]

""".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func dtbImportFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let r = try DTBImporter.importBlob(bytes, file: "fuzz.dtb")
        check(r)
    } catch {
        precondition(!error.message.isEmpty)
        _ = error.description
    }
    if size >= 8 {
        do {
            check(try DmesgImporter.importLog(log, file: "fuzz.log", dtb: bytes))
        } catch {
            precondition(!error.message.isEmpty)
        }
    }
    return 0
}

private func check(_ r: ImportResult) {
    if r.notes.contains(where: { $0.contains("internal error") }) {
        report("imported text does not parse:\n\(r.notes.joined(separator: "\n"))\n\(r.text)\n")
        abort()
    }
}

/// Writes a message to standard error (without touching the C `stderr` global).
private func report(_ message: String) {
    var message = message
    message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

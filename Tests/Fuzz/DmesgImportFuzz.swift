// libFuzzer entry point for the kernel-log importer. Built by .ci/fuzz-import, not by
// SwiftPM (this folder is not a target).
//
// Each input is imported as a log; the importer must never crash or hang, an error must be
// well formed, and a result must parse back: its text is what `TraceParser` reads, and the
// importer reports an unparsable text as an "internal error" note, which is a crash here.
import MemblockImport
import MemblockTrace

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func dmesgImportFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result: ImportResult
    do {
        result = try DmesgImporter.importLog(bytes, file: "fuzz.log")
    } catch {
        precondition(!error.message.isEmpty && error.file == "fuzz.log")
        _ = error.description
        return 0
    }
    if result.notes.contains(where: { $0.contains("internal error") }) {
        report("imported text does not parse:\n\(result.notes.joined(separator: "\n"))\n\(result.text)\n")
        abort()
    }
    precondition(result.stats.metAllocations <= result.stats.recordedAllocations)
    precondition(result.trace.steps.count == result.stats.steps)
    return 0
}

/// Writes a message to standard error (without touching the C `stderr` global).
private func report(_ message: String) {
    var message = message
    message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

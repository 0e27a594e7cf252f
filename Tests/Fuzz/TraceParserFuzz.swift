// libFuzzer entry point for the .mbtrace parser. Built by .ci/fuzz-parser, not by SwiftPM
// (this folder is not a target).
//
// Each input is parsed; the parser must never crash, hang or use memory out of proportion.
// When an input parses, the written canonical text must parse again to the same trace
// (locations aside): a difference is reported as a crash.
import MemblockTrace

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func traceParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let trace: Trace
    do {
        trace = try TraceParser.parse(bytes, file: "fuzz.mbtrace")
    } catch {
        // Errors must be well-formed: located on a real line, at most limit + 1 of them.
        precondition(!error.errors.isEmpty && error.errors.count <= TraceErrors.limit + 1)
        for e in error.errors { precondition(e.location.line >= 1 && e.location.column >= 1) }
        _ = error.description
        return 0
    }
    let text = TraceWriter.write(trace)
    do {
        let again = try TraceParser.parse(text, file: "fuzz.mbtrace")
        if again.withoutLocations() != trace.withoutLocations() {
            report("round trip changed the trace; written text:\n\(text)\n")
            abort()
        }
    } catch {
        report("written trace does not parse: \(error)\nwritten text:\n\(text)\n")
        abort()
    }
    return 0
}

/// Writes a message to standard error (without touching the C `stderr` global).
private func report(_ message: String) {
    var message = message
    message.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

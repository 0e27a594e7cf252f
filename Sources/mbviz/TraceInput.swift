import MemblockTrace
#if canImport(Glibc)
import Glibc
#endif

/// Parses a trace file (`-`: standard input) for the commands that show one, or throws
/// the CLI's error. A file that is not a trace at all gets one error saying so, not one
/// per line: binary data (a NUL byte or invalid UTF-8 near the start), or text of which
/// most lines are not trace lines (a kernel log, say). A trace with a few bad lines gets
/// them all, up to ten, then a count.
func loadTrace(_ file: String) throws -> Trace {
    if file == "-" && isatty(0) == 1 {
        printError("mbviz: waiting for a trace on standard input (end it with Ctrl-D; `mbviz play FILE` reads a file)")
    }
    do {
        return try TraceParser.parse(contentsOf: file)
    } catch {
        let errors = error.errors
        if let why = notATrace(file, errors) { throw CLIError(why) }
        for e in errors.prefix(Swift.min(9, errors.count - 1)) { printError("mbviz: \(e)") }
        if errors.count > 10 { printError("mbviz: … and \(errors.count - 10) more errors") }
        throw CLIError(errors.count <= 10 ? errors.last.map { "\($0)" } ?? "\(file): cannot be parsed"
                                         : "\(file): cannot be parsed (\(errors.count) errors)")
    }
}

/// Why `file` is not a trace at all, when its errors say so: the first error is about
/// binary content, or more than half of the first lines failed.
func notATrace(_ file: String, _ errors: [TraceError]) -> String? {
    guard let first = errors.first, first.location.line >= 1 else { return nil }
    if file != "-" && looksBinary(file) {
        return "\(file): binary data, not a trace (an mbviz trace is UTF-8 text, see TRACE-FORMAT.md; `mbviz demo --print NAME` shows one)"
    }
    // Lines up to the last error's line that failed: most of them means a different kind of file.
    let lastLine = errors.map(\.location.line).max() ?? 0
    let failedLines = Set(errors.map(\.location.line)).count
    if errors.count >= 2 && failedLines * 2 > Swift.min(lastLine, 100) {
        let more = errors.count >= TraceErrors.limit ? "many more lines" : errors.count == 2 ? "1 more line" : "\(errors.count - 1) more lines"
        return "\(first.location): not a trace: \(first.message) (and \(more) like it). "
            + "A kernel log? `mbviz import dmesg \(file) > trace.mbtrace` turns one into a trace."
    }
    return nil
}

/// True when the first 64 KiB of `path` hold a NUL byte, invalid UTF-8, or control
/// characters other than tab, CR, LF and form feed: no trace looks like that.
func looksBinary(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 65536)
    let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 65536) }
    guard n > 0 else { return false }
    let head = Array(bytes.prefix(n))
    if head.contains(where: { $0 == 0 || ($0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13 && $0 != 12) || $0 == 0x7f }) { return true }
    // A multi-byte character cut at the 64 KiB boundary is not a reason to call it binary.
    var trimmed = head[...]
    while n == 65536, let last = trimmed.last, last & 0xc0 == 0x80 || last >= 0xc0, trimmed.count > head.count - 4 {
        trimmed = trimmed.dropLast()
    }
    return String(validating: trimmed, as: UTF8.self) == nil
}

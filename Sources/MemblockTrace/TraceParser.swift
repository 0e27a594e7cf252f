#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Reads `.mbtrace` files (`TRACE-FORMAT.md`, version 1) into `Trace` values.
///
/// The parser reads bytes, never fails on any input (it reports errors instead), runs in
/// time linear in the input, and reports every error it finds (up to `TraceErrors.limit`)
/// as `FILE:LINE:COLUMN: message`, the column being that of the offending token in
/// characters.
///
/// Decisions where `TRACE-FORMAT.md` is silent or loose:
/// - An empty file, or one with only blank lines and comments, is a valid trace with no
///   steps and the default settings.
/// - A UTF-8 byte order mark at the very start is skipped (it does not count as a column).
///   CRLF line ends are accepted; any other control character but tab is an error, as are
///   NUL bytes and invalid UTF-8 (also inside comments). A lone CR is a control character.
/// - Numbers may use `_` between digits (`0x1_0000_0000`), as the format's example error
///   message does. Suffixes are upper case only and multiply by a power of 1024, also after
///   hex digits: `0x10M` is 16 MiB (the format's table says 268435456, against its own
///   rule). Decimal numbers may have leading zeros.
/// - The address constants (`ANYWHERE`, `ACCESSIBLE`, `NOLEAKTRACE`, `MEMBLOCK_LOW_LIMIT` and
///   their long spellings) are accepted wherever an address, size or limit is expected, and
///   as `@config low_limit` and `@expect` values. Node ids are any 32-bit int
///   (`-1`/`NUMA_NO_NODE`, nodes, `MAX_NUMNODES`, and ids that are not nodes, as the kernels
///   take them).
/// - `by=` and `label=` are accepted on any step. `by=` may be quoted (`by="a b"`). A label
///   name is letters, digits, `_`, `.` and `-`; a later `label=` with the same name
///   redefines it (`$NAME` means the latest earlier definition). A label used on its own
///   line (`... $x label=x`) is not yet defined.
/// - `=> ADDRESS|fail` must end the line; ADDRESS may be a `$label`.
/// - `@mbtrace`, `@arch` and a name per `@node` may appear once each. `@node`, `@phase` and
///   `@note` need quoted strings; `@arch` takes a bare or quoted name.
/// - `@config` values are checked: booleans 0/1/true/false; `max_numnodes` 1–1024;
///   `page_size` a power of two 4K–256K; `max_order` 0–20; region capacities 1–65536;
///   `smp_cache_bytes` a power of two 1–4096. Build settings only before the first step;
///   `low_limit`, `movable_node` and `mirrored_kernelcore` later become `SettingChange`s of
///   the next step (or `Trace.trailingSettings`).
/// - `@expect physmem.cnt` needs `@config phys_map=1`, like `memblock_physmem_add`.
/// - `memblock_set_node` takes `memory` or `reserved` (not `physmem`).
/// - A line may have at most 256 tokens; `parse(contentsOf:)` reads at most
///   `maxFileSize` bytes (1 GiB).
public enum TraceParser {
    /// Parses a trace from UTF-8 bytes; `file` names it in errors and in `Trace.file`.
    public static func parse(_ bytes: [UInt8], file: String) throws(TraceErrors) -> Trace {
        let result: Result<Trace, TraceErrors> = bytes.withUnsafeBufferPointer { parse(buffer: $0, file: file) }
        return try result.get()
    }

    /// Parses a trace from text.
    public static func parse(_ text: String, file: String) throws(TraceErrors) -> Trace {
        var text = text
        let result: Result<Trace, TraceErrors> = text.withUTF8 { parse(buffer: $0, file: file) }
        return try result.get()
    }

    /// Reads and parses the file at `path` (`-` for standard input). A file that cannot be
    /// read is reported as one error with no line (`FILE: cannot read: REASON`).
    public static func parse(contentsOf path: String) throws(TraceErrors) -> Trace {
        switch readFile(path) {
        case .success(let bytes):
            return try parse(bytes, file: path)
        case .failure(let reason):
            let location = SourceLocation(file: path, line: 0, column: 0)
            throw TraceErrors(errors: [TraceError(location: location, message: "cannot read: \(reason)")])
        }
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, file: String) -> Result<Trace, TraceErrors> {
        guard buffer.count > 0 else { return .success(Trace(file: file)) }
        var core = ParserCore(bytes: buffer, file: file)
        defer { core.deallocate() }
        core.run()
        if !core.errors.isEmpty { return .failure(TraceErrors(errors: core.errors)) }
        return .success(core.finish())
    }

    /// A simple reason for a failed read, from `errno`.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The largest trace `parse(contentsOf:)` reads (so that `/dev/zero` ends in an error).
    public static let maxFileSize = 1 << 30

    /// The whole file (or standard input for `-`).
    static func readFile(_ path: String, limit: Int = maxFileSize) -> Result<[UInt8], ReadError> {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(ReadError(description: String(cString: strerror(errno)))) }
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0 && st.st_size > 0 { bytes.reserveCapacity(Int(st.st_size) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadError(description: String(cString: strerror(errno))))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit {
                return .failure(ReadError(description: "larger than \(limit) bytes"))
            }
        }
        return .success(bytes)
    }
}

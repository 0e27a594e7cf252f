#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Why a file could not be read.
struct ReadFailure: Error {
    var reason: String
    /// The file does not exist (not worth a note where it is optional).
    var missing: Bool
}

/// Reading the machine's files without blocking and without Foundation.
enum LiveFiles {
    static func failure() -> ReadFailure {
        let e = errno
        var reason = String(cString: strerror(e))
        if e == EACCES || e == EPERM { reason += " (not root?)" }
        return ReadFailure(reason: reason, missing: e == ENOENT)
    }

    /// A whole file, at most `limit` bytes; non-blocking, so a FIFO or device never hangs.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(failure()) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while out.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, Swift.min($0.count, limit - out.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                return .failure(failure())
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return .success(out)
    }

    /// `/dev/kmsg`: one record per read(2) until EAGAIN (the end of the buffer), non-blocking.
    /// A regular file (a test tree) is read whole. At most 64 MiB.
    static func readKmsg(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(failure()) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) != S_IFCHR {
            return read(path, limit: 64 << 20)  // a plain file holds whole lines
        }
        var out: [UInt8] = []
        var record = [UInt8](repeating: 0, count: 8192)
        while out.count < 64 << 20 {
            let n = record.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { continue }  // records were overwritten while reading: go on
                if errno == EAGAIN { break }
                return .failure(failure())
            }
            if n == 0 { break }
            out.append(contentsOf: record[0..<n])
            if out.last != 0x0a { out.append(0x0a) }
        }
        return .success(out)
    }

    /// A file holding one hexadecimal number (`0x…`), as in `/sys/firmware/memmap`.
    static func readHex(_ path: String) -> UInt64? {
        guard case .success(let b) = read(path, limit: 64) else { return nil }
        var s = LogScanner(b[...])
        s.skipSpaces()
        return s.hex()
    }

    /// The names in a directory, without `.` and `..`.
    static func list(_ path: String) -> Result<[String], ReadFailure> {
        guard let dir = opendir(path) else { return .failure(failure()) }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir), out.count < 100_000 {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { out.append(name) }
        }
        return .success(out)
    }

    /// `syslog(SYSLOG_ACTION_READ_ALL)`, what `dmesg` reads; it never blocks.
    static func syslogReadAll() -> Result<[UInt8], ReadFailure> {
        // klogctl(3) is not in the Glibc module: look it up with C's calling convention.
        typealias KlogctlFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "klogctl") else {
            return .failure(ReadFailure(reason: "klogctl is not available", missing: true))
        }
        let klogctl = unsafeBitCast(sym, to: KlogctlFunction.self)
        let size = klogctl(10, nil, 0)  // SYSLOG_ACTION_SIZE_BUFFER
        guard size > 0 else { return .failure(size < 0 ? failure() : ReadFailure(reason: "empty log buffer", missing: false)) }
        var buf = [CChar](repeating: 0, count: Int(size))
        let n = buf.withUnsafeMutableBufferPointer { klogctl(3, $0.baseAddress, Int32($0.count)) }  // READ_ALL
        guard n >= 0 else { return .failure(failure()) }
        return .success(buf.prefix(Int(n)).map { UInt8(bitPattern: $0) })
    }
}

/// `read(2)` under a name that does not clash with the methods above.
@inline(__always)
func Glibc_read(_ fd: Int32, _ buf: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buf, count)
}

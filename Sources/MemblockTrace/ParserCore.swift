import Memblock
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The parser's state while it reads one file. Everything works on the file's bytes;
/// Strings are made only for names, labels and quoted text.
struct ParserCore {
    let b: UnsafePointer<UInt8>
    let count: Int
    let file: String

    var errors: [TraceError] = []
    /// Set once the error limit is reached: nothing more is read.
    var stopped = false

    var lineNumber = 1
    var lineStart = 0
    /// A cache for `column(of:)`: a known offset on the current line and its column.
    var columnCacheOffset = 0
    var columnCacheColumn = 1

    var tokens = TokenBuffer()
    var lastStringEscaped = false

    // The trace being built.
    var version: Int?
    var arch: String?
    var settings = ConfigBuilder()
    var config = MemblockConfig()
    var nodeNames: [Int32: String] = [:]
    var phases: [Phase] = []
    var steps: [TraceStep] = []
    var initialExpectations: [StateExpectation] = []
    /// Whether any directive or step has been seen (for `@mbtrace`'s "first" rule).
    var seenContent = false

    // Directives waiting for the next step.
    var pendingNotes: [String] = []
    var pendingPause = false
    var pendingSettings: [SettingChange] = []

    /// Labels and `by=` names, interned: one String per distinct spelling.
    var names = InternTable()
    /// The operations by name.
    let operations = OperationNames.shared
    /// The lexer's and number reader's byte tables, held here so that hot loops do not
    /// check a global's lazy initialisation on every call.
    let plainTable = plainByte
    let digitTable = hexDigitValue

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.b = bytes.baseAddress!
        self.count = bytes.count
        self.file = file
        // Step lines are 20 to 40 bytes; reserving up front avoids copying big arrays, and the
        // cap keeps a huge file of blank lines from reserving gigabytes.
        steps.reserveCapacity(min(count / 28, 1 << 21))
        adviseHugePages()
    }

    /// Asks Linux to back the (big) step array with huge pages: a trace of 100,000 steps
    /// needs 25 MB of them, and on virtual machines faulting that in 4K pages costs more
    /// than parsing. Only a hint; it fails harmlessly elsewhere.
    private mutating func adviseHugePages() {
        #if os(Linux)
        let bytes = steps.capacity * MemoryLayout<TraceStep>.stride
        let huge = 1 << 21
        guard bytes >= 2 * huge else { return }
        steps.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
            if end > start, let p = UnsafeMutableRawPointer(bitPattern: start) {
                _ = madvise(p, end - start, MADV_HUGEPAGE)
            }
        }
        #endif
    }

    /// Releases the parser's buffers.
    func deallocate() { tokens.deallocate() }

    /// Reads the whole file, line by line.
    mutating func run() {
        var pos = 0
        if count >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf { pos = 3 }
        while pos < count && !stopped {
            let lineEnd = nextNewline(pos)
            var contentEnd = lineEnd
            if contentEnd > pos && b[contentEnd - 1] == 0x0d { contentEnd -= 1 }
            lineStart = pos
            columnCacheOffset = pos
            columnCacheColumn = 1
            if lex(pos, contentEnd) && !tokens.isEmpty {
                parseLine()
            }
            pos = lineEnd + 1
            lineNumber += 1
        }
    }

    /// Dispatches a lexed, non-empty line.
    private mutating func parseLine() {
        let first = tokens[0]
        if first.quoted {
            error(at: first.start, "expected an operation or @directive, got a quoted string")
            return
        }
        if b[first.start] == asciiAt {
            parseDirective()
        } else {
            parseStep()
        }
        seenContent = true
    }

    /// The trace, once `run()` has read everything without errors.
    mutating func finish() -> Trace {
        if steps.isEmpty { config = settings.build() }
        return Trace(
            file: file, version: version, arch: arch, config: config, nodeNames: nodeNames,
            phases: phases, steps: steps, initialExpectations: initialExpectations,
            trailingNote: pendingNotes.isEmpty ? nil : pendingNotes.joined(separator: "\n"),
            trailingPause: pendingPause, trailingSettings: pendingSettings)
    }

    // MARK: Errors

    /// Records an error at byte offset `offset` of the current line.
    mutating func error(at offset: Int, _ message: String) {
        guard !stopped else { return }
        let location = self.location(of: offset)
        if errors.count == TraceErrors.limit {
            errors.append(TraceError(location: location, message: "too many errors; stopping"))
            stopped = true
            return
        }
        errors.append(TraceError(location: location, message: message))
    }

    /// Records an error at the start of `token`.
    mutating func error(_ token: Token, _ message: String) {
        error(at: token.start, message)
    }

    /// The location of byte offset `offset` on the current line.
    mutating func location(of offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: lineNumber, column: column(of: offset))
    }

    /// The 1-based column of `offset` on the current line, in Unicode scalars. Cached, so
    /// many errors on one long line cost one pass over it.
    mutating func column(of offset: Int) -> Int {
        var from = lineStart, col = 1
        if offset >= columnCacheOffset { from = columnCacheOffset; col = columnCacheColumn }
        var i = from
        while i < offset {
            if b[i] & 0xc0 != 0x80 { col += 1 }
            i += 1
        }
        columnCacheOffset = offset
        columnCacheColumn = col
        return col
    }

    // MARK: Token text

    /// The bytes `[start, end)` as a String for messages, cut to 60 characters.
    func display(_ start: Int, _ end: Int) -> String {
        let limit = 60
        var e = end
        var cut = false
        if end - start > limit {
            e = start + limit
            while e > start && b[e] & 0xc0 == 0x80 { e -= 1 }
            cut = true
        }
        let s = String(decoding: UnsafeBufferPointer(start: b + start, count: e - start), as: UTF8.self)
        return cut ? s + "…" : s
    }

    /// A token's text for messages.
    func display(_ token: Token) -> String { display(token.start, token.end) }

    /// The bytes `[start, end)` as a String (already validated as UTF-8).
    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: b + start, count: end - start), as: UTF8.self)
    }

    /// The contents of a quoted string whose quotes are at `start` and `end - 1`.
    func unquote(_ start: Int, _ end: Int, escaped: Bool) -> String {
        guard escaped else { return string(start + 1, end - 1) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var i = start + 1
        while i < end - 1 {
            if b[i] == asciiBackslash { i += 1 }
            bytes.append(b[i])
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when token's bytes equal the ASCII string `s`.
    func equals(_ token: Token, _ s: StaticString) -> Bool {
        equals(token.start, token.end, s)
    }

    /// True when the bytes `[start, end)` equal the ASCII string `s`.
    func equals(_ start: Int, _ end: Int, _ s: StaticString) -> Bool {
        guard end - start == s.utf8CodeUnitCount else { return false }
        return memcmp(b + start, s.utf8Start, end - start) == 0
    }
}

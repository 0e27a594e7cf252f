import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MemblockReplay
import MemblockTrace
import MemblockView

/// `mbviz export svg|cast FILE -o OUT`: pictures for slides and recordings for the web.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a picture (svg) or a recording (cast).",
        discussion: """
            mbviz export svg FILE -o OUT.svg [--step N] [--width PX]
                [--scale linear|holes] [--theme T] [--force]
            mbviz export cast FILE -o OUT.cast [--size COLSxROWS] [--speed S]
                [--fps N] [--lecture] [--theme T] [--force]
            mbviz export cast --lecture -o OUT.cast   (the whole lecture, a marker per part)

            FILE is a trace, `-` for standard input, or demo:NAME. OUT is written atomically; an \
            existing OUT is replaced only with --force.
            """,
        subcommands: [ExportSVGCommand.self, ExportCastCommand.self]
    )

    func run() throws {
        throw CLIError("export needs a form: `mbviz export svg FILE -o OUT.svg` or `mbviz export cast FILE -o OUT.cast`")
    }
}

/// The options both export forms share: where to write and whether to replace.
struct ExportOutput: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: "The file to write.")
    var output: String

    @Flag(help: "Replace OUT if it exists.")
    var force = false
}

/// `mbviz export svg FILE -o OUT.svg`.
struct ExportSVGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svg",
        abstract: "A vector picture of the address space after a step (bands and node panes at true proportions).",
        discussion: "Colours come from the theme; the picture's width is --width pixels, its height follows from the content."
    )

    enum Scale: String, ExpressibleByArgument, CaseIterable { case linear, holes }

    @ArgumentParser.Argument(help: "The trace file (`-` reads standard input), or demo:NAME for a built-in demo.")
    var file: String

    @OptionGroup var out: ExportOutput

    @Option(help: "Draw the state after step N (default: the last step).")
    var step: Int?

    @Option(help: "Theme name or path to a .theme file.")
    var theme: String = "default"

    @Option(help: "Picture width in pixels (\(SVGExport.Options.minimumWidth) to \(SVGExport.Options.maximumWidth)).")
    var width: Int = 1200

    @Option(help: "Address scale: linear (true proportions) or holes (long holes compressed).")
    var scale: Scale = .linear

    func validate() throws {
        let range = SVGExport.Options.minimumWidth...SVGExport.Options.maximumWidth
        if !range.contains(width) { throw ValidationError("--width must be between \(range.lowerBound) and \(range.upperBound)") }
    }

    func run() throws {
        let target = try ExportTarget(out.output, force: out.force)
        let trace = try traceArgument(file)
        let t = try loadTheme(theme)
        var ui = UIState()
        ui.themeName = t.name
        let options = SVGExport.Options(width: width, scaleMode: scale == .linear ? .linear : .holesCompressed)
        let svg = SVGExport.render(try headlessScene(trace, step: step, ui: ui), theme: t, options: options)
        try target.write { sink in try sink.write(svg) }
    }
}

/// `mbviz export cast FILE -o OUT.cast`.
struct ExportCastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cast",
        abstract: "An asciinema (asciicast v2) recording of the replay, with a marker at each phase.",
        discussion: """
            Frames are the full-screen view while playing, at --speed steps per second (at most --fps \
            frames per second of recording time; faster playback shows the last step of each frame). \
            --lecture turns captions on and holds at each @pause and phase start. Without FILE, \
            --lecture records the whole lecture (every built-in demo in story order, as `mbviz demo \
            --lecture` plays it) at 4 steps per second unless --speed says otherwise: a title card \
            and a marker per part, each stop held as long as a lecturer takes over its caption. The \
            header's timestamp is SOURCE_DATE_EPOCH when set, for reproducible files.
            """
    )

    @ArgumentParser.Argument(help: "The trace file (`-` reads standard input), or demo:NAME for a built-in demo; leave out with --lecture for the whole lecture.")
    var file: String?

    @OptionGroup var out: ExportOutput

    @Option(help: "COLSxROWS of the recorded terminal (default 120x40).")
    var size: String = "120x40"

    @Option(help: "Steps per second (0.5 to 100000; default 10, or 4 for the whole lecture).")
    var speed: Double?

    @Option(help: "At most this many frames per second of recording time (1 to 60); fewer make smaller files.")
    var fps: Double = 30

    @Flag(help: "Lecture mode: captions on, hold at each @pause and phase start.")
    var lecture = false

    @Option(help: "Theme name or path to a .theme file.")
    var theme: String = "default"

    func validate() throws {
        if let speed, !PlaybackClock.speedRange.contains(speed) { throw ValidationError("--speed must be between 0.5 and 100000") }
        if file == nil && !lecture { throw ValidationError("give a trace FILE, or --lecture for the whole lecture") }
        if !(1...60).contains(fps) { throw ValidationError("--fps must be between 1 and 60") }
    }

    func run() throws {
        let (cols, rows) = try parseSize(size)
        let target = try ExportTarget(out.output, force: out.force)
        let t = try loadTheme(theme)
        let env = ProcessInfo.processInfo.environment
        var options = CastRecorder.Options(columns: cols, rows: rows, speed: speed ?? 10, lecture: lecture, framesPerSecond: fps,
                                           title: file.map { "mbviz: " + ($0 == "-" ? "standard input" : $0) },
                                           timestamp: env["SOURCE_DATE_EPOCH"].flatMap { Int($0) } ?? Int(Date().timeIntervalSince1970),
                                           shell: env["SHELL"] ?? "/bin/sh")
        guard let file else {
            options.speed = speed ?? Lecture.defaultSpeed
            try target.write { sink in
                do {
                    try CastRecorder.recordLecture(Lecture.parts, theme: t, options: options) { try sink.write($0 + "\n") }
                } catch let error as TraceErrors {
                    throw CLIError("\(error)")
                }
            }
            return
        }
        let trace = try traceArgument(file)
        try target.write { sink in
            try CastRecorder.record(trace, theme: t, options: options) { try sink.write($0 + "\n") }
        }
    }
}

/// Where an export goes: written to a temporary file beside OUT, then moved into place in
/// one step, so a reader (a slide deck, a web page) never sees half a file and a failed
/// export leaves the old OUT as it was.
struct ExportTarget {
    /// The path given.
    let path: String
    /// Replace an existing file.
    let force: Bool

    /// Checks the target before any work: an existing OUT needs `--force`, and a directory
    /// is never replaced.
    init(_ path: String, force: Bool) throws {
        guard !path.isEmpty else { throw CLIError("-o needs a file name") }
        self.path = path
        self.force = force
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CLIError("\(path) is a directory; give a file name with -o") }
            if !force { throw CLIError("\(path) already exists (add --force to replace it)") }
        }
    }

    /// Runs `body` with a sink on a temporary file in OUT's directory, then renames it to
    /// OUT (without `--force`, links it, which fails rather than replace a file that
    /// appeared meanwhile). On any error the temporary file is removed.
    func write(_ body: (inout BufferedSink) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw CLIError("cannot write in \(dir): \(systemError())") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var sink = BufferedSink(fd: fd)
        do {
            try body(&sink)
            try sink.flush()
            // mkstemp makes the file private; give it the permissions any new file gets.
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
            if fsync(fd) != 0 { throw CLIError("cannot write \(path): \(systemError())") }
            close(fd)
            try moveIntoPlace(temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
    }

    private func moveIntoPlace(_ temporary: String) throws {
        if force {
            if rename(temporary, path) != 0 { throw CLIError("cannot replace \(path): \(systemError())") }
            return
        }
        if link(temporary, path) == 0 {
            unlink(temporary)
            return
        }
        let err = errno
        if err == EEXIST { throw CLIError("\(path) already exists (add --force to replace it)") }
        // A file system without hard links: the existence check in init has to do.
        if FileManager.default.fileExists(atPath: path) { throw CLIError("\(path) already exists (add --force to replace it)") }
        if rename(temporary, path) != 0 { throw CLIError("cannot write \(path): \(systemError())") }
    }
}

/// Buffered writes to a file descriptor (a recording runs to megabytes, line by line).
struct BufferedSink {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends text, writing out whenever 64 KiB have gathered.
    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes out everything gathered.
    mutating func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { rawWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw CLIError("cannot write the output: \(systemError())") }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The system's `write(2)` (inside `BufferedSink` the name means its own method).
private func rawWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// The text of the last system error (`errno`).
private func systemError() -> String {
    String(cString: strerror(errno))
}

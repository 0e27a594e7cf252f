import ArgumentParser
import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView
#if canImport(Glibc)
import Glibc
#endif

/// `mbviz demo [NAME]` (and a bare `mbviz`): a built-in demo, full-screen.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a built-in demo full-screen (default: an x86_64 boot on two NUMA nodes).",
        discussion: "`--list` lists the demos; `--print NAME` writes a demo's trace to standard output, to edit and `mbviz play`."
    )

    @ArgumentParser.Argument(help: "The demo to play (see --list); a trace file (`mbviz FILE.mbtrace`) plays that file.")
    var name: String?

    @Flag(help: "List the demos, one line each.")
    var list = false

    @Option(name: .customLong("print"), help: "Write the named demo's trace to standard output.")
    var printName: String?

    @Option(help: "Theme name or path to a .theme file.")
    var theme: String = "default"

    @Option(help: "Steps per second (0.5 to 100000).")
    var speed: Double = 4

    @Flag(help: "Play straight through instead of stopping at each phase and @pause.")
    var noStops = false

    @Flag(help: "The lecture: every built-in demo in story order, each part after a title card.")
    var lecture = false

    @Option(help: "With --lecture, start at this part (1-based).")
    var part: Int = 1

    @Option(name: .customLong("presenter-file"), help: ArgumentHelp(
        "Write where the lecture is (step, caption, next caption) to FILE after every frame, for `mbviz demo --presenter FILE` on a second terminal.",
        valueName: "FILE"))
    var presenterFile: String?

    @Option(help: ArgumentHelp("The presenter's screen: follow the lecture that writes FILE (--presenter-file); q quits.", valueName: "FILE"))
    var presenter: String?

    func demo(_ name: String) throws -> Demo {
        guard let d = Demos.named(name) else {
            throw CLIError("no demo named '\(name)' (try: \(Demos.all.map(\.name).joined(separator: ", ")))")
        }
        return d
    }

    func run() throws {
        if list {
            let width = Demos.all.map(\.name.count).max() ?? 0
            for d in Demos.all {
                print(d.name + String(repeating: " ", count: width - d.name.count + 2) + d.summary)
            }
            return
        }
        if let printName {
            print(try demo(printName).text, terminator: "")
            return
        }
        if let presenter {
            try MainActor.assumeIsolated { try runPresenter(file: presenter, themeName: theme) }
            return
        }
        if lecture {
            if name != nil { throw CLIError("--lecture plays every demo; leave out the demo name") }
            if part < 1 || part > Lecture.parts.count { throw CLIError("--part must be between 1 and \(Lecture.parts.count)") }
            try MainActor.assumeIsolated { try runLecture(themeName: theme, speed: speed, startPart: part - 1, presenterFile: presenterFile) }
            return
        }
        if let name, Demos.named(name) == nil, looksLikeTraceFile(name) {
            // `mbviz FILE.mbtrace`: the newcomer's way to open a file.
            let play = try PlayCommand.parse([name, "--theme", theme])
            try play.run()
            return
        }
        let d = try name.map(demo) ?? Demos.default
        let trace: Trace
        do { trace = try d.trace() } catch { throw CLIError("\(error)") }
        // A demo is a lecture: it starts playing and stops at each phase with its caption.
        var options = AppOptions(themeName: theme, speed: speed, lecture: !noStops, captions: true, autoplay: true)
        options.presenterFile = presenterFile
        // The command runs on the main thread, where ncurses must live.
        try MainActor.assumeIsolated { try runFullScreen(trace: trace, options: options) }
    }
}

/// `1 step`, `0 steps`, `94 steps`.
func stepsText(_ n: Int) -> String { n == 1 ? "1 step" : "\(n) steps" }

/// True when `name` names a trace rather than a demo: `-`, a path, an `.mbtrace` name, or
/// an existing file.
func looksLikeTraceFile(_ name: String) -> Bool {
    name == "-" || name.contains("/") || name.hasSuffix(".mbtrace") || access(name, F_OK) == 0
}

/// `mbviz play FILE`: a trace file, full-screen.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a trace file full-screen (`-` reads the trace from standard input, keys from the terminal).",
        discussion: "Keys: " + HelpOverlay.lines.map { "\($0.keys): \($0.action)" }.joined(separator: "; ") + "."
    )

    @ArgumentParser.Argument(help: "The trace file, or `-` for standard input.")
    var file: String

    @Option(help: "Theme name or path to a .theme file.")
    var theme: String = "default"

    @Option(help: "Steps per second (0.5 to 100000).")
    var speed: Double = 8

    @Option(help: "Start at this step (1-based; 0 is before the first step).")
    var start: Int = 0

    @Flag(help: "Lecture mode: captions on, stop at each @pause and phase.")
    var lecture = false

    @Option(name: .customLong("what-if"), help: ArgumentHelp(
        "Mark (◆) the steps whose results differ when replayed with a setting changed: bottom_up=0|1, current_limit=ADDR, movable_node=0|1, mem=SIZE. Repeatable.",
        valueName: "KEY=VALUE"))
    var whatIf: [String] = []

    func validate() throws {
        if !(PlaybackClock.speedRange.contains(speed)) { throw ValidationError("--speed must be between 0.5 and 100000") }
        if start < 0 { throw ValidationError("--start must not be negative") }
    }

    func run() throws {
        let trace = try loadTrace(file)
        if start > trace.steps.count { throw CLIError("--start \(start) is past the last step (the trace has \(stepsText(trace.steps.count)))") }
        var options = AppOptions(themeName: theme, speed: speed, start: start, lecture: lecture, captions: lecture)
        for item in whatIf {
            do { options.whatIf.append(try WhatIfChange(parsing: item)) } catch { throw CLIError(error.message) }
        }
        try MainActor.assumeIsolated { try runFullScreen(trace: trace, options: options) }
    }
}

/// `mbviz render FILE`: one frame, headless.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw one frame of the visualizer headless to standard output.",
        discussion: "Exactly ROWS lines, none wider than COLS. --format ansi adds the theme's colours as escape sequences."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, ansi }

    @ArgumentParser.Argument(help: "The trace file (`-` reads standard input), or demo:NAME for a built-in demo.")
    var file: String

    @Option(help: "Draw the state after step N (default: the last step).")
    var step: Int?

    @Option(help: "COLSxROWS (default 120x40).")
    var size: String = "120x40"

    @Option(help: "text or ansi.")
    var format: Format = .text

    @Option(help: "Theme name or path to a .theme file.")
    var theme: String = "default"

    @Flag(help: "Show the explain panel for the step.")
    var explain = false

    @Flag(help: "Draw the frame as lecture mode shows it: the caption large, boxed across the screen.")
    var lecture = false

    func run() throws {
        let (cols, rows) = try parseSize(size)
        let trace = try traceArgument(file)
        let t = try loadTheme(theme)
        var ui = UIState()
        ui.themeName = t.name
        ui.explainVisible = explain
        var scene = try headlessScene(trace, step: step, ui: ui)
        scene.playback.lecture = lecture
        let out = HeadlessOutput.render(scene, width: cols, height: rows, format: format == .text ? .text : .ansi, theme: t)
        print(out, terminator: out.hasSuffix("\n") ? "" : "\n")
    }
}

/// Parses `COLSxROWS`.
func parseSize(_ text: String) throws -> (Int, Int) {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]), c >= 1, r >= 1, c <= 10_000, r <= 10_000 else {
        throw CLIError("--size expects COLSxROWS, e.g. 120x40 (got '\(text)')")
    }
    return (c, r)
}

/// A trace file, `-`, or `demo:NAME`.
func traceArgument(_ file: String) throws -> Trace {
    if file.hasPrefix("demo:") {
        let name = String(file.dropFirst(5))
        guard let d = Demos.named(name) else { throw CLIError("no demo named '\(name)'") }
        do { return try d.trace() } catch { throw CLIError("\(error)") }
    }
    return try loadTrace(file)
}

/// The step `--step` names (the last step when absent), or the CLI's error for one outside
/// the trace.
func checkedStep(_ step: Int?, in trace: Trace) throws -> Int {
    let n = step ?? trace.steps.count
    if n < 0 || n > trace.steps.count {
        throw CLIError("--step \(n) is outside 0...\(trace.steps.count) (the trace has \(stepsText(trace.steps.count)))")
    }
    return n
}

/// The scene after `--step` (captions on), for the headless outputs.
func headlessScene(_ trace: Trace, step: Int?, ui: UIState) throws -> Scene {
    let n = try checkedStep(step, in: trace)
    return SceneBuilder(controller: Controller(timeline: Timeline(trace: trace), start: n), showsCaptions: true).scene(ui: ui)
}

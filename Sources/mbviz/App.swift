import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// Options of a full-screen session.
struct AppOptions {
    var themeName: String = "default"
    var speed: Double = 8
    var start: Int = 0
    var lecture: Bool = false
    var captions: Bool = false
    /// Start playing at once (demos do, stopping at each phase in lecture mode).
    var autoplay: Bool = false
    /// What-if settings whose diverging steps are marked.
    var whatIf: [WhatIfChange] = []
    /// One part of a chained lecture: moving on past the last step (or back before the
    /// first) ends the session with `.next` (`.previous`) instead of doing nothing.
    var chained: Bool = false
}

/// How a full-screen session ended.
enum SessionEnd {
    /// `q`.
    case quit
    /// Past the last step of a chained part.
    case next
    /// Back before the first step of a chained part.
    case previous
}

/// The full-screen visualizer: the event loop that joins the controller, the view and the
/// terminal. Keys are the contract's (CLI.md); everything drawn comes from `renderScreen`.
@MainActor
final class App {
    let terminal: Terminal
    let controller: Controller
    let builder: SceneBuilder
    var ui = UIState()
    var theme: Theme
    var themeNames: [String]
    var running = true
    var dirty = true
    /// How the session ended (set with `running = false`).
    var ended = SessionEnd.quit
    /// Part of a chained lecture (`AppOptions.chained`).
    let chained: Bool
    /// Text being typed after `g` or `/`.
    var prompt: (kind: Character, text: String)?
    /// Frame timings for measurement, written at exit when `MBVIZ_FRAME_LOG` names a file.
    var frameLog: FrameLog?

    init(terminal: Terminal, trace: Trace, options: AppOptions) throws {
        self.terminal = terminal
        chained = options.chained
        let timeline = Timeline(trace: trace)
        controller = Controller(timeline: timeline, speed: options.speed, lectureMode: options.lecture, start: options.start)
        builder = SceneBuilder(controller: controller, showsCaptions: options.captions || options.lecture)
        theme = try loadTheme(options.themeName)
        themeNames = ThemeLoader.availableNames()
        ui.themeName = theme.name
        if let path = getenv("MBVIZ_FRAME_LOG") { frameLog = FrameLog(path: String(cString: path)) }
        if options.autoplay { controller.togglePlay() }
        if !options.whatIf.isEmpty {
            let d = WhatIf.compare(trace, changes: options.whatIf)
            builder.whatIfText = options.whatIf.map(\.description).joined(separator: " ")
            for (step, original, variant) in d.pairs { builder.divergences[step] = (original, variant) }
            ui.message = d.first.map { "what-if \(builder.whatIfText): \(d.count) steps diverge (◆), first at step \($0)" }
                ?? "what-if \(builder.whatIfText): no step diverges"
        }
    }

    /// Runs until `q`.
    func run() {
        var last = monotonicSeconds()
        while running {
            let now = monotonicSeconds()
            let elapsed = now - last
            last = now
            if controller.clock.isPlaying {
                if controller.tick(elapsed: elapsed) > 0 || !controller.clock.isPlaying { dirty = true }
            }
            let timeline = controller.timeline
            if !timeline.isComplete { timeline.extend(forSeconds: 0.004, clock: monotonicSeconds) }
            if dirty { draw() }
            let timeout: Int
            if controller.clock.isPlaying {
                timeout = Int(max(1, min(33, controller.clock.secondsToNextStep * 1000)))
            } else {
                timeout = timeline.isComplete ? 1000 : 5
            }
            if let key = terminal.readKey(timeoutMilliseconds: timeout) { handle(key) }
        }
    }

    func draw() {
        let size = terminal.size
        var scene = builder.scene(ui: ui)
        if let prompt { scene.ui.searchPrompt = (prompt.kind == "g" ? "go to step: " : "search: ") + prompt.text }
        if !controller.timeline.isComplete {
            let t = controller.timeline
            scene.ui.message = scene.ui.message ?? "replaying… \(t.computed * 100 / max(1, t.count))%"
        }
        let t0 = monotonicSeconds()
        terminal.draw(renderScreen(scene, width: size.columns, height: size.rows), theme: theme)
        frameLog?.record(position: controller.position, drawSeconds: monotonicSeconds() - t0)
        dirty = false
    }
}

/// Loads a theme by name or path, as a CLI error when it can't be.
func loadTheme(_ nameOrPath: String) throws -> Theme {
    do {
        return try ThemeLoader.load(nameOrPath: nameOrPath)
    } catch {
        throw CLIError("\(error)")
    }
}

/// Opens the terminal and runs the visualizer on a trace; exit 2 without a terminal.
@MainActor
func runFullScreen(trace: Trace, options: AppOptions) throws {
    _ = try loadTheme(options.themeName)
    let terminal: Terminal
    do {
        terminal = try Terminal.open()
    } catch {
        throw CLIError("\(error)")
    }
    do {
        let app = try App(terminal: terminal, trace: trace, options: options)
        app.run()
        terminal.close()
        app.frameLog?.write()
    } catch {
        terminal.close()
        throw error
    }
}

/// Per-frame timings, for benchmarks of the full-screen app: the first frame's time since
/// the process started, then one line per frame.
struct FrameLog {
    let path: String
    var lines: [String] = []
    let start = processStartSeconds()

    init(path: String) { self.path = path }

    mutating func record(position: Int, drawSeconds: Double) {
        let now = monotonicSeconds()
        if lines.isEmpty { lines.append("first_frame_ms \((now - start) * 1000)") }
        lines.append("frame t=\(now - start) step=\(position) draw_ms=\(drawSeconds * 1000)")
    }

    func write() { writeFile(path, lines.joined(separator: "\n") + "\n") }
}

/// When this process started, on the monotonic clock (from /proc/self/stat's start time).
func processStartSeconds() -> Double {
    guard let stat = try? readBytes("/proc/self/stat") else { return monotonicSeconds() }
    let text = String(decoding: stat, as: UTF8.self)
    guard let close = text.lastIndex(of: ")") else { return monotonicSeconds() }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // Field 22 (starttime, in clock ticks since boot) is the 20th after the ")".
    guard fields.count > 19, let ticks = Double(fields[19]) else { return monotonicSeconds() }
    return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// Writes a whole file (replacing it).
func writeFile(_ path: String, _ text: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    writeAll(fd, text)
    close(fd)
}

import Memblock
import MemblockApp
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
    /// Write where the session is to this file after every frame, for the presenter's
    /// screen (`mbviz demo --presenter FILE`).
    var presenterFile: String?
}

/// The full-screen visualizer's event loop: everything it decides lives in `MemblockApp`
/// (`update`, `view`); this class only turns terminal input into messages, runs effects
/// (quit, load a theme), advances the background replay and draws.
@MainActor
final class App {
    let terminal: Terminal
    var model: AppModel
    var theme: Theme
    var dirty = true
    /// Frame timings for measurement, written at exit when `MBVIZ_FRAME_LOG` names a file.
    var frameLog: FrameLog?
    /// Called after every frame drawn (the lecture's presenter file).
    var afterDraw: ((AppModel) -> Void)?

    init(terminal: Terminal, trace: Trace, options: AppOptions) throws {
        self.terminal = terminal
        theme = try loadTheme(options.themeName)
        let size = terminal.size
        model = AppModel(env: AppEnvironment(trace: trace), columns: size.columns, rows: size.rows, start: options.start,
                         speed: options.speed, lecture: options.lecture, captions: options.captions,
                         themeNames: ThemeLoader.availableNames(), theme: theme.name)
        if let path = getenv("MBVIZ_FRAME_LOG") { frameLog = FrameLog(path: String(cString: path)) }
        model.chained = options.chained
        if options.autoplay { send(.key(.character(" "))) }
        model.compare(options.whatIf)
    }

    /// How the session ended (`q` unless a chained part moved on or back).
    var ended: SessionEnd { model.ended ?? .quit }

    /// Runs until the model stops running.
    func run() {
        var last = monotonicSeconds()
        while model.running {
            let now = monotonicSeconds()
            let elapsed = now - last
            last = now
            if model.clock.isPlaying || model.isAnimating {
                let before = model.position, animating = model.isAnimating
                send(.tick(elapsed: elapsed))
                dirty = dirty || model.position != before || !model.clock.isPlaying || animating
            }
            let timeline = model.env.timeline
            if !timeline.isComplete {
                timeline.extend(forSeconds: 0.004, clock: monotonicSeconds)
                send(.progress(computed: timeline.computed))
                dirty = true
            }
            if dirty { draw() }
            let timeout: Int
            if model.isAnimating {
                timeout = 33
            } else if model.clock.isPlaying {
                timeout = Int(max(1, min(33, model.clock.secondsToNextStep * 1000)))
            } else {
                timeout = timeline.isComplete ? 1000 : 5
            }
            if let key = terminal.readKey(timeoutMilliseconds: timeout), let message = App.message(for: key, terminal.size) {
                send(message)
                dirty = true
            }
        }
    }

    /// Updates the model and runs the effects it asks for.
    func send(_ message: Message) {
        let (next, effects) = update(model, message)
        model = next
        for effect in effects {
            switch effect {
            case .quit: model.running = false
            case .loadTheme(let name):
                do {
                    theme = try ThemeLoader.load(nameOrPath: name)
                    send(.themeLoaded(theme.name))
                } catch {
                    send(.themeFailed("theme \(name): \(error)"))
                }
            }
        }
    }

    func draw() {
        let t0 = monotonicSeconds()
        terminal.draw(view(model), theme: theme)
        frameLog?.record(position: model.position, drawSeconds: monotonicSeconds() - t0)
        afterDraw?(model)
        dirty = false
    }

    /// The message for a terminal key (nil for keys the app has no use for).
    static func message(for key: Key, _ size: (columns: Int, rows: Int)) -> Message? {
        switch key {
        case .character(let c): return .key(.character(c))
        case .up: return .key(.up)
        case .down: return .key(.down)
        case .left: return .key(.left)
        case .right: return .key(.right)
        case .pageUp: return .key(.pageUp)
        case .pageDown: return .key(.pageDown)
        case .home: return .key(.home)
        case .end: return .key(.end)
        case .enter: return .key(.enter)
        case .escape: return .key(.escape)
        case .backspace: return .key(.backspace)
        case .tab: return .key(.tab)
        case .backTab: return .key(.backTab)
        case .function(let n): return .key(.function(n))
        case .resize: return .resize(columns: size.columns, rows: size.rows)
        case .mouse(let m):
            switch m.kind {
            case .press, .click: return .mouse(AppMouse(x: m.x, y: m.y, kind: .press))
            case .wheelUp: return .mouse(AppMouse(x: m.x, y: m.y, kind: .wheelUp))
            case .wheelDown: return .mouse(AppMouse(x: m.x, y: m.y, kind: .wheelDown))
            default: return nil
            }
        case .unknown: return nil
        }
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
        if let file = options.presenterFile {
            app.afterDraw = { model in
                let state = PresenterState(trace: trace, step: model.position, part: 1, parts: 1, title: trace.file,
                                           playing: model.clock.isPlaying)
                writeAtomically(file, state.text)
            }
        }
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

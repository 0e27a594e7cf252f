import ArgumentParser

// Commands whose issues have not landed yet answer --help and say so when run.

func notYet(_ what: String) -> CLIError { CLIError("\(what) is not available yet in this build") }

/// Extra bench figures from modules that are still being built (seek, frame).
func extraFigures(_ trace: Any, runs: Int) -> [BenchFigure] { [] }

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Play a built-in demo full-screen.")
    @ArgumentParser.Argument(help: "The demo's name (default: the x86_64 two-node boot).") var name: String?
    @Flag(help: "List the demos, one line each.") var list = false
    @Option(help: "Write the demo's trace to standard output.") var print: String?
    func run() throws { throw notYet("the full-screen visualizer") }
}

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "play", abstract: "Play a trace file full-screen.")
    @ArgumentParser.Argument(help: "The trace (`-` reads standard input).") var file: String
    @Option(help: "Theme name or path.") var theme: String?
    @Option(help: "Steps per second.") var speed: Double?
    @Option(help: "Start at this step.") var start: Int?
    @Flag(help: "Captions on; stop at each @pause and phase.") var lecture = false
    func run() throws { throw notYet("the full-screen visualizer") }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Draw one frame headless to standard output.")
    @ArgumentParser.Argument(help: "The trace.") var file: String
    @Option(help: "After step N.") var step: Int?
    @Option(help: "COLSxROWS (default 120x40).") var size: String = "120x40"
    @Option(help: "text or ansi.") var format: String = "text"
    @Option(help: "Theme name or path.") var theme: String?
    func run() throws { throw notYet("render") }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Turn real data into a trace (dmesg, dtb, live).")
    @ArgumentParser.Argument(help: "dmesg FILE, dtb FILE or live.") var source: [String] = []
    func run() throws { throw notYet("import") }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a picture (svg) or a recording (cast).")
    @ArgumentParser.Argument(help: "svg FILE or cast FILE.") var what: [String] = []
    @Option(name: .short, help: "Output file.") var o: String?
    func run() throws { throw notYet("export") }
}

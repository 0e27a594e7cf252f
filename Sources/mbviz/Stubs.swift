import ArgumentParser

// Commands whose issues have not landed yet answer --help and say so when run.

func notYet(_ what: String) -> CLIError { CLIError("\(what) is not available yet in this build") }

/// Extra bench figures from modules that are still being built (seek, frame).
func extraFigures(_ trace: Any, runs: Int) -> [BenchFigure] { [] }




struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Turn real data into a trace (dmesg, dtb, live).")
    @ArgumentParser.Argument(help: "dmesg FILE, dtb FILE or live.") var source: [String] = []
    func run() throws { throw notYet("import") }
}

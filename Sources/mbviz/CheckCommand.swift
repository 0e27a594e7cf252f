import ArgumentParser
import MemblockReplay
import MemblockTrace

/// `mbviz check FILE…`: replays traces headless and verifies their expectations.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Replay traces headless and verify every `=> …` and `@expect`.",
        discussion: """
            Prints one line per file: `FILE: ok (N steps)`, or the first mismatch as \
            `FILE:LINE:COLUMN: message`. Exit 1 if any check failed, 2 if a file could not be \
            read or parsed.
            """
    )

    @ArgumentParser.Argument(help: "Trace files (`-` reads standard input).")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("check needs at least one trace file") }
    }

    func run() throws {
        var worst: Int32 = 0
        for file in files {
            let trace: Trace
            do {
                trace = try TraceParser.parse(contentsOf: file)
            } catch {
                for e in error.errors { printError("mbviz: \(e)") }
                print("\(file): cannot be parsed (\(error.errors.count) error\(error.errors.count == 1 ? "" : "s"))")
                worst = 2
                continue
            }
            let run = HeadlessRun(trace, stopAtFirstMismatch: true)
            if let first = run.mismatches.first {
                print("\(first)")
                worst = max(worst, 1)
            } else {
                print("\(file): ok (\(run.steps) steps)")
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

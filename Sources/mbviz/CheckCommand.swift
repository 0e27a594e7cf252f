import ArgumentParser
import MemblockReplay
import MemblockTrace

/// `mbviz check FILE…`: replays traces headless and verifies their expectations.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Replay traces headless and verify every `=> …` and `@expect`.",
        discussion: """
            Replays each file to the end, past any mismatch. Prints one line per file: \
            `FILE: ok (N steps)`, or `FILE: 52/56 expectations met; first mismatch at line 35: …`; \
            every mismatch also goes to standard error as `mbviz: FILE:LINE:COLUMN: message`. \
            With --what-if, the line says where results diverge. Exit 1 if any check failed or \
            any result diverged, 2 if a file could not be read or parsed.
            """
    )

    @ArgumentParser.Argument(help: "Trace files (`-` reads standard input), or demo:NAME for a built-in demo.")
    var files: [String]

    @Option(name: .customLong("what-if"), help: ArgumentHelp(
        "Replay with a setting changed and report where results and states diverge: bottom_up=0|1, current_limit=ADDR, movable_node=0|1, mem=SIZE, kernel=6.1|6.12. Repeatable.",
        valueName: "KEY=VALUE"))
    var whatIf: [String] = []

    /// Mismatches printed per file; the summary counts all of them.
    static let mismatchesShown = 50

    func validate() throws {
        if files.isEmpty { throw ValidationError("check needs at least one trace file") }
    }

    func run() throws {
        var changes: [WhatIfChange] = []
        for item in whatIf {
            do { changes.append(try WhatIfChange(parsing: item)) } catch { throw CLIError(error.message) }
        }
        var worst: Int32 = 0
        for file in files {
            let trace: Trace
            do {
                if file.hasPrefix("demo:"), let demo = Demos.named(String(file.dropFirst(5))) {
                    trace = try demo.trace()
                } else {
                    trace = try TraceParser.parse(contentsOf: file)
                }
            } catch {
                for e in error.errors { printError("mbviz: \(e)") }
                print("\(file): cannot be parsed (\(error.errors.count) error\(error.errors.count == 1 ? "" : "s"))")
                worst = 2
                continue
            }
            if !changes.isEmpty {
                worst = max(worst, reportWhatIf(file, trace, changes))
                continue
            }
            let report = CheckReport(trace)
            for m in report.mismatches.prefix(Self.mismatchesShown) { printError("mbviz: \(m)") }
            if report.mismatches.count > Self.mismatchesShown {
                printError("mbviz: \(file): \(report.mismatches.count - Self.mismatchesShown) more mismatches not shown")
            }
            print(report.summary(file: file))
            if !report.passed { worst = max(worst, 1) }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// Prints where a what-if replay diverges from the trace as written: the first diverging
/// step with both results, and the count. A divergence (of a result or of the state) is a
/// failed check (exit 1), as CLI.md has it; no divergence is 0.
func reportWhatIf(_ file: String, _ trace: Trace, _ changes: [WhatIfChange]) -> Int32 {
    let d = WhatIf.compare(trace, changes: changes)
    let what = changes.map(\.description).joined(separator: " ")
    var states = ""
    if let s = d.firstStateDivergence {
        states = "; states differ after \(d.stateDivergentSteps) steps, first after \(trace.steps[s - 1].location)"
    }
    guard let first = d.first, let pair = d.pairs.first else {
        print("\(file): \(what): no step diverges (\(trace.steps.count) steps)\(states)")
        return d.firstStateDivergence == nil ? 0 : 1
    }
    let step = trace.steps[first - 1]
    func text(_ r: StepOutcome.Result) -> String { StepOutcome(result: r).resultText }
    print("\(file): \(what): \(d.count) of \(trace.steps.count) steps diverge; first at \(step.location): "
          + "\(step.operation.kernelName) returned \(text(pair.1)), with \(what) \(text(pair.2))\(states)")
    return 1
}

import Memblock
import MemblockTrace

/// What `mbviz check` reports for one trace: how many of its expectations (each `=> …`
/// result and each `@expect KEY=VALUE`) the replay meets, and every one it does not.
public struct CheckReport: Sendable {
    /// Expectations in the trace: recorded results plus `@expect` keys (initial ones included).
    public var expectations: Int
    /// Every failed expectation, in trace order (one each).
    public var mismatches: [TraceError]
    /// Steps replayed.
    public var steps: Int

    /// Replays the whole trace without stopping at a mismatch.
    public init(_ trace: Trace) {
        let run = HeadlessRun(trace)
        var count = trace.initialExpectations.count
        for step in trace.steps {
            if step.result != nil { count += 1 }
            count += step.expectations.count
        }
        self.expectations = count
        self.mismatches = run.mismatches
        self.steps = run.steps
    }

    /// Expectations the replay meets.
    public var met: Int { Swift.max(0, expectations - mismatches.count) }

    /// True when every expectation is met.
    public var passed: Bool { mismatches.isEmpty }

    /// The one-line summary: `FILE: ok (N steps)` for a clean trace, else
    /// `FILE: 52/56 expectations met; first mismatch at line 35: MESSAGE`.
    public func summary(file: String) -> String {
        guard let first = mismatches.first else { return "\(file): ok (\(steps == 1 ? "1 step" : "\(steps) steps"))" }
        return "\(file): \(met)/\(expectations) expectations met; first mismatch at line \(first.location.line): \(first.message)"
    }
}

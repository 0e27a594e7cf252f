import Memblock
import MemblockTrace

/// A straight headless replay of a trace, for `mbviz check`, `mbviz dump` and benchmarks.
public struct HeadlessRun: Sendable {
    /// The state after the last step replayed.
    public var state: Memblock
    /// Steps replayed.
    public var steps: Int
    /// Every `=> …` and `@expect` mismatch, in trace order.
    public var mismatches: [TraceError]
    /// Steps whose operation failed (no room, an array that could not grow).
    public var failedSteps: Int

    /// Replays the first `limit` steps of `trace` (all when nil) from a fresh state.
    /// `stopAtFirstMismatch` ends the run at the first failed check; a panic ends it always
    /// (the state is then that before the panicking step, with `state.panic` set).
    public init(_ trace: Trace, limit: Int? = nil, stopAtFirstMismatch: Bool = false, configure: (inout Memblock) -> Void = { _ in }) {
        var state = Memblock(config: trace.config)
        configure(&state)
        var labels = LabelTable()
        var mismatches = StepApplier.checkExpectations(trace.initialExpectations, state: state)
        let count = Swift.min(limit ?? trace.steps.count, trace.steps.count)
        var failed = 0
        var done = 0
        labels.reserveCapacity(count / 2)
        // Steps are read in place (borrowed from the buffer), not copied out of the array.
        trace.steps.withUnsafeBufferPointer { steps in
            for i in 0..<count {
                let outcome = StepApplier.apply(steps[i], to: &state, labels: &labels)
                done = i + 1
                if outcome.failed { failed += 1 }
                if !outcome.mismatches.isEmpty {
                    mismatches += outcome.mismatches
                    if stopAtFirstMismatch { break }
                }
                if outcome.panicked { break }
            }
        }
        self.state = state
        self.steps = done
        self.mismatches = mismatches
        self.failedSteps = failed
    }
}

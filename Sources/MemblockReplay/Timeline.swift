import Memblock
import MemblockTrace

/// What the controller keeps per replay position: the allocator and who owns what.
public struct ReplayState: Equatable, Sendable {
    /// The allocator.
    public var memblock: Memblock
    /// Owners of reserved ranges.
    public var owners: OwnerMap
}

/// A trace replayed through the model, seekable to any step.
///
/// Steps are numbered from 1; position 0 is the state before the first step. The timeline is
/// computed lazily and incrementally (`extend`), keeping a checkpoint (a copy of the state)
/// every `checkpointInterval` steps and one compact result per step, so that any position is
/// at most `checkpointInterval` steps of replay away.
public final class Timeline {
    /// The trace.
    public let trace: Trace
    /// Steps between checkpoints: starts at the value given and doubles (dropping every
    /// other checkpoint) whenever the checkpoints would take more than their budget.
    ///
    /// Region arrays are `RegionStore`s, so a checkpoint shares every node the steps since
    /// the previous one did not change, and costs only the changed ones: the interval can
    /// stay small at any region count, and seeking replays few steps.
    public private(set) var checkpointInterval: Int
    /// Bytes the checkpoints may take at least: what each keeps beyond the previous
    /// checkpoint (the region-array and owner-map nodes changed since), not their full size.
    public let checkpointBudget: Int
    /// The checkpoints may also take as much as this many whole states of the current size,
    /// when that is more than `checkpointBudget`: with tens of thousands of regions a
    /// checkpoint far from the previous one costs about a whole state, and a fixed budget
    /// would leave so few of them that a seek replays a large part of the trace.
    public let checkpointStates: Int
    /// The bytes the checkpoints keep (each counted beyond the one before it).
    public private(set) var checkpointBytes = 0
    /// Whether owners of reserved ranges are tracked.
    public let tracksOwners: Bool

    /// `checkpoints[k]` is the state after `k * checkpointInterval` steps.
    private var checkpoints: [ReplayState] = []
    /// Each computed step's result.
    public private(set) var results: [StepOutcome.Result] = []
    /// The search results of every computed step, played back when seeking.
    private var searches = RecordedSearches()
    /// Steps (1-based) whose checks failed, with the mismatches.
    public private(set) var mismatches: [Int: [TraceError]] = [:]
    /// The state after `computed` steps.
    private var head: ReplayState
    /// The most recently asked-for position and its state (seeking nearby is cheap).
    private var cursor: (step: Int, state: ReplayState)
    /// Where each label was defined.
    private let labelSources: LabelSources
    /// Mismatches of `@expect` lines before the first step.
    public let initialMismatches: [TraceError]

    /// Steps in the trace.
    public var count: Int { trace.steps.count }
    /// Steps replayed so far.
    public var computed: Int { results.count }
    /// True once every step has been replayed.
    public var isComplete: Bool { results.count == trace.steps.count }

    /// A timeline positioned before the first step; nothing is replayed yet.
    public init(trace: Trace, checkpointInterval: Int = 256, checkpointBudget: Int = 32 << 20, checkpointStates: Int = 160,
                tracksOwners: Bool = true) {
        self.trace = trace
        self.checkpointInterval = Swift.max(1, checkpointInterval)
        self.checkpointBudget = checkpointBudget
        self.checkpointStates = checkpointStates
        self.tracksOwners = tracksOwners
        let initial = ReplayState(memblock: Memblock(config: trace.config), owners: OwnerMap())
        head = initial
        cursor = (0, initial)
        checkpoints = [initial]
        labelSources = LabelSources(trace)
        initialMismatches = StepApplier.checkExpectations(trace.initialExpectations, state: initial.memblock)
        results.reserveCapacity(trace.steps.count)
    }

    /// The address `$name` stands for at 0-based step `index`: the latest earlier definition.
    func resolve(_ name: String, before index: Int) -> PhysAddr {
        guard let j = labelSources.definition(of: name, before: index, in: trace) else { return 0 }
        return StepApplier.labelValue(trace.steps[j], results[j]) { resolve($0, before: j) }
    }

    /// Applies 0-based step `index` to `state`, updating owners; returns the outcome.
    func apply(_ index: Int, to state: inout ReplayState) -> StepOutcome {
        let step = trace.steps[index]
        let mb = state.memblock
        let before = tracksOwners ? (mb.memory.arrayBase, mb.reserved.arrayBase, mb.physmem.arrayBase) : (nil, nil, nil)
        let outcome = StepApplier.apply(step, to: &state.memblock) { resolve($0, before: index) }
        if tracksOwners { updateOwners(&state, step: step, index: index, outcome: outcome, arraysBefore: before) }
        return outcome
    }

    /// Replays until `step` steps are computed (or the trace ends).
    public func extend(to step: Int) {
        let target = Swift.min(step, count)
        while results.count < target {
            let i = results.count
            head.memblock.searchTape = .recording
            let outcome = apply(i, to: &head)
            searches.append(head.memblock.searchTape.results, result: outcome.result)
            head.memblock.searchTape = SearchTape()
            results.append(outcome.result)
            if !outcome.mismatches.isEmpty { mismatches[i + 1] = outcome.mismatches }
            if (i + 1) % checkpointInterval == 0 { addCheckpoint(head) }
        }
    }

    /// The bytes a replay state keeps alive beyond `previous` (its region-array and owner-map
    /// nodes that `previous` does not share); everything when there is no previous.
    static func estimatedBytes(_ s: ReplayState, beyond previous: ReplayState?) -> Int {
        let m = s.memblock
        guard let previous else {
            return m.memory.regions.bytes + m.reserved.regions.bytes + m.physmem.regions.bytes + s.owners.spans.bytes + 512
        }
        let p = previous.memblock
        return m.memory.regions.bytesNotShared(with: p.memory.regions)
            + m.reserved.regions.bytesNotShared(with: p.reserved.regions)
            + m.physmem.regions.bytesNotShared(with: p.physmem.regions)
            + s.owners.spans.bytesNotShared(with: previous.owners.spans) + 512
    }

    /// Keeps a checkpoint; past the budget (the larger of `checkpointBudget` and
    /// `checkpointStates` states like this one), every other one is dropped and the interval
    /// doubles.
    private func addCheckpoint(_ state: ReplayState) {
        checkpointBytes += Self.estimatedBytes(state, beyond: checkpoints.last)
        checkpoints.append(state)
        if checkpointBytes <= checkpointBudget { return }
        let budget = Swift.max(checkpointBudget, checkpointStates * Self.estimatedBytes(state, beyond: nil))
        while checkpointBytes > budget && checkpoints.count > 2 {
            checkpoints = stride(from: 0, to: checkpoints.count, by: 2).map { checkpoints[$0] }
            checkpointInterval *= 2
            checkpointBytes = 0
            for k in checkpoints.indices {
                checkpointBytes += Self.estimatedBytes(checkpoints[k], beyond: k > 0 ? checkpoints[k - 1] : nil)
            }
        }
    }

    /// Replays for about `seconds` (checking the clock every 256 steps); returns true when complete.
    @discardableResult
    public func extend(forSeconds seconds: Double, clock: () -> Double) -> Bool {
        let deadline = clock() + seconds
        while !isComplete {
            extend(to: results.count + 256)
            if clock() >= deadline { break }
        }
        return isComplete
    }

    /// The replay state after `step` steps (0...count).
    public func replayState(after step: Int) -> ReplayState {
        let n = Swift.max(0, Swift.min(step, count))
        if n > results.count { extend(to: n) }
        if n == results.count { cursor = (n, head); return head }
        let k = n / checkpointInterval
        var start = k * checkpointInterval
        var state = checkpoints[k]
        if cursor.step <= n && cursor.step > start { start = cursor.step; state = cursor.state }
        // Replaying computed steps: their searches play back from the tape.
        if start < n {
            var tapes = searches.reader(from: start)
            for i in start..<n {
                state.memblock.searchTape = tapes.next(in: searches, result: results[i])
                _ = apply(i, to: &state)
            }
        }
        state.memblock.searchTape = SearchTape()
        cursor = (n, state)
        return state
    }

    /// The allocator state after `step` steps (0...count).
    public func state(after step: Int) -> Memblock { replayState(after: step).memblock }

    /// Everything about one step (1...count): the state before and after, the outcome with
    /// the kernel's messages and the searches it ran, and the diff.
    public func frame(at step: Int) -> StepFrame {
        let n = Swift.max(1, Swift.min(step, count))
        var state = replayState(after: n - 1)
        let before = state.memblock
        state.memblock.log = MemblockLog(isEnabled: true, recordsSearches: true)
        let outcome = apply(n - 1, to: &state)
        state.memblock.log = MemblockLog()
        // The state after the step is now at hand: asking for it next costs nothing.
        cursor = (n, state)
        return StepFrame(step: n, traceStep: trace.steps[n - 1], before: before, after: state, outcome: outcome,
                         diff: StepDiff(from: before, to: state.memblock))
    }

    /// The result of step `step` (1-based), replaying up to it if needed.
    public func result(of step: Int) -> StepOutcome.Result {
        extend(to: step)
        return results[step - 1]
    }

    /// The checkpoints kept so far (for memory accounting).
    public var checkpointCount: Int { checkpoints.count }

    /// The bytes of one whole replay state after `step` steps (its region arrays and owner
    /// map), as the checkpoint budget counts them.
    public func stateBytes(after step: Int) -> Int { Self.estimatedBytes(replayState(after: step), beyond: nil) }
}

/// One step in full: what the view shows for it.
public struct StepFrame: Sendable {
    /// The step number (1-based).
    public var step: Int
    /// The step as parsed.
    public var traceStep: TraceStep
    /// The allocator before the step.
    public var before: Memblock
    /// The state after it.
    public var after: ReplayState
    /// Its result, messages, searches and mismatches.
    public var outcome: StepOutcome
    /// What it changed.
    public var diff: StepDiff
}

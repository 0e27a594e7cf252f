import Memblock
import MemblockTrace

/// Why auto-play stopped.
public enum StopReason: Hashable, Sendable {
    /// The last step was reached.
    case end
    /// An `@pause` comes before the next step (lecture mode).
    case pause
    /// A new phase starts (lecture mode).
    case phase(Int)
    /// A breakpoint matched the step at the cursor.
    case breakpoint(Breakpoint)
}

/// The stepping controller: a cursor over a timeline, the playback clock, breakpoints and
/// lecture-mode stops. Pure logic: the caller supplies elapsed time.
public final class Controller {
    /// The replay.
    public let timeline: Timeline
    /// The current position: 0 before the first step, else the step just applied.
    public private(set) var position: Int = 0
    /// The clock.
    public var clock: PlaybackClock
    /// Breakpoints.
    public var breakpoints: [Breakpoint] = []
    /// Lecture mode: stop at each `@pause` and phase start.
    public var lectureMode: Bool
    /// Why play last stopped by itself.
    public private(set) var lastStop: StopReason?

    public init(timeline: Timeline, speed: Double = 4, lectureMode: Bool = false, start: Int = 0) {
        self.timeline = timeline
        self.clock = PlaybackClock(speed: speed)
        self.lectureMode = lectureMode
        self.position = Swift.max(0, Swift.min(start, timeline.count))
    }

    /// Steps in the trace.
    public var count: Int { timeline.count }
    /// The state at the cursor.
    public var state: Memblock { timeline.state(after: position) }

    /// Moves the cursor (clamped) and pauses the carry.
    public func seek(to step: Int) {
        position = Swift.max(0, Swift.min(step, count))
        clock.resetCarry()
        acknowledgedPause = nil
    }
    /// One step forward.
    public func stepForward() { seek(to: position + 1) }
    /// One step back.
    public func stepBack() { seek(to: position - 1) }
    /// The first step of the next phase.
    public func nextPhase() {
        if let p = timeline.trace.phases.first(where: { $0.firstStep + 1 > position }) { seek(to: p.firstStep + 1) } else { seek(to: count) }
    }
    /// The first step of the current phase, or of the previous one when already there.
    public func previousPhase() {
        if let p = timeline.trace.phases.last(where: { $0.firstStep + 1 < position }) { seek(to: p.firstStep + 1) } else { seek(to: 0) }
    }
    /// Toggles play; playing from the end restarts from the beginning.
    public func togglePlay() {
        if !clock.isPlaying && position >= count { seek(to: 0) }
        clock.isPlaying.toggle()
        clock.resetCarry()
        lastStop = nil
    }

    /// The step whose `@pause` already stopped play: resuming goes past it.
    private var acknowledgedPause: Int?

    /// The phase index of a step (1-based), if it belongs to one.
    public func phaseIndex(of step: Int) -> Int? {
        guard step >= 1 else { return nil }
        return timeline.trace.steps[step - 1].phase
    }

    /// Advances by `elapsed` seconds of play, stepping one by one so that pauses, phases and
    /// breakpoints stop play exactly; returns the number of steps taken. In lecture mode play
    /// stops before a step that has an `@pause`, and after the first step of each phase.
    @discardableResult
    public func tick(elapsed: Double) -> Int {
        let due = clock.advance(by: elapsed)
        var taken = 0
        while taken < due {
            if position >= count { stop(.end); break }
            let next = position + 1
            let step = timeline.trace.steps[next - 1]
            if lectureMode && step.pauseBefore && acknowledgedPause != next {
                acknowledgedPause = next
                stop(.pause)
                break
            }
            position = next
            taken += 1
            if lectureMode, let phase = step.phase, timeline.trace.phases[phase].firstStep == next - 1 {
                stop(.phase(phase))
                break
            }
            if let bp = matchingBreakpoint(at: next) { stop(.breakpoint(bp)); break }
        }
        if position >= count && clock.isPlaying { stop(.end) }
        return taken
    }

    private func stop(_ reason: StopReason) {
        clock.isPlaying = false
        clock.resetCarry()
        lastStop = reason
    }

    /// The first breakpoint that step `step` (1-based) matches.
    public func matchingBreakpoint(at step: Int) -> Breakpoint? {
        if breakpoints.isEmpty { return nil }
        let traceStep = timeline.trace.steps[step - 1]
        let result = timeline.result(of: step)
        for bp in breakpoints {
            switch bp {
            case .operation(let kind):
                if traceStep.operation.kind == kind { return bp }
            case .failure:
                switch result {
                case .allocationFailed, .error: return bp
                default: break
                }
            case .expectationMismatch:
                if timeline.mismatches[step] != nil { return bp }
            case .phaseStart(let which):
                if let p = traceStep.phase, timeline.trace.phases[p].firstStep == step - 1, which == nil || which == p { return bp }
            case .label(let name):
                if traceStep.label == name { return bp }
                if traceStep.operation.addressArguments.contains(.label(name)) { return bp }
            case .addressRange(let lo, let hi):
                if touches(traceStep, result: result, at: step, lo, hi) { return bp }
            }
        }
        return nil
    }

    /// Whether a step's own range, or its result, overlaps `[lo, hi)`.
    func touches(_ step: TraceStep, result: StepOutcome.Result, at index: Int, _ lo: PhysAddr, _ hi: PhysAddr) -> Bool {
        func value(_ a: Argument) -> PhysAddr {
            switch a {
            case .literal(let x): return x
            case .label(let n): return timeline.resolve(n, before: index - 1)
            }
        }
        let op = step.operation
        if case .address(let a) = result {
            let size = op.firstAddress.map(value) ?? 0
            return a < hi && lo < a &+ Swift.max(size, 1)
        }
        guard op.isAllocation == false, op.addressCount >= 2 else { return false }
        let base = value(op.address(0)), size = value(op.address(1))
        return base < hi && lo < base &+ size
    }
}

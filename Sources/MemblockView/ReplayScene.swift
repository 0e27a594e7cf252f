import Memblock
import MemblockReplay
import MemblockTrace

/// Builds the view's `Scene` from the stepping controller: the state at the cursor, the
/// step's outcome, diff and searches, recent events, owners and playback. Frames of recent
/// steps are cached so that redrawing a paused screen replays nothing.
public final class SceneBuilder {
    /// The controller the scenes describe.
    public let controller: Controller
    /// Show `@note` captions (lecture mode and demos).
    public var showsCaptions: Bool
    /// Steps listed on each side of the steps pane's anchor (the current step, or the
    /// first step shown when the user scrolled): the pane scrolls through the whole trace.
    public var eventCount = 120
    /// Steps whose results differ in a what-if replay (1-based step → original and what-if
    /// result), and the change that made them differ; they are marked in the event log and
    /// the step's outcome.
    public var divergences: [Int: (StepOutcome.Result, StepOutcome.Result)] = [:]
    /// The what-if settings, as `key=value` text.
    public var whatIfText = ""

    private var frames: [Int: StepFrame] = [:]
    private var frameOrder: [Int] = []
    private var ownersCache: (step: Int, spans: [OwnerSpan])?

    public init(controller: Controller, showsCaptions: Bool) {
        self.controller = controller
        self.showsCaptions = showsCaptions
    }

    /// The full frame of a step (1-based), cached.
    public func frame(_ step: Int) -> StepFrame {
        if let f = frames[step] { return f }
        let f = controller.timeline.frame(at: step)
        frames[step] = f
        frameOrder.append(step)
        if frameOrder.count > 64 { frames[frameOrder.removeFirst()] = nil }
        return f
    }

    /// The scene at the controller's position, with the given view settings.
    public func scene(ui: UIState) -> Scene { scene(at: controller.position, ui: ui) }

    /// The scene at step `p` (clamped to the trace), with the given view settings; the
    /// playback fields describe the controller's clock and breakpoints.
    public func scene(at position: Int, ui: UIState) -> Scene {
        let timeline = controller.timeline
        let trace = timeline.trace
        let p = Swift.max(0, Swift.min(position, trace.steps.count))
        // The step's frame holds the state after it, with its owners: nothing is replayed twice.
        let stepFrame = p >= 1 ? frame(p) : nil
        let after = stepFrame?.after ?? timeline.replayState(after: 0)
        var scene = Scene(state: after.memblock, step: p, stepCount: trace.steps.count, arch: trace.arch,
                          nodeNames: trace.nodeNames, ui: ui)
        scene.phase = phaseInfo(at: p)
        scene.kernelVersion = "\(trace.kernel)"
        if showsCaptions { scene.caption = caption(at: p) }
        if let f = stepFrame {
            scene.operationText = TraceWriter.line(f.traceStep)
            scene.outcome = outcomeInfo(f.outcome)
            if let d = divergences[p] {
                scene.outcome?.warnings.insert("◆ what-if \(whatIfText): \(resultText(d.1)) instead of \(resultText(d.0))", at: 0)
                scene.whatIf = WhatIfInfo(change: whatIfText, divergingSteps: divergences.count,
                                          here: (resultText(d.1), resultText(d.0)))
            }
            scene.searches = f.outcome.searches
            scene.changes = [.memory: changeInfo(f.diff.memory), .reserved: changeInfo(f.diff.reserved),
                             .physmem: changeInfo(f.diff.physmem)]
            scene.expectationFailures = (timeline.mismatches[p] ?? f.outcome.mismatches).map(\.description)
        } else {
            scene.expectationFailures = timeline.initialMismatches.map(\.description)
        }
        if scene.whatIf == nil && !whatIfText.isEmpty {
            scene.whatIf = WhatIfInfo(change: whatIfText, divergingSteps: divergences.count)
        }
        scene.events = events(around: ui.logTop ?? p, current: p)
        scene.owners = owners(after, at: p)
        scene.playback = PlaybackInfo(isPlaying: controller.clock.isPlaying, speed: controller.clock.speed,
                                      lecture: controller.lectureMode, breakpointHit: breakpointText(),
                                      breakpoints: controller.breakpoints.map(\.description))
        return scene
    }

    func breakpointText() -> String? {
        switch controller.lastStop {
        case .breakpoint(let bp)?: return "breakpoint \(bp)"
        case .pause?: return "paused (@pause)"
        case .phase(let i)?: return "phase \(i + 1) begins"
        default: return nil
        }
    }

    /// The phase a position belongs to (steps 1-based).
    func phaseInfo(at p: Int) -> PhaseInfo? {
        let trace = controller.timeline.trace
        let index: Int?
        if p >= 1 { index = trace.steps[p - 1].phase } else { index = nil }
        guard let i = index else { return nil }
        let first = trace.phases[i].firstStep + 1
        let last = i + 1 < trace.phases.count ? trace.phases[i + 1].firstStep : trace.steps.count
        return PhaseInfo(name: trace.phases[i].name, index: i, count: trace.phases.count, firstStep: first, lastStep: last)
    }

    /// The caption of a step, or the latest earlier one in the same phase.
    func caption(at p: Int) -> String? {
        let steps = controller.timeline.trace.steps
        if p == 0 { return steps.first?.note }
        // Binary search over the steps that carry a note, so long phases cost nothing.
        var lo = 0, hi = noteSteps.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if noteSteps[mid] <= p - 1 { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let i = noteSteps[lo - 1]
        return steps[i].phase == steps[p - 1].phase ? steps[i].note : nil
    }

    /// Indices of the steps with a `@note`, ascending.
    private lazy var noteSteps: [Int] = controller.timeline.trace.steps.indices.filter {
        controller.timeline.trace.steps[$0].note != nil
    }

    func outcomeInfo(_ o: StepOutcome) -> StepOutcomeInfo {
        let result: StepOutcomeInfo.Result
        switch o.result {
        case .ok: result = .ok
        case .address(let a): result = .address(a)
        case .allocationFailed: result = .failed("no room")
        case .error(let e): result = .failed(e == -errnoENOMEM ? "-ENOMEM: region array full" : "error \(e)")
        case .panic(let p): result = .failed("kernel panic: \(p.message)")
        case .notReached: result = .failed("not reached: the kernel panicked earlier")
        }
        let warnings = o.messages.filter { $0.level == .warning || $0.level == .error }.map(\.text)
        return StepOutcomeInfo(result, warnings: warnings, messages: o.messages)
    }

    func resultText(_ r: StepOutcome.Result) -> String { StepOutcome(result: r).resultText }

    func changeInfo(_ d: RegionDiff) -> RegionChangeInfo { RegionChangeInfo(changed: d.changed, removed: d.removed) }

    /// The steps within `eventCount` of `anchor`, with the kernel's lines where the frame
    /// is cached; steps after `p` (the current one) carry no outcome, and are not replayed.
    func events(around anchor: Int, current p: Int) -> [EventInfo] {
        let timeline = controller.timeline
        let n = timeline.trace.steps.count
        let lo = Swift.max(1, anchor - eventCount), hi = Swift.min(n, anchor + eventCount)
        guard lo <= hi else { return [] }
        var out: [EventInfo] = []
        for s in lo...hi {
            let step = timeline.trace.steps[s - 1]
            var info: StepOutcomeInfo
            if s > p && s > timeline.computed {
                info = StepOutcomeInfo()
            } else if let f = frames[s] ?? (s == p ? frame(s) : nil) {
                info = outcomeInfo(f.outcome)
            } else {
                info = outcomeInfo(StepOutcome(result: timeline.result(of: s)))
            }
            if let d = divergences[s], s <= p {
                info.warnings.insert("◆ \(resultText(d.1)) under \(whatIfText), \(resultText(d.0)) as booted", at: 0)
            }
            let mark = divergences[s] != nil ? "◆ " : ""
            out.append(EventInfo(step: s, text: mark + TraceWriter.line(step), outcome: info))
        }
        return out
    }

    /// Who owns each reserved range at `p`, as text.
    func owners(_ state: ReplayState, at p: Int) -> [OwnerSpan] {
        if let c = ownersCache, c.step == p { return c.spans }
        let timeline = controller.timeline
        let spans = state.owners.spans.map { s -> OwnerSpan in
            let step = timeline.trace.steps[Int(s.step)]
            if let kind = s.doubledArray {
                return OwnerSpan(base: s.base, size: s.end &- s.base, label: "memblock_double_array (\(kind.rawValue) array) #\(s.step + 1)",
                                 by: nil, step: Int(s.step) + 1)
            }
            let label = step.label.map { "\($0) #\(s.step + 1)" } ?? "\(step.operation.kernelName) #\(s.step + 1)"
            return OwnerSpan(base: s.base, size: s.end &- s.base, label: label, by: step.by, step: Int(s.step) + 1)
        }
        ownersCache = (p, spans)
        return spans
    }
}

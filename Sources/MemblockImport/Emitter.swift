import Memblock
import MemblockReplay
import MemblockTrace

/// A step on its way into the trace, with the comments printed before it.
struct PlannedStep {
    var step: TraceStep
    /// Comment lines (without `# `) printed before the step.
    var comments: [String]
    /// The input did not print this step.
    var inferred: Bool
    /// The step's `=> …` comes from the input.
    var recorded: Bool
}

/// Collects steps in order while replaying them on a live model, so that reconstruction can
/// ask "what would the kernel do now?" and check every recorded result as it goes.
struct Emitter {
    /// The live model: the state after the last emitted step.
    var state: Memblock
    var labels = LabelTable()
    var planned: [PlannedStep] = []
    /// `(name, first step index)` in order.
    var phases: [(String, Int)] = []
    var pendingComments: [String] = []
    var pendingSettings: [SettingChange] = []
    /// Steps replayed on the live model so far; past `modelLimit` the model stops (huge
    /// inputs stay linear) and results are no longer checked here.
    var modelLimit: Int
    var modelling: Bool { planned.count < modelLimit }
    /// Region entries the model has walked so far (about the work of each step); past
    /// `workBudget` the model stops, so an adversarial input cannot make the import quadratic.
    var work = 0
    let workBudget = 100_000_000
    /// Recorded results the live model did not reproduce: (step index, message).
    var liveMismatches: [(Int, String)] = []

    init(config: MemblockConfig, modelLimit: Int = 200_000) {
        self.state = Memblock(config: config)
        self.modelLimit = modelLimit
    }

    /// Starts a phase before the next step (a repeat of the current phase is ignored).
    mutating func phase(_ name: String) {
        if let last = phases.last, last.0 == name { return }
        if let last = phases.last, last.1 == planned.count { phases.removeLast() }
        if let last = phases.last, last.0 == name { return }
        phases.append((name, planned.count))
    }

    /// The name of the current phase.
    var currentPhase: String? { phases.last?.0 }

    /// A comment printed before the next step.
    mutating func comment(_ text: String) { pendingComments.append(text) }

    /// Emits a step, replays it, and returns what the model did (nil when no longer modelling).
    @discardableResult
    mutating func emit(_ op: Operation, by: String? = nil, result: ResultExpectation? = nil,
                       inferred: String? = nil, recorded: Bool = false) -> StepOutcome.Result? {
        var step = TraceStep(operation: op, by: by, result: result, settings: pendingSettings)
        pendingSettings = []
        var comments = pendingComments
        pendingComments = []
        if let why = inferred { comments.append("inferred: " + why) }
        var outcome: StepOutcome.Result?
        chargeWork()
        if modelling {
            let o = StepApplier.apply(step, to: &state, labels: &labels)
            outcome = o.result
            if let m = o.mismatches.first { liveMismatches.append((planned.count, m.message)) }
        }
        step.location = .unknown
        planned.append(PlannedStep(step: step, comments: comments, inferred: inferred != nil, recorded: recorded))
        return outcome
    }

    /// Counts the work of the next step and stops the model when the budget is spent.
    mutating func chargeWork() {
        guard modelling else { return }
        work += state.memory.cnt + state.reserved.cnt + 1
        if work > workBudget { modelLimit = planned.count }
    }

    /// Adds `@expect` checks after the last step.
    mutating func expect(_ pairs: [(ExpectKey, UInt64)]) {
        guard !planned.isEmpty else { return }
        for (k, v) in pairs { planned[planned.count - 1].step.expectations.append(StateExpectation(key: k, value: v)) }
    }

    /// A comment on the last step emitted (printed before it).
    mutating func annotateLast(_ text: String) {
        guard !planned.isEmpty else { return comment(text) }
        planned[planned.count - 1].comments.append(text)
    }

    /// What the model would return for `op` now, without emitting it (charged as work).
    mutating func probe(_ op: Operation, bottomUp: Bool? = nil) -> StepOutcome.Result {
        chargeWork()
        var copy = state
        if let b = bottomUp { copy.bottomUp = b }
        var labels = self.labels
        return StepApplier.apply(TraceStep(operation: op), to: &copy, labels: &labels).result
    }

    // MARK: Text

    /// The trace text: `header` lines (already with `# ` or `@`), then phases, comments, steps.
    func text(header: [String]) -> String {
        var out = header.map { $0.hasPrefix("#") ? TraceText.commentSafe($0) : $0 }.joined(separator: "\n")
        out += "\n"
        var phaseIndex = 0
        for (i, p) in planned.enumerated() {
            while phaseIndex < phases.count && phases[phaseIndex].1 <= i {
                out += "\n@phase \(TraceText.quoted(phases[phaseIndex].0))\n"
                phaseIndex += 1
            }
            for c in p.comments { out += "# \(TraceText.commentSafe(c))\n" }
            if !p.step.settings.isEmpty { out += TraceText.settingsLine(p.step.settings) + "\n" }
            out += TraceText.stepLine(p.step, config: state.config) + "\n"
            if !p.step.expectations.isEmpty { out += TraceText.expectLine(p.step.expectations) + "\n" }
        }
        for p in phases[phaseIndex...] { out += "@phase \(TraceText.quoted(p.0))\n" }
        for c in pendingComments { out += "# \(TraceText.commentSafe(c))\n" }
        return out
    }
}

/// Pieces of `.mbtrace` text the writer does not expose.
enum TraceText {
    /// One step: `TraceWriter.line`, except that a `memblock_set_node` to the stored "no node"
    /// says `MAX_NUMNODES`, so a `--config max_numnodes=` override keeps its meaning.
    static func stepLine(_ step: TraceStep, config: MemblockConfig) -> String {
        let op = step.operation
        if op.kind == .setNode, op.nid == config.maxNumnodes {
            var line = "memblock_set_node \(op.address(0)) \(op.address(1)) \(op.type.rawValue) MAX_NUMNODES"
            if let by = step.by { line += " by=" + bare(by) }
            return line
        }
        return TraceWriter.line(step)
    }

    static func settingsLine(_ settings: [SettingChange]) -> String {
        var s = "@config"
        for change in settings {
            switch change {
            case .lowLimit(let v): s += " low_limit=\(hex(v))"
            case .movableNode(let on): s += " movable_node=\(on ? 1 : 0)"
            case .mirroredKernelcore(let on): s += " mirrored_kernelcore=\(on ? 1 : 0)"
            }
        }
        return s
    }

    static func expectLine(_ expectations: [StateExpectation]) -> String {
        var s = "@expect"
        for e in expectations {
            switch e.key {
            case .memoryTotalSize, .reservedTotalSize, .currentLimit: s += " \(e.key.rawValue)=\(hex(e.value))"
            default: s += " \(e.key.rawValue)=\(e.value)"
            }
        }
        return s
    }

    /// A quoted string with `"` and `\` escaped and control characters as spaces.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: if c.value < 0x20 || c.value == 0x7f { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    /// A bare token if possible, else quoted.
    static func bare(_ s: String) -> String {
        let ok = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7f && $0 != "\"" && $0 != "#" }
        return ok ? s : quoted(s)
    }

    /// A comment's text with control characters (and invalid UTF-8 replacements) made plain.
    static func commentSafe(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            if c.value < 0x20 || c.value == 0x7f || c.value == 0xfffd { out += " " } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}

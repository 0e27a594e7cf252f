import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView

/// What a model shares by reference: the replay of the trace (a lazily computed, cached
/// function of the trace, so sharing it changes no result) and the scene cache. Nothing
/// here is state of the app: positions, breakpoints, the clock and the view settings all
/// live in `AppModel`.
public final class AppEnvironment {
    /// The replay.
    public let timeline: Timeline
    /// Builds scenes from the replay, caching recent frames.
    let builder: SceneBuilder
    /// A controller used only to evaluate the replay's breakpoint kinds at a step.
    let matcher: Controller

    /// The environment of a trace.
    public init(trace: Trace) {
        timeline = Timeline(trace: trace)
        let controller = Controller(timeline: timeline)
        builder = SceneBuilder(controller: controller, showsCaptions: true)
        matcher = Controller(timeline: timeline)
    }

    /// The trace.
    public var trace: Trace { timeline.trace }
}

/// How a full-screen session ended.
public enum SessionEnd: Hashable, Sendable {
    /// `q`.
    case quit
    /// Past the last step of a chained part (`space`, `→ l n`, `]` there).
    case next
    /// Back before the first step of a chained part (`← h p`, `[` at step 0).
    case previous
}

/// The line being typed at the bottom of the screen.
public struct Prompt: Hashable, Sendable {
    /// What the text is for.
    public enum Kind: Hashable, Sendable {
        /// `g`: a step number.
        case goTo
        /// `/`: an address, a label, a caller or a step.
        case search
        /// `a` in the breakpoints pane: a breakpoint.
        case breakpoint
    }

    /// What the text is for.
    public var kind: Kind
    /// The text so far.
    public var text: String

    /// The label drawn before the text.
    public var label: String {
        switch kind {
        case .goTo: return "go to step: "
        case .search: return "search: "
        case .breakpoint: return "break on (0x1000-0x1fff, $label, by=caller, memblock_alloc, failure, mismatch, phase N): "
        }
    }
}

/// The results of the last search: the steps that match, in order, and which is shown.
public struct SearchState: Hashable, Sendable {
    /// The query as typed.
    public var query: String
    /// Matching steps (1-based), ascending.
    public var steps: [Int]
    /// The match shown (an index into `steps`).
    public var index: Int
}

/// A what-if comparison: the change and the steps whose results differ.
public struct WhatIfState: Hashable, Sendable {
    /// The settings changed, as `key=value` text.
    public var change: String
    /// Diverging steps (1-based), ascending.
    public var steps: [Int]
}

/// The app's whole state, a value (bubbletea's `Model`): `update` returns a new one for
/// each message, and the screen is `view(model)`.
public struct AppModel {
    /// The replay and caches, shared by every copy.
    public let env: AppEnvironment
    /// The current step: 0 before the first, else the step just applied.
    public var position: Int
    /// The playback clock.
    public var clock: PlaybackClock
    /// Lecture mode: stop at each `@pause` and phase start, captions large.
    public var lecture: Bool
    /// Captions shown (`@note` lines).
    public var captions: Bool
    /// The step whose `@pause` already stopped play: resuming goes past it.
    public var acknowledgedPause: Int?
    /// Breakpoints, in the order they were set.
    public var breakpoints: [BreakpointEntry] = []
    /// Why playback stopped at the current step; cleared when the user moves.
    public var stopReason: String?
    /// View settings.
    public var ui = UIState()
    /// The line being typed, if any.
    public var prompt: Prompt?
    /// The last search's matches (`n`/`N` move through them while it is active).
    public var search: SearchState?
    /// The what-if comparison, when one runs.
    public var whatIf: WhatIfState?
    /// The terminal's size.
    public var columns: Int, rows: Int
    /// The themes `t` cycles through, and the one shown.
    public var themeNames: [String]
    /// False once the user asked to quit (or a chained part ended).
    public var running = true
    /// Part of a chained lecture: moving on past the last step, or back before the first,
    /// ends the session (`ended`) instead of doing nothing.
    public var chained = false
    /// How the session ended, once `running` is false.
    public var ended: SessionEnd?
    /// How long the buddy hand-off's animation takes, in seconds.
    public static let handOffSeconds = 4.0

    /// A model at `start` (clamped), paused, on a `columns × rows` screen.
    public init(env: AppEnvironment, columns: Int = 120, rows: Int = 40, start: Int = 0, speed: Double = 8,
                lecture: Bool = false, captions: Bool = false, themeNames: [String] = ["default"], theme: String = "default") {
        self.env = env
        self.columns = columns
        self.rows = rows
        position = Swift.max(0, Swift.min(start, env.trace.steps.count))
        clock = PlaybackClock(speed: speed)
        self.lecture = lecture
        self.captions = captions || lecture
        self.themeNames = themeNames
        ui.themeName = theme
    }

    /// Steps in the trace.
    public var stepCount: Int { env.trace.steps.count }
    /// The allocator state at the current step.
    public var state: Memblock { env.timeline.state(after: position) }
    /// True while something animates without playback (the buddy hand-off): the event
    /// loop keeps sending ticks.
    public var isAnimating: Bool { ui.buddyProgress != nil }
    /// True while a search's matches answer `n`/`N`.
    public var searchActive: Bool { search.map { !$0.steps.isEmpty } ?? false }

    /// Runs a what-if comparison (`play --what-if`): its diverging steps are marked and
    /// `>`/`<` jump through them.
    public mutating func compare(_ changes: [WhatIfChange]) {
        guard !changes.isEmpty else { return }
        let d = WhatIf.compare(env.trace, changes: changes)
        let text = changes.map(\.description).joined(separator: " ")
        env.builder.whatIfText = text
        env.builder.divergences = [:]
        for (step, original, variant) in d.pairs { env.builder.divergences[step] = (original, variant) }
        whatIf = WhatIfState(change: text, steps: d.steps)
        ui.message = d.first.map { "what-if \(text): \(d.count) step\(d.count == 1 ? "" : "s") diverge (◆), first at step \($0): > next, < previous" }
            ?? "what-if \(text): no step diverges"
    }
}

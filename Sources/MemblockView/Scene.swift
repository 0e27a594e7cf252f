import Memblock

/// Everything one frame shows: the allocator state after the current step and what the
/// stepping controller knows about that step. A plain value; the view never mutates it.
///
/// The controller fills it (state, step, outcome, changes, owners, searches) and the app
/// fills `playback` and `ui`. Every field but `state` has an empty default, so a test or a
/// headless renderer can draw a bare state with `Scene(state: mb)`.
public struct Scene: Sendable {
    /// The allocator state after the current step.
    public var state: Memblock
    /// The current step: 0 before the first step, else `1...stepCount`.
    public var step: Int
    /// The number of steps in the timeline.
    public var stepCount: Int
    /// The architecture the trace names (`x86_64`, `arm64`), if any.
    public var arch: String?
    /// Display names of NUMA nodes (`0: "socket 0"`); nodes without one show as `node N`.
    public var nodeNames: [Int32: String]
    /// The phase the current step belongs to.
    public var phase: PhaseInfo?
    /// The current step's `@note`: a lecture caption.
    public var caption: String?
    /// The current step as written in the trace, e.g. `memblock_alloc 4K 4K label=pgd`.
    public var operationText: String?
    /// What the current step did.
    public var outcome: StepOutcomeInfo?
    /// Recent steps, oldest first (the current step last, when it is included).
    public var events: [EventInfo]
    /// Per region array, the regions the current step inserted, resized or removed.
    public var changes: [MemblockTypeKind: RegionChangeInfo]
    /// Who owns reserved byte ranges, sorted by base.
    public var owners: [OwnerSpan]
    /// The current step's free-range searches, in the order they ran (the explain panel).
    public var searches: [SearchRecord]
    /// Expectation mismatches at this step, one message each.
    public var expectationFailures: [String]
    /// Playback settings and state.
    public var playback: PlaybackInfo
    /// View settings (focus, scroll, zoom, overlays).
    public var ui: UIState
    /// The what-if comparison on screen, when one runs (`play --what-if`).
    public var whatIf: WhatIfInfo?
    /// Every breakpoint, in the order they were set, for the breakpoints pane.
    public var breakpointList: [BreakpointInfo] = []
    /// Why playback stopped at the current step (a breakpoint, a phase, an `@pause`, the
    /// end); nil once the user moved.
    public var stopReason: String?
    /// The kernel version the trace is modelled on (`6.1`).
    public var kernelVersion: String = "6.1"

    /// A scene for `state`; everything else empty unless given.
    public init(state: Memblock, step: Int = 0, stepCount: Int = 0, arch: String? = nil,
                nodeNames: [Int32: String] = [:], phase: PhaseInfo? = nil, caption: String? = nil,
                operationText: String? = nil, outcome: StepOutcomeInfo? = nil, events: [EventInfo] = [],
                changes: [MemblockTypeKind: RegionChangeInfo] = [:], owners: [OwnerSpan] = [],
                searches: [SearchRecord] = [], expectationFailures: [String] = [],
                playback: PlaybackInfo = PlaybackInfo(), ui: UIState = UIState()) {
        self.state = state
        self.step = step
        self.stepCount = stepCount
        self.arch = arch
        self.nodeNames = nodeNames
        self.phase = phase
        self.caption = caption
        self.operationText = operationText
        self.outcome = outcome
        self.events = events
        self.changes = changes
        self.owners = owners
        self.searches = searches
        self.expectationFailures = expectationFailures
        self.playback = playback
        self.ui = ui
    }
}

/// A named stretch of the timeline (`@phase` in a trace).
public struct PhaseInfo: Hashable, Sendable {
    /// The phase's name, e.g. `e820`.
    public var name: String
    /// Its position, 0-based.
    public var index: Int
    /// How many phases the timeline has.
    public var count: Int
    /// The first and last step of the phase (1-based, inclusive).
    public var firstStep: Int, lastStep: Int

    /// A phase.
    public init(name: String, index: Int, count: Int, firstStep: Int, lastStep: Int) {
        self.name = name
        self.index = index
        self.count = count
        self.firstStep = firstStep
        self.lastStep = lastStep
    }
}

/// What one step did: its result and what the kernel printed while doing it.
public struct StepOutcomeInfo: Hashable, Sendable {
    /// The result of a step.
    public enum Result: Hashable, Sendable {
        /// Done, nothing to report (an add, a reserve, a flag change).
        case ok
        /// An allocation that returned this address.
        case address(PhysAddr)
        /// A failed step, with the reason (`NULL`, `-ENOMEM`, …).
        case failed(String)
    }

    /// The result.
    public var result: Result
    /// Warnings the step raised (the model's or the controller's), one line each.
    public var warnings: [String]
    /// The kernel's messages for the step (`memblock=debug` lines, warnings, errors).
    public var messages: [MemblockMessage]

    /// An outcome.
    public init(_ result: Result = .ok, warnings: [String] = [], messages: [MemblockMessage] = []) {
        self.result = result
        self.warnings = warnings
        self.messages = messages
    }

    /// True for a failed step.
    public var failed: Bool { if case .failed = result { return true } else { return false } }

    /// One short phrase: `ok`, the address (`0x7fff_f000`), or `failed: REASON`.
    public var summary: String {
        switch result {
        case .ok: return "ok"
        case .address(let a): return ViewFormat.hex(a)
        case .failed(let why): return why.isEmpty ? "failed" : "failed: " + why
        }
    }
}

/// One line of the event log: a past (or the current) step.
public struct EventInfo: Hashable, Sendable {
    /// The step's number (1-based).
    public var step: Int
    /// The step as written in the trace.
    public var text: String
    /// What it did.
    public var outcome: StepOutcomeInfo

    /// An event.
    public init(step: Int, text: String, outcome: StepOutcomeInfo = StepOutcomeInfo()) {
        self.step = step
        self.text = text
        self.outcome = outcome
    }

    /// True when the step failed.
    public var failed: Bool { outcome.failed }
    /// The kernel's `memblock=debug` lines for the step.
    public var debugLines: [String] { outcome.messages.filter { $0.level == .debug }.map(\.text) }
}

/// How the current step changed one region array.
public struct RegionChangeInfo: Hashable, Sendable {
    /// Indices, in the current state, of regions inserted or resized by the step (sorted).
    public var changed: [Int]
    /// Regions present before the step and gone after it (shown fading).
    public var removed: [MemblockRegion]

    /// A change record; `changed` is sorted here.
    public init(changed: [Int] = [], removed: [MemblockRegion] = []) {
        self.changed = changed.sorted()
        self.removed = removed
    }

    /// True when the region at `index` was inserted or resized (binary search).
    public func isChanged(_ index: Int) -> Bool {
        var lo = 0, hi = changed.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if changed[mid] < index { lo = mid + 1 } else { hi = mid }
        }
        return lo < changed.count && changed[lo] == index
    }

    /// True when nothing changed.
    public var isEmpty: Bool { changed.isEmpty && removed.isEmpty }
}

/// Who reserved a byte range: an allocation's label and caller.
public struct OwnerSpan: Hashable, Sendable {
    /// First byte.
    public var base: PhysAddr
    /// Length in bytes.
    public var size: PhysAddr
    /// What it is (`pgd`, `initrd`, `memblock.reserved array`).
    public var label: String
    /// Who asked for it (`setup_arch`), if known.
    public var by: String?
    /// The step (1-based) that reserved it, when known: Enter on the owner goes there.
    public var step: Int?

    /// An owner span.
    public init(base: PhysAddr, size: PhysAddr, label: String, by: String? = nil, step: Int? = nil) {
        self.base = base
        self.size = size
        self.label = label
        self.by = by
        self.step = step
    }

    /// One past the last byte (saturating at the top of the address space).
    public var end: PhysAddr { base.addingReportingOverflow(size).overflow ? .max : base + size }
    /// `label (by)`, or the label alone.
    public var text: String { by.map { "\(label) (\($0))" } ?? label }
}

/// Playback: whether the timeline runs, how fast, and what stopped it.
public struct PlaybackInfo: Hashable, Sendable {
    /// True while stepping automatically.
    public var isPlaying: Bool
    /// Steps per second while playing.
    public var speed: Double
    /// Lecture mode: captions shown large, stops at each `@pause` and phase.
    public var lecture: Bool
    /// Set when a breakpoint stopped playback: what it matched.
    public var breakpointHit: String?
    /// The operation kinds with a breakpoint (`b` toggles the current one).
    public var breakpoints: [String]

    /// Playback settings.
    public init(isPlaying: Bool = false, speed: Double = 10, lecture: Bool = false,
                breakpointHit: String? = nil, breakpoints: [String] = []) {
        self.isPlaying = isPlaying
        self.speed = speed
        self.lecture = lecture
        self.breakpointHit = breakpointHit
        self.breakpoints = breakpoints
    }
}

/// A what-if comparison as the screen shows it.
public struct WhatIfInfo: Hashable, Sendable {
    /// The setting changed, as `key=value` (`bottom_up=1`).
    public var change: String
    /// How many steps' results diverge.
    public var divergingSteps: Int
    /// At the current step, when it diverges: the result under the change and as booted.
    public var here: (variant: String, original: String)?

    /// A comparison.
    public init(change: String, divergingSteps: Int, here: (variant: String, original: String)? = nil) {
        self.change = change
        self.divergingSteps = divergingSteps
        self.here = here
    }

    public static func == (a: WhatIfInfo, b: WhatIfInfo) -> Bool {
        a.change == b.change && a.divergingSteps == b.divergingSteps && a.here?.variant == b.here?.variant
            && a.here?.original == b.here?.original
    }

    public func hash(into h: inout Hasher) {
        h.combine(change)
        h.combine(divergingSteps)
        h.combine(here?.variant)
        h.combine(here?.original)
    }
}

/// One breakpoint in the breakpoints pane.
public struct BreakpointInfo: Hashable, Sendable {
    /// What it stops on (`on memblock_alloc`, `on [0x1000-0x1fff]`).
    public var text: String
    /// False when disabled (kept in the list, never stops playback).
    public var enabled: Bool

    /// A breakpoint line.
    public init(text: String, enabled: Bool) {
        self.text = text
        self.enabled = enabled
    }
}

import Memblock
import MemblockTrace

/// A setting changed for a what-if replay.
public enum WhatIfChange: Hashable, Sendable, CustomStringConvertible {
    /// Allocate bottom-up (or top-down) throughout: `memblock_set_bottom_up` steps are ignored.
    case bottomUp(Bool)
    /// Start with this `current_limit` and ignore `memblock_set_current_limit` steps.
    case currentLimit(PhysAddr)
    /// The `movable_node` boot option.
    case movableNode(Bool)
    /// `mem=LIMIT`: `memblock_enforce_memory_limit(LIMIT)` before the first allocation.
    case memLimit(PhysAddr)
    /// Replay under another kernel's memblock (`kernel=6.1` or `kernel=6.12`).
    case kernel(KernelVersion)

    /// The keys, for messages.
    static let keys = "bottom_up, current_limit, movable_node, mem, kernel"

    /// Parses `KEY=VALUE` (`bottom_up=1`, `current_limit=0x100000`, `movable_node=1`, `mem=2G`,
    /// `kernel=6.12`).
    public init(parsing text: String) throws(TraceError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let loc = SourceLocation(file: "--what-if", line: 1, column: 1)
        guard parts.count == 2 else {
            throw TraceError(location: loc, message: "expected KEY=VALUE (\(Self.keys)), got '\(text)'")
        }
        func number(_ s: String) throws(TraceError) -> UInt64 {
            guard let v = WhatIfChange.number(s) else {
                throw TraceError(location: loc, message: "'\(s)' is not a number (hex, decimal, or with a K/M/G/T suffix)")
            }
            return v
        }
        func flag(_ s: String) throws(TraceError) -> Bool {
            switch s {
            case "1", "true": return true
            case "0", "false": return false
            default: throw TraceError(location: loc, message: "'\(s)' is not 0/1/true/false")
            }
        }
        switch parts[0] {
        case "bottom_up": self = .bottomUp(try flag(parts[1]))
        case "current_limit": self = .currentLimit(try number(parts[1]))
        case "movable_node": self = .movableNode(try flag(parts[1]))
        case "mem": self = .memLimit(try number(parts[1]))
        case "kernel":
            guard let v = KernelVersion(rawValue: parts[1]) else {
                throw TraceError(location: loc, message: "unsupported kernel '\(parts[1])': the model knows Linux \(KernelVersion.supportedList)")
            }
            self = .kernel(v)
        default:
            throw TraceError(location: loc, message: "unknown what-if setting '\(parts[0])' (expected \(Self.keys))")
        }
    }

    /// A number as traces write it (hex, decimal, `_` separators, a K/M/G/T/P suffix, the
    /// address constants), read by the trace parser itself so there is one grammar.
    public static func number(_ s: String) -> UInt64? {
        if s.isEmpty || s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "#" || $0 == " " || $0 == "\t" }) { return nil }
        guard let trace = try? TraceParser.parse("memblock_set_current_limit \(s)\n", file: "-") else { return nil }
        return trace.steps.first?.operation[.limit]?.literalValue
    }

    public var description: String {
        switch self {
        case .bottomUp(let b): return "bottom_up=\(b ? 1 : 0)"
        case .currentLimit(let l): return "current_limit=0x\(String(l, radix: 16))"
        case .movableNode(let b): return "movable_node=\(b ? 1 : 0)"
        case .memLimit(let l): return "mem=0x\(String(l, radix: 16))"
        case .kernel(let k): return "kernel=\(k)"
        }
    }
}

/// Where a what-if replay's results or states part from the original's.
public struct Divergence: Hashable, Sendable {
    /// Steps (1-based) whose results differ, in order.
    public var steps: [Int]
    /// The original and the what-if result of each diverging step.
    public var pairs: [(Int, StepOutcome.Result, StepOutcome.Result)] { zip(steps, zip(original, variant)).map { ($0, $1.0, $1.1) } }
    var original: [StepOutcome.Result]
    var variant: [StepOutcome.Result]
    /// The first step (1-based) after which the states differ (regions, sizes, capacities,
    /// direction or limit; the 6.1 dummy of an empty type does not count), if any.
    public var firstStateDivergence: Int?
    /// How many steps leave the two states different.
    public var stateDivergentSteps: Int = 0
    /// The first diverging step.
    public var first: Int? { steps.first }
    /// How many steps diverge.
    public var count: Int { steps.count }

    public static func == (a: Divergence, b: Divergence) -> Bool {
        a.steps == b.steps && a.original == b.original && a.variant == b.variant
            && a.firstStateDivergence == b.firstStateDivergence && a.stateDivergentSteps == b.stateDivergentSteps
    }
    public func hash(into h: inout Hasher) { h.combine(steps) }
}

/// What-if replays.
public enum WhatIf {
    /// Replays `trace` as written and with `changes` in lockstep, and lists the steps whose
    /// results differ and where the states part.
    public static func compare(_ trace: Trace, changes: [WhatIfChange]) -> Divergence {
        var original = Replay(trace, changes: [])
        var variant = Replay(trace, changes: changes)
        var d = Divergence(steps: [], original: [], variant: [])
        for (i, step) in trace.steps.enumerated() {
            let a = original.apply(step), b = variant.apply(step)
            if a != b {
                d.steps.append(i + 1)
                d.original.append(a)
                d.variant.append(b)
            }
            if !sameState(original.state, variant.state) {
                if d.firstStateDivergence == nil { d.firstStateDivergence = i + 1 }
                d.stateDivergentSteps += 1
            }
        }
        return d
    }

    /// The result of every step of a replay with `changes` applied.
    public static func results(_ trace: Trace, changes: [WhatIfChange]) -> [StepOutcome.Result] {
        var replay = Replay(trace, changes: changes)
        return trace.steps.map { replay.apply($0) }
    }

    /// The kernel a replay with `changes` runs: the last `kernel=` change, else the trace's.
    public static func kernel(of trace: Trace, changes: [WhatIfChange]) -> KernelVersion {
        var k = trace.kernel
        for case .kernel(let v) in changes { k = v }
        return k
    }

    /// Whether two states hold the same regions, totals and capacities, direction and limit
    /// (states of different kernels compare by what they hold, not how empty is spelled).
    static func sameState(_ a: Memblock, _ b: Memblock) -> Bool {
        func same(_ x: MemblockType, _ y: MemblockType) -> Bool {
            x.max == y.max && x.totalSize == y.totalSize
                && (x.isEmpty && y.isEmpty || x.regions == y.regions)
        }
        return same(a.memory, b.memory) && same(a.reserved, b.reserved) && same(a.physmem, b.physmem)
            && a.bottomUp == b.bottomUp && a.currentLimit == b.currentLimit && (a.panic == nil) == (b.panic == nil)
    }

    /// One replay with its what-if settings.
    struct Replay {
        var state: Memblock
        var labels = LabelTable()
        var forcedBottomUp: Bool?
        var forcedLimit: PhysAddr?
        var memLimit: PhysAddr?
        var forcesMovableNode = false

        init(_ trace: Trace, changes: [WhatIfChange]) {
            var config = trace.config
            config.kernel = WhatIf.kernel(of: trace, changes: changes)
            state = Memblock(config: config)
            for c in changes {
                switch c {
                case .bottomUp(let b): forcedBottomUp = b; state.bottomUp = b
                case .currentLimit(let l): forcedLimit = l; state.currentLimit = l
                case .movableNode(let b): state.config.movableNode = b; forcesMovableNode = true
                case .memLimit(let l): memLimit = l
                case .kernel: break
                }
            }
        }

        /// Applies one step with the what-if settings; returns its result.
        mutating func apply(_ step: TraceStep) -> StepOutcome.Result {
            var step = step
            if let limit = memLimit, step.operation.isAllocation {
                state.enforceMemoryLimit(limit)
                memLimit = nil
            }
            if step.operation.kind == .setBottomUp, let forcedBottomUp { step.operation = .setBottomUp(forcedBottomUp) }
            if step.operation.kind == .setCurrentLimit, let forcedLimit { step.operation = .setCurrentLimit(.literal(forcedLimit)) }
            if forcesMovableNode {
                step.settings.removeAll { if case .movableNode = $0 { return true } else { return false } }
            }
            return StepApplier.apply(step, to: &state, labels: &labels).result
        }
    }
}

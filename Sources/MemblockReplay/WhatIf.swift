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

    /// Parses `KEY=VALUE` (`bottom_up=1`, `current_limit=0x100000`, `movable_node=1`, `mem=2G`).
    public init(parsing text: String) throws(TraceError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let loc = SourceLocation(file: "--what-if", line: 1, column: 1)
        guard parts.count == 2 else {
            throw TraceError(location: loc, message: "expected KEY=VALUE (bottom_up, current_limit, movable_node, mem), got '\(text)'")
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
        default:
            throw TraceError(location: loc, message: "unknown what-if setting '\(parts[0])' (expected bottom_up, current_limit, movable_node or mem)")
        }
    }

    /// A number as traces write it (hex, decimal, `_` separators, a K/M/G/T/P suffix, the
    /// address constants), read by the trace parser itself so there is one grammar.
    public static func number(_ s: String) -> UInt64? {
        if s.isEmpty || s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "#" || $0 == " " || $0 == "\t" }) { return nil }
        guard let trace = try? TraceParser.parse("memblock_set_current_limit \(s)\n", file: "-"),
              case .setCurrentLimit(.literal(let v))? = trace.steps.first?.operation else { return nil }
        return v
    }

    public var description: String {
        switch self {
        case .bottomUp(let b): return "bottom_up=\(b ? 1 : 0)"
        case .currentLimit(let l): return "current_limit=0x\(String(l, radix: 16))"
        case .movableNode(let b): return "movable_node=\(b ? 1 : 0)"
        case .memLimit(let l): return "mem=0x\(String(l, radix: 16))"
        }
    }
}

/// Where a what-if replay's results part from the original's.
public struct Divergence: Hashable, Sendable {
    /// Steps (1-based) whose results differ, in order.
    public var steps: [Int]
    /// The original and the what-if result of each diverging step.
    public var pairs: [(Int, StepOutcome.Result, StepOutcome.Result)] { zip(steps, zip(original, variant)).map { ($0, $1.0, $1.1) } }
    var original: [StepOutcome.Result]
    var variant: [StepOutcome.Result]
    /// The first diverging step.
    public var first: Int? { steps.first }
    /// How many steps diverge.
    public var count: Int { steps.count }

    public static func == (a: Divergence, b: Divergence) -> Bool { a.steps == b.steps && a.original == b.original && a.variant == b.variant }
    public func hash(into h: inout Hasher) { h.combine(steps) }
}

/// What-if replays.
public enum WhatIf {
    /// Replays `trace` as written and with `changes`, and lists the steps whose results differ.
    public static func compare(_ trace: Trace, changes: [WhatIfChange]) -> Divergence {
        let original = results(trace, changes: [])
        let variant = results(trace, changes: changes)
        var d = Divergence(steps: [], original: [], variant: [])
        for i in original.indices where original[i] != variant[i] {
            d.steps.append(i + 1)
            d.original.append(original[i])
            d.variant.append(variant[i])
        }
        return d
    }

    /// The result of every step of a replay with `changes` applied.
    public static func results(_ trace: Trace, changes: [WhatIfChange]) -> [StepOutcome.Result] {
        var state = Memblock(config: trace.config)
        var forcedBottomUp: Bool?
        var forcedLimit: PhysAddr?
        var memLimit: PhysAddr?
        for c in changes {
            switch c {
            case .bottomUp(let b): forcedBottomUp = b; state.bottomUp = b
            case .currentLimit(let l): forcedLimit = l; state.currentLimit = l
            case .movableNode(let b): state.config.movableNode = b
            case .memLimit(let l): memLimit = l
            }
        }
        var labels = LabelTable()
        var out: [StepOutcome.Result] = []
        out.reserveCapacity(trace.steps.count)
        for step in trace.steps {
            var step = step
            if let limit = memLimit, step.operation.isAllocation {
                state.enforceMemoryLimit(limit)
                memLimit = nil
            }
            switch step.operation {
            case .setBottomUp where forcedBottomUp != nil: step.operation = .setBottomUp(forcedBottomUp!)
            case .setCurrentLimit where forcedLimit != nil: step.operation = .setCurrentLimit(.literal(forcedLimit!))
            default: break
            }
            for s in step.settings {
                if case .movableNode = s, changes.contains(where: { if case .movableNode = $0 { return true } else { return false } }) {
                    step.settings.removeAll { if case .movableNode = $0 { return true } else { return false } }
                }
            }
            out.append(StepApplier.apply(step, to: &state, labels: &labels).result)
        }
        return out
    }
}

import Memblock
import MemblockReplay
import MemblockTrace

/// A breakpoint the user set: the replay's own kinds, plus a caller prefix.
public enum AppBreakpoint: Hashable, Sendable, CustomStringConvertible {
    /// One of the controller's breakpoints (operation kind, address range, label, failure,
    /// expectation mismatch, phase start).
    case replay(Breakpoint)
    /// A step whose caller (`by=`) starts with this text.
    case caller(String)

    public var description: String {
        switch self {
        case .replay(let b): return b.description
        case .caller(let c): return "on by=\(c)…"
        }
    }

    /// Reads a breakpoint as typed at the `B`-pane's prompt: `0x1000-0x2000` or `0x1000
    /// 4K` (an address range: first-last, or base and size), `$name`/`label=name`,
    /// `by=caller`, an operation name (`memblock_alloc`), `failure`, `mismatch`, `phase`
    /// or `phase N`. Nil when the text is none of these.
    public init?(parsing text: String) {
        let t = text.split(separator: " ").map(String.init)
        guard let first = t.first else { return nil }
        if t.count == 1, let r = first.split(separator: "-", maxSplits: 1).map(String.init) as [String]?, r.count == 2,
           let lo = WhatIfChange.number(r[0]), let last = WhatIfChange.number(r[1]), last >= lo {
            self = .replay(.addressRange(lo, last == .max ? .max : last + 1))
            return
        }
        if t.count == 2, let lo = WhatIfChange.number(t[0]), let size = WhatIfChange.number(t[1]), size > 0 {
            self = .replay(.addressRange(lo, lo.addingReportingOverflow(size).overflow ? .max : lo + size))
            return
        }
        if t.count == 1, let a = WhatIfChange.number(first) {
            self = .replay(.addressRange(a, a == .max ? .max : a + 1))
            return
        }
        switch first {
        case "failure", "fail": self = .replay(.failure)
        case "mismatch", "expect": self = .replay(.expectationMismatch)
        case "phase":
            if t.count == 2 {
                guard let n = Int(t[1]), n >= 1 else { return nil }
                self = .replay(.phaseStart(n - 1))
            } else {
                self = .replay(.phaseStart(nil))
            }
        default:
            if first.hasPrefix("by=") && first.count > 3 { self = .caller(String(first.dropFirst(3))); return }
            if first.hasPrefix("label=") && first.count > 6 { self = .replay(.label(String(first.dropFirst(6)))); return }
            if first.hasPrefix("$") && first.count > 1 { self = .replay(.label(String(first.dropFirst()))); return }
            guard t.count == 1, let kind = OperationKind(rawValue: first) else { return nil }
            self = .replay(.operation(kind))
        }
    }
}

/// A breakpoint in the list, and whether it is on.
public struct BreakpointEntry: Hashable, Sendable {
    /// What it stops on.
    public var breakpoint: AppBreakpoint
    /// Off breakpoints stay listed but never stop playback.
    public var enabled: Bool

    /// An entry, on by default.
    public init(_ breakpoint: AppBreakpoint, enabled: Bool = true) {
        self.breakpoint = breakpoint
        self.enabled = enabled
    }
}

extension AppEnvironment {
    /// The first enabled breakpoint step `step` (1-based) matches.
    func matching(_ entries: [BreakpointEntry], at step: Int) -> AppBreakpoint? {
        let traceStep = timeline.trace.steps[step - 1]
        for e in entries where e.enabled {
            switch e.breakpoint {
            case .caller(let prefix):
                if let by = traceStep.by, by.hasPrefix(prefix) { return e.breakpoint }
            case .replay(let bp):
                matcher.breakpoints = [bp]
                if matcher.matchingBreakpoint(at: step) != nil { return e.breakpoint }
            }
        }
        return nil
    }
}

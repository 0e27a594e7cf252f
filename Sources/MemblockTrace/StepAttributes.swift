import Memblock

/// The flag names of 6.1, as a trace spells them.
let flagNames: [(StaticString, MemblockFlags)] = [
    ("NONE", .none), ("HOTPLUG", .hotplug), ("MIRROR", .mirror), ("NOMAP", .nomap), ("DRIVER_MANAGED", .driverManaged),
]

/// What follows a step's arguments.
struct StepAttributes {
    var by: String?
    var label: String?
    /// The `label=NAME` token.
    var labelToken: Token?
    var result: ResultExpectation?
}

extension ParserCore {
    /// Reads the `by=`/`label=` attributes and the `=> ADDRESS|fail` expectation that follow a
    /// step's arguments. The label is defined by the caller once the whole line is read.
    mutating func parseAttributes(_ kind: OperationKind, from first: Int, into step: inout StepAttributes,
                                  ok: inout Bool) {
        var i = first
        while i < tokens.count {
            let t = tokens[i]
            if isArrow(t) {
                if !parseResult(kind, at: i, into: &step) { ok = false }
                return
            }
            if !t.isAttribute {
                error(t, "unexpected argument \(display(t)) after the attributes: arguments come first")
                ok = false
            } else if equals(t.start, t.eq, "by") {
                if !parseBy(t, into: &step) { ok = false }
            } else if equals(t.start, t.eq, "label") {
                if step.label != nil {
                    error(t, "duplicate attribute label=")
                    ok = false
                } else if t.valueQuoted {
                    error(at: t.eq + 1, "label= takes a bare name, not a quoted string")
                    ok = false
                } else if checkLabelName(t.eq + 1, t.end, token: t) {
                    let slot = names.intern(b, t.eq + 1, t.end)
                    step.label = names.string(slot)
                    step.labelToken = t
                } else {
                    ok = false
                }
            } else {
                error(t, "unknown attribute \(display(t.start, t.eq + 1)): expected by= or label=")
                ok = false
            }
            i += 1
        }
    }

    /// Reads `by=NAME` or `by="NAME"`.
    private mutating func parseBy(_ t: Token, into step: inout StepAttributes) -> Bool {
        if step.by != nil {
            error(t, "duplicate attribute by=")
            return false
        }
        if t.valueQuoted {
            step.by = unquote(t.eq + 1, t.end, escaped: t.escaped)
        } else if t.eq + 1 == t.end {
            error(t, "by= needs a name (the caller, e.g. by=setup_arch+0x2b3/0xc80)")
            return false
        } else {
            let slot = names.intern(b, t.eq + 1, t.end)
            step.by = names.string(slot)
        }
        return true
    }

    /// Reads `=> ADDRESS` or `=> fail`, which must end the line; `at` is the index of `=>`.
    private mutating func parseResult(_ kind: OperationKind, at index: Int, into step: inout StepAttributes) -> Bool {
        let arrow = tokens[index]
        guard index + 1 < tokens.count else {
            error(arrow, kind.isAllocation ? "=> needs an address, fail or panic" : "=> needs panic")
            return false
        }
        var ok = true
        let v = tokens[index + 1]
        if equals(v, "panic") {
            step.result = .panic
        } else if !kind.isAllocation {
            error(arrow, "\(kind.rawValue) returns no address: only => panic is allowed on it (=> ADDRESS|fail is for allocation steps)")
            return false
        } else if equals(v, "fail") {
            step.result = .fail
        } else if let a = address(v, what: "expected result") {
            step.result = .address(a)
        } else {
            ok = false
        }
        if index + 2 < tokens.count {
            let extra = tokens[index + 2]
            error(extra, "unexpected \(display(extra)) after the expected result: => ADDRESS|fail|panic must come last")
            ok = false
        }
        return ok
    }

    /// Reads flags: names joined by `|` (`HOTPLUG|MIRROR`), or numbers; no bit above 0x8.
    mutating func flags(_ t: Token) -> MemblockFlags? {
        if t.quoted {
            error(t, "memblock_add_node flags: expected NONE, HOTPLUG, MIRROR, NOMAP, DRIVER_MANAGED or a number, got a quoted string")
            return nil
        }
        var result = MemblockFlags.none
        var start = t.start
        while true {
            var end = start
            while end < t.end && b[end] != 0x7c { end += 1 }
            guard let f = flag(start, end, token: t) else { return nil }
            result.formUnion(f)
            if end == t.end { return result }
            start = end + 1
        }
    }

    /// Why RSRV_NOINIT cannot be a memory flag: 6.1 has no such flag; in 6.12 it is for
    /// reserved regions only, set by `memblock_reserved_mark_noinit`.
    private func rsrvNoinitMessage(_ spelling: String) -> String {
        let flag = spelling == "RSRV_NOINIT" ? spelling : "\(spelling) (RSRV_NOINIT)"
        if settings.kernel == .v6_1 {
            return "flag \(flag) is not in Linux 6.1: it needs @kernel 6.12, and is set on reserved regions by memblock_reserved_mark_noinit"
        }
        return "flag \(flag) is for reserved regions only: set it with memblock_reserved_mark_noinit"
    }

    /// One `|`-separated part of a flags token.
    private mutating func flag(_ start: Int, _ end: Int, token t: Token) -> MemblockFlags? {
        if start == end {
            error(at: start, "empty flag name in \(display(t))")
            return nil
        }
        if b[start] >= 0x30 && b[start] <= 0x39 {
            switch parseNumber(start, end) {
            case .value(let v) where v & ~UInt64(MemblockFlags.all.rawValue) == 0:
                return MemblockFlags(rawValue: UInt32(v))
            case .value(let v) where v & ~UInt64(MemblockFlags.all.rawValue) == UInt64(MemblockFlags.rsrvNoinit.rawValue):
                error(at: start, rsrvNoinitMessage("0x10"))
            case .value:
                error(at: start, "flags \(display(start, end)) have a bit above DRIVER_MANAGED (0x8)")
            case .overflow:
                error(at: start, "number \(display(start, end)) does not fit in 64 bits")
            case .invalid:
                error(at: start, "memblock_add_node flags: expected a flag name or a number, got \(display(start, end))")
            }
            return nil
        }
        for (name, value) in flagNames where equals(start, end, name) { return value }
        let name = display(start, end)
        if name == "RSRV_NOINIT" || name == "MEMBLOCK_RSRV_NOINIT" {
            error(at: start, rsrvNoinitMessage(name))
            return nil
        }
        let hint = Suggest.hint(for: name, in: ["NONE", "HOTPLUG", "MIRROR", "NOMAP", "DRIVER_MANAGED"])
        error(at: start, "unknown flag \(name)\(hint.isEmpty ? ": expected NONE, HOTPLUG, MIRROR, NOMAP or DRIVER_MANAGED" : hint)")
        return nil
    }
}

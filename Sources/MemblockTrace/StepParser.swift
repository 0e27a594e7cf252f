import Memblock
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The parser's view of one operation: its name's bytes and parameters.
struct OperationEntry {
    let name: [UInt8]
    let kind: OperationKind
    let parameters: [Parameter]
    let required: Int
}

/// Operation entries, bucketed by name length for a lookup without Strings.
struct OperationTable {
    let entries: [OperationEntry]
    let byLength: [[Int]]

    static let shared: OperationTable = {
        let entries = OperationKind.allCases.map {
            OperationEntry(name: Array($0.rawValue.utf8), kind: $0, parameters: $0.parameters,
                           required: $0.parameterCount - $0.optionalCount)
        }
        var byLength = [[Int]](repeating: [], count: 64)
        for (i, e) in entries.enumerated() { byLength[e.name.count].append(i) }
        return OperationTable(entries: entries, byLength: byLength)
    }()

    /// Memblock functions that are not in Linux 6.1.
    static let notIn61 = ["memblock_reserved_mark_noinit", "memblock_mark_rsrv_noinit"]
}

extension ParserCore {
    /// Parses a step line: `OPERATION ARG… [by=NAME] [label=NAME] [=> ADDRESS|fail]`.
    mutating func parseStep() {
        let op = tokens[0]
        guard let entry = lookupOperation(op) else { return unknownOperation(op) }
        var positional = 1
        while positional < tokens.count && !tokens[positional].isAttribute && !isArrow(tokens[positional]) {
            positional += 1
        }
        var ok = parseArguments(entry, op, argc: positional - 1)
        var step = TraceStep(operation: .dumpAll, location: .unknown)
        let labelIndex = parseAttributes(entry.kind, from: positional, into: &step, ok: &ok)
        if entry.kind == .physmemAdd && !settings.physMap {
            error(op, "memblock_physmem_add needs @config phys_map=1 (CONFIG_HAVE_MEMBLOCK_PHYS_MAP, s390 only)")
            ok = false
        }
        if let labelIndex { names.define(labelIndex) }
        guard ok, let operation = Operation(kind: entry.kind, values: values) else { return }
        step.operation = operation
        appendStep(step, at: op)
    }

    /// Adds a parsed step with the directives waiting for it.
    private mutating func appendStep(_ step: TraceStep, at op: Token) {
        var step = step
        if steps.isEmpty { config = settings.build() }
        step.location = location(of: op.start)
        if !pendingNotes.isEmpty {
            step.note = pendingNotes.count == 1 ? pendingNotes[0] : pendingNotes.joined(separator: "\n")
            pendingNotes.removeAll()
        }
        step.pauseBefore = pendingPause
        pendingPause = false
        if !pendingSettings.isEmpty {
            step.settings = pendingSettings
            pendingSettings.removeAll()
        }
        step.phase = phases.isEmpty ? nil : phases.count - 1
        steps.append(step)
    }

    /// Finds the operation named by `t`, without making a String.
    private func lookupOperation(_ t: Token) -> OperationEntry? {
        let length = t.end - t.start
        guard !t.quoted, length < 64 else { return nil }
        let table = OperationTable.shared
        for i in table.byLength[length] {
            let e = table.entries[i]
            if e.name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b + t.start, length) }) == 0 { return e }
        }
        return nil
    }

    private mutating func unknownOperation(_ t: Token) {
        let name = display(t)
        if OperationTable.notIn61.contains(name) {
            error(t, "\(name) is not in Linux 6.1")
            return
        }
        let hint = Suggest.hint(for: name, in: OperationKind.allCases.map(\.rawValue))
        error(t, "unknown operation \(name)\(hint.isEmpty ? ": expected a memblock_* step or an @directive" : hint)")
    }

    @inline(__always) func isArrow(_ t: Token) -> Bool {
        !t.quoted && t.end - t.start == 2 && b[t.start] == asciiEquals && b[t.start + 1] == 0x3e
    }

    /// Checks the argument count and reads the arguments into `values`.
    private mutating func parseArguments(_ entry: OperationEntry, _ op: Token, argc: Int) -> Bool {
        values.removeAll(keepingCapacity: true)
        let params = entry.parameters
        guard argc >= entry.required && argc <= params.count else {
            let expected: String
            switch (entry.required, params.count) {
            case (0, 0): expected = "no arguments"
            case (1, 1): expected = "1 argument (\(entry.kind.usage))"
            case (let r, let n) where r == n: expected = "\(n) arguments (\(entry.kind.usage))"
            case (let r, let n): expected = "\(r) or \(n) arguments (\(entry.kind.usage))"
            }
            let at = argc > params.count ? tokens[1 + params.count] : (argc > 0 ? tokens[1] : op)
            error(at, "\(entry.kind.rawValue) expects \(expected), got \(argc)")
            return false
        }
        var ok = true
        for i in 0..<argc {
            let t = tokens[1 + i]
            let p = params[i]
            if let v = argument(t, p, entry.kind) { values.append(v) } else { ok = false }
        }
        return ok
    }

    /// Reads one argument of the given parameter kind.
    private mutating func argument(_ t: Token, _ p: Parameter, _ kind: OperationKind) -> ArgumentValue? {
        switch p.kind {
        case .address, .size, .end:
            return address(t, what: "\(kind.rawValue) \(p.name)").map { .address($0) }
        case .nid:
            return nodeID(t, what: "\(kind.rawValue) \(p.name)").map { .nid($0) }
        case .flags:
            return flags(t).map { .flags($0) }
        case .type:
            if equals(t, "memory") { return .type(.memory) }
            if equals(t, "reserved") { return .type(.reserved) }
            error(t, "\(kind.rawValue) type: expected memory or reserved, got \(display(t))")
            return nil
        case .bool:
            return boolean(t, t.start, what: "\(kind.rawValue) \(p.name)").map { .bool($0) }
        }
    }
}

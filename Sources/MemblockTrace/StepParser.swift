import Memblock
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The parser's view of one operation.
struct OperationEntry {
    let kind: OperationKind
    let parameterCount: Int
    let required: Int
}

/// The operation table as the parser reads it, with a lookup by name that makes no String and
/// no reference counting: names and parameter kinds live in flat, never-freed buffers.
struct OperationNames: @unchecked Sendable {
    let entries: [OperationEntry]
    /// Per entry, `OperationSpec.maxParameters` parameter kinds in the kernel's order.
    private let kinds: UnsafeMutablePointer<ParameterKind>
    /// Name bytes of all operations, back to back.
    private let nameBytes: UnsafeMutablePointer<UInt8>
    /// Per name length (< 64): the range of `order` holding the entries of that length.
    private let buckets: UnsafeMutablePointer<(first: Int, count: Int)>
    /// Entry indices sorted by name length, with each name's offset in `nameBytes`.
    private let order: UnsafeMutablePointer<(entry: Int, offset: Int)>

    static let shared = OperationNames()

    private init() {
        entries = OperationKind.allCases.map {
            OperationEntry(kind: $0, parameterCount: $0.parameterCount, required: $0.parameterCount - $0.optionalCount)
        }
        let names = OperationKind.allCases.map { Array($0.rawValue.utf8) }
        kinds = .allocate(capacity: names.count * OperationSpec.maxParameters)
        for (entry, kind) in OperationKind.allCases.enumerated() {
            let row = kinds + entry * OperationSpec.maxParameters
            row.initialize(repeating: .address, count: OperationSpec.maxParameters)
            for (i, p) in kind.parameters.enumerated() { row[i] = p.kind }
        }
        nameBytes = .allocate(capacity: names.reduce(0) { $0 + $1.count })
        buckets = .allocate(capacity: 64)
        buckets.initialize(repeating: (0, 0), count: 64)
        order = .allocate(capacity: names.count)
        var offsets: [Int] = []
        var offset = 0
        for name in names {
            for (i, c) in name.enumerated() { nameBytes[offset + i] = c }
            offsets.append(offset)
            offset += name.count
        }
        let sorted = names.indices.sorted { (names[$0].count, $0) < (names[$1].count, $1) }
        for (position, entry) in sorted.enumerated() {
            order[position] = (entry, offsets[entry])
            let length = names[entry].count
            if buckets[length].count == 0 { buckets[length].first = position }
            buckets[length].count += 1
        }
    }

    /// Memblock functions of later kernels that no modelled kernel has as a trace step.
    static let notModelled = ["memblock_mark_rsrv_noinit"]

    /// The parameter kinds of entry `entry`, in the kernel's order.
    @inline(__always) func parameterKinds(_ entry: Int) -> UnsafePointer<ParameterKind> {
        UnsafePointer(kinds + entry * OperationSpec.maxParameters)
    }

    /// The index of the entry whose name is bytes `[start, end)` of `b`.
    func lookup(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let length = end - start
        guard length < 64 else { return nil }
        let bucket = buckets[length]
        for position in bucket.first..<(bucket.first + bucket.count) {
            let (entry, offset) = order[position]
            if memcmp(nameBytes + offset, b + start, length) == 0 { return entry }
        }
        return nil
    }
}

extension ParserCore {
    /// Parses a step line: `OPERATION ARG… [by=NAME] [label=NAME] [=> ADDRESS|fail]`.
    mutating func parseStep() {
        let op = tokens[0]
        guard !op.quoted, let entryIndex = operations.lookup(b, op.start, op.end) else { return unknownOperation(op) }
        let kind = operations.entries[entryIndex].kind
        var positional = 1
        while positional < tokens.count && !tokens[positional].isAttribute && !isArrow(tokens[positional]) {
            positional += 1
        }
        let argc = positional - 1
        var ok = checkArgumentCount(entryIndex, op, argc: argc)
        if kind.introducedIn == .v6_12 && settings.kernel == .v6_1 {
            error(op, "\(kind.rawValue) is not in Linux 6.1: it needs @kernel 6.12 before the first step")
            ok = false
        }
        var operation: Operation?
        if ok {
            operation = parseOperation(entryIndex, argc: argc)
            ok = operation != nil
        }
        var attributes = StepAttributes()
        parseAttributes(kind, from: positional, into: &attributes, ok: &ok)
        if kind.spec.needsPhysMap && !settings.physMap {
            error(op, "\(kind.rawValue) needs @config phys_map=1 (CONFIG_HAVE_MEMBLOCK_PHYS_MAP, s390 only)")
            ok = false
        }
        if let t = attributes.labelToken { names.defineLabel(b, t.eq + 1, t.end) }
        guard ok, let operation else { return }
        appendStep(operation, attributes, at: op)
    }

    /// Adds a parsed step with the directives waiting for it.
    private mutating func appendStep(_ operation: consuming Operation, _ attributes: consuming StepAttributes, at op: Token) {
        if steps.isEmpty { config = settings.build() }
        if let last = steps.last, case .panic? = last.result {
            error(op, "this step is never reached: the step on line \(last.location.line) ends in => panic, which ends the trace")
            return
        }
        var note: String?
        if !pendingNotes.isEmpty {
            note = pendingNotes.count == 1 ? pendingNotes[0] : pendingNotes.joined(separator: "\n")
            pendingNotes.removeAll()
        }
        var changes: [SettingChange] = []
        if !pendingSettings.isEmpty { swap(&changes, &pendingSettings) }
        steps.append(TraceStep(
            operation: operation, by: attributes.by, label: attributes.label, result: attributes.result,
            note: note, pauseBefore: pendingPause, settings: changes, expectations: [],
            phase: phases.isEmpty ? nil : phases.count - 1, location: location(of: op.start)))
        pendingPause = false
    }


    private mutating func unknownOperation(_ t: Token) {
        let name = display(t)
        if OperationNames.notModelled.contains(name) {
            error(t, "\(name) is not a memblock function of Linux 6.1 or 6.12")
            return
        }
        let hint = Suggest.hint(for: name, in: OperationKind.allCases.map(\.rawValue))
        error(t, "unknown operation \(name)\(hint.isEmpty ? ": expected a memblock_* step or an @directive" : hint)")
    }

    @inline(__always) func isArrow(_ t: Token) -> Bool {
        !t.quoted && t.end - t.start == 2 && b[t.start] == asciiEquals && b[t.start + 1] == 0x3e
    }

    /// Checks the argument count, reporting a mismatch.
    private mutating func checkArgumentCount(_ entryIndex: Int, _ op: Token, argc: Int) -> Bool {
        let required = operations.entries[entryIndex].required
        let total = operations.entries[entryIndex].parameterCount
        guard argc < required || argc > total else { return true }
        let kind = operations.entries[entryIndex].kind
        let expected: String
        switch (required, total) {
        case (0, 0): expected = "no arguments"
        case (1, 1): expected = "1 argument (\(kind.usage))"
        case (let r, let n) where r == n: expected = "\(n) arguments (\(kind.usage))"
        case (let r, let n): expected = "\(r) or \(n) arguments (\(kind.usage))"
        }
        let at = argc > total ? tokens[1 + total] : (argc > 0 ? tokens[1] : op)
        error(at, "\(kind.rawValue) expects \(expected), got \(argc)")
        return false
    }
}

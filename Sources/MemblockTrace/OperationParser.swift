import Memblock

extension ParserCore {
    /// Reads the arguments of a step whose argument count is already checked, straight
    /// from `tokens[1...]`, by the kind's parameter table (`OperationKind.parameters`): each
    /// parameter kind has one reader, and `Operation(kind:values:)` builds the step. Every
    /// bad argument is reported, not just the first.
    mutating func parseOperation(_ kind: OperationKind, argc: Int) -> Operation? {
        let parameters = kind.parameters
        var values: [ArgumentValue] = []
        values.reserveCapacity(argc)
        var ok = true
        for i in 0..<argc {
            let value: ArgumentValue?
            switch parameters[i].kind {
            case .address, .size, .end: value = addr(kind, i).map { .address($0) }
            case .nid: value = nid(kind, i).map { .nid($0) }
            case .flags: value = flags(tokens[1 + i]).map { .flags($0) }
            case .type: value = typeKind(kind, i).map { .type($0) }
            case .bool: value = bool(kind, i).map { .bool($0) }
            }
            if let value { values.append(value) } else { ok = false }
        }
        return ok ? Operation(kind: kind, values: values) : nil
    }

    /// `memblock_reserve size`: names argument `i` in messages.
    private static func parameterName(_ kind: OperationKind, _ i: Int) -> String {
        "\(kind.rawValue) \(kind.parameters[i].name)"
    }

    private mutating func addr(_ kind: OperationKind, _ i: Int) -> Argument? {
        address(tokens[1 + i], what: Self.parameterName(kind, i))
    }

    private mutating func nid(_ kind: OperationKind, _ i: Int) -> Int32? {
        nodeID(tokens[1 + i], what: Self.parameterName(kind, i))
    }

    private mutating func bool(_ kind: OperationKind, _ i: Int) -> Bool? {
        let t = tokens[1 + i]
        return boolean(t, t.start, what: Self.parameterName(kind, i))
    }

    private mutating func typeKind(_ kind: OperationKind, _ i: Int) -> MemblockTypeKind? {
        let t = tokens[1 + i]
        if equals(t, "memory") { return .memory }
        if equals(t, "reserved") { return .reserved }
        error(t, "\(Self.parameterName(kind, i)): expected memory or reserved, got \(display(t))")
        return nil
    }
}

import Memblock

extension ParserCore {
    /// Reads the arguments of a step whose argument count is already checked, straight from
    /// `tokens[1...]`, as the kind's parameters in the operation table say. Every bad argument
    /// is reported, not just the first.
    mutating func parseOperation(_ entryIndex: Int, argc: Int) -> Operation? {
        let kind = operations.entries[entryIndex].kind
        let parameterKinds = operations.parameterKinds(entryIndex)
        var op = Operation(kind)
        var ok = true
        for i in 0..<argc {
            let t = tokens[1 + i]
            switch parameterKinds[i] {
            case .address, .size, .end:
                if let a = address(t, what: Self.parameterName(kind, i)) { op.setAddress(i, a) } else { ok = false }
            case .nid:
                if let n = nodeID(t, what: Self.parameterName(kind, i)) { op.nid = n } else { ok = false }
            case .flags:
                if let f = flags(t) { op.flags = f } else { ok = false }
            case .type:
                if let type = typeKind(t, kind, i) { op.type = type } else { ok = false }
            case .bool:
                if let b = boolean(t, t.start, what: Self.parameterName(kind, i)) { op.boolean = b } else { ok = false }
            }
        }
        return ok ? op : nil
    }

    /// `memblock_reserve size`: names argument `i` in messages.
    private static func parameterName(_ kind: OperationKind, _ i: Int) -> String {
        "\(kind.rawValue) \(kind.parameters[i].name)"
    }

    private mutating func typeKind(_ t: Token, _ kind: OperationKind, _ i: Int) -> MemblockTypeKind? {
        if equals(t, "memory") { return .memory }
        if equals(t, "reserved") { return .reserved }
        error(t, "\(Self.parameterName(kind, i)): expected memory or reserved, got \(display(t))")
        return nil
    }
}

import Memblock

extension ParserCore {
    /// Reads the arguments of a step whose argument count is already checked, straight
    /// from `tokens[1...]`. Every bad argument is reported, not just the first.
    mutating func parseOperation(_ kind: OperationKind, argc: Int) -> Operation? {
        switch kind {
        case .addNode:
            let (x, y, n) = (addr(kind, 0), addr(kind, 1), nid(kind, 2))
            let f = argc == 4 ? flags(tokens[4]) : MemblockFlags.none
            guard let x, let y, let n, let f else { return nil }
            return .addNode(base: x, size: y, nid: n, flags: f)
        case .setNode:
            let (x, y, t, n) = (addr(kind, 0), addr(kind, 1), typeKind(kind, 2), nid(kind, 3))
            guard let x, let y, let t, let n else { return nil }
            return .setNode(base: x, size: y, type: t, nid: n)
        case .trimMemory, .enforceMemoryLimit, .memLimitRemoveMap, .setCurrentLimit:
            guard let x = addr(kind, 0) else { return nil }
            return Operation.single(kind, x)
        case .allocFrom:
            let (x, y, z) = (addr(kind, 0), addr(kind, 1), addr(kind, 2))
            guard let x, let y, let z else { return nil }
            return .allocFrom(size: x, align: y, minAddr: z)
        case .allocNode, .physAllocTryNid:
            let (x, y, n) = (addr(kind, 0), addr(kind, 1), nid(kind, 2))
            guard let x, let y, let n else { return nil }
            return kind == .allocNode ? .allocNode(size: x, align: y, nid: n) : .physAllocTryNid(size: x, align: y, nid: n)
        case .allocTryNid, .allocTryNidRaw, .allocExactNidRaw:
            let (x, y, lo, hi, n) = (addr(kind, 0), addr(kind, 1), addr(kind, 2), addr(kind, 3), nid(kind, 4))
            guard let x, let y, let lo, let hi, let n else { return nil }
            switch kind {
            case .allocTryNid: return .allocTryNid(size: x, align: y, minAddr: lo, maxAddr: hi, nid: n)
            case .allocTryNidRaw: return .allocTryNidRaw(size: x, align: y, minAddr: lo, maxAddr: hi, nid: n)
            default: return .allocExactNidRaw(size: x, align: y, minAddr: lo, maxAddr: hi, nid: n)
            }
        case .physAllocRange:
            let (x, y, lo, hi) = (addr(kind, 0), addr(kind, 1), addr(kind, 2), addr(kind, 3))
            guard let x, let y, let lo, let hi else { return nil }
            return .physAllocRange(size: x, align: y, start: lo, end: hi)
        case .allocRangeNid:
            let (x, y, lo, hi) = (addr(kind, 0), addr(kind, 1), addr(kind, 2), addr(kind, 3))
            let (n, e) = (nid(kind, 4), bool(kind, 5))
            guard let x, let y, let lo, let hi, let n, let e else { return nil }
            return .allocRangeNid(size: x, align: y, start: lo, end: hi, nid: n, exact: e)
        case .setBottomUp:
            return bool(kind, 0).map { .setBottomUp($0) }
        case .allowResize: return .allowResize
        case .freeAll: return .freeAll
        case .dumpAll: return .dumpAll
        default:
            let (x, y) = (addr(kind, 0), addr(kind, 1))
            guard let x, let y else { return nil }
            return Operation.pair(kind, x, y)
        }
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

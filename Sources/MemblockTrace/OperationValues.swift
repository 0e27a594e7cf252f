import Memblock

extension Operation {
    /// Builds a step from its kind and argument values in the kernel's order; nil when the
    /// values do not match the kind's parameters. `memblock_add_node` may omit its flags.
    public init?(kind: OperationKind, values v: [ArgumentValue]) {
        func addr(_ i: Int) -> Argument? {
            guard i < v.count, case .address(let a) = v[i] else { return nil }
            return a
        }
        func nid(_ i: Int) -> Int32? {
            guard i < v.count, case .nid(let n) = v[i] else { return nil }
            return n
        }
        func bool(_ i: Int) -> Bool? {
            guard i < v.count, case .bool(let b) = v[i] else { return nil }
            return b
        }
        let expected = kind == .addNode && v.count == 3 ? 3 : kind.parameterCount
        guard v.count == expected else { return nil }
        switch kind {
        case .addNode:
            guard let b = addr(0), let s = addr(1), let n = nid(2) else { return nil }
            var flags = MemblockFlags.none
            if v.count == 4 {
                guard case .flags(let f) = v[3] else { return nil }
                flags = f
            }
            self = .addNode(base: b, size: s, nid: n, flags: flags)
        case .setNode:
            guard let b = addr(0), let s = addr(1), case .type(let t) = v[2], let n = nid(3) else { return nil }
            self = .setNode(base: b, size: s, type: t, nid: n)
        case .trimMemory, .enforceMemoryLimit, .memLimitRemoveMap, .setCurrentLimit:
            guard let a = addr(0) else { return nil }
            self = Self.single(kind, a)
        case .allocFrom:
            guard let s = addr(0), let a = addr(1), let m = addr(2) else { return nil }
            self = .allocFrom(size: s, align: a, minAddr: m)
        case .allocNode, .physAllocTryNid:
            guard let s = addr(0), let a = addr(1), let n = nid(2) else { return nil }
            self = kind == .allocNode ? .allocNode(size: s, align: a, nid: n) : .physAllocTryNid(size: s, align: a, nid: n)
        case .allocTryNid, .allocTryNidRaw, .allocExactNidRaw:
            guard let s = addr(0), let a = addr(1), let lo = addr(2), let hi = addr(3), let n = nid(4) else { return nil }
            switch kind {
            case .allocTryNid: self = .allocTryNid(size: s, align: a, minAddr: lo, maxAddr: hi, nid: n)
            case .allocTryNidRaw: self = .allocTryNidRaw(size: s, align: a, minAddr: lo, maxAddr: hi, nid: n)
            default: self = .allocExactNidRaw(size: s, align: a, minAddr: lo, maxAddr: hi, nid: n)
            }
        case .physAllocRange:
            guard let s = addr(0), let a = addr(1), let lo = addr(2), let hi = addr(3) else { return nil }
            self = .physAllocRange(size: s, align: a, start: lo, end: hi)
        case .allocRangeNid:
            guard let s = addr(0), let a = addr(1), let lo = addr(2), let hi = addr(3), let n = nid(4),
                  let e = bool(5) else { return nil }
            self = .allocRangeNid(size: s, align: a, start: lo, end: hi, nid: n, exact: e)
        case .setBottomUp:
            guard let on = bool(0) else { return nil }
            self = .setBottomUp(on)
        case .allowResize: self = .allowResize
        case .freeAll: self = .freeAll
        case .dumpAll: self = .dumpAll
        default:
            guard let a = addr(0), let b = addr(1) else { return nil }
            self = Self.pair(kind, a, b)
        }
    }

    /// The steps with one address-like argument.
    static func single(_ kind: OperationKind, _ a: Argument) -> Operation {
        switch kind {
        case .trimMemory: return .trimMemory(align: a)
        case .enforceMemoryLimit: return .enforceMemoryLimit(a)
        case .memLimitRemoveMap: return .memLimitRemoveMap(a)
        default: return .setCurrentLimit(a)
        }
    }

    /// The steps with two address-like arguments (`base size`, `ptr size` or `size align`).
    static func pair(_ kind: OperationKind, _ a: Argument, _ b: Argument) -> Operation {
        switch kind {
        case .add: return .add(base: a, size: b)
        case .remove: return .remove(base: a, size: b)
        case .physmemAdd: return .physmemAdd(base: a, size: b)
        case .markHotplug: return .markHotplug(base: a, size: b)
        case .clearHotplug: return .clearHotplug(base: a, size: b)
        case .markMirror: return .markMirror(base: a, size: b)
        case .markNomap: return .markNomap(base: a, size: b)
        case .clearNomap: return .clearNomap(base: a, size: b)
        case .capMemoryRange: return .capMemoryRange(base: a, size: b)
        case .reserve: return .reserve(base: a, size: b)
        case .physFree: return .physFree(base: a, size: b)
        case .free: return .free(ptr: a, size: b)
        case .freeLate: return .freeLate(base: a, size: b)
        case .alloc: return .alloc(size: a, align: b)
        case .allocRaw: return .allocRaw(size: a, align: b)
        case .allocLow: return .allocLow(size: a, align: b)
        case .reservedMarkNoinit: return .reservedMarkNoinit(base: a, size: b)
        default: return .physAlloc(size: a, align: b)
        }
    }
}

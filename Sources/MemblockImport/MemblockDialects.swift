// Stage 2a of `import dmesg`: memblock=debug lines, one small unit per kernel era.
//
// The line shapes are the same since 4.4 (`NAME: [BASE-END] CALLER` and `NAME: SIZE bytes
// align=… nid=… from=… max_addr=… CALLER`); what changed is the names of the functions and,
// in 4.x, a `flags 0x…` field before the caller of add and reserve.

/// The era of a log's memblock=debug lines.
enum MemblockDialect: String, Sendable, CaseIterable, Comparable {
    /// 4.4–4.19: `flags 0x…`, `memblock_virt_alloc*`, `__memblock_free_early/late`.
    case v4 = "4.x"
    /// 4.20–5.x: `memblock_alloc_try_nid[_nopanic]`, `memblock_free`, `memblock_phys_alloc_range`.
    case v5 = "5.x"
    /// 5.16 and later: `memblock_phys_free`.
    case v6 = "6.x"
    /// Only names 5.x and 6.x share, and no version line to tell them apart.
    case v5or6 = "5.x/6.x"

    static func < (a: MemblockDialect, b: MemblockDialect) -> Bool {
        [MemblockDialect.v4, .v5, .v5or6, .v6].firstIndex(of: a)! < [MemblockDialect.v4, .v5, .v5or6, .v6].firstIndex(of: b)!
    }
}

/// What a function name of one dialect stands for.
enum MemblockName {
    case range(RangeCall)
    case request(RequestCall, nopanic: Bool)
}

/// 4.x names: the bootmem-era wrappers around memblock.
enum Dialect4x {
    static let names: [String: MemblockName] = [
        "memblock_virt_alloc_try_nid": .request(.tryNid, nopanic: false),
        "memblock_virt_alloc_try_nid_nopanic": .request(.tryNid, nopanic: true),
        "memblock_virt_alloc_try_nid_raw": .request(.tryNidRaw, nopanic: false),
        "__memblock_free_early": .range(.physFree),
        "__memblock_free_late": .range(.freeLate),
        "memblock_free_early_nid": .range(.physFree),
    ]
}

/// 4.20–5.x names (the allocator API after the bootmem removal).
enum Dialect5x {
    static let names: [String: MemblockName] = [
        "memblock_alloc_try_nid_nopanic": .request(.tryNid, nopanic: true),
        "memblock_free": .range(.physFree),
    ]
}

/// 6.x names (the same functions as the models know them).
enum Dialect6x {
    static let names: [String: MemblockName] = [
        "memblock_add": .range(.add),
        "memblock_remove": .range(.remove),
        "memblock_reserve": .range(.reserve),
        "memblock_phys_free": .range(.physFree),
        "memblock_free_late": .range(.freeLate),
        "memblock_physmem_add": .range(.physmemAdd),
        "memblock_alloc_try_nid": .request(.tryNid, nopanic: false),
        "memblock_alloc_try_nid_raw": .request(.tryNidRaw, nopanic: false),
        "memblock_alloc_exact_nid_raw": .request(.exactNidRaw, nopanic: false),
        "memblock_phys_alloc_range": .request(.physAllocRange, nopanic: false),
    ]
}

/// Reads one memblock=debug line in any dialect.
enum MemblockLineReader {
    /// A name and the dialect that has it (names 5.x and 6.x share count as 6.x; the
    /// importer narrows that with the kernel version).
    static func lookup(_ fn: String) -> (MemblockName, MemblockDialect)? {
        if let n = Dialect6x.names[fn] { return (n, .v6) }
        if let n = Dialect5x.names[fn] { return (n, .v5) }
        if let n = Dialect4x.names[fn] { return (n, .v4) }
        return nil
    }

    /// The event of a line starting `memblock…` or `__memblock…`, or nil (cursor unchanged)
    /// if it is not one.
    static func read(_ s: inout LogScanner) -> LogEvent? {
        let start = s.index
        guard let e = readLine(&s) else { s.index = start; return nil }
        return e
    }

    static func readLine(_ s: inout LogScanner) -> LogEvent? {
        let start = s.index
        if s.literal("memblock: ") {
            // `memblock: TYPE is doubled to N at [A-B]`
            let type = s.word()
            guard s.literal(" is doubled to ") else { return nil }
            guard let n = s.decimal(), s.literal(" at "), let r = s.bracketRange() else { return .malformed("memblock: doubling") }
            return .doubled(type: type, count: Int(clamping: n), base: r.base, last: r.end)
        }
        s.index = start
        let name = s.word()
        guard name.hasSuffix(":") else { return nil }
        let fn = String(name.dropLast())
        s.skipSpaces()
        if fn == "memblock_add_node" { return addNode(&s) }
        guard let (kind, dialect) = lookup(fn) else { return nil }
        switch kind {
        case .range(let call):
            guard let r = s.bracketRange() else { return .malformed(fn) }
            var era = dialect
            if flagsField(&s) { era = .v4 }
            return .range(call, base: r.base, last: r.end, caller: s.rest(), dialect: era)
        case .request(let call, let nopanic):
            return request(&s, fn: fn, call: call, nopanic: nopanic, dialect: dialect)
        }
    }

    /// 4.x's ` flags 0x…` between the range and the caller.
    static func flagsField(_ s: inout LogScanner) -> Bool {
        let save = s.index
        s.skipSpaces()
        if s.literal("flags "), s.hex() != nil { return true }
        s.index = save
        return false
    }

    static func addNode(_ s: inout LogScanner) -> LogEvent {
        guard let r = s.bracketRange(), s.literal(" nid="), let nid = s.int32(), s.literal(" flags="),
              let flags = s.hex(), flags <= UInt64(UInt32.max) else { return .malformed("memblock_add_node") }
        return .addNode(base: r.base, last: r.end, nid: nid, flags: UInt32(flags), caller: s.rest())
    }

    /// `SIZE bytes align=A [nid=N] from=F max_addr=M CALLER`.
    static func request(_ s: inout LogScanner, fn: String, call: RequestCall, nopanic: Bool, dialect: MemblockDialect) -> LogEvent {
        guard let size = s.decimal(), s.literal(" bytes align="), let align = s.hex() else { return .malformed(fn) }
        var nid: Int32 = -1
        if call != .physAllocRange {
            guard s.literal(" nid="), let n = s.int32() else { return .malformed(fn) }
            nid = n
        }
        guard s.literal(" from="), let from = s.hex(), s.literal(" max_addr="), let max = s.hex() else { return .malformed(fn) }
        return .request(AllocRequest(call: call, size: size, align: align, nid: nid, from: from, maxAddr: max,
                                     caller: s.rest(), nopanic: nopanic, printedName: fn, dialect: dialect))
    }

    /// True for a `%pS` caller inside memblock's allocator: the reserve line of an
    /// allocation's result (which caller depends on inlining: `memblock_alloc_range_nid`,
    /// `memblock_alloc_internal`, `memblock_virt_alloc_internal`, `memblock_phys_alloc_range`…).
    static func isAllocatorInternal(_ function: String) -> Bool {
        guard function.hasPrefix("memblock_") || function.hasPrefix("__memblock_") else { return false }
        return function.contains("alloc") && function != "memblock_double_array"
    }
}

import Memblock

/// A `MEMBLOCK configuration:` block read from a log.
struct DumpSnapshot: Sendable {
    /// The line of the header.
    var line: Int
    var memorySize: UInt64?
    var reservedSize: UInt64?
    var counts: [String: Int] = [:]
    var regions: [String: [DumpRegion]] = [:]

    init(line: Int) { self.line = line }

    /// True when every type that announced a count has that many regions.
    var isComplete: Bool {
        memorySize != nil && counts["memory"] != nil && counts["reserved"] != nil
            && counts.allSatisfy { regions[$0.key, default: []].count == $0.value }
    }

    /// Whether region lines carry `on node` (a NUMA build after node assignment).
    var hasNodes: Bool { regions.values.contains { $0.contains { $0.nid != nil } } }

    /// The non-dummy regions of a type as a set of ranges.
    func rangeSet(_ type: String) -> RangeSet {
        RangeSet(regions[type, default: []].filter { $0.size != 0 }.map { AddrRange(base: $0.base, end: $0.end) })
    }

    /// The nodes named by `on node N` (memory first), ascending, without duplicates.
    var nodes: [Int32] {
        Array(Set(regions.values.joined().compactMap(\.nid).filter { $0 >= 0 })).sorted()
    }

    /// What differs between this dump and a model state, one phrase each (empty: identical).
    /// `numaPrinted` says whether the kernel printed nodes (nid ≠ MAX_NUMNODES) at all.
    func differences(from state: Memblock) -> [String] {
        var out: [String] = []
        if let m = memorySize, m != state.memory.totalSize {
            out.append("memory size \(hex(m)) in the log, \(hex(state.memory.totalSize)) in the model")
        }
        if let r = reservedSize, r != state.reserved.totalSize {
            out.append("reserved size \(hex(r)) in the log, \(hex(state.reserved.totalSize)) in the model")
        }
        for (kind, name) in [(MemblockTypeKind.memory, "memory"), (.reserved, "reserved")] {
            let t = state.type(kind)
            let logged = regions[name, default: []]
            if let c = counts[name], c != t.cnt { out.append("\(name).cnt \(c) in the log, \(t.cnt) in the model") }
            for (i, r) in logged.enumerated() {
                guard i < t.regions.count else { break }
                let m = t.regions[i]
                let nid: Int32? = state.config.numa && state.config.behaviour.dumpShowsNode(m.nid, maxNumnodes: state.config.maxNumnodes) ? m.nid : nil
                if m.base != r.base || m.size != r.size || m.flags.rawValue != r.flags || nid != r.nid {
                    out.append("\(name)[\(i)] is \(Self.describe(r)) in the log, \(Self.describe(DumpRegion(base: m.base, size: m.size, nid: nid, flags: m.flags.rawValue))) in the model")
                    break
                }
            }
        }
        return out
    }

    static func describe(_ r: DumpRegion) -> String {
        var s = "[\(hex(r.base))-\(hex(r.base &+ r.size &- 1))]"
        if let n = r.nid { s += " node \(n)" }
        if r.flags != 0 { s += " flags \(hex(UInt64(r.flags)))" }
        return s
    }
}

/// The final state a log lists from `/sys/kernel/debug/memblock/*`.
struct DebugfsSnapshot: Sendable {
    /// The line of the first header.
    var line: Int
    /// `(base, inclusive end, what follows)` per type, in listed order; the tail is empty in
    /// 6.1's format and `NID FLAGS` in 6.12's.
    var entries: [String: [(UInt64, UInt64, String)]] = [:]

    /// The listing as the kernel prints it (trailing spaces aside), one line per entry, for
    /// comparison with `Memblock.debugfs` in either kernel's format.
    func lines(_ type: String) -> [String] {
        entries[type, default: []].enumerated().map { i, e in
            let index = String(i)
            var line = String(repeating: " ", count: Swift.max(0, 4 - index.count)) + index
            line += ": \(formatPA(e.0))..\(formatPA(e.1))"
            if !e.2.isEmpty {
                // 6.12: `%4d ` for the node, then the flag names.
                let parts = e.2.split(separator: " ", maxSplits: 1).map(String.init)
                line += " " + String(repeating: " ", count: Swift.max(0, 4 - parts[0].count)) + parts[0]
                if parts.count > 1 { line += " " + parts[1] }
            }
            return line
        }
    }
}

/// `0x` and lowercase hex.
func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

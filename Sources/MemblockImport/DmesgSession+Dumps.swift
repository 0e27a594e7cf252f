import Memblock
import MemblockTrace

// `MEMBLOCK configuration:` dumps and the final debugfs listing: the checks on the state.

extension DmesgSession {
    mutating func addToDump(_ e: LocatedEvent) {
        Self.add(e.event, to: &walk.openDump!)
        if walk.openDump!.isComplete { closeDump() }
    }

    /// A dump is complete (or cut short): run what must precede it, compare, emit.
    mutating func closeDump() {
        guard let d = walk.openDump else { return }
        walk.openDump = nil
        figures.dumps += 1
        if arch == .x86_64 && x86.sawE820Add && !x86.didTrim { x86Trim(line: d.line) }
        if d.hasNodes && !numa.assigned { assignNodes(line: d.line) }
        var diffs = em.modelling ? d.differences(from: em.state) : ["not compared (the model stopped)"]
        if em.modelling && !diffs.isEmpty && d.isComplete && d.regions.values.reduce(0, { $0 + $1.count }) <= 4096 {
            reconcile(with: d)
            diffs = d.differences(from: em.state)
        }
        let verdict = diffs.isEmpty ? "the model's state matches it" : "the model differs: " + diffs.joined(separator: "; ")
        em.comment("log line \(d.line): MEMBLOCK configuration: \(verdict)")
        em.emit(.dumpAll)
        var checks: [(ExpectKey, UInt64)] = []
        if let c = d.counts["memory"] { checks.append((.memoryCnt, UInt64(c))) }
        if let c = d.counts["reserved"] { checks.append((.reservedCnt, UInt64(c))) }
        if let m = d.memorySize { checks.append((.memoryTotalSize, m)) }
        if let r = d.reservedSize { checks.append((.reservedTotalSize, r)) }
        em.expect(checks)
        if diffs.isEmpty && d.isComplete {
            figures.dumpsMatched += 1
        } else if !d.isComplete {
            note(d.line, "incomplete MEMBLOCK configuration dump (the log is cut short?)")
        } else {
            note(d.line, "MEMBLOCK configuration: \(verdict)")
        }
    }

    /// Steps that make the model's state what the dump shows, for what no line explains.
    mutating func reconcile(with d: DumpSnapshot) {
        let why = "the dump at line \(d.line) shows it and no printed call explains it"
        let s = em.state
        let memWanted = d.rangeSet("memory"), resWanted = d.rangeSet("reserved")
        let memHave = RangeSet(s.memory.regions.filter { $0.size != 0 }.map { AddrRange(base: $0.base, end: $0.end) })
        let resHave = RangeSet(s.reserved.regions.filter { $0.size != 0 }.map { AddrRange(base: $0.base, end: $0.end) })
        for r in memWanted.subtracting(memHave).ranges {
            em.emit(.add(base: .literal(r.base), size: .literal(r.size)), inferred: "memory added: \(why)")
        }
        for r in memHave.subtracting(memWanted).ranges {
            em.emit(.remove(base: .literal(r.base), size: .literal(r.size)), inferred: "memory removed: \(why)")
        }
        for r in resWanted.subtracting(resHave).ranges {
            em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), inferred: "reserved: \(why)")
        }
        for r in resHave.subtracting(resWanted).ranges {
            em.emit(.physFree(base: .literal(r.base), size: .literal(r.size)), inferred: "freed: \(why)")
        }
        reconcileFlags(d, why: why)
        reconcileNodes(d, kind: .memory, why: why)
        reconcileNodes(d, kind: .reserved, why: why)
    }

    mutating func reconcileFlags(_ d: DumpSnapshot, why: String) {
        let flagOps: [(MemblockFlags, (Argument, Argument) -> Operation, (Argument, Argument) -> Operation, String)] = [
            (.hotplug, { .markHotplug(base: $0, size: $1) }, { .clearHotplug(base: $0, size: $1) }, "HOTPLUG"),
            (.nomap, { .markNomap(base: $0, size: $1) }, { .clearNomap(base: $0, size: $1) }, "NOMAP"),
        ]
        for r in d.regions["memory", default: []] where r.size != 0 {
            let have = em.state.memory.regions.filter { $0.base < r.end && r.base < $0.end }
            for (flag, mark, clear, name) in flagOps {
                let want = r.flags & flag.rawValue != 0
                guard have.contains(where: { $0.flags.contains(flag) != want }) else { continue }
                let op = want ? mark(.literal(r.base), .literal(r.size)) : clear(.literal(r.base), .literal(r.size))
                em.emit(op, inferred: "\(name) \(want ? "set" : "cleared") on [\(hex(r.base))-\(hex(r.end &- 1))]: \(why)")
            }
        }
    }

    mutating func reconcileNodes(_ d: DumpSnapshot, kind: MemblockTypeKind, why: String) {
        guard em.state.config.numa else { return }
        let noNode = em.state.config.maxNumnodes
        let behaviour = em.state.config.behaviour
        for r in d.regions[kind.rawValue, default: []] where r.size != 0 {
            let want = r.nid ?? noNode
            let have = em.state.type(kind).regions.filter { $0.base < r.end && r.base < $0.end }
            // A region the dump prints without a node may hold any nid the dump hides.
            let differs: (MemblockRegion) -> Bool = { m in
                r.nid == nil ? behaviour.dumpShowsNode(m.nid, maxNumnodes: noNode) : m.nid != want
            }
            guard have.contains(where: differs) else { continue }
            em.emit(.setNode(base: .literal(r.base), size: .literal(r.size), type: kind, nid: want),
                    inferred: "\(kind.rawValue) [\(hex(r.base))-\(hex(r.end &- 1))] is on \(r.nid.map { "node \($0)" } ?? "no node"): \(why)")
        }
    }

    /// Compares the debugfs listing at the end of the log with the replay's final state.
    mutating func compareDebugfs() -> Void {
        guard let dbg = debugfs else { return }
        guard em.modelling else {
            note(dbg.line, "debugfs listing not compared (the model stopped)")
            return
        }
        var same = true
        var checks: [(ExpectKey, UInt64)] = []
        for (kind, key) in [(MemblockTypeKind.memory, ExpectKey.memoryCnt), (.reserved, .reservedCnt)] {
            guard let entries = dbg.entries[kind.rawValue] else { continue }
            checks.append((key, UInt64(entries.count)))
            let m = em.state.debugfs(kind).split(separator: "\n").map { String($0).trimmingSpaces }
            let l = dbg.lines(kind.rawValue).map(\.trimmingSpaces)
            if m != l {
                same = false
                let i = (0..<Swift.min(m.count, l.count)).first { m[$0] != l[$0] } ?? Swift.min(m.count, l.count)
                let ml = i < m.count ? String(m[i]) : "(nothing)", ll = i < l.count ? String(l[i]) : "(nothing)"
                note(dbg.line, "final \(kind.rawValue) state differs from the debugfs listing at entry \(i): log \(ll.trimmingSpaces), model \(ml.trimmingSpaces)")
            }
        }
        figures.debugfsMatched = same
        em.comment("log line \(dbg.line): the final state from /sys/kernel/debug/memblock: \(same ? "the model's state matches it" : "the model differs (see notes)")")
        if !checks.isEmpty && !em.planned.isEmpty { em.expect(checks) }
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

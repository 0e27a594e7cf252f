import Memblock
import MemblockTrace

// Everything before `parse_early_param()` turns memblock=debug on: x86's
// early_reserve_memory(), arm64's setup_machine_fdt(). The first dump shows its result.

extension DmesgSession {
    /// The first `MEMBLOCK configuration:` block: its event index and contents.
    func firstDump() -> (index: Int, dump: DumpSnapshot)? { dumps.first }

    /// Adds one dump line to a snapshot.
    static func add(_ e: LogEvent, to d: inout DumpSnapshot) {
        switch e {
        case .dumpSizes(let m, let r): d.memorySize = m; d.reservedSize = r
        case .dumpCount(let t, let c): d.counts[t] = c
        case .dumpRegion(let t, _, let r): d.regions[t, default: []].append(r)
        default: break
        }
    }

    /// What the printed calls before event `end` reserved and added, as range sets.
    func loggedSets(before end: Int) -> (memory: RangeSet, reserved: RangeSet) {
        var memory = RangeSet(), reserved = RangeSet()
        for e in events[..<end] {
            switch e.event {
            case .range(let call, let base, let last, _, _):
                let r = AddrRange.capped(base, last &- base &+ 1)
                switch call {
                case .add: memory.insert(r)
                case .remove: memory.remove(r)
                case .reserve: reserved.insert(r)
                case .physFree: reserved.remove(r)
                default: break
                }
            case .addNode(let base, let last, _, _, _): memory.insert(.capped(base, last &- base &+ 1))
            default: break
            }
        }
        return (memory, reserved)
    }

    /// Every range a printed call reserved before event `end`, freed later or not.
    func everReserved(before end: Int) -> RangeSet {
        var out = RangeSet()
        for e in events[..<end] {
            if case .range(.reserve, let base, let last, _, _) = e.event { out.insert(.capped(base, last &- base &+ 1)) }
        }
        return out
    }

    /// `dumped − logged`, where pieces of one dumped range that a logged call split are
    /// joined again: a logged reserve inside an early one overlapped it, it did not cut it.
    static func unexplained(_ dumped: RangeSet, _ logged: RangeSet) -> [AddrRange] {
        var out: [AddrRange] = []
        for r in dumped.ranges {
            let pieces = logged.gaps(in: r)
            guard let first = pieces.first, let last = pieces.last else { continue }
            out.append(pieces.count > 1 ? AddrRange(base: first.base, end: last.end) : first)
        }
        return out
    }

    /// Emits the steps made before memblock=debug was parsed.
    mutating func emitPreBoot() {
        let dumped = firstDump()
        var preMemory: [AddrRange] = []
        var preReserved: [AddrRange] = []
        if let (i, _) = dumped, i > 50_000 {
            notes.append("\(file): \(i) lines come before the first dump: the reservations made before memblock=debug are not worked out for so large an input")
        } else if let (i, d) = dumped {
            let logged = loggedSets(before: i)
            // A reservation the dump shows over memory that a printed call reserved and freed
            // before it cannot have been there from the start: it is left to the
            // reconciliation at the dump, where it cannot block that allocation.
            let used = everReserved(before: i).subtracting(logged.reserved)
            preReserved = Self.unexplained(d.rangeSet("reserved"), logged.reserved).filter { !used.overlaps($0) }
            preMemory = Self.unexplained(d.rangeSet("memory"), logged.memory)
        } else if logIndex.printsMemblock {
            notes.append("\(file): no MEMBLOCK configuration dump: what the kernel reserved before memblock=debug was parsed cannot be recovered")
        }
        let printedAdds = events.contains { if case .range(.add, _, _, _, _) = $0.event { return true } else { return false } }
        defer {
            if arch == .x86_64 && !printedAdds {
                x86SynthesizedMemory()
            } else if arch != .x86_64 && !printedAdds && dumped == nil && tree == nil {
                messageMemory()
            }
        }
        switch arch {
        case .x86_64: x86PreBoot(reserved: preReserved, memory: preMemory, dumpLine: dumped?.dump.line)
        case .arm64: arm64PreBoot(reserved: preReserved, memory: preMemory, dumpLine: dumped?.dump.line)
        default:
            if preMemory.isEmpty && preReserved.isEmpty { return }
            phase("before memblock=debug (not printed)")
            for r in preMemory {
                em.emit(.add(base: .literal(r.base), size: .literal(r.size)), inferred: "memory in the first dump (line \(dumped!.dump.line)) that no printed call added")
            }
            for r in preReserved {
                em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), inferred: "reserved in the first dump (line \(dumped!.dump.line)) before any printed call")
            }
            // An excerpt that starts after the memory was set up (no printed memblock_add)
            // also starts after the nodes were: their ids are the first dump's.
            if !printedAdds, let d = dumped?.dump, d.hasNodes, em.state.config.numa { assignNodes(line: d.line) }
        }
    }
}

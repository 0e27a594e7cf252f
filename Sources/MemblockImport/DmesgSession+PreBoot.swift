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
        } else if printsMemblock {
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
        }
    }

    mutating func x86PreBoot(reserved: [AddrRange], memory: [AddrRange], dumpLine: Int?) {
        guard !reserved.isEmpty || !memory.isEmpty || em.state.config.movableNode else { return }
        phase("early_reserve_memory (before memblock=debug: not printed)")
        // The kernel reserves its image first, then page 0, initrd, setup_data, BIOS areas.
        let kernel = reserved.filter { $0.base >= 0x100_0000 }.max { $0.size < $1.size }
        var ordered = reserved.filter { $0 != kernel }
        if let kernel { ordered.insert(kernel, at: 0) }
        let seen = dumpLine.map { "reserved in the first dump (line \($0))" } ?? "reserved"
        for r in ordered {
            let (by, why): (String, String)
            if r == kernel {
                (by, why) = ("early_reserve_memory", "the kernel image (_text to __end_of_kernel_reserve): \(seen), no printed call")
            } else if r.base == 0 && r.end <= 0x10000 {
                (by, why) = ("early_reserve_memory", "memblock_reserve(0, SZ_64K), the first 64 KiB: \(seen), no printed call")
            } else if r.base >= 0x20000 && r.end == 0x100000 {
                (by, why) = ("reserve_bios_regions", "the EBDA and BIOS area up to 1 MiB: \(seen), no printed call")
            } else {
                (by, why) = ("early_reserve_memory", "an early reservation (initrd, setup_data or firmware table): \(seen), no printed call")
            }
            em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), by: by, inferred: why)
        }
        for r in memory {
            em.emit(.add(base: .literal(r.base), size: .literal(r.size)), by: "e820__memblock_setup",
                    inferred: "memory in the first dump that no printed memblock_add explains")
        }
        if em.state.config.movableNode {
            em.emit(.setBottomUp(true), by: "setup_arch",
                    inferred: "movable_node: setup_arch() allocates bottom-up until NUMA init")
        }
    }

    mutating func arm64PreBoot(reserved: [AddrRange], memory: [AddrRange], dumpLine: Int?) {
        phase("setup_machine_fdt (before memblock=debug: not printed)")
        let seen = dumpLine.map { "in the first dump (line \($0))" } ?? "in the dump"
        for r in reserved {
            em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), by: "setup_machine_fdt",
                    inferred: "the device tree blob (memblock_reserve(dt_phys, fdt_totalsize)): reserved \(seen), no printed call")
        }
        if let tree {
            for m in tree.memory {
                em.emit(.add(base: .literal(m.range.base), size: .literal(m.range.size)), by: "early_init_dt_add_memory_arch",
                        inferred: "the DTB's \(m.node) reg (page-aligned by early_init_dt_add_memory_arch)")
                if m.hotpluggable {
                    em.emit(.markHotplug(base: .literal(m.range.base), size: .literal(m.range.size)), by: "early_init_dt_scan_memory",
                            inferred: "\(m.node) is hotpluggable")
                }
            }
            if let cap = tree.usableMemoryRange.first {
                em.emit(.capMemoryRange(base: .literal(cap.base), size: .literal(cap.size)), by: "early_init_dt_check_for_usable_mem_range",
                        inferred: "/chosen linux,usable-memory-range")
                for r in tree.usableMemoryRange.dropFirst() {
                    em.emit(.add(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_check_for_usable_mem_range",
                            inferred: "/chosen linux,usable-memory-range")
                }
            }
            let dtMemory = RangeSet(tree.memory.map(\.range))
            for r in memory where !dtMemory.contains(r) {
                notes.append("\(file): memory \(DumpSnapshot.describe(DumpRegion(base: r.base, size: r.size, nid: nil, flags: 0))) \(seen) is not in the DTB's /memory nodes")
            }
        } else {
            for r in memory {
                em.emit(.add(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_add_memory_arch",
                        inferred: "device-tree memory: \(seen), no printed memblock_add (give the DTB with --dtb for the exact /memory nodes)")
            }
        }
    }

    /// The firmware map as the kernel has it when memblock reads it: the BIOS (or
    /// user-defined) map after the printed `e820: update` and `e820: remove` changes.
    func e820Table() -> [(range: AddrRange, type: String)] {
        var bios: [(AddrRange, String)] = [], user: [(AddrRange, String)] = []
        var changes: [LogEvent] = []
        for e in events {
            switch e.event {
            case .e820(let b, let l, let t, let u):
                if u { user.append((.inclusive(b, l), t)) } else { bios.append((.inclusive(b, l), t)) }
            case .e820Update, .e820Remove: changes.append(e.event)
            default: break
            }
        }
        var table = user.isEmpty ? bios : user
        for c in changes {
            switch c {
            case .e820Update(let b, let l, let from, let to):
                table = Self.retype(table, .inclusive(b, l)) { $0 == from ? to : nil }
            case .e820Remove(let b, let l, let type):
                table = Self.retype(table, .inclusive(b, l)) { $0 == type || type.isEmpty ? "" : nil }
            default: break
            }
        }
        return table.filter { !$0.1.isEmpty && !$0.0.isEmpty }.sorted { $0.0 < $1.0 }.map { (range: $0.0, type: $0.1) }
    }

    /// Gives the parts of `table` inside `r` a new type (`""` removes them; nil leaves them).
    static func retype(_ table: [(AddrRange, String)], _ r: AddrRange, _ f: (String) -> String?) -> [(AddrRange, String)] {
        var out: [(AddrRange, String)] = []
        for (x, t) in table {
            guard x.base < r.end && r.base < x.end, let nt = f(t) else { out.append((x, t)); continue }
            if x.base < r.base { out.append((AddrRange(base: x.base, end: r.base), t)) }
            out.append((AddrRange(base: Swift.max(x.base, r.base), end: Swift.min(x.end, r.end)), nt))
            if x.end > r.end { out.append((AddrRange(base: r.end, end: x.end), t)) }
        }
        return out
    }
}

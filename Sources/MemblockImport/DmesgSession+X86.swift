import Memblock
import MemblockTrace

// x86_64: what setup_arch() does around the printed calls: the ISA limit and resizing before
// e820__memblock_setup(), the trim, the mapped limit, the early reservations, the firmware map.

/// x86_64 bookkeeping of the silent steps around the printed ones.
struct X86State {
    var didIsaLimit = false
    var sawE820Add = false
    var didTrim = false
    var inInitMemMapping = false
    var didMaxMapped = false
}

extension DmesgSession {
    static let x86MappingFunctions: Set<String> = [
        "init_mem_mapping", "alloc_low_pages", "memory_map_top_down", "memory_map_bottom_up", "init_range_memory_mapping",
    ]

    /// The function that adds the e820 RAM (`memblock_x86_fill` before 4.14).
    static func isE820Setup(_ fn: String) -> Bool { fn == "e820__memblock_setup" || fn == "memblock_x86_fill" }

    /// Before a printed call: the limits before the e820 RAM, the mapped limit after
    /// init_mem_mapping().
    mutating func x86BeforeCall(fn: String, call: RangeCall?) {
        if call == .add && Self.isE820Setup(fn) && !x86.didIsaLimit { x86SetupLimits() }
        if Self.x86MappingFunctions.contains(fn) {
            x86.inInitMemMapping = true
        } else if x86.inInitMemMapping && !x86.didMaxMapped {
            x86MaxMapped()
        }
    }

    /// `memblock_set_current_limit(ISA_END_ADDRESS)` and e820__memblock_setup's allow_resize.
    mutating func x86SetupLimits() {
        x86.didIsaLimit = true
        phase("e820__memblock_setup: RAM from the firmware map")
        em.emit(.setCurrentLimit(.literal(0x100000)), by: "setup_arch",
                inferred: "setup_arch() limits memblock to the first 1 MiB (ISA_END_ADDRESS) before e820__memblock_setup()")
        em.emit(.allowResize, by: "e820__memblock_setup", inferred: "e820__memblock_setup() allows resizing before adding RAM")
    }

    /// `memblock_set_current_limit(get_max_mapped())` once init_mem_mapping() is done.
    mutating func x86MaxMapped() {
        x86.didMaxMapped = true
        let end = em.state.memory.isEmpty ? 0 : roundDown(em.state.endOfDRAM, em.state.config.pageSize)
        guard end != 0 else { return }
        em.emit(.setCurrentLimit(.literal(end)), by: "setup_arch",
                inferred: "memblock_set_current_limit(get_max_mapped()) after init_mem_mapping(): RAM is mapped up to \(hex(end))")
    }

    /// The x86 steps when the log has a firmware map but no memblock_add lines.
    mutating func x86SynthesizedMemory() {
        let table = e820Table()
        let ram = table.filter { $0.type == "usable" || $0.type == "System RAM" }
        guard !ram.isEmpty else { return }
        notes.append("\(file): no memblock_add lines (memblock=debug off?): memory comes from the firmware map (BIOS-e820 and e820 update/remove lines)")
        x86SetupLimits()
        for e in table where e.type == "soft reserved" {
            em.emit(.reserve(base: .literal(e.range.base), size: .literal(e.range.size)), by: "e820__memblock_setup",
                    inferred: "e820 soft reserved entry")
        }
        for e in ram {
            em.emit(.add(base: .literal(e.range.base), size: .literal(e.range.size)), by: "e820__memblock_setup",
                    inferred: "e820 usable entry [\(hex(e.range.base))-\(hex(e.range.end &- 1))]")
        }
        x86.sawE820Add = true
        x86Trim(line: nil)
    }

    mutating func x86Trim(line: Int?) {
        x86.didTrim = true
        em.emit(.trimMemory(align: .literal(em.state.config.pageSize)), by: "e820__memblock_setup",
                inferred: "e820__memblock_setup() trims partial pages after adding RAM (memblock_trim_memory(PAGE_SIZE)); memory size keeps the untrimmed total")
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

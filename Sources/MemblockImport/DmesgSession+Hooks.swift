import Memblock
import MemblockTrace

// The silent steps that sit between printed ones, by architecture.

extension DmesgSession {
    static let x86MappingFunctions: Set<String> = [
        "init_mem_mapping", "alloc_low_pages", "memory_map_top_down", "memory_map_bottom_up", "init_range_memory_mapping",
    ]
    static let arm64ScanFunctions: Set<String> = ["arm64_memblock_init", "early_init_fdt_scan_reserved_mem", "memblock_alloc_range_nid"]

    /// The function that adds the e820 RAM (`memblock_x86_fill` before 4.14).
    static func isE820Setup(_ fn: String) -> Bool { fn == "e820__memblock_setup" || fn == "memblock_x86_fill" }

    /// Called before a printed call (or request) is emitted.
    mutating func beforeMemblockCall(caller: String, call: RangeCall?, line: Int) {
        let fn = callerFunction(caller)
        switch arch {
        case .x86_64:
            if call == .add && Self.isE820Setup(fn) && !x86.didIsaLimit { x86SetupLimits() }
            if Self.x86MappingFunctions.contains(fn) {
                x86.inInitMemMapping = true
            } else if x86.inInitMemMapping && !x86.didMaxMapped {
                x86MaxMapped()
            }
        case .arm64:
            if fn == "arm64_memblock_init" {
                arm.sawMemblockInit = true
                if call == .add, !arm.didMemLimit, let limit = memLimit() {
                    arm.didMemLimit = true
                    em.emit(.memLimitRemoveMap(.literal(limit)), by: "arm64_memblock_init",
                            inferred: "mem=\(limit >> 20)M on the command line: memblock_mem_limit_remove_map() before adding the kernel image back")
                }
            }
            if fn == "early_pgtable_alloc" { arm.sawPageTables = true }
            if arm.sawPageTables && !arm.didResize && fn != "early_pgtable_alloc" && fn != "paging_init" {
                // 6.12 prints no free of init_pg_dir: the first call after the page-table
                // run is past paging_init(), which allowed resizing.
                arm.didResize = true
                em.emit(.allowResize, by: "paging_init", inferred: "paging_init() calls memblock_allow_resize() once the linear map is built (the early_pgtable_alloc run above ends here)")
            }
            if arm.sawMemblockInit && !arm.didReservedMemScan && !Self.arm64ScanFunctions.contains(fn) {
                arm64StaticReservedMemory()
            }
        default:
            break
        }
    }

    /// Called after a printed call was emitted.
    mutating func afterMemblockCall(call: RangeCall, fn: String, base: UInt64, size: UInt64, line: Int) {
        switch arch {
        case .x86_64:
            if call == .add && Self.isE820Setup(fn) { x86.sawE820Add = true }
        case .arm64:
            if call == .physFree && fn == "paging_init" && !arm.didResize {
                arm.didResize = true
                em.emit(.allowResize, by: "paging_init", inferred: "paging_init() calls memblock_allow_resize() after freeing init_pg_dir (the memblock_phys_free above)")
            }
            if call == .add && fn == "arm64_memblock_init", index + 1 < events.count,
               case .range(.reserve, let b, let l, let c, _) = events[index + 1].event, b == base, l &- b &+ 1 == size,
               callerFunction(c) == "arm64_memblock_init" {
                em.emit(.clearNomap(base: .literal(base), size: .literal(size)), by: "arm64_memblock_init",
                        inferred: "the initrd: arm64_memblock_init() clears NOMAP between its memblock_add and memblock_reserve")
            }
        default:
            break
        }
    }

    /// Called after an allocation with a recorded result was emitted.
    mutating func afterAllocation(base: UInt64, size: UInt64, caller: String, line: Int) {
        guard arch == .arm64, callerFunction(caller) == "early_init_dt_alloc_reserved_memory_arch" else { return }
        var nomap = false
        var name = "a dynamic /reserved-memory node"
        if tree != nil {
            if let i = arm.dynamicNomaps.firstIndex(where: { $0.size == size }) {
                nomap = arm.dynamicNomaps[i].nomap
                arm.dynamicNomaps.remove(at: i)
                name = "the matching dynamic /reserved-memory node"
            }
        } else if let d = firstDump()?.dump {
            nomap = d.regions["memory", default: []].contains { $0.base == base && $0.size == size && $0.flags & 0x4 != 0 }
            name = "a dynamic no-map region (NOMAP in the dump)"
        }
        if nomap {
            em.emit(.markNomap(base: .literal(base), size: .literal(size)), by: "early_init_dt_alloc_reserved_memory_arch",
                    inferred: "\(name) is no-map: memblock_mark_nomap() right after its allocation")
        }
    }

    // MARK: x86_64

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

    // MARK: arm64

    /// `mem=` from the command line, as memparse reads it.
    func memLimit() -> UInt64? {
        guard let cl = commandLine else { return nil }
        for w in cl.split(separator: " ") where w.hasPrefix("mem=") {
            return Self.memparse(w.dropFirst(4))
        }
        return nil
    }

    /// The kernel's `memparse`: a number with an optional K/M/G/T/P/E suffix.
    static func memparse(_ s: Substring) -> UInt64? {
        var digits = s
        var shift: UInt64 = 0
        if let last = digits.last, let i = "KMGTPE".firstIndex(of: Character(last.uppercased())) {
            shift = UInt64(10 * ("KMGTPE".distance(from: "KMGTPE".startIndex, to: i) + 1))
            digits = digits.dropLast()
        }
        let v = digits.hasPrefix("0x") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
        guard let v, shift < 64, v <= UInt64.max >> shift else { return nil }
        return v << shift
    }

    /// The static `/reserved-memory` no-map regions (silent `memblock_mark_nomap`).
    mutating func arm64StaticReservedMemory() {
        arm.didReservedMemScan = true
        if let tree {
            for r in tree.reservedMemory {
                guard !r.isDynamic, r.nomap, r.okay else { continue }
                for range in r.regs where range.size != 0 {
                    let s = em.state
                    let busy = Memblock.overlapsRegion(s.memory, range.base, range.size) && s.isRegionReserved(range.base, range.size)
                    if busy {
                        em.comment("DT /reserved-memory/\(r.name) [\(hex(range.base))-\(hex(range.end &- 1))] is no-map but already reserved: the kernel refuses it (-EBUSY)")
                        continue
                    }
                    em.emit(.markNomap(base: .literal(range.base), size: .literal(range.size)), by: "early_init_fdt_scan_reserved_mem",
                            inferred: "DT /reserved-memory/\(r.name): static reg with no-map")
                }
            }
            arm.dynamicNomaps = tree.dynamicReservedMemoryOrder().map { ($0.size, $0.nomap) }
            return
        }
        guard let d = firstDump()?.dump else { return }
        let allocated = dynamicAllocationResults()
        for r in d.regions["memory", default: []] where r.flags & 0x4 != 0 && !allocated.contains(AddrRange(base: r.base, end: r.end)) {
            em.emit(.markNomap(base: .literal(r.base), size: .literal(r.size)), by: "early_init_fdt_scan_reserved_mem",
                    inferred: "NOMAP memory in the dump (line \(d.line)): a static no-map /reserved-memory region (give the DTB with --dtb to name it)")
        }
    }

    /// The ranges allocated for dynamic `/reserved-memory` nodes, from the log.
    func dynamicAllocationResults() -> Set<AddrRange> {
        var out: Set<AddrRange> = []
        var wanted = false
        for e in events {
            switch e.event {
            case .request(let r): wanted = callerFunction(r.caller) == "early_init_dt_alloc_reserved_memory_arch"
            case .range(.reserve, let b, let l, let c, _) where wanted && MemblockLineReader.isAllocatorInternal(callerFunction(c)):
                out.insert(AddrRange.inclusive(b, l))
                wanted = false
            default: break
            }
        }
        return out
    }

    /// `zone_sizes_init()` sets arm64_dma_phys_limit, so ARCH_LOW_ADDRESS_LIMIT changes.
    mutating func armZone(name: String, last: UInt64) {
        guard arch == .arm64, arm.dmaLimit == nil, name == "DMA" || name == "DMA32" else { return }
        arm.dmaLimit = last &+ 1
        em.pendingSettings.append(.lowLimit(last))
        em.comment("inferred: zone_sizes_init() sets arm64_dma_phys_limit to \(hex(last &+ 1)) (the \(name) zone line): ARCH_LOW_ADDRESS_LIMIT becomes \(hex(last))")
    }
}

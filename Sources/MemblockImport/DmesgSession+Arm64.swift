import Memblock
import MemblockTrace

// arm64: arm64_memblock_init(), the device tree's reserved memory, paging_init() and the
// DMA limit, around the printed calls.

/// arm64 bookkeeping.
struct Arm64State {
    var sawMemblockInit = false
    var didReservedMemScan = false
    var didResize = false
    var didMemLimit = false
    /// early_pgtable_alloc requests were seen (paging_init is running).
    var sawPageTables = false
    var dmaLimit: UInt64?
    var lastAddInit: AddrRange?
    var debugfsType: String?
    /// Dynamic reserved-memory allocations still to match: (size, no-map).
    var dynamicNomaps: [(size: UInt64, nomap: Bool)] = []
}

extension DmesgSession {
    static let arm64ScanFunctions: Set<String> = ["arm64_memblock_init", "early_init_fdt_scan_reserved_mem", "memblock_alloc_range_nid"]

    /// Before a printed call: `mem=`, the end of paging_init(), the static reserved memory.
    mutating func arm64BeforeCall(fn: String, call: RangeCall?) {
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
            // 6.12 prints no free of init_pg_dir: the first call after the page-table run is
            // past paging_init(), which allowed resizing.
            arm.didResize = true
            em.emit(.allowResize, by: "paging_init", inferred: "paging_init() calls memblock_allow_resize() once the linear map is built (the early_pgtable_alloc run above ends here)")
        }
        if arm.sawMemblockInit && !arm.didReservedMemScan && !Self.arm64ScanFunctions.contains(fn) {
            arm64StaticReservedMemory()
        }
    }

    /// After a printed call: 6.1's resize after the init_pg_dir free, the initrd's NOMAP clear.
    mutating func arm64AfterCall(call: RangeCall, fn: String, base: UInt64, size: UInt64) {
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
    }

    /// After an allocation: a dynamic no-map /reserved-memory region is marked NOMAP.
    mutating func arm64AfterAllocation(base: UInt64, size: UInt64, caller: String) {
        guard callerFunction(caller) == "early_init_dt_alloc_reserved_memory_arch" else { return }
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
}

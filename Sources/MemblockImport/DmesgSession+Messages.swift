import Memblock
import MemblockTrace

// Logs without memblock=debug: the memory map and the reservations the kernel announces in
// its own messages become steps, each with a comment naming the line it came from. Nothing
// here writes an expectation: the messages say where memory is, not what the allocator
// returned (the NODE_DATA and CMA lines, which do, are handled as silent allocations).

extension DmesgSession {
    /// Memory for a log that prints no memblock_add and has no dump or DTB: the `Early memory
    /// node ranges` (memblock.memory per node), else the EFI map, the MIPS firmware map, or
    /// as a last resort the zone spans.
    mutating func messageMemory() {
        var ranges: [(AddrRange, Int32?, String)] = []
        for e in events {
            switch e.event {
            case .nodeRange(let nid, let b, let l): ranges.append((.inclusive(b, l), nid, "log line \(e.line): `node \(nid): [mem \(hex(b))-\(hex(l))]` (Early memory node ranges: memblock.memory as free_area_init sees it)"))
            default: break
            }
        }
        if ranges.isEmpty {
            for e in events {
                if case .efiMemory(let b, let l, let t) = e.event, MessageLines.efiUsable.contains(t) {
                    ranges.append((.inclusive(b, l), nil, "log line \(e.line): EFI memory map entry `\(t)` (usable RAM)"))
                }
                if case .promMemory(let b, let size, let t) = e.event, t.hasPrefix("usable") || t == "ROM data" {
                    ranges.append((.capped(b, size), nil, "log line \(e.line): firmware map entry `\(t)`"))
                }
            }
        }
        if ranges.isEmpty {
            for e in events {
                if case .zone(let name, let b, let l) = e.event {
                    ranges.append((.inclusive(b, l), nil, "log line \(e.line): the \(name) zone's span (a guess: zones span holes, and no node ranges are printed)"))
                }
            }
            if !ranges.isEmpty { notes.append("\(file): memory is taken from the zone spans (no node ranges or firmware map printed): holes inside them are not known") }
        }
        guard !ranges.isEmpty else { return }
        notes.append("\(file): no memblock=debug lines: memory and reservations come from the kernel's messages (each step names its line)")
        phase("memory map (from the log's messages)")
        for (r, _, why) in ranges where !r.isEmpty {
            em.emit(.add(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_add_memory_arch", inferred: why)
        }
        let nids = Set(ranges.compactMap(\.1))
        guard em.state.config.numa, nids.count > 1 else { return }
        for (r, nid, _) in ranges where !r.isEmpty {
            guard let nid, nid >= 0, nid < em.state.config.maxNumnodes else { continue }
            em.emit(.setNode(base: .literal(r.base), size: .literal(r.size), type: .memory, nid: nid), by: "numa_add_memblk",
                    inferred: "node \(nid) from the node range line")
        }
    }

    /// A reservation message, in a log without memblock=debug lines (where it would be
    /// printed as a memblock_reserve already).
    mutating func messageReservation(_ e: LocatedEvent) {
        guard !logIndex.printsMemblock else { return }
        let line = e.line
        switch e.event {
        case .reservedMem(let b, let l, let nomap, let reusable, let name):
            let r = AddrRange.inclusive(b, l)
            phase("early_init_fdt_scan_reserved_mem: /reserved-memory")
            if nomap {
                guard Memblock.overlapsRegion(em.state.memory, r.base, r.size) else {
                    em.comment("log line \(line): /reserved-memory \(name) [\(hex(b))-\(hex(l))] is no-map outside memblock.memory: nothing to mark")
                    return
                }
                em.emit(.markNomap(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_reserve_memory",
                        inferred: "log line \(line): `OF: reserved mem` \(name), nomap")
            } else {
                em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_reserve_memory",
                        inferred: "log line \(line): `OF: reserved mem` \(name), \(reusable ? "reusable (CMA)" : "map, non-reusable")")
            }
        case .reservedPool(let cma, let b, let size):
            guard !logIndex.detailedReservedMemBases.contains(b) else { return }
            phase("early_init_fdt_scan_reserved_mem: /reserved-memory")
            guard size != 0 else {
                em.comment("log line \(line): a \(cma ? "CMA" : "DMA") pool at \(hex(b)) of less than 1 MiB (the line rounds its size down): left out")
                return
            }
            em.emit(.reserve(base: .literal(b), size: .literal(size)), by: "early_init_dt_reserve_memory",
                    inferred: "log line \(line): `Reserved memory: created \(cma ? "CMA" : "DMA") memory pool` (\(cma ? "reserved" : "a guess: reserved; whether it is no-map is not printed"))")
        case .ramdisk(let b, let l):
            phase("early_reserve_memory: initrd")
            em.emit(.reserve(base: .literal(b), size: .literal(l &- b &+ 1)), by: "early_reserve_initrd", inferred: "log line \(line): `RAMDISK: [mem \(hex(b))-\(hex(l))]`")
        case .acpiTable(let name, let b, let l):
            phase("acpi_boot_table_init: ACPI tables")
            em.emit(.reserve(base: .literal(b), size: .literal(l &- b &+ 1)), by: "acpi_reserve_initial_tables", inferred: "log line \(line): `ACPI: Reserving \(name) table memory`")
        case .crashKernel(_, let r?):
            phase("reserve_crashkernel")
            em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), by: "reserve_crashkernel", inferred: "log line \(line): the crash kernel's range")
        default:
            break
        }
    }
}

import Memblock
import MemblockReplay
import MemblockTrace

/// Imports a flattened device tree blob (read through libfdt) into the memblock steps Linux
/// 6.1 takes for it on arm64: `/memory` nodes (`memblock_add`, hotpluggable marks,
/// `linux,usable-memory-range`), the `/chosen` initrd, `/memreserve/` entries,
/// `/reserved-memory` children (static `reg` reserved or, with `no-map`, marked NOMAP;
/// dynamic `size`/`alignment`/`alloc-ranges` allocated in the kernel's order, with the model
/// choosing which `alloc-ranges` entry succeeds) and `numa-node-id` node assignment.
public enum DTBImporter {
    /// Imports a blob. Throws, with the offset in the message, when libfdt rejects it.
    public static func importBlob(_ bytes: [UInt8], file: String) throws(ImportError) -> ImportResult {
        let tree: DeviceTree
        do { tree = try DeviceTree(bytes) } catch { throw ImportError(file: file, line: 0, column: 0, message: error.message) }
        let arch: Arch = tree.arch == .unknown ? .arm64 : tree.arch
        let settings = ImportSettings.detect(arch: arch, nrCpus: nil, commandLine: tree.bootargs)
        let (config, configLine) = try settings.resolved(overrides: [:], file: file)
        var b = DTBStepBuilder(tree: tree, em: Emitter(config: config), file: file)
        b.run()
        var header = ["# mbviz import dtb \(file)", "# device tree: \(tree.summary)"]
        if let args = tree.bootargs { header.append("# bootargs: \(args)") }
        header += settings.reasons.map { "# settings: \($0)" }
        header += ["@mbtrace 1", "@arch \(arch.rawValue)", configLine]
        let nodes = Set(tree.memory.compactMap(\.nid) + tree.cpuNodes).filter { $0 >= 0 && $0 < Int(config.maxNumnodes) }.sorted()
        for n in nodes { header.append("@node \(n) \"node \(n)\"") }
        let text = b.em.text(header: header)
        var notes = b.notes
        var stats = ImportStats()
        stats.lines = 0
        stats.inferredSteps = b.em.planned.filter(\.inferred).count
        do {
            let trace = try TraceParser.parse(text, file: file)
            Replay.measure(trace, into: &stats, limit: Int.max)
            return ImportResult(trace: trace, text: text, notes: notes, stats: stats)
        } catch {
            notes.append("\(file): internal error: the imported trace does not parse: \(error.errors.first?.description ?? "")")
            return ImportResult(trace: Trace(file: file), text: text, notes: notes, stats: stats)
        }
    }
}

/// Emits the steps for one device tree, replaying them as it goes.
struct DTBStepBuilder {
    let tree: DeviceTree
    var em: Emitter
    let file: String
    var notes: [String] = []

    mutating func run() {
        notes.append("\(file): a device tree does not say where the loader put the blob itself or the kernel image: their reservations (setup_machine_fdt, arm64_memblock_init) are not in the trace; import the boot log with --dtb for a complete boot")
        if tree.reservedMemoryUnsupported {
            notes.append("\(file): /reserved-memory has #address-cells/#size-cells unlike the root's, or no ranges: the kernel ignores it (\"unsupported node format\")")
        }
        memoryNodes()
        initrd()
        reservedMemory()
        numaNodes()
    }

    mutating func memoryNodes() {
        em.phase("early_init_dt_scan_memory: /memory nodes")
        for m in tree.memory {
            em.comment("\(m.node): reg [\(hex(m.range.base))-\(hex(m.range.end &- 1))] (page-aligned)")
            em.emit(.add(base: .literal(m.range.base), size: .literal(m.range.size)), by: "early_init_dt_add_memory_arch")
            if m.hotpluggable {
                em.comment("\(m.node) is hotpluggable")
                em.emit(.markHotplug(base: .literal(m.range.base), size: .literal(m.range.size)), by: "early_init_dt_scan_memory")
            }
        }
        if let cap = tree.usableMemoryRange.first {
            em.comment("/chosen linux,usable-memory-range (a kdump kernel): memory is cut to the first range")
            em.emit(.capMemoryRange(base: .literal(cap.base), size: .literal(cap.size)), by: "early_init_dt_check_for_usable_mem_range")
            for r in tree.usableMemoryRange.dropFirst() {
                em.emit(.add(base: .literal(r.base), size: .literal(r.size)), by: "early_init_dt_check_for_usable_mem_range")
            }
        }
    }

    /// arm64_memblock_init(): the initrd is added back, un-NOMAPped and reserved, page-aligned.
    mutating func initrd() {
        guard let r = tree.initrd else { return }
        em.phase("arm64_memblock_init: initrd")
        let base = r.base & ~4095, end = (r.end &+ 4095) & ~4095
        let b = Argument.literal(base), s = Argument.literal(end &- base)
        em.comment("/chosen linux,initrd-start/end [\(hex(r.base))-\(hex(r.end))], page-aligned")
        em.emit(.add(base: b, size: s), by: "arm64_memblock_init")
        em.emit(.clearNomap(base: b, size: s), by: "arm64_memblock_init")
        em.emit(.reserve(base: b, size: s), by: "arm64_memblock_init")
    }

    /// early_init_fdt_scan_reserved_mem(): /memreserve/, static regs, then dynamic nodes.
    mutating func reservedMemory() {
        guard !tree.memreserve.isEmpty || !tree.reservedMemory.isEmpty else { return }
        em.phase("early_init_fdt_scan_reserved_mem: /memreserve/ and /reserved-memory")
        for (i, r) in tree.memreserve.enumerated() {
            em.comment("/memreserve/ entry \(i)")
            em.emit(.reserve(base: .literal(r.base), size: .literal(r.size)), by: "early_init_fdt_scan_reserved_mem")
        }
        for r in tree.reservedMemory where r.okay && !r.isDynamic {
            if r.badReg {
                notes.append("\(file): /reserved-memory/\(r.name): reg is not a whole number of (address, size) cells: skipped, as the kernel does")
                continue
            }
            for range in r.regs where range.size != 0 {
                if r.nomap {
                    let s = em.state
                    if Memblock.overlapsRegion(s.memory, range.base, range.size) && s.isRegionReserved(range.base, range.size) {
                        em.comment("/reserved-memory/\(r.name) is no-map but overlaps a reservation: the kernel refuses it (-EBUSY)")
                        continue
                    }
                    em.comment("/reserved-memory/\(r.name): static reg, no-map (marked NOMAP, not reserved)")
                    em.emit(.markNomap(base: .literal(range.base), size: .literal(range.size)), by: "early_init_fdt_scan_reserved_mem")
                } else {
                    em.comment("/reserved-memory/\(r.name): static reg")
                    em.emit(.reserve(base: .literal(range.base), size: .literal(range.size)), by: "early_init_fdt_scan_reserved_mem")
                }
            }
        }
        for (i, r) in tree.dynamicReservedMemoryOrder().enumerated() { dynamic(r, index: i) }
    }

    /// __reserved_mem_alloc_size(): tries each alloc-range until one allocation succeeds.
    mutating func dynamic(_ r: DeviceTree.ReservedMemory, index: Int) {
        if r.invalid {
            notes.append("\(file): /reserved-memory/\(r.name): size, alignment or alloc-ranges has the wrong length: skipped, as the kernel does")
            return
        }
        var align = r.alignment
        let cma = r.compatible.contains("shared-dma-pool") && r.reusable && !r.nomap
        if cma { align = Swift.max(align, 2 << 20) }  // CMA_MIN_ALIGNMENT_BYTES (pageblock, 2 MiB)
        if align == 0 { align = 64 }                  // SMP_CACHE_BYTES
        let label = "rmem\(index)_" + String(r.name.unicodeScalars.map { c -> Character in
            let ok = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "." || c == "-"
            return ok ? Character(c) : "_"
        })
        let windows = r.allocRanges.isEmpty ? [AddrRange(base: 0, end: 0)] : r.allocRanges
        for (i, w) in windows.enumerated() {
            let end = w.end == 0 ? UInt64.max : w.end
            var why = "/reserved-memory/\(r.name): dynamic, \(r.size >> 20 > 0 ? "\(r.size >> 20) MiB" : "\(r.size) bytes"), align \(hex(align))"
            if cma { why += " (reusable shared-dma-pool: at least CMA's 2 MiB)" }
            if !r.allocRanges.isEmpty { why += ", alloc-ranges entry \(i)" }
            em.comment(why)
            var step = TraceStep(operation: .physAllocRange(size: .literal(r.size), align: .literal(align), start: .literal(w.base), end: .literal(end)))
            step.label = label
            let got = em.emitStep(step, by: "early_init_dt_alloc_reserved_memory_arch")
            guard case .address? = got else { continue }
            if r.nomap {
                em.comment("/reserved-memory/\(r.name) is no-map")
                em.emit(.markNomap(base: .label(label), size: .literal(r.size)), by: "early_init_dt_alloc_reserved_memory_arch")
            }
            return
        }
        notes.append("\(file): /reserved-memory/\(r.name): no room for \(r.size) bytes in the model (the kernel prints \"failed to allocate memory for node\")")
    }

    /// of_numa_init(): numa-node-id of each memory node.
    mutating func numaNodes() {
        let withNodes = tree.memory.filter { $0.nid != nil }
        guard !withNodes.isEmpty else { return }
        em.phase("numa_init: numa-node-id")
        for m in withNodes {
            let nid = Int32(clamping: m.nid!)
            guard nid >= 0 && nid < em.state.config.maxNumnodes else {
                notes.append("\(file): \(m.node): numa-node-id \(m.nid!) is not below MAX_NUMNODES: ignored")
                continue
            }
            em.comment("\(m.node): numa-node-id \(nid)")
            em.emit(.setNode(base: .literal(m.range.base), size: .literal(m.range.size), type: .memory, nid: nid), by: "numa_add_memblk")
        }
    }
}

extension Emitter {
    /// Emits a prepared step (with its label), replaying it.
    @discardableResult
    mutating func emitStep(_ step: TraceStep, by: String?) -> StepOutcome.Result? {
        var s = step
        s.by = by
        s.settings = pendingSettings
        pendingSettings = []
        var outcome: StepOutcome.Result?
        chargeWork()
        if modelling { outcome = StepApplier.apply(s, to: &state, labels: &labels).result }
        planned.append(PlannedStep(step: s, comments: pendingComments, inferred: false, recorded: false))
        pendingComments = []
        return outcome
    }
}

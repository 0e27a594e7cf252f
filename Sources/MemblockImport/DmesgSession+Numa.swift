import Memblock
import MemblockTrace

// NUMA: memblock_set_node() and friends print nothing; the NUMA lines and the node-tagged
// dump say what they did. Candidates are checked against that dump with the model.

/// NUMA bookkeeping (both architectures).
struct NumaState {
    var resetDone = false
    var assigned = false
    /// x86 numa_init() has set top-down again (after its init function, before emulation).
    var topDownAgain = false
    var srat: [(nid: Int32, range: AddrRange)] = []
    var merges: [(nid: Int32, range: AddrRange)] = []
    var fake: AddrRange?
    var emulated: [(nid: Int32, range: AddrRange)] = []
    var markers: [String] = []
}

extension DmesgSession {
    var numaPhase: String { arch == .arm64 ? "bootmem_init: NUMA nodes and NODE_DATA" : "initmem_init: NUMA nodes and NODE_DATA" }

    /// A NUMA line.
    mutating func numaEvent(_ e: LocatedEvent) {
        if arch == .x86_64 && !numa.resetDone { x86NumaReset() }
        phase(numaPhase)
        switch e.event {
        case .numaMarker(let text): numa.markers.append(text)
        case .sratMemory(let nid, let base, let last, let hotplug):
            let r = AddrRange.inclusive(base, last)
            numa.srat.append((nid, r))
            if hotplug {
                em.emit(.markHotplug(base: .literal(r.base), size: .literal(r.size)), by: "acpi_numa_memory_affinity_init",
                        inferred: "SRAT marks node \(nid) [\(hex(base))-\(hex(last))] hot-pluggable (line \(e.line))")
            }
        case .numaMerge(let nid, let base, let last): numa.merges.append((nid, .inclusive(base, last)))
        case .fakeNode(let base, let last): numa.fake = .inclusive(base, last)
        case .emulatedNode(let nid, let base, let last):
            if arch == .x86_64 { x86TopDownAgain() }
            numa.emulated.append((nid, .inclusive(base, last)))
        default: break
        }
    }

    /// x86 `numa_init()`: every region back to "no node", HOTPLUG cleared.
    mutating func x86NumaReset() {
        numa.resetDone = true
        // init_mem_mapping() always runs before NUMA init, printed or not.
        if x86.didIsaLimit && !x86.didMaxMapped { x86MaxMapped() }
        phase(numaPhase)
        let all = Argument.literal(UInt64.max)
        // 6.1's numa_init() resets to MAX_NUMNODES; 6.12's numa_memblks_init() to NUMA_NO_NODE.
        let v612 = modelName == ModelledKernel.v6_12.rawValue
        let noNode: Int32 = v612 ? -1 : em.state.config.maxNumnodes
        let who = v612 ? "numa_memblks_init" : "numa_init"
        let value = v612 ? "NUMA_NO_NODE" : "MAX_NUMNODES"
        em.emit(.setNode(base: .literal(0), size: all, type: .memory, nid: noNode), by: who,
                inferred: "\(who)() resets every memory region to no node (memblock_set_node(0, ULLONG_MAX, &memblock.memory, \(value)))")
        em.emit(.setNode(base: .literal(0), size: all, type: .reserved, nid: noNode), by: who,
                inferred: "\(who)() does the same for reserved")
        em.emit(.clearHotplug(base: .literal(0), size: all), by: who,
                inferred: "\(who)() clears HOTPLUG in case SRAT parsing failed")
    }

    /// numa_init() sets top-down after its init function (SRAT or the dummy), before NUMA
    /// emulation and node registration.
    mutating func x86TopDownAgain() {
        guard !numa.topDownAgain else { return }
        numa.topDownAgain = true
        em.emit(.setBottomUp(false), by: "numa_init", inferred: "numa_init() resets memblock to top-down after parsing SRAT")
    }

    /// The next dump after the current event that prints nodes.
    func nextNodeDump() -> DumpSnapshot? {
        var lo = 0, hi = dumps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dumps[mid].index < index { lo = mid + 1 } else { hi = mid }
        }
        return dumps[lo...].first { $0.dump.hasNodes }?.dump
    }

    /// Node blocks that could explain the dump: from the NUMA lines, the DTB, the dump.
    func nodeBlockCandidates(_ dump: DumpSnapshot?) -> [(String, [(nid: Int32, range: AddrRange)])] {
        var out: [(String, [(nid: Int32, range: AddrRange)])] = []
        if !numa.emulated.isEmpty { out.append(("the numa=fake nodes (Faking node N lines)", numa.emulated)) }
        if !numa.srat.isEmpty { out.append(("the SRAT memory affinity lines", cleanedSRAT())) }
        if let tree, tree.memory.contains(where: { $0.nid != nil }) {
            // A blob can say anything: only node ids the kernel would accept count.
            let maxNid = Int(em.state.config.maxNumnodes)
            out.append(("the DTB's numa-node-id properties", tree.memory.compactMap { m in
                m.nid.flatMap { n in n >= 0 && n < maxNid ? (Int32(n), m.range) : nil }
            }))
        }
        if let f = numa.fake { out.append(("the dummy node (Faking a node line)", [(0, f)])) }
        if let d = dump {
            var blocks: [(nid: Int32, range: AddrRange)] = []
            for r in d.regions["memory", default: []] where r.size != 0 {
                guard let nid = r.nid else { continue }
                if let last = blocks.last, last.nid == nid, last.range.end <= r.base {
                    blocks[blocks.count - 1].range.end = r.end
                } else {
                    blocks.append((nid, AddrRange(base: r.base, end: r.end)))
                }
            }
            if let first = blocks.first, arch == .x86_64 {
                // x86 node blocks start at 0 and run to the next node's memory.
                var widened = blocks
                widened[0].range.base = Swift.min(first.range.base, 0)
                for i in widened.indices.dropLast() { widened[i].range.end = widened[i + 1].range.base }
                out.append(("the node ranges in the dump (line \(d.line)), widened", widened))
            }
            out.append(("the memory regions' nodes in the dump (line \(d.line))", blocks))
        }
        return out
    }

    /// SRAT blocks as numa_cleanup_meminfo() leaves them: only blocks over memory, cut at
    /// max_pfn, merged as the `NUMA: Node N … -> …` lines say.
    func cleanedSRAT() -> [(nid: Int32, range: AddrRange)] {
        let memory = RangeSet(em.state.memory.regions.filter { $0.size != 0 }.map { AddrRange(base: $0.base, end: $0.end) })
        let high = em.state.memory.isEmpty ? UInt64.max : roundDown(em.state.endOfDRAM, em.state.config.pageSize)
        var blocks: [(nid: Int32, range: AddrRange)] = []
        for b in numa.srat where memory.overlaps(b.range) {
            var r = b.range
            r.end = Swift.min(r.end, high)
            if !r.isEmpty { blocks.append((b.nid, r)) }
        }
        for m in numa.merges {
            blocks.removeAll { $0.nid == m.nid && $0.range.base >= m.range.base && $0.range.end <= m.range.end }
            blocks.append(m)
        }
        return blocks.sorted { $0.range < $1.range }
    }

    /// The memblock_set_node() steps of NUMA init, chosen to match the node-tagged dump.
    mutating func assignNodes(line: Int) {
        guard !numa.assigned else { return }
        numa.assigned = true
        if arch == .x86_64 && !numa.resetDone { x86NumaReset() }
        phase(numaPhase)
        let dump = nextNodeDump()
        let candidates = nodeBlockCandidates(dump)
        guard !candidates.isEmpty else {
            notes.append("\(file):\(line): NUMA nodes are not known (no NUMA lines, no node-tagged dump): memblock_set_node left out")
            return
        }
        var best = 0, bestScore = -1
        if let dump {
            for (i, c) in candidates.enumerated() {
                var trial = em
                trial.modelLimit = Int.max
                Self.applyNodeBlocks(c.1, to: &trial, arch: arch, reason: "")
                let score = Self.nodeScore(trial.state, dump)
                if score > bestScore { best = i; bestScore = score }
            }
        }
        let (source, blocks) = candidates[best]
        if arch == .x86_64 { x86TopDownAgain() }
        Self.applyNodeBlocks(blocks, to: &em, arch: arch, reason: source)
    }

    /// Emits the set_node (and x86 hotplug) steps for node blocks.
    static func applyNodeBlocks(_ blocks: [(nid: Int32, range: AddrRange)], to em: inout Emitter, arch: Arch, reason: String) {
        let maxNid = em.state.config.maxNumnodes
        for b in blocks where b.nid >= 0 && b.nid < maxNid {
            em.emit(.setNode(base: .literal(b.range.base), size: .literal(b.range.size), type: .memory, nid: b.nid),
                    by: arch == .arm64 ? "numa_add_memblk" : "numa_register_memblks",
                    inferred: "node \(b.nid) [\(hex(b.range.base))-\(hex(b.range.end &- 1))] from \(reason)")
        }
        guard arch == .x86_64 else { return }
        for b in blocks where b.nid >= 0 && b.nid < maxNid {
            em.emit(.setNode(base: .literal(b.range.base), size: .literal(b.range.size), type: .reserved, nid: b.nid),
                    by: "numa_clear_kernel_node_hotplug",
                    inferred: "numa_clear_kernel_node_hotplug() tags reserved regions with node \(b.nid), splitting them at node boundaries")
        }
        guard em.state.memory.regions.contains(where: { $0.flags.contains(.hotplug) }) else { return }
        let reservedNodes = Set(em.state.reserved.regions.map(\.nid).filter { $0 != maxNid })
        for b in blocks where reservedNodes.contains(b.nid) {
            em.emit(.clearHotplug(base: .literal(b.range.base), size: .literal(b.range.size)), by: "numa_clear_kernel_node_hotplug",
                    inferred: "node \(b.nid) holds reserved memory, so it is not hot-pluggable")
        }
    }

    /// How many regions of a state carry the node the dump shows for them.
    static func nodeScore(_ s: Memblock, _ d: DumpSnapshot) -> Int {
        var score = 0
        for (kind, name) in [(MemblockTypeKind.memory, "memory"), (.reserved, "reserved")] {
            let logged = d.regions[name, default: []]
            for r in s.type(kind).regions where r.size != 0 {
                guard let match = logged.first(where: { $0.base <= r.base && r.base < $0.end }) else { continue }
                let nid: Int32? = s.config.behaviour.dumpShowsNode(r.nid, maxNumnodes: s.config.maxNumnodes) ? r.nid : nil
                if match.nid == nid { score += 1 }
                if match.base == r.base && match.size == r.size { score += 1 }
            }
        }
        return score
    }

    /// The nodes in ascending order, for matching arm64's `NUMA: NODE_DATA` lines.
    func knownNodes() -> [Int32] {
        var nodes = Set<Int32>()
        if let tree {
            for m in tree.memory { if let n = m.nid { nodes.insert(Int32(clamping: n)) } }
            nodes.formUnion(tree.cpuNodes.map { Int32(clamping: $0) })
        }
        if let d = nextNodeDump() { nodes.formUnion(d.nodes) }
        if numa.fake != nil { nodes.insert(0) }
        for b in numa.emulated { nodes.insert(b.nid) }
        for b in numa.srat { nodes.insert(b.nid) }
        let valid = nodes.filter { $0 >= 0 && $0 < em.state.config.maxNumnodes }
        return valid.isEmpty ? [0] : valid.sorted()
    }
}

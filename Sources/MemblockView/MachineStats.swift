import Memblock

/// One NUMA node's share of the machine.
struct NodeStats: Equatable {
    /// The node, or nil for memory with no node (`MAX_NUMNODES`, or a negative nid).
    var nid: Int32?
    /// The node's span: from its lowest memory byte to one past its highest.
    var lo: PhysAddr = .max, hi: PhysAddr = 0
    /// Bytes of memory on the node.
    var memory: UInt64 = 0
    /// Reserved bytes that overlap the node's memory.
    var reserved: UInt64 = 0
    /// Memory regions on the node.
    var regions = 0
    /// Memory that is not reserved.
    var free: UInt64 { memory - reserved }
}

/// A state's `memory` and `reserved` regions as contiguous arrays, copied once per frame (a
/// block copy per leaf of their stores): the band samplers and the totals then read each
/// region in O(1), where the store's tree costs O(log n) per read.
struct ContiguousRegions {
    let memory: [MemblockRegion]
    let reserved: [MemblockRegion]
    let config: MemblockConfig

    init(_ state: Memblock) {
        memory = state.memory.regions.toArray()
        reserved = state.reserved.regions.toArray()
        config = state.config
    }
}

/// Totals of a state, computed in one merged walk over `memory` and `reserved`.
struct MachineStats: Equatable {
    /// Bytes of memory (the sum of region sizes; `memory.total_size` may be stale after a
    /// trim).
    var memory: UInt64 = 0
    /// Reserved bytes that overlap memory.
    var reservedInMemory: UInt64 = 0
    /// All reserved bytes.
    var reserved: UInt64 = 0
    /// Memory that is not reserved.
    var free: UInt64 { memory - reservedInMemory }
    /// Nodes by id, the no-node group last.
    var nodes: [NodeStats] = []
    /// Every flag some memory region carries.
    var flags: MemblockFlags = []

    /// The node a memory region belongs to: its nid (0 without NUMA); nil for no node.
    static func node(of r: MemblockRegion, _ config: MemblockConfig) -> Int32? {
        if !config.numa { return 0 }
        return r.nid < 0 || r.nid >= config.maxNumnodes ? nil : r.nid
    }

    /// The totals of `state`.
    init(_ state: Memblock) { self.init(ContiguousRegions(state)) }

    /// The totals of a state's regions.
    init(_ regions: ContiguousRegions) {
        let mem = regions.memory, res = regions.reserved
        for r in res { reserved &+= r.size }
        guard !mem.isEmpty else { return }
        var j = 0
        var last = -1
        for m in mem {
            let nid = Self.node(of: m, regions.config)
            // Reserved bytes inside this memory region (both arrays are sorted).
            while j < res.count && res[j].end <= m.base { j += 1 }
            var overlap: UInt64 = 0
            var k = j
            while k < res.count && res[k].base < m.end {
                let a = Swift.max(m.base, res[k].base), b = Swift.min(m.end, res[k].end)
                if a < b { overlap += b - a }
                k += 1
            }
            memory &+= m.size
            reservedInMemory &+= overlap
            flags.formUnion(m.flags)
            if last < 0 || nodes[last].nid != nid {
                last = nodes.firstIndex { $0.nid == nid } ?? { nodes.append(NodeStats(nid: nid)); return nodes.count - 1 }()
            }
            nodes[last].lo = Swift.min(nodes[last].lo, m.base)
            nodes[last].hi = Swift.max(nodes[last].hi, m.end)
            nodes[last].memory &+= m.size
            nodes[last].reserved &+= overlap
            nodes[last].regions += 1
        }
        nodes.sort { a, b in
            switch (a.nid, b.nid) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
    }

    /// A node's share of the machine's memory, in whole percent.
    func share(_ n: NodeStats) -> Int {
        memory == 0 ? 0 : Int((Double(n.memory) / Double(memory) * 100).rounded())
    }
}

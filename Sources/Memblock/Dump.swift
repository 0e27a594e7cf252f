// The kernel's own text formats, as pure functions of the state.

extension Memblock {
    /// `memblock_dump`: the count line and one line per entry of a type.
    func dumpLines(_ t: MemblockType, into out: inout String) {
        out += " \(t.name).cnt  = \(formatHashX(t.cnt))\n"
        for (idx, r) in t.regions.enumerated() {
            let node = config.numa && config.behaviour.dumpShowsNode(r.nid, maxNumnodes: config.maxNumnodes)
                ? " on node \(r.nid)" : ""
            out += " \(t.name)[\(formatHashX(idx))]\t[\(formatPA(r.base))-\(formatPA(r.base &+ r.size &- 1))], "
            out += "\(formatPA(r.size)) bytes\(node) flags: \(formatHashX(r.flags.rawValue))\n"
        }
    }

    /// `__memblock_dump_all()`: what `memblock_dump_all()` prints with `memblock=debug`,
    /// without printk prefixes, one line per `\n`.
    public func dumpAll() -> String {
        var out = "MEMBLOCK configuration:\n"
        out += " memory size = \(formatPA(memory.totalSize)) reserved size = \(formatPA(reserved.totalSize))\n"
        dumpLines(memory, into: &out)
        dumpLines(reserved, into: &out)
        if config.physMap { dumpLines(physmem, into: &out) }
        return out
    }

    /// One debugfs file, `/sys/kernel/debug/memblock/NAME`, one line per entry in the
    /// kernel's format (`KernelBehaviour.debugfsLine`: 6.12 adds the node and the flags).
    public func debugfs(_ kind: MemblockTypeKind) -> String {
        var out = ""
        let behaviour = config.behaviour
        for (i, r) in type(kind).regions.enumerated() {
            out += behaviour.debugfsLine(index: i, r, regionNode: regionNode(r), maxNumnodes: config.maxNumnodes)
        }
        return out
    }

    /// The debugfs files that exist in this configuration (`physmem` only with the phys map).
    public var debugfsKinds: [MemblockTypeKind] { config.physMap ? [.memory, .reserved, .physmem] : [.memory, .reserved] }
}

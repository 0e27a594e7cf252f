// The invariant checker the tests run after every step.

/// A broken invariant, with the type and index where it was found.
public struct InvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var description: String
}

extension MemblockType {
    /// Checks one type: `cnt <= max` (and `cnt >= 1` with the 6.1 dummy), no empty region but the dummy, sorted and
    /// disjoint, ends capped, compatible neighbours merged (unless a cap left them), and,
    /// when `checkTotal`, `total_size` equal to the sum of sizes (trim makes it stale).
    public func checkInvariants(numa: Bool, checkTotal: Bool = true) -> [InvariantViolation] {
        var out: [InvariantViolation] = []
        func fail(_ s: String) { out.append(InvariantViolation(description: "\(name): \(s)")) }
        let least = keepsDummyWhenEmpty ? 1 : 0
        if cnt < least || cnt > max { fail("cnt \(cnt) outside \(least)...\(max)") }
        if !(cnt == 1 && regions[0].size == 0 && keepsDummyWhenEmpty) {
            for (i, r) in regions.enumerated() where r.size == 0 { fail("region \(i) is empty") }
        }
        var sum: PhysAddr = 0
        for (i, r) in regions.enumerated() {
            sum &+= r.size
            if r.size > physAddrMax - r.base { fail("region \(i) runs past PHYS_ADDR_MAX") }
            if i + 1 < cnt {
                let n = regions[i + 1]
                if r.base &+ r.size > n.base { fail("regions \(i) and \(i + 1) overlap or are unsorted") }
                if r.base &+ r.size == n.base && (!numa || r.nid == n.nid) && r.flags == n.flags && !mayHoldUnmergedNeighbours {
                    fail("regions \(i) and \(i + 1) touch and are compatible but not merged")
                }
            }
        }
        if checkTotal && sum != totalSize { fail("total_size \(formatPA(totalSize)) != sum \(formatPA(sum))") }
        return out
    }
}

extension Memblock {
    /// Checks every type; `reserved` regions must also have flags 0 (6.1) or only RSRV_NOINIT
    /// (6.12), and `memory` regions never RSRV_NOINIT. `total_size` of memory
    /// is not checked when `memoryTotalMayBeStale` (after `memblock_trim_memory`).
    public func checkInvariants(memoryTotalMayBeStale: Bool = false) -> [InvariantViolation] {
        var out = memory.checkInvariants(numa: config.numa, checkTotal: !memoryTotalMayBeStale)
        out += reserved.checkInvariants(numa: config.numa)
        out += physmem.checkInvariants(numa: config.numa)
        let reservedFlags: MemblockFlags = config.behaviour.reservedRegionsHaveFlags ? .rsrvNoinit : .none
        for (i, r) in reserved.regions.enumerated() where !r.flags.subtracting(reservedFlags).isEmpty {
            out.append(InvariantViolation(description: "reserved: region \(i) has flags \(r.flags)"))
        }
        for (i, r) in memory.regions.enumerated() where r.flags.contains(.rsrvNoinit) {
            out.append(InvariantViolation(description: "memory: region \(i) has RSRV_NOINIT"))
        }
        return out
    }
}

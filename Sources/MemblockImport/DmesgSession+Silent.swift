import Memblock
import MemblockReplay
import MemblockTrace

// Allocations with a result line but no request line: memblock_phys_alloc_try_nid() and
// direct memblock_alloc_range_nid() calls (NODE_DATA, CMA). The request is rebuilt from the
// lines around it, and the model chooses the arguments that reproduce the address.

extension DmesgSession {
    /// What the lines after a silent allocation say it was.
    enum SilentKind {
        case nodeData(nid: Int32?)
        case cma
        case unknown
    }

    /// Looks ahead (up to the next memblock call) for the message that names the allocation.
    func silentKind(base: UInt64) -> SilentKind {
        var j = index + 1
        while j < events.count && j <= index + 16 {
            switch events[j].event {
            case .nodeData(let nid, let b, _) where b == base: return .nodeData(nid: nid)
            case .cmaReserved(let b, _) where b == base: return .cma
            case .range, .request, .dumpHeader: return .unknown
            default: break
            }
            j += 1
        }
        return .unknown
    }

    /// A `memblock_reserve … memblock_alloc_range_nid+…` line with no request before it.
    mutating func silentAllocation(base: UInt64, size: UInt64, line: Int, kind given: SilentKind? = nil) {
        let kind = given ?? silentKind(base: base)
        walk.silentBases.insert(base)
        let result = ResultExpectation.address(.literal(base))
        var candidates: [(Operation, String, String)] = []  // (operation, by, why)
        let pageSize = em.state.config.pageSize
        switch kind {
        case .nodeData(let printedNid):
            if !numa.assigned { assignNodes(line: line) }
            phase(numaPhase)
            let nodes = knownNodes()
            let expected = printedNid ?? (walk.nodeDataCount < nodes.count ? nodes[walk.nodeDataCount] : nodes.last!)
            walk.nodeDataCount += 1
            let who = arch == .arm64 ? "setup_node_data" : "alloc_node_data"
            let label = printedNid.map { "NODE_DATA(\($0))" } ?? "NODE_DATA of node \(expected)"
            var nids = [expected] + nodes.filter { $0 != expected }.prefix(16)
            nids.append(-1)
            for nid in nids {
                let how = nid == expected
                    ? (printedNid != nil ? "nid from the NODE_DATA(\(expected)) line" : "node \(expected): NODE_DATA line \(walk.nodeDataCount) of the nodes in order \(nodes.map(String.init).joined(separator: ", "))")
                    : "nid \(nid) (node \(expected) does not reproduce the address)"
                candidates.append((.physAllocTryNid(size: .literal(size), align: .literal(64), nid: nid), who,
                                   "\(label) allocated silently by memblock_phys_alloc_try_nid (\(who)); \(how); size from the reserve line"))
            }
        case .cma:
            phase(arch == .arm64 ? "dma_contiguous_reserve: CMA" : "dma_contiguous_reserve: CMA")
            let end = em.state.memory.isEmpty ? 0 : em.state.endOfDRAM
            var limits = [UInt64]()
            if let l = arm.dmaLimit { limits.append(l) }
            limits += [end, 1 << 32, 0]
            for align in [UInt64(2 << 20), 4 << 20, 1 << 20, 64 << 10, pageSize] {
                for limit in limits {
                    let l = limit & ~(align &- 1)
                    candidates.append((.allocRangeNid(size: .literal(size), align: .literal(align), start: .literal(0), end: .literal(l), nid: -1, exact: true),
                                       "cma_declare_contiguous_nid",
                                       "the default CMA area (cma: Reserved line), allocated silently by memblock_alloc_range_nid(size, \(align >> 10) KiB, 0, \(hex(l)), NUMA_NO_NODE, exact) from dma_contiguous_reserve()"))
                }
            }
        case .unknown:
            for nid in [Int32(-1)] + knownNodes().prefix(8) {
                for align in [UInt64(64), pageSize] {
                    candidates.append((.physAllocTryNid(size: .literal(size), align: .literal(align), nid: nid), "memblock_phys_alloc_try_nid",
                                       "an allocation with no request line (memblock_phys_alloc_try_nid or memblock_alloc_range_nid): arguments chosen to reproduce the address"))
                }
            }
        }
        for (op, by, why) in candidates where em.modelling {
            guard case .address(let a) = em.probe(op), a == base else { continue }
            if case .cma = kind { cmaBottomUpAttempt(size: size, op: op) }
            em.emit(op, by: by, result: result, inferred: why, recorded: true)
            return
        }
        // Nothing reproduced the address: pin it to the recorded range.
        var align = UInt64(1) << UInt64(Swift.min(base.trailingZeroBitCount, 12))
        if align == 0 { align = 1 }
        let pinned = Operation.allocRangeNid(size: .literal(size), align: .literal(align), start: .literal(base),
                                             end: .literal(base &+ size), nid: -1, exact: false)
        if em.modelling { note(line, "no reconstruction reproduces the silent allocation at \(hex(base)) (\(size) bytes): pinned to its recorded range") }
        em.emit(pinned, by: "memblock_alloc_range_nid", result: result,
                inferred: "an allocation with no request line; no candidate request reproduces \(hex(base)), so it is constrained to the recorded range", recorded: true)
    }

    /// A `NODE_DATA` or `cma: Reserved` line whose allocation printed no reserve line (no
    /// memblock=debug): the line itself records the address.
    mutating func announcedAllocation(_ kind: SilentKind, base: UInt64, size: UInt64, line: Int) {
        guard !walk.silentBases.contains(base), size != 0 else { return }
        flushPending(reason: "another allocation follows")
        em.comment("log line \(line) names this allocation; no memblock_reserve line printed it (memblock=debug off?)")
        silentAllocation(base: base, size: size, line: line, kind: kind)
    }

    /// cma_declare_contiguous_nid() first tries bottom-up from 4 GiB when RAM ends above
    /// 4 GiB + size; emit that attempt (it changes nothing when it fails).
    mutating func cmaBottomUpAttempt(size: UInt64, op: Operation) {
        guard op.kind == .allocRangeNid, let s = op[.size], let a = op[.align], let end = op[.end], !em.state.bottomUp,
              !em.state.memory.isEmpty, em.state.endOfDRAM >= (1 << 32) &+ size else { return }
        let attempt = Operation.allocRangeNid(size: s, align: a, start: .literal(1 << 32), end: end, nid: op.nid,
                                              exact: op.boolean)
        guard case .allocationFailed = em.probe(attempt, bottomUp: true) else { return }
        em.emit(.setBottomUp(true), by: "cma_declare_contiguous_nid", inferred: "RAM ends above 4 GiB + size: CMA is tried bottom-up from 4 GiB first")
        em.emit(attempt, by: "cma_declare_contiguous_nid", inferred: "the bottom-up attempt: the window [4 GiB, limit) has no room, so it fails")
        em.emit(.setBottomUp(false), by: "cma_declare_contiguous_nid", inferred: "back to top-down")
    }

    /// `memblock: TYPE is doubled to N at [A-B]`: the model doubles by itself inside the step
    /// that caused it; record the new capacity as a check.
    mutating func handleDoubling(type: String, count: Int, base: UInt64, last: UInt64, line: Int) {
        if arch == .x86_64 && numa.resetDone && !numa.assigned && type == "memory" { assignNodes(line: line) }
        guard let kind = MemblockTypeKind(rawValue: type), kind != .physmem else {
            note(line, "doubling of an unknown type \(type) ignored")
            return
        }
        em.annotateLast("the kernel doubled \(type) to \(count) entries at [\(hex(base))-\(hex(last))] during this step (log line \(line)); the model does it too")
        em.expect([(kind == .memory ? .memoryMax : .reservedMax, UInt64(count))])
        if em.modelling && em.state.type(kind).max != count {
            note(line, "the log doubles \(type) to \(count) here; the model's \(type).max is \(em.state.type(kind).max)")
        }
    }
}

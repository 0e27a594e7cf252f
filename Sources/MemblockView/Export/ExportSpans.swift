import Memblock

/// Exact address spans for vector pictures: where the terminal band samples coverage cell
/// by cell (and so must pick one kind per cell), a picture can draw every byte range at its
/// true position. Same classification as `bandCell`, byte by byte.
enum ExportSpans {
    /// A run of addresses of one kind, `[lo, hi)`.
    struct Span: Hashable {
        var lo: PhysAddr
        var hi: PhysAddr
        var kind: BandKind
    }

    /// One past the last byte of a region, saturating (a region may end at 2^64).
    static func end(_ r: MemblockRegion) -> PhysAddr {
        r.base.addingReportingOverflow(r.size).overflow ? .max : r.end
    }

    /// The kinds of `[window.lo, window.hi)`, in address order, holes left out and runs of
    /// one kind merged. With `node` set (a node pane) only that node's memory counts and
    /// reserved bytes show only inside it, as in the terminal's node bands.
    static func spans(_ state: Memblock, window: AddressWindow, node: Int32?? = .none) -> [Span] {
        let memory = state.memory.isEmpty ? [] : state.memory.regions.filter { $0.size > 0 }
        let reserved = state.reserved.isEmpty ? [] : state.reserved.regions.filter { $0.size > 0 }
        // Every address where the answer may change; between two of them it cannot.
        var cuts: [PhysAddr] = [window.lo, window.hi]
        for r in memory + reserved {
            let e = end(r)
            if e <= window.lo || r.base >= window.hi { continue }
            if r.base > window.lo { cuts.append(r.base) }
            if e < window.hi { cuts.append(e) }
        }
        cuts.sort()
        var out: [Span] = []
        var mi = 0, ri = 0
        var previous: PhysAddr?
        for a in cuts {
            defer { previous = a }
            guard let lo = previous, a > lo else { continue }
            // The arrays are sorted and disjoint: cursors find the region holding `lo`.
            while mi < memory.count && end(memory[mi]) <= lo { mi += 1 }
            while ri < reserved.count && end(reserved[ri]) <= lo { ri += 1 }
            let mem = mi < memory.count && memory[mi].base <= lo ? memory[mi] : nil
            let isReserved = ri < reserved.count && reserved[ri].base <= lo
            guard let kind = kind(memory: mem, reserved: isReserved, state.config, node: node) else { continue }
            if let last = out.last, last.kind == kind, last.hi == lo {
                out[out.count - 1].hi = a
            } else {
                out.append(Span(lo: lo, hi: a, kind: kind))
            }
        }
        return out
    }

    /// What a byte is, given the memory region holding it (if any) and whether it is
    /// reserved; nil for a hole. NOMAP and DRIVER_MANAGED memory is never allocated, so it
    /// shows as itself even where reserved (as `BandSampler` counts it).
    static func kind(memory m: MemblockRegion?, reserved: Bool, _ config: MemblockConfig, node: Int32??) -> BandKind? {
        var mem = m
        if let r = m, case .some(let wanted) = node, MachineStats.node(of: r, config) != wanted { mem = nil }
        if let r = mem {
            let k = memoryKind(r.flags)
            if k == .nomap || k == .driverManaged { return k }
            return reserved ? .reserved : k
        }
        if case .some = node { return nil }
        return reserved ? .reservedNoMemory : nil
    }

    /// Sorted, disjoint spans of another array (physmem, buddy blocks), clipped to `window`
    /// and with touching neighbours joined, so a picture needs one shape per run.
    static func runs(_ spans: [(lo: PhysAddr, hi: PhysAddr)], window: AddressWindow) -> [(lo: PhysAddr, hi: PhysAddr)] {
        var out: [(lo: PhysAddr, hi: PhysAddr)] = []
        for s in spans where s.hi > window.lo && s.lo < window.hi {
            let lo = Swift.max(s.lo, window.lo), hi = Swift.min(s.hi, window.hi)
            if let last = out.last, last.hi >= lo {
                out[out.count - 1].hi = Swift.max(last.hi, hi)
            } else {
                out.append((lo, hi))
            }
        }
        return out
    }
}

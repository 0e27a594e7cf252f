// Which kernel's memblock the model is, and every place where Linux 6.12 behaves differently
// from 6.1. The shared code asks `config.behaviour` at each of these points; nothing else in
// the model looks at the version. The kernel sources are the reference
// (mm/memblock.c of 6.1.192 and 6.12.117); ../shared/MEMBLOCK-6.12-DELTA.md maps them.

/// A modelled kernel: the `@kernel` of a trace.
public enum KernelVersion: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Linux 6.1 LTS (6.1.192): the default.
    case v6_1 = "6.1"
    /// Linux 6.12 LTS (6.12.117).
    case v6_12 = "6.12"

    /// `6.1` or `6.12`, as a trace spells it.
    public var description: String { rawValue }

    /// The versions a trace may name, for messages: `6.1, 6.12`.
    public static var supportedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// What this kernel's memblock does where the versions differ.
    @inlinable public var behaviour: KernelBehaviour { KernelBehaviour(version: self) }
}

/// The behaviour that differs between the modelled kernels, as one value.
///
/// Each property names one difference and says what each kernel does.
public struct KernelBehaviour: Hashable, Sendable {
    /// The kernel this describes.
    public let version: KernelVersion

    @inlinable public init(version: KernelVersion) { self.version = version }

    @inlinable var is612: Bool { version == .v6_12 }

    /// An empty type keeps a zero-sized dummy entry and `cnt` 1 (6.1), or has `cnt` 0 (6.12:
    /// static init, `memblock_remove_region` and the add fast path agree on it).
    @inlinable public var emptyTypeHasDummy: Bool { !is612 }

    /// `memblock_merge_regions` walks the whole array (6.1), or only the pairs around the
    /// inserted or isolated regions, `[start_rgn - 1, end_rgn]` (6.12).
    @inlinable public var mergesLocally: Bool { is612 }

    /// `memblock_add_range` inserts in one pass when `cnt * 2 + 1 < max` (6.1) or `<= max`
    /// (6.12). The results are the same; only the counting pass is skipped.
    @inlinable public func addRangeFitsInOnePass(cnt: Int, max: Int) -> Bool {
        is612 ? cnt * 2 + 1 <= max : cnt * 2 + 1 < max
    }

    /// `memblock_double_array` when resizing is not yet allowed: returns -1, so the caller
    /// fails with -ENOMEM (6.1), or panics with "memblock: cannot resize %s array" (6.12).
    @inlinable public var doubleArrayPanicsWithoutResize: Bool { is612 }

    /// The node selector of `should_skip_region`, the alloc fallback and
    /// `__next_mem_pfn_range`: 6.1 filters on `nid != NUMA_NO_NODE`, after turning
    /// `MAX_NUMNODES` into -1 with a WARN_ONCE; 6.12 filters only on a valid node
    /// (`numa_valid_node`: 0 ≤ nid < MAX_NUMNODES) and has no conversion.
    @inlinable public func selectsNode(_ nid: Int32, maxNumnodes: Int32) -> Bool {
        is612 ? Self.numaValidNode(nid, maxNumnodes: maxNumnodes) : nid != numaNoNode
    }

    /// Whether an allocation turns a requested `MAX_NUMNODES` into `NUMA_NO_NODE` with the
    /// "Usage of MAX_NUMNODES is deprecated" WARN_ONCE (6.1 only).
    @inlinable public var convertsMaxNumnodesWithWarning: Bool { !is612 }

    /// `numa_valid_node()`: 0 ≤ nid < MAX_NUMNODES.
    @inlinable public static func numaValidNode(_ nid: Int32, maxNumnodes: Int32) -> Bool {
        nid >= 0 && nid < maxNumnodes
    }

    /// The ` on node N` suffix of `memblock_dump`: printed unless nid == MAX_NUMNODES (6.1),
    /// or only for a valid node (6.12), so nid -1 prints none.
    @inlinable public func dumpShowsNode(_ nid: Int32, maxNumnodes: Int32) -> Bool {
        is612 ? Self.numaValidNode(nid, maxNumnodes: maxNumnodes) : nid != maxNumnodes
    }

    /// `memmap_init_reserved_pages` at the hand-off also runs `memblock_set_node` over
    /// `reserved` for every memory region, repeating while `reserved.max` changes (6.12);
    /// 6.1 leaves memblock's state alone there.
    @inlinable public var freeAllSetsReservedNodes: Bool { is612 }

    /// The flags a region may carry: 6.1 knows HOTPLUG, MIRROR, NOMAP and DRIVER_MANAGED;
    /// 6.12 adds RSRV_NOINIT (on `reserved` only, through `memblock_reserved_mark_noinit`,
    /// since 6.12's `memblock_setclr_flag` takes a type).
    @inlinable public var knownFlags: MemblockFlags { is612 ? [.all, .rsrvNoinit] : .all }

    /// Whether `reserved` regions may carry flags (RSRV_NOINIT, 6.12); always 0 in 6.1.
    @inlinable public var reservedRegionsHaveFlags: Bool { is612 }

    /// `__free_pages_memory`'s order for page frame 0: 6.1 takes `min(MAX_ORDER - 1,
    /// __ffs(0))` with `__ffs(0)` undefined (the model uses the largest order, as x86 does);
    /// 6.12 names it `MAX_PAGE_ORDER`. The blocks are the same.
    @inlinable public func orderForPageFrameZero(maxOrder: Int) -> Int { maxOrder }

    /// A `BUG_ON` of mm/memblock.c, by the line it is on in this kernel's source: the
    /// kernel prints `kernel BUG at mm/memblock.c:LINE!` and stops.
    public func bug(_ site: BugSite) -> KernelPanic {
        let line: Int
        switch site {
        case .doubleArrayReserve: line = is612 ? 501 : 493
        case .mergeRegionsOverlap: line = is612 ? 532 : 520
        case .insertRegionFull: line = is612 ? 565 : 552
        }
        return KernelPanic("kernel BUG at mm/memblock.c:\(line)!")
    }

    /// One line of the debugfs files `memblock/{memory,reserved}`: `%4d: %pa..%pa` (6.1),
    /// or with ` %4d ` (or `   x` for an invalid node) and the flag names (6.12).
    public func debugfsLine(index: Int, _ r: MemblockRegion, regionNode: Int32, maxNumnodes: Int32) -> String {
        let i = String(index)
        var line = String(repeating: " ", count: Swift.max(0, 4 - i.count)) + i
        line += ": \(formatPA(r.base))..\(formatPA(r.base &+ r.size &- 1))"
        guard is612 else { return line + "\n" }
        if Self.numaValidNode(regionNode, maxNumnodes: maxNumnodes) {
            let n = String(regionNode)
            line += " " + String(repeating: " ", count: Swift.max(0, 4 - n.count)) + n + " "
        } else {
            line += "    x "
        }
        return line + Self.debugfsFlagNames(r.flags) + "\n"
    }

    /// 6.12's debugfs flag names, bit by bit, joined by `|`; `NONE` for no flags.
    static func debugfsFlagNames(_ flags: MemblockFlags) -> String {
        if flags.isEmpty { return "NONE" }
        let names = ["HOTPLUG", "MIRROR", "NOMAP", "DRV_MNG", "RSV_NIT"]
        var out: [String] = []
        var bits = flags.rawValue, j = 0
        while bits != 0 {
            if bits & 1 != 0 { out.append(j < names.count ? names[j] : "UNKNOWN") }
            bits >>= 1
            j += 1
        }
        return out.joined(separator: "|")
    }
}

/// The `BUG_ON`s of mm/memblock.c that a trace can reach.
public enum BugSite: Hashable, Sendable {
    /// `memblock_double_array`: `BUG_ON(memblock_reserve(addr, new_alloc_size))`.
    case doubleArrayReserve
    /// `memblock_merge_regions`: `BUG_ON(this->base + this->size > next->base)`, a pair out
    /// of order or overlapping (after a trim that wrapped).
    case mergeRegionsOverlap
    /// `memblock_insert_region`: `BUG_ON(type->cnt >= type->max)`.
    case insertRegionFull
}

/// A kernel panic or BUG: the step that hit it is the last one; the model's state is that
/// before the step.
public struct KernelPanic: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's message, e.g. `memblock: cannot resize reserved array`.
    public var message: String

    public init(_ message: String) { self.message = message }

    /// The line the kernel prints: `Kernel panic - not syncing: MESSAGE`.
    public var description: String { "Kernel panic - not syncing: \(message)" }
}

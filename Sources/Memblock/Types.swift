/// A physical address or a size in bytes: the kernel's `phys_addr_t` (64-bit).
public typealias PhysAddr = UInt64

/// `PHYS_ADDR_MAX`: the highest physical address, all ones.
public let physAddrMax: PhysAddr = .max

/// `MEMBLOCK_ALLOC_ANYWHERE`: an allocation end with no limit at all.
public let memblockAllocAnywhere: PhysAddr = .max
/// `MEMBLOCK_ALLOC_ACCESSIBLE`: an allocation end meaning "up to `current_limit`".
public let memblockAllocAccessible: PhysAddr = 0
/// `MEMBLOCK_ALLOC_NOLEAKTRACE`: like `ACCESSIBLE`, and kmemleak is not told.
public let memblockAllocNoLeakTrace: PhysAddr = 1
/// `MEMBLOCK_LOW_LIMIT`: the lowest allocation start.
public let memblockLowLimit: PhysAddr = 0
/// `NUMA_NO_NODE`: as a selector, "any node".
public let numaNoNode: Int32 = -1
/// `ENOMEM`, returned negated by operations that could not grow a region array.
public let errnoENOMEM: Int32 = 12
/// `EINVAL`, returned negated by an operation the modelled kernel does not have.
public let errnoEINVAL: Int32 = 22

/// The flags of a `memory` region (`enum memblock_flags` in 6.1).
public struct MemblockFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MEMBLOCK_NONE`.
    public static let none: MemblockFlags = []
    /// `MEMBLOCK_HOTPLUG`: hotpluggable memory, skipped by allocations under `movable_node`.
    public static let hotplug = MemblockFlags(rawValue: 0x1)
    /// `MEMBLOCK_MIRROR`: mirrored memory, preferred once any mirror exists.
    public static let mirror = MemblockFlags(rawValue: 0x2)
    /// `MEMBLOCK_NOMAP`: not in the kernel's linear map; never allocated or freed to buddy.
    public static let nomap = MemblockFlags(rawValue: 0x4)
    /// `MEMBLOCK_DRIVER_MANAGED`: added by a driver; never allocated or freed to buddy.
    public static let driverManaged = MemblockFlags(rawValue: 0x8)
    /// `MEMBLOCK_RSRV_NOINIT` (6.12 only): a reserved region whose pages are not initialised
    /// at the hand-off.
    public static let rsrvNoinit = MemblockFlags(rawValue: 0x10)
    /// Every flag 6.1 knows.
    public static let all: MemblockFlags = [.hotplug, .mirror, .nomap, .driverManaged]

    /// The kernel's names, in bit order (RSRV_NOINIT exists in 6.12 only).
    public static let names: [(MemblockFlags, String)] = [
        (.hotplug, "HOTPLUG"), (.mirror, "MIRROR"), (.nomap, "NOMAP"), (.driverManaged, "DRIVER_MANAGED"),
        (.rsrvNoinit, "RSRV_NOINIT"),
    ]

    /// `NONE`, or the set names joined by `|` (`HOTPLUG|MIRROR`), as the trace format spells them.
    public var description: String {
        if isEmpty { return "NONE" }
        return Self.names.filter { contains($0.0) }.map(\.1).joined(separator: "|")
    }
}

/// One entry of a region array (`struct memblock_region`).
public struct MemblockRegion: Hashable, Sendable {
    /// First byte of the region.
    public var base: PhysAddr
    /// Length in bytes; 0 only for the dummy entry of an empty type.
    public var size: PhysAddr
    /// Flags; always empty for `reserved` regions in 6.1 (6.12 may set RSRV_NOINIT there).
    public var flags: MemblockFlags
    /// The stored node id: `MAX_NUMNODES` means "no node", -1 is kept verbatim.
    public var nid: Int32

    public init(base: PhysAddr, size: PhysAddr, flags: MemblockFlags = .none, nid: Int32) {
        self.base = base
        self.size = size
        self.flags = flags
        self.nid = nid
    }

    /// One past the last byte (wraps like C when base + size reaches 2^64).
    @inlinable public var end: PhysAddr { base &+ size }
}

/// Which of the region arrays a `MemblockType` is.
public enum MemblockTypeKind: String, Hashable, Sendable, CaseIterable {
    case memory, reserved, physmem
}

/// A region array (`struct memblock_type`): `memory`, `reserved` or `physmem`.
///
/// `regions` holds exactly `cnt` entries. An empty type holds one dummy entry of size 0 in
/// 6.1 (`cnt` 1) and none in 6.12 (`cnt` 0), as in the kernels.
public struct MemblockType: Hashable, Sendable {
    /// Which array this is; its name in dumps.
    public let kind: MemblockTypeKind
    /// The used entries (`regions[0..<cnt]`), in a B+tree (`RegionStore`): O(log n) insert,
    /// remove and lookup, and copies that share structure.
    public internal(set) var regions: RegionStore
    /// The array's capacity (`max`).
    public internal(set) var max: Int
    /// Sum of sizes, kept incrementally with C's wrapping arithmetic (stale after trim).
    public internal(set) var totalSize: PhysAddr
    /// Where the array lives: nil for the static boot array, else the physical base of the
    /// doubled array (reserved in `reserved`).
    public internal(set) var arrayBase: PhysAddr?
    /// Whether emptying the type leaves the zero-sized dummy entry (6.1) or nothing (6.12).
    public let keepsDummyWhenEmpty: Bool
    /// Set where an operation left touching, compatible regions unmerged (only
    /// `memblock_cap_memory_range` does), so a merge pass must not assume that only the
    /// regions it touched can merge. A hint for the fast paths, not part of the state: `==`
    /// and hashing leave it out.
    var mayHoldUnmergedNeighbours = false
    /// False once an operation left the array out of order or overlapping (only
    /// `memblock_trim_memory` can: its `round_up` wraps for a region at the top of the
    /// address space). The kernel's linear scans still work then; the fast paths, which
    /// search by address, require it. A hint like the one above: not part of `==`.
    var sortedAndDisjoint = true

    /// A `BUG_ON` an array primitive hit; the operation that called it turns it into the
    /// kernel's BUG (a panic) and clears it.
    var pendingBug: BugSite?

    /// Whether the address-ordered fast paths may run on this array.
    @inline(__always) var fastPathsHold: Bool { sortedAndDisjoint }

    /// Recomputes `sortedAndDisjoint` by a scan (after an operation that may break it).
    mutating func rescanOrder() {
        var ok = true
        var i = 1
        while i < regions.count {
            let a = regions[i - 1], b = regions[i]
            if a.base > b.base || a.size > physAddrMax - a.base || a.base &+ a.size > b.base { ok = false; break }
            i += 1
        }
        sortedAndDisjoint = ok
    }

    /// A new, empty type with the given capacity: the boot-time dummy (nid 0) in 6.1, no
    /// entry in 6.12.
    public init(kind: MemblockTypeKind, capacity: Int, keepsDummyWhenEmpty: Bool = true) {
        self.kind = kind
        self.keepsDummyWhenEmpty = keepsDummyWhenEmpty
        self.regions = keepsDummyWhenEmpty ? [MemblockRegion(base: 0, size: 0, nid: 0)] : []
        self.max = capacity
        self.totalSize = 0
        self.arrayBase = nil
    }

    /// The number of used entries, the 6.1 dummy included (`cnt`).
    @inlinable public var cnt: Int { regions.count }
    /// The type's name as the kernel prints it.
    public var name: String { kind.rawValue }
    /// True when the type holds no region (only the dummy in 6.1; nothing in 6.12). This is
    /// the kernel's `type->regions[0].size == 0` test.
    public var isEmpty: Bool { regions.isEmpty || (regions.count == 1 && regions[0].size == 0) }

    public static func == (a: MemblockType, b: MemblockType) -> Bool {
        a.kind == b.kind && a.max == b.max && a.totalSize == b.totalSize && a.arrayBase == b.arrayBase
            && a.keepsDummyWhenEmpty == b.keepsDummyWhenEmpty && a.regions == b.regions
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind)
        h.combine(max)
        h.combine(totalSize)
        h.combine(arrayBase)
        h.combine(regions)
    }
}

import Memblock

/// What one band cell is made of: bytes of each kind in the cell's address range.
struct Coverage: Equatable {
    /// Bytes in the cell's range.
    var total: UInt64 = 0
    /// Memory that is neither reserved nor flagged.
    var free: UInt64 = 0
    /// Reserved bytes inside memory (NOMAP and DRIVER_MANAGED memory excepted).
    var reserved: UInt64 = 0
    /// Reserved bytes outside memory.
    var reservedNoMemory: UInt64 = 0
    /// NOMAP memory (reserved or not: it is never allocated nor handed to buddy).
    var nomap: UInt64 = 0
    /// DRIVER_MANAGED memory (likewise never allocated).
    var driverManaged: UInt64 = 0
    /// Free HOTPLUG memory.
    var hotplug: UInt64 = 0
    /// Free MIRROR memory.
    var mirror: UInt64 = 0

    /// Bytes that are memory of any kind.
    var memory: UInt64 { free + reserved + nomap + driverManaged + hotplug + mirror }
}

/// The kinds a band cell can show, each with its own role and glyph so the band reads in
/// monochrome too.
enum BandKind: Int, CaseIterable {
    case hole, free, hotplug, mirror, nomap, driverManaged, reserved, reservedNoMemory

    /// The style role.
    var role: StyleRole {
        switch self {
        case .hole: return .hole
        case .free: return .memoryFree
        case .hotplug: return .hotplug
        case .mirror: return .mirror
        case .nomap: return .nomap
        case .driverManaged: return .driverManaged
        case .reserved: return .reserved
        case .reservedNoMemory: return .reservedNoMemory
        }
    }

    /// The glyph of a cell wholly of this kind.
    var glyph: Character {
        switch self {
        case .hole: return " "
        case .free: return "░"
        case .hotplug: return "╪"
        case .mirror: return "═"
        case .nomap: return "▒"
        case .driverManaged: return "▚"
        case .reserved: return "█"
        case .reservedNoMemory: return "▓"
        }
    }

    /// The legend's word for it.
    var legend: String {
        switch self {
        case .hole: return "hole"
        case .free: return "free"
        case .hotplug: return "hotplug"
        case .mirror: return "mirror"
        case .nomap: return "nomap"
        case .driverManaged: return "driver-managed"
        case .reserved: return "reserved"
        case .reservedNoMemory: return "reserved, no memory"
        }
    }
}

/// Left block elements by eighths: `partialBlocks[k]` covers k/8 of a cell.
let partialBlocks: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

/// The kind a memory region's free bytes show as (NOMAP over DRIVER_MANAGED over HOTPLUG
/// over MIRROR when several flags are set).
@inline(__always)
func memoryKind(_ flags: MemblockFlags) -> BandKind {
    if flags.isEmpty { return .free }
    if flags.contains(.nomap) { return .nomap }
    if flags.contains(.driverManaged) { return .driverManaged }
    if flags.contains(.hotplug) { return .hotplug }
    return .mirror
}

/// The cell for a coverage, and the kind it shows.
///
/// Reserved bytes (outside NOMAP and DRIVER_MANAGED memory) win the cell as soon as there
/// are any, drawn as a left block of their
/// share in eighths (at least one eighth, a full block only when the whole cell is
/// reserved), so a region far smaller than a cell still shows. Otherwise flagged memory
/// (NOMAP, DRIVER_MANAGED, HOTPLUG, MIRROR: the kind with most bytes) wins over free
/// memory, and any memory over a hole, so small regions of every kind show too.
@inline(__always)
func bandCell(_ c: Coverage) -> (Cell, BandKind) {
    let rsv = c.reserved + c.reservedNoMemory
    if rsv > 0 {
        let kind: BandKind = c.reserved >= c.reservedNoMemory ? .reserved : .reservedNoMemory
        if rsv >= c.total { return (Cell(kind.glyph, kind.role), kind) }
        let eighths = Swift.min(7, Swift.max(1, Int((Double(rsv) / Double(c.total) * 8).rounded())))
        return (Cell(partialBlocks[eighths], kind.role), kind)
    }
    // Flagged memory wins over plain free memory as soon as there is any (it is what a
    // reader looks for), then free memory over a hole.
    var best = BandKind.hole, bestBytes: UInt64 = 0
    @inline(__always) func consider(_ kind: BandKind, _ bytes: UInt64) {
        if bytes > bestBytes { best = kind; bestBytes = bytes }
    }
    consider(.hotplug, c.hotplug)
    consider(.mirror, c.mirror)
    consider(.nomap, c.nomap)
    consider(.driverManaged, c.driverManaged)
    if bestBytes == 0 { consider(.free, c.free) }
    return (Cell(best.glyph, best.role), best)
}

/// Measures coverage cell by cell, left to right, with cursors into the sorted region
/// arrays: a band of C columns over N regions costs O(C + N), not O(C · N).
struct BandSampler {
    let memory: [MemblockRegion]
    let reserved: [MemblockRegion]
    /// When set, only memory of this node (nil inside: no node) counts, for a node pane;
    /// reserved bytes then count only inside that memory.
    let node: Int32??
    let config: MemblockConfig
    private var mi = 0, ri = 0, rt = 0

    /// A sampler whose first cell starts at or after `start`, over the frame's contiguous
    /// copy of the regions (the cursors read each region in O(1)).
    init(regions: ContiguousRegions, start: PhysAddr, node: Int32?? = .none) {
        memory = regions.memory
        reserved = regions.reserved
        self.node = node
        config = regions.config
        mi = HoleFinder.firstEnding(above: start, memory)
        ri = HoleFinder.firstEnding(above: start, reserved)
        rt = ri
    }

    /// The coverage of `[lo, hi)`. Calls must come in address order.
    mutating func sample(_ lo: PhysAddr, _ hi: PhysAddr) -> Coverage {
        var c = Coverage()
        c.total = hi > lo ? hi - lo : 0
        var inMemory: UInt64 = 0
        while mi < memory.count && memory[mi].end <= lo { mi += 1 }
        var i = mi
        while i < memory.count {
            let m = memory[i]
            if m.base >= hi { break }
            i += 1
            if case .some(let wanted) = node, MachineStats.node(of: m, config) != wanted { continue }
            let p0 = Swift.max(lo, m.base), p1 = Swift.min(hi, m.end)
            if p0 >= p1 { continue }
            let len = p1 - p0
            let r = reservedBytes(p0, p1)
            inMemory += r
            switch memoryKind(m.flags) {
            case .nomap: c.nomap += len
            case .driverManaged: c.driverManaged += len
            case .hotplug: c.reserved += r; c.hotplug += len - r
            case .mirror: c.reserved += r; c.mirror += len - r
            default: c.reserved += r; c.free += len - r
            }
        }
        if case .none = node {
            var all: UInt64 = 0
            while rt < reserved.count && reserved[rt].end <= lo { rt += 1 }
            var j = rt
            while j < reserved.count && reserved[j].base < hi {
                let r = reserved[j]
                let a = Swift.max(lo, r.base), b = Swift.min(hi, r.end)
                if a < b { all += b - a }
                j += 1
            }
            c.reservedNoMemory = all > inMemory ? all - inMemory : 0
        }
        return c
    }

    /// Reserved bytes in `[p0, p1)`; calls come in address order.
    private mutating func reservedBytes(_ p0: PhysAddr, _ p1: PhysAddr) -> UInt64 {
        while ri < reserved.count && reserved[ri].end <= p0 { ri += 1 }
        var sum: UInt64 = 0
        var j = ri
        while j < reserved.count && reserved[j].base < p1 {
            let r = reserved[j]
            let a = Swift.max(p0, r.base), b = Swift.min(p1, r.end)
            if a < b { sum += b - a }
            j += 1
        }
        return sum
    }
}

/// Coverage of a single sorted array (physmem) or of buddy blocks, cell by cell.
struct SpanSampler {
    /// Sorted, disjoint `[lo, hi)` spans with a value (buddy: the order; physmem: 0).
    let spans: [(lo: PhysAddr, hi: PhysAddr, value: Int)]
    private var k = 0

    /// A sampler over `spans`, which must be sorted and disjoint.
    init(spans: [(lo: PhysAddr, hi: PhysAddr, value: Int)]) { self.spans = spans }

    /// Covered bytes and the largest value in `[lo, hi)`; calls come in address order.
    mutating func sample(_ lo: PhysAddr, _ hi: PhysAddr) -> (bytes: UInt64, maxValue: Int) {
        while k < spans.count && spans[k].hi <= lo { k += 1 }
        var bytes: UInt64 = 0, maxValue = -1
        var j = k
        while j < spans.count && spans[j].lo < hi {
            let a = Swift.max(lo, spans[j].lo), b = Swift.min(hi, spans[j].hi)
            if a < b { bytes += b - a; maxValue = Swift.max(maxValue, spans[j].value) }
            j += 1
        }
        return (bytes, maxValue)
    }

    /// The physmem regions as spans.
    static func physmem(_ state: Memblock) -> SpanSampler {
        SpanSampler(spans: state.physmem.isEmpty ? [] : state.physmem.regions.map { ($0.base, $0.end, 0) })
    }

    /// The buddy blocks as spans, by address, each valued by its order.
    static func buddy(_ buddy: BuddyAllocator, pageSize: PhysAddr) -> SpanSampler {
        self.buddy(buddy.blocks[...], pageSize: pageSize)
    }

    /// Some buddy blocks (those handed over so far) as spans, by address.
    static func buddy(_ blocks: ArraySlice<BuddyBlock>, pageSize: PhysAddr) -> SpanSampler {
        let shift = UInt64(pageSize.trailingZeroBitCount)
        var spans = blocks.map { b in
            (lo: b.pfn << shift, hi: (b.pfn + (1 << UInt64(b.order))) << shift, value: b.order)
        }
        var sorted = true
        for i in spans.indices.dropFirst() where spans[i - 1].lo > spans[i].lo { sorted = false; break }
        if !sorted { spans.sort { $0.lo < $1.lo } }
        return SpanSampler(spans: spans)
    }
}

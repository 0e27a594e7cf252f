import Memblock

/// How one type's regions changed between two states.
public struct RegionDiff: Hashable, Sendable {
    /// Indices, in the new state, of regions that are new or changed (base, size, flags or nid).
    public var changed: [Int] = []
    /// Regions of the old state that are gone (no region with the same base and size remains).
    public var removed: [MemblockRegion] = []
    /// True when `max` changed (the array was doubled).
    public var resized: Bool = false

    /// True when nothing changed.
    public var isEmpty: Bool { changed.isEmpty && removed.isEmpty && !resized }

    /// Compares two versions of a type (both sorted by base).
    public init(from old: MemblockType, to new: MemblockType) {
        resized = old.max != new.max
        if old.regions == new.regions { return }
        // The dummy entry of an empty type is not a region; leaving it out keeps indices right
        // because a non-empty type has no dummy.
        let o = old.regions.filter { $0.size != 0 }, n = new.regions.filter { $0.size != 0 }
        var i = 0, j = 0
        while i < o.count || j < n.count {
            if j == n.count || (i < o.count && o[i].base < n[j].base) {
                removed.append(o[i]); i += 1
            } else if i == o.count || n[j].base < o[i].base {
                changed.append(j); j += 1
            } else {
                if o[i] != n[j] { changed.append(j) }
                i += 1; j += 1
            }
        }
    }

    public init() {}
}

/// The changes a step made, per type.
public struct StepDiff: Hashable, Sendable {
    public var memory: RegionDiff
    public var reserved: RegionDiff
    public var physmem: RegionDiff

    /// Compares the state before a step with the state after it.
    public init(from old: Memblock, to new: Memblock) {
        memory = RegionDiff(from: old.memory, to: new.memory)
        reserved = RegionDiff(from: old.reserved, to: new.reserved)
        physmem = RegionDiff(from: old.physmem, to: new.physmem)
    }

    /// The diff of one type.
    public subscript(kind: MemblockTypeKind) -> RegionDiff {
        switch kind {
        case .memory: return memory
        case .reserved: return reserved
        case .physmem: return physmem
        }
    }
}

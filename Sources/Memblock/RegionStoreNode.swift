/// One node of a `RegionStore`: a leaf (its regions in `elements`) or an inner node (its
/// subtrees in `children`). Either way `count` is the number of regions below it.
///
/// A value built from arrays, so nodes are shared between copies and copied on write.
/// Every subtree but the root holds at least a quarter of its maximum (leaves
/// `leafMax / 4` regions, inner nodes `innerMax / 4` children) after a removal rebalances it.
@usableFromInline
struct RegionNode: Sendable {
    /// Regions per leaf at most: 64 regions of 24 bytes is 1.5 KB, a few cache lines to shift
    /// on insert, and what a checkpoint copies per changed leaf.
    @usableFromInline static let leafMax = 64
    /// Children per inner node at most.
    @usableFromInline static let innerMax = 32

    @usableFromInline var elements: [MemblockRegion]
    @usableFromInline var children: [RegionNode]
    @usableFromInline var count: Int

    @usableFromInline init(elements: [MemblockRegion]) {
        self.elements = elements
        self.children = []
        self.count = elements.count
    }

    @usableFromInline init(children: [RegionNode]) {
        self.elements = []
        self.children = children
        self.count = children.reduce(0) { $0 + $1.count }
    }

    @inlinable var isLeaf: Bool { children.isEmpty }

    /// The child holding position `index` and the index within it. For an insert, a
    /// position at the end of a child stays in that child (`inclusive`).
    @inlinable func child(for index: Int, inclusive: Bool = false) -> (Int, Int) {
        var i = index
        var c = 0
        let last = children.count - 1
        while c < last {
            let n = children[c].count
            if i < n || (inclusive && i == n) { break }
            i -= n
            c += 1
        }
        return (c, i)
    }

    @inlinable func element(at index: Int) -> MemblockRegion {
        if isLeaf { return elements[index] }
        let (c, i) = child(for: index)
        return children[c].element(at: i)
    }

    @inlinable mutating func set(_ region: MemblockRegion, at index: Int) {
        if isLeaf {
            elements[index] = region
            return
        }
        let (c, i) = child(for: index)
        children[c].set(region, at: i)
    }

    /// The leaf holding position `index`, and the index within it.
    @usableFromInline func leaf(containing index: Int) -> ([MemblockRegion], Int) {
        if isLeaf { return (elements, index) }
        let (c, i) = child(for: index)
        return children[c].leaf(containing: i)
    }

    /// The first region below this node.
    @inlinable var first: MemblockRegion {
        isLeaf ? elements[0] : children[0].first
    }

    @inlinable func partitioningIndex(where predicate: (MemblockRegion) -> Bool) -> Int {
        if isLeaf {
            var lo = 0, hi = elements.count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if predicate(elements[mid]) { hi = mid } else { lo = mid &+ 1 }
            }
            return lo
        }
        // m = the number of children whose first region fails the predicate.
        var lo = 0, hi = children.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if predicate(children[mid].first) { hi = mid } else { lo = mid &+ 1 }
        }
        if lo == 0 { return 0 }
        var offset = 0
        for c in 0..<(lo - 1) { offset += children[c].count }
        return offset + children[lo - 1].partitioningIndex(where: predicate)
    }

    /// Inserts at `index`; returns the right half when this node had to split.
    @usableFromInline mutating func insert(_ region: MemblockRegion, at index: Int) -> RegionNode? {
        count += 1
        if isLeaf {
            elements.insert(region, at: index)
            guard elements.count > Self.leafMax else { return nil }
            let half = elements.count / 2
            let right = RegionNode(elements: Array(elements[half...]))
            elements.removeSubrange(half...)
            count = elements.count
            return right
        }
        let (c, i) = child(for: index, inclusive: true)
        guard let split = children[c].insert(region, at: i) else { return nil }
        children.insert(split, at: c + 1)
        guard children.count > Self.innerMax else { return nil }
        let half = children.count / 2
        let right = RegionNode(children: Array(children[half...]))
        children.removeSubrange(half...)
        count -= right.count
        return right
    }

    /// True when a removal left this node below its minimum occupancy.
    @inlinable var isUnderfull: Bool {
        isLeaf ? elements.count < Self.leafMax / 4 : children.count < Self.innerMax / 4
    }

    /// Removes and returns the region at `index`, rebalancing an underfull child with a
    /// neighbour.
    @usableFromInline mutating func remove(at index: Int) -> MemblockRegion {
        count -= 1
        if isLeaf { return elements.remove(at: index) }
        let (c, i) = child(for: index)
        let r = children[c].remove(at: i)
        if children[c].count == 0 {
            children.remove(at: c)
        } else if children[c].isUnderfull && children.count > 1 {
            rebalance(c)
        }
        return r
    }

    /// Joins child `c` with a neighbour, or shares their entries evenly when both together
    /// would overflow one node.
    @usableFromInline mutating func rebalance(_ c: Int) {
        let a = c > 0 ? c - 1 : c, b = a + 1
        if children[a].isLeaf {
            let all = children[a].elements + children[b].elements
            if all.count <= Self.leafMax {
                children[a] = RegionNode(elements: all)
                children.remove(at: b)
            } else {
                let half = all.count / 2
                children[a] = RegionNode(elements: Array(all[..<half]))
                children[b] = RegionNode(elements: Array(all[half...]))
            }
        } else {
            let all = children[a].children + children[b].children
            if all.count <= Self.innerMax {
                children[a] = RegionNode(children: all)
                children.remove(at: b)
            } else {
                let half = all.count / 2
                children[a] = RegionNode(children: Array(all[..<half]))
                children[b] = RegionNode(children: Array(all[half...]))
            }
        }
    }
}

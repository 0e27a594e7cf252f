/// One node of a `PersistentList`: a leaf (its entries in `elements`) or an inner node (its
/// subtrees in `children`). Either way `count` is the number of entries below it.
///
/// A value built from arrays, so nodes are shared between copies and copied on write.
/// Every subtree but the root holds at least a quarter of its maximum (leaves
/// `leafMax / 4` entries, inner nodes `innerMax / 4` children) after a removal rebalances it.
@usableFromInline
struct PersistentListNode<Element: Sendable>: Sendable {
    /// Entries per leaf at most: 512 regions (or owner spans) of 24 bytes is 12 KiB, one contiguous run that
    /// most boots never leave, cheap to shift on insert and what a checkpoint keeps per
    /// changed leaf. Chosen by measurement against 32 (release `mbviz bench`, same machine):
    /// perf-100k replay 2,903 → 1,272 ns/step, its seek p99 13.4 → 9.1 ms.
    @inlinable static var leafMax: Int { 512 }
    /// Children per inner node at most.
    @inlinable static var innerMax: Int { 32 }

    @usableFromInline var elements: [Element]
    @usableFromInline var children: [PersistentListNode]
    @usableFromInline var count: Int

    @inlinable init(elements: [Element]) {
        self.elements = elements
        self.children = []
        self.count = elements.count
    }

    @inlinable init(children: [PersistentListNode]) {
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

    /// The element at `index`, found by walking down through raw pointers into the child
    /// buffers: no reference counting per level. The buffers are owned by this node, which
    /// the caller keeps alive and unchanged for the duration of the call.
    @inlinable func element(at index: Int) -> Element {
        if isLeaf { return elements[index] }
        return children.withUnsafeBufferPointer { top -> Element in
            var level = UnsafeBufferPointer(rebasing: top[...])
            var i = index
            while true {
                var c = 0
                let last = level.count - 1
                while c < last {
                    let n = level[c].count
                    if i < n { break }
                    i -= n
                    c += 1
                }
                let child = level.baseAddress! + c
                if child.pointee.children.isEmpty {
                    return child.pointee.elements.withUnsafeBufferPointer { $0[i] }
                }
                level = child.pointee.children.withUnsafeBufferPointer { $0 }
            }
        }
    }

    @inlinable mutating func set(_ element: Element, at index: Int) {
        if isLeaf {
            elements[index] = element
            return
        }
        let (c, i) = child(for: index)
        children[c].set(element, at: i)
    }

    /// Appends every element below this node, in order, a leaf at a time.
    @inlinable func appendElements(to out: inout [Element]) {
        if isLeaf { out.append(contentsOf: elements) } else { for c in children { c.appendElements(to: &out) } }
    }

    /// The leaf holding position `index`, and the index within it.
    @inlinable func leaf(containing index: Int) -> ([Element], Int) {
        if isLeaf { return (elements, index) }
        let (c, i) = child(for: index)
        return children[c].leaf(containing: i)
    }

    /// The first element below the node at `node` (a leaf holds at least one).
    @inlinable static func first(of node: UnsafePointer<PersistentListNode>) -> Element {
        var p = node
        while !p.pointee.children.isEmpty { p = p.pointee.children.withUnsafeBufferPointer { $0.baseAddress! } }
        return p.pointee.elements.withUnsafeBufferPointer { $0[0] }
    }

    @inlinable static func leafPartition(_ e: UnsafeBufferPointer<Element>,
                                         _ predicate: (Element) -> Bool) -> Int {
        var lo = 0, hi = e.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if predicate(e[mid]) { hi = mid } else { lo = mid &+ 1 }
        }
        return lo
    }

    /// The binary search of `PersistentList.partitioningIndex`, walking down through raw
    /// pointers as `element(at:)` does: at each level, the children whose first element fails
    /// the predicate come first; the partition point is inside the last of them.
    @inlinable func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        if isLeaf { return elements.withUnsafeBufferPointer { Self.leafPartition($0, predicate) } }
        return children.withUnsafeBufferPointer { top -> Int in
            var level = UnsafeBufferPointer(rebasing: top[...])
            var offset = 0
            while true {
                var lo = 0, hi = level.count
                while lo < hi {
                    let mid = (lo &+ hi) >> 1
                    if predicate(Self.first(of: level.baseAddress! + mid)) { hi = mid } else { lo = mid &+ 1 }
                }
                if lo == 0 { return offset }
                for c in 0..<(lo - 1) { offset += level[c].count }
                let child = level.baseAddress! + (lo - 1)
                if child.pointee.children.isEmpty {
                    return offset + child.pointee.elements.withUnsafeBufferPointer { Self.leafPartition($0, predicate) }
                }
                level = child.pointee.children.withUnsafeBufferPointer { $0 }
            }
        }
    }

    /// Inserts at `index`; returns the right half when this node had to split.
    @inlinable mutating func insert(_ element: Element, at index: Int) -> PersistentListNode? {
        count += 1
        if isLeaf {
            growIfFull(by: 1)
            elements.insert(element, at: index)
            guard elements.count > Self.leafMax else { return nil }
            let half = elements.count / 2
            let right = PersistentListNode(elements: Array(elements[half...]))
            // A fresh buffer for the left half too: the full one has grown to twice the
            // leaf size, and a checkpoint keeping this leaf would keep all of it.
            elements = Array(elements[..<half])
            count = elements.count
            return right
        }
        let (c, i) = child(for: index, inclusive: true)
        guard let split = children[c].insert(element, at: i) else { return nil }
        children.insert(split, at: c + 1)
        guard children.count > Self.innerMax else { return nil }
        let half = children.count / 2
        let right = PersistentListNode(children: Array(children[half...]))
        children.removeSubrange(half...)
        count -= right.count
        return right
    }

    /// Whether replacing `range` by `added` elements changes one leaf only, which stays
    /// within its bounds: at most `leafMax`, and at least `leafMax / 4` unless it is the root.
    @inlinable func fitsWithinLeaf(_ range: Range<Int>, adding added: Int, isRoot: Bool) -> Bool {
        if isLeaf {
            let n = elements.count - range.count + added
            return n <= Self.leafMax && (isRoot || n >= Self.leafMax / 4)
        }
        let (c, i) = child(for: range.lowerBound, inclusive: range.isEmpty)
        return i + range.count <= children[c].count
            && children[c].fitsWithinLeaf(i..<(i + range.count), adding: added, isRoot: false)
    }

    /// Replaces `range` with `new` inside the one leaf holding it. Precondition:
    /// `fitsWithinLeaf(range, adding: new.count, …)`.
    @inlinable mutating func replaceWithinLeaf(_ range: Range<Int>, with new: [Element]) {
        count += new.count - range.count
        if isLeaf {
            growIfFull(by: new.count - range.count)
            elements.replaceSubrange(range, with: new)
            return
        }
        let (c, i) = child(for: range.lowerBound, inclusive: range.isEmpty)
        children[c].replaceWithinLeaf(i..<(i + range.count), with: new)
    }

    /// Makes room for `added` more entries in this leaf's buffer, an eighth more (at least
    /// four) at a time: the buffer stays near its count (a doubling one is a third empty on
    /// average), and that is what a checkpoint keeping the leaf costs. A leaf is copied once
    /// every count / 8 inserts.
    @inlinable mutating func growIfFull(by added: Int) {
        let n = elements.count + added
        if added > 0 && n > elements.capacity {
            elements.reserveCapacity(Swift.min(Self.leafMax + 1, n + Swift.max(4, n / 8)))
        }
    }

    /// True when a removal left this node below its minimum occupancy.
    @inlinable var isUnderfull: Bool {
        isLeaf ? elements.count < Self.leafMax / 4 : children.count < Self.innerMax / 4
    }

    /// Removes and returns the element at `index`, rebalancing an underfull child with a
    /// neighbour.
    @inlinable mutating func remove(at index: Int) -> Element {
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
    @inlinable mutating func rebalance(_ c: Int) {
        let a = c > 0 ? c - 1 : c, b = a + 1
        if children[a].isLeaf {
            joinOrShare(a, b, children[a].elements + children[b].elements, max: Self.leafMax, PersistentListNode.init(elements:))
        } else {
            joinOrShare(a, b, children[a].children + children[b].children, max: Self.innerMax, PersistentListNode.init(children:))
        }
    }

    /// Children `a` and `b` become one node holding `all` when it fits in `max` entries, else
    /// two holding half each.
    @inlinable mutating func joinOrShare<T>(_ a: Int, _ b: Int, _ all: [T], max: Int, _ make: ([T]) -> PersistentListNode) {
        if all.count <= max {
            children[a] = make(all)
            children.remove(at: b)
            return
        }
        let half = all.count / 2
        children[a] = make(Array(all[..<half]))
        children[b] = make(Array(all[half...]))
    }

    /// The identity of this node's buffer (nil for an empty leaf, which owns none).
    @inlinable var buffer: UnsafeRawPointer? {
        isLeaf ? elements.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
            : children.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    @inlinable func collectBuffers(into set: inout Set<UnsafeRawPointer>) {
        if let b = buffer { set.insert(b) }
        for c in children { c.collectBuffers(into: &set) }
    }

    /// Bytes of this subtree's buffers that are not in `shared` (a shared buffer shares its
    /// whole subtree), each counted at its capacity plus a 32-byte heap header.
    @inlinable func bytesNotShared(in shared: Set<UnsafeRawPointer>) -> Int {
        guard let b = buffer else { return 0 }
        if shared.contains(b) { return 0 }
        if isLeaf { return 32 + elements.capacity * MemoryLayout<Element>.stride }
        return children.reduce(32 + children.capacity * MemoryLayout<PersistentListNode>.stride) { $0 + $1.bytesNotShared(in: shared) }
    }
}

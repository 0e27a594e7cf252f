/// The storage of a region array: a persistent B+tree of regions keyed by position.
///
/// Regions live in leaves of at most `RegionNode.leafMax` entries; inner nodes hold at most
/// `RegionNode.innerMax` children and know how many regions each subtree holds, so that
/// insert, remove and lookup by index take O(log n), and a search by address (over a sorted
/// store) takes O(log n) too. Nodes are values built from Swift arrays: copying a store is
/// O(1) and shares every node; the first change after a copy copies only the nodes on the
/// path to the change (copy-on-write, one leaf and one node per level), so a checkpoint of a
/// `Memblock` costs what the steps after it change, not the size of its arrays.
///
/// For small arrays (up to one leaf) the store is one contiguous array, like `[MemblockRegion]`.
public struct RegionStore: Sendable {
    @usableFromInline var root: RegionNode

    /// An empty store.
    @inlinable public init() { root = RegionNode(elements: []) }

    /// A store holding `regions` in order.
    public init<S: Sequence>(_ regions: S) where S.Element == MemblockRegion {
        self.init()
        for r in regions { append(r) }
    }

    /// The number of regions (`cnt`).
    @inlinable public var count: Int { root.count }

    /// The region at `index` (0..<count).
    @inlinable public subscript(index: Int) -> MemblockRegion {
        get {
            precondition(index >= 0 && index < root.count, "RegionStore index \(index) out of range 0..<\(root.count)")
            return root.element(at: index)
        }
        set {
            precondition(index >= 0 && index < root.count, "RegionStore index \(index) out of range 0..<\(root.count)")
            root.set(newValue, at: index)
        }
    }

    /// Inserts `region` at `index` (0...count), shifting the later regions up by one.
    public mutating func insert(_ region: MemblockRegion, at index: Int) {
        precondition(index >= 0 && index <= root.count, "RegionStore insert index \(index) out of range 0...\(root.count)")
        if let right = root.insert(region, at: index) {
            let left = root
            root = RegionNode(children: [left, right])
        }
    }

    /// Appends `region` after the last one.
    @inlinable public mutating func append(_ region: MemblockRegion) { insert(region, at: root.count) }

    /// Removes and returns the region at `index`, shifting the later regions down by one.
    @discardableResult
    public mutating func remove(at index: Int) -> MemblockRegion {
        precondition(index >= 0 && index < root.count, "RegionStore remove index \(index) out of range 0..<\(root.count)")
        let r = root.remove(at: index)
        collapseRoot()
        return r
    }

    /// Removes the regions in `range`.
    public mutating func removeSubrange(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= root.count, "RegionStore range \(range) out of range")
        if range.count == root.count {
            removeAll()
            return
        }
        for _ in range { root.remove(at: range.lowerBound) }
        collapseRoot()
    }

    /// Removes every region. `keepingCapacity` is accepted for call sites written against
    /// `Array`; a tree keeps no spare capacity.
    public mutating func removeAll(keepingCapacity: Bool = false) { root = RegionNode(elements: []) }

    /// Kept for call sites written against `Array`: a tree needs no reserved capacity.
    @inlinable public mutating func reserveCapacity(_ n: Int) {}

    /// The first index whose region satisfies `predicate`, or `count` if none does.
    ///
    /// Precondition: `predicate` is false for a prefix of the store and true for the rest
    /// (for example "ends above X" or "starts at or above X" on a sorted, non-overlapping
    /// store). Then this is the binary search of the kernel's sorted arrays, in O(log n).
    @inlinable
    public func partitioningIndex(where predicate: (MemblockRegion) -> Bool) -> Int {
        root.partitioningIndex(where: predicate)
    }

    /// Calls `body` with each index and region of `range`, in ascending order or, with
    /// `reverse`, descending, until it returns true. Walks leaf by leaf: O(log n) per leaf
    /// and O(1) per region, where indexing each region would cost O(log n).
    @inlinable
    public func forEach(in range: Range<Int>, reverse: Bool, _ body: (Int, MemblockRegion) -> Bool) {
        if range.isEmpty { return }
        var i = reverse ? range.upperBound - 1 : range.lowerBound
        while range.contains(i) {
            let (leaf, start) = root.leaf(containing: i)
            let stop = leaf.withUnsafeBufferPointer { e -> Bool in
                var k = start
                while k >= 0 && k < e.count && range.contains(i) {
                    if body(i, e[k]) { return true }
                    if reverse { k -= 1; i -= 1 } else { k += 1; i += 1 }
                }
                return false
            }
            if stop { return }
        }
    }

    /// A root with one child is replaced by that child, keeping the tree as low as possible.
    @usableFromInline mutating func collapseRoot() {
        while !root.isLeaf && root.children.count == 1 { root = root.children[0] }
        if !root.isLeaf && root.children.isEmpty { root = RegionNode(elements: []) }
    }

    /// The bytes of nodes of this store that `other` does not share: what keeping this
    /// store costs once `other` is kept (a checkpoint's cost after the previous one).
    ///
    /// Node buffers are compared by identity: both stores are alive here, so a buffer in
    /// both is one node, and its whole subtree is shared. O(nodes of `other` + changed nodes).
    public func bytesNotShared(with other: RegionStore) -> Int {
        var seen = Set<UnsafeRawPointer>()
        other.root.collectBuffers(into: &seen)
        return root.bytesNotShared(in: seen)
    }

    /// The bytes of all nodes of this store.
    public var bytes: Int { root.bytesNotShared(in: []) }

    /// The tree's height (1 for a single leaf); for tests and measurements.
    public var height: Int {
        var h = 1
        var n = root
        while !n.isLeaf { n = n.children[0]; h += 1 }
        return h
    }
}

extension RegionStore: RandomAccessCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { root.count }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }
    @inlinable public var indices: Range<Int> { 0..<root.count }

    /// Walks the store leaf by leaf: O(1) per region, plus O(log n) per leaf.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let store: RegionStore
        @usableFromInline var leaf: [MemblockRegion] = []
        @usableFromInline var position = 0
        @usableFromInline var nextIndex = 0

        @usableFromInline init(store: RegionStore) { self.store = store }

        @inlinable public mutating func next() -> MemblockRegion? {
            if position < leaf.count {
                defer { position += 1; nextIndex += 1 }
                return leaf[position]
            }
            guard nextIndex < store.count else { return nil }
            (leaf, position) = store.root.leaf(containing: nextIndex)
            position += 1
            nextIndex += 1
            return leaf[position - 1]
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(store: self) }
}

extension RegionStore: Hashable {
    /// Stores are equal when they hold the same regions in the same order (their tree
    /// shapes may differ).
    public static func == (a: RegionStore, b: RegionStore) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for r in self { hasher.combine(r) }
    }
}

extension RegionStore: ExpressibleByArrayLiteral {
    /// A store holding the listed regions.
    public init(arrayLiteral elements: MemblockRegion...) { self.init(elements) }
}

extension RegionStore: CustomStringConvertible {
    public var description: String { "RegionStore(\(Array(self)))" }
}

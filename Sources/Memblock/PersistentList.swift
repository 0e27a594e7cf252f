/// A list with O(log n) insert, remove and lookup by position, and O(1) copies: a persistent
/// B+tree keyed by position. It stores the region arrays (`RegionStore`) and, in the replay,
/// the owner map, which both change by a few entries per step and are kept at every
/// checkpoint.
///
/// Elements live in leaves of at most `PersistentListNode.leafMax` entries; inner nodes hold
/// at most `PersistentListNode.innerMax` children and know how many elements each subtree
/// holds, so that insert, remove and lookup by index take O(log n), and a binary search over
/// a sorted list (`partitioningIndex`) takes O(log n) too. Nodes are values built from Swift
/// arrays: copying a list is O(1) and shares every node; the first change after a copy copies
/// only the nodes on the path to the change (copy-on-write, one leaf and one node per level),
/// so a checkpoint costs what the steps after it change, not the size of the list.
///
/// Up to one leaf, the list is one contiguous array.
public struct PersistentList<Element: Sendable>: Sendable {
    @usableFromInline var root: PersistentListNode<Element>

    /// An empty list.
    @inlinable public init() { root = PersistentListNode<Element>(elements: []) }

    /// A list holding `elements` in order.
    @inlinable public init<S: Sequence>(_ elements: S) where S.Element == Element {
        self.init()
        for e in elements { append(e) }
    }

    /// The number of elements (a region array's `cnt`).
    @inlinable public var count: Int { root.count }

    /// The element at `index` (0..<count).
    @inlinable public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < root.count, "PersistentList index \(index) out of range 0..<\(root.count)")
            return root.element(at: index)
        }
        set {
            precondition(index >= 0 && index < root.count, "PersistentList index \(index) out of range 0..<\(root.count)")
            root.set(newValue, at: index)
        }
    }

    /// Inserts `element` at `index` (0...count), shifting the later elements up by one.
    @inlinable public mutating func insert(_ element: Element, at index: Int) {
        precondition(index >= 0 && index <= root.count, "PersistentList insert index \(index) out of range 0...\(root.count)")
        if let right = root.insert(element, at: index) {
            let left = root
            root = PersistentListNode<Element>(children: [left, right])
        }
    }

    /// Appends `element` after the last one.
    @inlinable public mutating func append(_ element: Element) { insert(element, at: root.count) }

    /// Removes and returns the element at `index`, shifting the later ones down by one.
    @discardableResult
    @inlinable public mutating func remove(at index: Int) -> Element {
        precondition(index >= 0 && index < root.count, "PersistentList remove index \(index) out of range 0..<\(root.count)")
        let r = root.remove(at: index)
        collapseRoot()
        return r
    }

    /// Removes the elements in `range`.
    @inlinable public mutating func removeSubrange(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= root.count, "PersistentList range \(range) out of range")
        if range.count == root.count {
            removeAll()
            return
        }
        for _ in range { _ = root.remove(at: range.lowerBound) }
        collapseRoot()
    }

    /// Replaces the elements in `range` with `elements`. When the range lies in one leaf and
    /// the leaf keeps between a quarter and all of its room, that is one change of that leaf
    /// (the common case: a few neighbours replaced by a few); otherwise a removal and inserts.
    @inlinable public mutating func replaceSubrange(_ range: Range<Int>, with elements: [Element]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= root.count, "PersistentList range \(range) out of range")
        if root.fitsWithinLeaf(range, adding: elements.count, isRoot: true) {
            root.replaceWithinLeaf(range, with: elements)
            return
        }
        removeSubrange(range)
        for (k, e) in elements.enumerated() { insert(e, at: range.lowerBound + k) }
    }

    /// Removes every element. `keepingCapacity` is accepted for call sites written against
    /// `Array`; a tree keeps no spare capacity.
    @inlinable public mutating func removeAll(keepingCapacity: Bool = false) { root = PersistentListNode<Element>(elements: []) }

    /// Kept for call sites written against `Array`: a tree needs no reserved capacity.
    @inlinable public mutating func reserveCapacity(_ n: Int) {}

    /// The first index whose element satisfies `predicate`, or `count` if none does.
    ///
    /// Precondition: `predicate` is false for a prefix of the list and true for the rest
    /// (for example "ends above X" or "starts at or above X" on a sorted, non-overlapping
    /// list). Then this is the binary search of the kernel's sorted arrays, in O(log n).
    @inlinable @inline(__always)
    public func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        root.partitioningIndex(where: predicate)
    }

    /// Calls `body` with each index and element of `range`, in ascending order or, with
    /// `reverse`, descending, until it returns true. Walks leaf by leaf: O(log n) per leaf
    /// and O(1) per element, where indexing each one would cost O(log n).
    @inlinable @inline(__always)
    public func forEach(in range: Range<Int>, reverse: Bool, _ body: (Int, Element) -> Bool) {
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

    /// The elements as one contiguous array, copied leaf by leaf (one block copy per leaf,
    /// where `Array(list)` would read element by element).
    @inlinable public func toArray() -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        root.appendElements(to: &out)
        return out
    }

    /// A root with one child is replaced by that child, keeping the tree as low as possible.
    @inlinable mutating func collapseRoot() {
        while !root.isLeaf && root.children.count == 1 { root = root.children[0] }
        if !root.isLeaf && root.children.isEmpty { root = PersistentListNode<Element>(elements: []) }
    }

    /// The bytes of nodes of this list that `other` does not share: what keeping this
    /// list costs once `other` is kept (a checkpoint's cost after the previous one).
    ///
    /// Node buffers are compared by identity: both lists are alive here, so a buffer in
    /// both is one node, and its whole subtree is shared. O(nodes of `other` + changed nodes).
    @inlinable public func bytesNotShared(with other: PersistentList) -> Int {
        var seen = Set<UnsafeRawPointer>()
        other.root.collectBuffers(into: &seen)
        return root.bytesNotShared(in: seen)
    }

    /// The bytes of all nodes of this list.
    @inlinable public var bytes: Int { root.bytesNotShared(in: []) }

    /// The tree's height (1 for a single leaf); for tests and measurements.
    public var height: Int {
        var h = 1
        var n = root
        while !n.isLeaf { n = n.children[0]; h += 1 }
        return h
    }
}

extension PersistentList: RandomAccessCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { root.count }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }
    @inlinable public var indices: Range<Int> { 0..<root.count }

    /// Walks the list leaf by leaf: O(1) per element, plus O(log n) per leaf.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let store: PersistentList
        @usableFromInline var leaf: [Element] = []
        @usableFromInline var position = 0
        @usableFromInline var nextIndex = 0

        @inlinable init(store: PersistentList) { self.store = store }

        @inlinable public mutating func next() -> Element? {
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

extension PersistentList: Equatable where Element: Equatable {
    /// Lists are equal when they hold the same elements in the same order (their tree
    /// shapes may differ).
    public static func == (a: PersistentList, b: PersistentList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}

extension PersistentList: Hashable where Element: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for r in self { hasher.combine(r) }
    }
}

extension PersistentList: ExpressibleByArrayLiteral {
    /// A list holding the listed elements.
    @inlinable public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension PersistentList: CustomStringConvertible {
    public var description: String { "PersistentList(\(Array(self)))" }
}

/// The storage of a region array (`memblock_type.regions`): see `PersistentList`.
public typealias RegionStore = PersistentList<MemblockRegion>

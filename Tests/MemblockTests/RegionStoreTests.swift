import XCTest
@testable import Memblock

/// `RegionStore` against `Array` on random operation sequences, plus its tree invariants,
/// value semantics and structure sharing.
final class RegionStoreTests: XCTestCase {
    /// A small deterministic generator (SplitMix64).
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    func region(_ i: UInt64) -> MemblockRegion {
        MemblockRegion(base: i << 12, size: 0x1000, flags: .none, nid: Int32(i % 7))
    }

    /// Every node's count is the sum below it, leaves and inner nodes stay within their
    /// maximum, and non-root nodes above their minimum.
    func checkInvariants(_ node: PersistentListNode<MemblockRegion>, isRoot: Bool, file: StaticString = #filePath, line: UInt = #line) -> Int {
        if node.isLeaf {
            XCTAssertEqual(node.count, node.elements.count, "leaf count", file: file, line: line)
            XCTAssertLessThanOrEqual(node.elements.count, PersistentListNode<MemblockRegion>.leafMax, file: file, line: line)
            if !isRoot { XCTAssertGreaterThan(node.elements.count, 0, "empty non-root leaf", file: file, line: line) }
            return 1
        }
        XCTAssertLessThanOrEqual(node.children.count, PersistentListNode<MemblockRegion>.innerMax, file: file, line: line)
        if isRoot { XCTAssertGreaterThan(node.children.count, 1, "root with one child", file: file, line: line) }
        XCTAssertEqual(node.count, node.children.reduce(0) { $0 + $1.count }, "inner count", file: file, line: line)
        let heights = Set(node.children.map { checkInvariants($0, isRoot: false, file: file, line: line) })
        XCTAssertEqual(heights.count, 1, "leaves at different depths", file: file, line: line)
        return (heights.first ?? 0) + 1
    }

    func test_randomOperations_matchArray_andKeepTreeInvariants() {
        var totalOps = 0
        var maxHeight = 0
        for seed in 0..<30 {
            var rng = Rng(state: UInt64(seed))
            // Every third sequence starts just past a full two-level tree, so it grows a third level.
            let deep = PersistentListNode<MemblockRegion>.leafMax * PersistentListNode<MemblockRegion>.innerMax + 1000
            var array: [MemblockRegion] = seed % 3 == 0 ? (0..<deep).map { region(UInt64($0)) } : []
            var store = RegionStore(array)
            let ops = 4000
            // Phases of 1000 operations grow and shrink the store through several heights.
            for op in 0..<ops {
                let growing = (op / 1000) % 2 == 0
                let choice = rng.below(100)
                if array.isEmpty || (growing ? choice < 85 : choice < 25) {
                    let i = rng.below(array.count + 1)
                    let r = region(rng.next() % 100_000)
                    store.insert(r, at: i)
                    array.insert(r, at: i)
                } else if choice < 90 {
                    let i = rng.below(array.count)
                    XCTAssertEqual(store.remove(at: i), array.remove(at: i))
                } else if choice < 94 {
                    let i = rng.below(array.count)
                    let j = Swift.min(array.count, i + rng.below(growing ? 4 : 40))
                    store.removeSubrange(i..<j)
                    array.removeSubrange(i..<j)
                } else if choice < 97 {
                    // A few neighbours replaced by a few others (the owner map's claim and release).
                    let i = rng.below(array.count + 1)
                    let j = Swift.min(array.count, i + rng.below(4))
                    let new = (0..<rng.below(growing ? 5 : 2)).map { _ in region(rng.next() % 100_000) }
                    store.replaceSubrange(i..<j, with: new)
                    array.replaceSubrange(i..<j, with: new)
                } else {
                    let i = rng.below(array.count)
                    store[i].size &+= 1
                    array[i].size &+= 1
                }
                XCTAssertEqual(store.count, array.count)
                if !array.isEmpty {
                    let k = rng.below(array.count)
                    XCTAssertEqual(store[k], array[k], "seed \(seed) op \(op) index \(k)")
                }
                if op % 250 == 0 {
                    _ = checkInvariants(store.root, isRoot: true)
                    XCTAssertEqual(Array(store), array, "seed \(seed) op \(op)")
                    XCTAssertEqual(store.toArray(), array, "seed \(seed) op \(op)")
                }
                maxHeight = Swift.max(maxHeight, store.height)
            }
            XCTAssertEqual(Array(store), array, "seed \(seed)")
            _ = checkInvariants(store.root, isRoot: true)
            totalOps += ops
        }
        XCTAssertEqual(totalOps, 120_000)
        XCTAssertGreaterThanOrEqual(maxHeight, 3, "the sequences never reached a three-level tree")
    }

    func test_partitioningIndex_isTheBinarySearchOfTheSortedArray() {
        var store = RegionStore()
        var array: [MemblockRegion] = []
        for i in 0..<(PersistentListNode<MemblockRegion>.leafMax * PersistentListNode<MemblockRegion>.innerMax + 1000) {
            let r = MemblockRegion(base: UInt64(i) * 0x3000, size: 0x1000, nid: 0)
            store.append(r)
            array.append(r)
        }
        XCTAssertGreaterThanOrEqual(store.height, 3)
        var rng = Rng(state: 7)
        for _ in 0..<2000 {
            let addr = rng.next() % (UInt64(array.count + 1) * 0x3000)
            let expected = array.firstIndex { $0.end > addr } ?? array.count
            XCTAssertEqual(store.partitioningIndex { $0.end > addr }, expected, "end above \(addr)")
            let expected2 = array.firstIndex { $0.base > addr } ?? array.count
            XCTAssertEqual(store.partitioningIndex { $0.base > addr }, expected2, "base above \(addr)")
        }
        XCTAssertEqual(store.partitioningIndex { _ in true }, 0)
        XCTAssertEqual(store.partitioningIndex { _ in false }, array.count)
        XCTAssertEqual(RegionStore().partitioningIndex { _ in true }, 0)
    }

    func test_copy_isIndependent_andSharesUntouchedLeaves() {
        var store = RegionStore((0..<10_000).map { region(UInt64($0)) })
        let checkpoint = store
        store[5000] = region(99_999)
        store.insert(region(12345), at: 0)
        store.remove(at: 9000)
        XCTAssertEqual(checkpoint.count, 10_000)
        XCTAssertEqual(checkpoint[5000], region(5000))
        XCTAssertEqual(Array(checkpoint), (0..<10_000).map { region(UInt64($0)) })
        XCTAssertEqual(store[0], region(12345))
        XCTAssertEqual(store[5001], region(99_999))
        // Leaves nobody touched are the same buffers in both trees.
        let shared = sharedLeaves(store.root, checkpoint.root)
        XCTAssertGreaterThan(shared, 10_000 / PersistentListNode<MemblockRegion>.leafMax / 2)
    }

    /// Leaves of `a` whose element buffer is also a leaf buffer of `b`.
    func sharedLeaves(_ a: PersistentListNode<MemblockRegion>, _ b: PersistentListNode<MemblockRegion>) -> Int {
        func leafBuffers(_ n: PersistentListNode<MemblockRegion>) -> [UnsafeRawPointer] {
            if n.isLeaf { return n.elements.withUnsafeBufferPointer { $0.baseAddress.map { [UnsafeRawPointer($0)] } ?? [] } }
            return n.children.flatMap(leafBuffers)
        }
        return Set(leafBuffers(a)).intersection(leafBuffers(b)).count
    }

    func test_equality_ignoresTreeShape() {
        let regions = (0..<300).map { region(UInt64($0)) }
        var built = RegionStore()
        for r in regions.reversed() { built.insert(r, at: 0) }
        XCTAssertEqual(built, RegionStore(regions))
        XCTAssertEqual(built.hashValue, RegionStore(regions).hashValue)
        built[299].nid = 3
        XCTAssertNotEqual(built, RegionStore(regions))
    }

    func test_removeEverything_leavesAnEmptyLeaf() {
        var store = RegionStore((0..<2000).map { region(UInt64($0)) })
        while !store.isEmpty { store.remove(at: store.count / 2) }
        XCTAssertEqual(store.count, 0)
        XCTAssertEqual(store.height, 1)
        store.append(region(1))
        XCTAssertEqual(Array(store), [region(1)])
    }

    func test_bytesNotShared_countsOnlyTheChangedPath() {
        let base = RegionStore((0..<20_000).map { region(UInt64($0)) })
        XCTAssertEqual(base.bytesNotShared(with: base), 0)
        var changed = base
        changed[12_345].size = 1
        let full = changed.bytes
        let extra = changed.bytesNotShared(with: base)
        XCTAssertGreaterThan(full, 20_000 * MemoryLayout<MemblockRegion>.stride)
        // One leaf and one node per level above it.
        XCTAssertGreaterThan(extra, 0)
        XCTAssertLessThan(extra, 32 + PersistentListNode<MemblockRegion>.leafMax * MemoryLayout<MemblockRegion>.stride
                          + changed.height * (32 + PersistentListNode<MemblockRegion>.innerMax * MemoryLayout<PersistentListNode<MemblockRegion>>.stride) + 1)
        XCTAssertEqual(base.bytesNotShared(with: changed), extra - (changed.bytes - base.bytes))
    }

    func test_forEachInRange_visitsTheRangeInOrder_andStopsWhenAsked() {
        let regions = (0..<3000).map { region(UInt64($0)) }
        let store = RegionStore(regions)
        for (range, reverse) in [(0..<3000, false), (17..<2100, true), (40..<41, false), (5..<5, true)] {
            var seen: [Int] = []
            store.forEach(in: range, reverse: reverse) { i, r in
                XCTAssertEqual(r, regions[i])
                seen.append(i)
                return false
            }
            XCTAssertEqual(seen, reverse ? Array(range.reversed()) : Array(range))
        }
        var count = 0
        store.forEach(in: 100..<3000, reverse: false) { i, _ in count += 1; return i == 1234 }
        XCTAssertEqual(count, 1135)
    }
}

import Memblock

/// The region store's micro-benchmark (`mbviz bench --store`): the same random operations on
/// `RegionStore` and on `[MemblockRegion]`, at 1k, 10k and 100k regions, ns per operation
/// (median of `runs`). `copy_change` is a checkpoint's cost: copy the whole store, then
/// change one region of the copy.
func storeFigures(runs: Int) -> [BenchFigure] {
    var out: [BenchFigure] = []
    for n in [1_000, 10_000, 100_000] {
        let regions = (0..<n).map { MemblockRegion(base: UInt64($0) * 0x2000, size: 0x1000, nid: 0) }
        for kind in ["array", "store"] {
            var times: [String: [Double]] = [:]
            for _ in 0..<runs {
                let t = kind == "array" ? timeOps(regions, [MemblockRegion].self) : timeOps(regions, RegionStore.self)
                for (k, v) in t { times[k, default: []].append(v) }
            }
            for k in ["insert_remove", "lookup", "search", "copy_change"] {
                out.append(BenchFigure(name: "\(kind)_\(k)_\(n)", value: median(times[k] ?? [0]), unit: "ns/op"))
            }
        }
    }
    return out
}

/// What the benchmark needs of a region container; `Array` and `RegionStore` both have it.
protocol BenchRegions: RandomAccessCollection where Element == MemblockRegion, Index == Int {
    init(_ regions: [MemblockRegion])
    subscript(index: Int) -> MemblockRegion { get set }
    mutating func insert(_ r: MemblockRegion, at i: Int)
    @discardableResult mutating func remove(at i: Int) -> MemblockRegion
    func firstEndAbove(_ addr: PhysAddr) -> Int
}

extension Array: BenchRegions where Element == MemblockRegion {
    func firstEndAbove(_ addr: PhysAddr) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if self[mid].end <= addr { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension RegionStore: BenchRegions {
    func firstEndAbove(_ addr: PhysAddr) -> Int { partitioningIndex { $0.end > addr } }
}

/// ns per operation for each kind of operation on a container of `regions`.
func timeOps<C: BenchRegions>(_ regions: [MemblockRegion], _: C.Type) -> [String: Double] {
    var c = C(regions)
    let n = regions.count
    var rng = SplitMix64(seed: 42)
    let k = 20_000
    var sink: UInt64 = 0
    var t0 = monotonicSeconds()
    for _ in 0..<k {
        let i = Int(rng.next() % UInt64(n))
        c.insert(MemblockRegion(base: 1, size: 1, nid: 0), at: i)
        sink &+= c.remove(at: Int(rng.next() % UInt64(n))).base
    }
    let insertRemove = (monotonicSeconds() - t0) * 1e9 / Double(2 * k)
    t0 = monotonicSeconds()
    for _ in 0..<k { sink &+= c[Int(rng.next() % UInt64(n))].size }
    let lookup = (monotonicSeconds() - t0) * 1e9 / Double(k)
    let sorted = C(regions)
    t0 = monotonicSeconds()
    for _ in 0..<k { sink &+= UInt64(sorted.firstEndAbove(rng.next() % (UInt64(n) * 0x2000))) }
    let search = (monotonicSeconds() - t0) * 1e9 / Double(k)
    let copies = 200
    t0 = monotonicSeconds()
    var kept: [C] = []
    kept.reserveCapacity(copies)
    for j in 0..<copies {
        var copy = c
        copy[(j * 7919) % n].size &+= 1
        kept.append(copy)
        c = copy
    }
    let copyChange = (monotonicSeconds() - t0) * 1e9 / Double(copies)
    if sink == 0x5eed { print("") }  // keeps the loops from being optimised away
    return ["insert_remove": insertRemove, "lookup": lookup, "search": search, "copy_change": copyChange]
}

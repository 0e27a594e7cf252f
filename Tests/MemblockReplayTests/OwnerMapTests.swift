import Memblock
import MemblockTrace
import XCTest
@testable import MemblockReplay

/// The owner map: who reserved each byte, kept in a persistent list.
final class OwnerMapTests: XCTestCase {
    typealias Span = OwnerMap.Span

    /// The same rules on one entry per address unit: what `claim` and `release` must agree with.
    struct ByteOwners {
        var owner: [Int32?]
        init(size: Int) { owner = Array(repeating: nil, count: size) }
        mutating func claim(_ lo: Int, _ hi: Int, _ step: Int32) {
            for a in lo..<hi where owner[a] == nil { owner[a] = step }
        }
        mutating func release(_ lo: Int, _ hi: Int) { for a in lo..<hi { owner[a] = nil } }
        /// The owner of each address as the map tells it.
        func ownerPerAddress(in map: OwnerMap) -> [Int32?] {
            (0..<owner.count).map { a -> Int32? in
                map.owners(in: PhysAddr(a), PhysAddr(a + 1)).first?.step
            }
        }
    }

    func testAClaimFillsOnlyTheHolesOfEarlierOwners() {
        var map = OwnerMap()
        map.claim(0x2000, 0x3000, step: 1)
        map.claim(0x1000, 0x4000, step: 2)
        XCTAssertEqual(map.spans.map { [$0.base, $0.end, PhysAddr($0.step)] },
                       [[0x1000, 0x2000, 2], [0x2000, 0x3000, 1], [0x3000, 0x4000, 2]])
    }

    func testAReleaseSplitsTheSpansAcrossItsEdges() {
        var map = OwnerMap()
        map.claim(0x1000, 0x5000, step: 7)
        map.release(0x2000, 0x3000)
        XCTAssertEqual(map.spans.map { [$0.base, $0.end] }, [[0x1000, 0x2000], [0x3000, 0x5000]])
        XCTAssertEqual(map.owners(in: 0x2800, 0x3800).map(\.base), [0x3000])
    }

    /// Random claims and releases over thousands of spans (several leaves of the list) give
    /// the owner of every address that the byte-per-address model gives, and the spans stay
    /// sorted and disjoint.
    func testRandomClaimsAndReleasesAgreeWithAnOwnerPerAddress() {
        var rng = SystemRandomNumberGenerator()
        let size = 6000
        var model = ByteOwners(size: size)
        var map = OwnerMap()
        for step in 0..<3000 {
            let lo = Int.random(in: 0..<size, using: &rng)
            let hi = Swift.min(size, lo + Int.random(in: 1...12, using: &rng))
            if Int.random(in: 0..<3, using: &rng) == 0 {
                model.release(lo, hi)
                map.release(PhysAddr(lo), PhysAddr(hi))
            } else {
                model.claim(lo, hi, Int32(step))
                map.claim(PhysAddr(lo), PhysAddr(hi), step: Int32(step))
            }
        }
        XCTAssertGreaterThan(map.spans.count, 1000, "the test should reach several leaves")
        XCTAssertEqual(model.ownerPerAddress(in: map), model.owner)
        let spans = Array(map.spans)
        for (a, b) in zip(spans, spans.dropFirst()) { XCTAssertLessThanOrEqual(a.end, b.base) }
    }

    /// physmem's first doubling frees its static array from `reserved`, and the owner map
    /// follows: the array's page loses its owner, and the new array is owned by the step.
    func testPhysmemsDoublingReleasesTheStaticArrayAndOwnsTheNewOne() throws {
        var text = "@mbtrace 1\n@config phys_map=1 physmem_static_array=0x1a00040\n"
        text += "memblock_add 0 1G\nmemblock_reserve 16M 16M\nmemblock_allow_resize\n"
        for k in 0..<5 { text += "memblock_physmem_add \(k << 24 | 0x10_0000) 4K\n" }
        let timeline = Timeline(trace: try TraceParser.parse(text, file: "p"))
        let state = timeline.replayState(after: timeline.count)
        XCTAssertEqual(state.memblock.physmem.max, 8)
        XCTAssertEqual(state.owners.owners(in: 0x1a0_0040, 0x1a0_1040).map(\.step), [], "the static array's page")
        XCTAssertEqual(state.owners.owners(in: 0x1a0_1040, 0x1a0_2000).map(\.step), [1], "the image's reservation")
        let base = try XCTUnwrap(state.memblock.physmem.arrayBase)
        let array = state.owners.owners(in: base, base + 1)
        XCTAssertEqual(array.map(\.step), [7], "the fifth physmem_add doubled the array")
        XCTAssertEqual(array.first?.doubledArray, .physmem)
    }

    /// A copy (a checkpoint) shares the map's nodes: changing one span afterwards costs one
    /// leaf and the path to it, not the whole map.
    func testACopyCostsOnlyTheLeavesChangedAfterIt() {
        var map = OwnerMap()
        for i in 0..<20_000 { map.claim(PhysAddr(i * 0x2000), PhysAddr(i * 0x2000 + 0x1000), step: Int32(i)) }
        let checkpoint = map
        map.release(0x4000, 0x5000)
        let extra = map.spans.bytesNotShared(with: checkpoint.spans)
        XCTAssertGreaterThan(extra, 0)
        XCTAssertLessThan(extra, map.spans.bytes / 10)
        XCTAssertEqual(checkpoint.spans.count, 20_000)
    }
}

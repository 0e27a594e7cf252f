import XCTest
@testable import Memblock

/// Random operation sequences: the invariants hold after every step, and the same sequence
/// replayed twice gives equal states.
final class PropertyTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    /// Applies one random operation; returns whether it may have made memory's total stale.
    static func randomStep(_ mb: inout Memblock, _ rng: inout SplitMix, pages: UInt64) -> Bool {
        let page: PhysAddr = 0x1000
        func addr() -> PhysAddr { PhysAddr.random(in: 0..<pages, using: &rng) * page + (Bool.random(using: &rng) ? 0 : PhysAddr.random(in: 0..<page, using: &rng)) }
        func size() -> PhysAddr { PhysAddr.random(in: 0...(pages / 8), using: &rng) * page + PhysAddr.random(in: 0..<3, using: &rng) }
        func nid() -> Int32 { [Int32(0), 1, 2, -1, mb.config.maxNumnodes].randomElement(using: &rng)! }
        let aligns: [PhysAddr] = [0, 8, 64, 0x1000, 0x2000, 0x10000, 3]
        switch Int.random(in: 0..<22, using: &rng) {
        case 0, 1: mb.add(addr(), size())
        case 2: mb.addNode(addr(), size(), nid: nid(), flags: MemblockFlags(rawValue: UInt32.random(in: 0...15, using: &rng)))
        case 3: mb.remove(addr(), size())
        case 4, 5, 6: mb.reserve(addr(), size())
        case 7, 8: mb.physFree(addr(), size())
        case 9: mb.setNode(addr(), size(), Bool.random(using: &rng) ? .memory : .reserved, nid: nid())
        case 10: mb.markHotplug(addr(), size())
        case 11: mb.markNomap(addr(), size())
        case 12: mb.clearNomap(addr(), size())
        case 13: mb.markMirror(addr(), size())
        case 14: _ = mb.alloc(size(), aligns.randomElement(using: &rng)!)
        case 15: _ = mb.allocTryNid(size(), aligns.randomElement(using: &rng)!, addr(), addr(), nid: nid())
        case 16: _ = mb.physAllocRange(size(), aligns.randomElement(using: &rng)!, addr(), addr())
        case 17: _ = mb.allocExactNidRaw(size(), aligns.randomElement(using: &rng)!, 0, 0, nid: nid())
        case 18: mb.setBottomUp(Bool.random(using: &rng))
        case 19: mb.setCurrentLimit(Bool.random(using: &rng) ? physAddrMax : addr())
        case 20: mb.trimMemory([0x1000, 0x10000].randomElement(using: &rng)!); return true
        default:
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: mb.enforceMemoryLimit(size() * 4)
            case 1: mb.memLimitRemoveMap(size() * 4)
            default: mb.capMemoryRange(addr(), size() * 2)
            }
        }
        return false
    }

    func test_randomOperations_keepInvariants_afterEveryStep() {
        for seed in 0..<60 as Range<UInt64> {
            var rng = SplitMix(state: seed)
            let small = seed % 3 == 0
            var mb = Memblock(config: MemblockConfig(numa: seed % 5 != 0, initMemoryRegions: small ? 8 : 128,
                                                     mirroredKernelcore: seed % 4 == 0))
            mb.movableNode = seed % 7 == 0
            if seed % 2 == 0 { mb.allowResize() }
            var stale = false
            for step in 0..<400 {
                stale = Self.randomStep(&mb, &rng, pages: 4096) || stale
                let violations = mb.checkInvariants(memoryTotalMayBeStale: stale)
                XCTAssertEqual(violations, [], "seed \(seed) step \(step)")
                if !violations.isEmpty { return }
            }
        }
    }

    func test_sameOperations_twice_giveEqualStates() {
        for seed in 100..<120 as Range<UInt64> {
            func run() -> Memblock {
                var rng = SplitMix(state: seed)
                var mb = Memblock(config: MemblockConfig(initMemoryRegions: 16))
                mb.allowResize()
                for _ in 0..<300 { _ = Self.randomStep(&mb, &rng, pages: 2048) }
                return mb
            }
            let a = run(), b = run()
            XCTAssertEqual(a, b, "seed \(seed)")
            XCTAssertEqual(a.dumpAll(), b.dumpAll())
        }
    }
}

/// The fast paths (window-limited search, inline merging, carving) must give exactly what the
/// kernel's plain algorithms give. Recording searches switches the search to the full walk.
final class FastPathEquivalenceTests: XCTestCase {
    func test_windowedSearch_equalsFullWalk_onRandomSequences() {
        for seed in 200..<240 as Range<UInt64> {
            var rngA = PropertyTests.SplitMix(state: seed), rngB = PropertyTests.SplitMix(state: seed)
            var a = Memblock(config: MemblockConfig(initMemoryRegions: 16, mirroredKernelcore: seed % 3 == 0))
            a.allowResize()
            var b = a
            b.log = MemblockLog(isEnabled: false, recordsSearches: true)
            for step in 0..<300 {
                _ = PropertyTests.randomStep(&a, &rngA, pages: 4096)
                _ = PropertyTests.randomStep(&b, &rngB, pages: 4096)
                b.log.removeAll()
                XCTAssertEqual(a, b, "seed \(seed) step \(step)")
                if a != b { return }
            }
        }
    }
}

extension Memblock {
    /// Test convenience: the `movable_node` setting.
    var movableNode: Bool {
        get { config.movableNode }
        set { config.movableNode = newValue }
    }
}

/// The checker itself must catch broken states, or the property tests prove nothing.
final class InvariantCheckerTests: XCTestCase {
    func test_checker_reportsOverlapUnmergedNeighboursStaleTotalAndReservedFlags() {
        var mb = Memblock()
        mb.add(0x1000, 0x1000)
        mb.add(0x3000, 0x1000)
        mb.memory.regions[1].base = 0x1800
        XCTAssertTrue(mb.checkInvariants().contains { $0.description.contains("overlap") })
        mb.memory.regions[1].base = 0x2000
        XCTAssertTrue(mb.checkInvariants().contains { $0.description.contains("not merged") })
        mb.memory.totalSize = 1
        XCTAssertTrue(mb.checkInvariants().contains { $0.description.contains("total_size") })
        XCTAssertFalse(mb.checkInvariants(memoryTotalMayBeStale: true).contains { $0.description.contains("total_size") })
        mb.reserve(0x1000, 0x10)
        mb.reserved.regions[0].flags = .nomap
        XCTAssertTrue(mb.checkInvariants().contains { $0.description.contains("reserved: region 0 has flags") })
    }
}

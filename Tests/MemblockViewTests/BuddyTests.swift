@testable import Memblock
import XCTest
@testable import MemblockView

/// The hand-off to the buddy allocator as a picture: bars by order, a legend, and an
/// animation that hands the free ranges over one by one.
final class BuddyTests: XCTestCase {
    /// Two free ranges: [16M, 20M) and [32M, 32M + 12K).
    static func twoRanges() -> Memblock {
        var mb = Scene.recordingMemblock()
        mb.add(0x100_0000, 0x100_3000)
        mb.reserve(0x140_0000, 0xc0_0000)
        mb.freeAll()
        return mb
    }

    func test_ranges_groupContiguousBlocks_intoTheFreeRangesTheyCameFrom() throws {
        let buddy = try XCTUnwrap(Self.twoRanges().buddy)
        let groups = BuddyView.ranges(buddy.blocks)
        XCTAssertEqual(groups.count, 2, "\(buddy.blocks)")
        XCTAssertEqual(buddy.blocks[groups[0]].map(\.order), [10], "4M at 16M is one order-10 block")
        XCTAssertEqual(buddy.blocks[groups[1]].map(\.order).sorted(), [0, 1], "12K is an 8K and a 4K block")
    }

    func test_handOff_progress_showsWholeRangesInOrder() throws {
        let buddy = try XCTUnwrap(Self.twoRanges().buddy)
        let none = BuddyView.handOff(buddy, progress: 0, maxOrder: 10)
        XCTAssertEqual(none.blocks.count, 0)
        XCTAssertTrue(none.inProgress)
        let half = BuddyView.handOff(buddy, progress: 0.5, maxOrder: 10)
        XCTAssertEqual(half.ranges, 1)
        XCTAssertEqual(half.pages, 1024)
        XCTAssertEqual(half.countPerOrder[10], 1)
        XCTAssertEqual(half.countPerOrder.count, 11)
        let all = BuddyView.handOff(buddy, progress: nil, maxOrder: 10)
        XCTAssertEqual(all.pages, buddy.pages)
        XCTAssertFalse(all.inProgress)
        XCTAssertEqual(all.countPerOrder, buddy.countPerOrder)
    }

    func test_orderBar_growsWithOrder_fromOnePageToTheLargestBlock() {
        XCTAssertEqual(BuddyView.orderBar(0, maxOrder: 10), "▁")
        XCTAssertEqual(BuddyView.orderBar(10, maxOrder: 10), "█")
        let bars = (0...10).map { BuddyView.orderBar($0, maxOrder: 10) }
        let heights = bars.map { BuddyView.verticalBlocks.firstIndex(of: $0)! }
        XCTAssertEqual(heights, heights.sorted(), "taller bars for larger orders")
    }

    func test_buddyLane_isBarsWithALegend_notHexDigits() {
        let scene = Scene(state: Self.twoRanges(), step: 1, stepCount: 1)
        let text = renderScreen(scene, width: 120, height: 40).text
        let lane = text.split(separator: "\n").first { $0.hasPrefix("buddy ") }
        XCTAssertNotNil(lane)
        XCTAssertTrue(lane!.dropFirst(9).allSatisfy { " ▁▂▃▄▅▆▇█┆".contains($0) }, "no order digits in the lane: \(lane!)")
        XCTAssertTrue(lane!.contains("█"), String(lane!))
        XCTAssertTrue(text.contains("▁▂▃▄▅▆▇█ buddy block 4K…4M"), text)
    }

    func test_animation_emptiesTheLaneAndCountsRangesInTheHistogramTitle() {
        var scene = Scene(state: Self.twoRanges(), step: 1, stepCount: 1)
        scene.ui.buddyProgress = 0.5
        let text = renderScreen(scene, width: 120, height: 40).text
        XCTAssertTrue(text.contains("buddy · 1024 pages (4M) in 1 blocks · handing over range 1/2"), text)
        scene.ui.buddyProgress = 0
        let lane = renderScreen(scene, width: 120, height: 40).text.split(separator: "\n").first { $0.hasPrefix("buddy ") }!
        XCTAssertTrue(lane.dropFirst(9).allSatisfy { $0 == " " }, "nothing handed over yet: \(lane)")
    }
}

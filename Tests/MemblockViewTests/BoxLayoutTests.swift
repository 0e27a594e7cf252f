import XCTest
@testable import MemblockView

/// The box layout: constraints split exactly, bounds hold, leftovers flow to open boxes.
final class BoxLayoutTests: XCTestCase {
    func test_lengthsFirst_thenWeightsShareTheRest() {
        XCTAssertEqual(splitLengths(10, [.length(2), .weight(1), .weight(3)]), [2, 2, 6])
    }

    func test_remainders_goToTheEarliestBoxes_andSumIsExact() {
        XCTAssertEqual(splitLengths(10, [.weight(1), .weight(1), .weight(1)]), [4, 3, 3])
        for n in 0...50 {
            XCTAssertEqual(splitLengths(n, [.length(3), .weight(2), .weight(5, min: 2)]).reduce(0, +), n, "\(n)")
        }
    }

    func test_aCappedBox_givesWhatItCannotTakeToTheOthers() {
        XCTAssertEqual(splitLengths(20, [.weight(1000, max: 7), .weight(1)]), [7, 13])
    }

    func test_minimums_areServedBeforeWeights() {
        XCTAssertEqual(splitLengths(10, [.weight(100), .fill(weight: 1, min: 4, max: .max)]), [6, 4])
    }

    func test_tooLittleRoom_cutsFixedBoxesInOrder_neverNegative() {
        XCTAssertEqual(splitLengths(3, [.length(2), .length(2), .weight(1, min: 5)]), [2, 1, 0])
        XCTAssertEqual(splitLengths(-4, [.length(2), .weight(1)]), [0, 0])
    }

    func test_boxTree_arrangesNamedLeaves_withGaps() {
        let tree = Box.split(.horizontal, .weight(1), gap: 1, [
            .leaf("left", .weight(1)),
            .split(.vertical, .length(10), [.leaf("top", .length(2)), .leaf("bottom", .weight(1))]),
        ])
        let r = tree.arrange(Rect(x: 0, y: 0, width: 31, height: 8))
        XCTAssertEqual(r["left"], Rect(x: 0, y: 0, width: 20, height: 8))
        XCTAssertEqual(r["top"], Rect(x: 21, y: 0, width: 10, height: 2))
        XCTAssertEqual(r["bottom"], Rect(x: 21, y: 2, width: 10, height: 6))
    }
}

/// Any widget into any rectangle.
final class WidgetPlacementTests: XCTestCase {
    func test_aPane_drawsIntoAnyRectangle_andNothingOutsideIt() {
        let scene = Scene.demoBoot()
        let frame = Frame(scene, Layout.compute(scene, width: 120, height: 40))
        var b = Buffer(width: 60, height: 12)
        let area = Rect(x: 7, y: 3, width: 40, height: 6)
        PaneWidget(frame, EventLogView.draw).render(area, &b)
        for y in 0..<12 {
            for x in 0..<60 where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                XCTAssertEqual(b[x, y], .blank, "(\(x), \(y)) outside the area")
            }
        }
        XCTAssertTrue(b.lines[3].contains("steps"), b.text)
        XCTAssertTrue(b.text.contains("▶   12"), b.text)
    }

    func test_caption_isASizedWidget_whoseHeightTheLayoutUses() throws {
        var scene = Scene.demoBoot()
        scene.caption = String(repeating: "memblock ", count: 30)
        let caption = try XCTUnwrap(CaptionWidget(scene))
        XCTAssertEqual(caption.height(forWidth: 80), 4)
        XCTAssertEqual(Layout.compute(scene, width: 80, height: 24).caption?.height, caption.height(forWidth: 80))
        var b = Buffer(width: 30, height: 10)
        caption.render(Rect(x: 0, y: 0, width: 30, height: 10), &b)
        XCTAssertTrue(b.text.contains("memblock memblock"))
    }
}

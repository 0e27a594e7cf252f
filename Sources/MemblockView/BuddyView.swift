import Foundation
import Memblock

/// After `memblock_free_all`: what the buddy allocator was given. The panel is a histogram
/// of blocks per order (one bar per order on a log scale, labelled with the count and the
/// block size); the band's buddy lane draws each block as a bar whose height is its order
/// (`▁` one page … `█` the largest order), with a legend.
///
/// The hand-off can be animated: with `UIState.buddyProgress` at p (0...1), only the first
/// p of the free ranges (in the order `memblock_free_all` handed them over) are shown, so
/// the lane fills range by range and the histogram grows with it.
enum BuddyView {
    /// Vertical eighths: `verticalBlocks[k]` fills k/8 of a cell from the bottom.
    static let verticalBlocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// What has been handed over so far: the blocks, and how many of the free ranges.
    struct HandOff {
        /// The blocks shown, in the order they were freed.
        var blocks: ArraySlice<BuddyBlock>
        /// Free ranges handed over so far, and in all.
        var ranges: Int, totalRanges: Int
        /// Blocks per order among `blocks` (at least `maxOrder + 1` entries).
        var countPerOrder: [Int]
        /// Pages among `blocks`.
        var pages: UInt64

        /// True while the animation has ranges left to hand over.
        var inProgress: Bool { ranges < totalRanges }
    }

    /// The blocks grouped into the free ranges they came from: a range ends where the next
    /// block does not start right after the previous one. Index ranges into `blocks`.
    static func ranges(_ blocks: [BuddyBlock]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for i in blocks.indices.dropFirst() {
            let prev = blocks[i - 1]
            if blocks[i].pfn != prev.pfn &+ (UInt64(1) << UInt64(prev.order)) {
                out.append(start..<i)
                start = i
            }
        }
        if !blocks.isEmpty { out.append(start..<blocks.count) }
        return out
    }

    /// The hand-off at `progress` (nil or ≥ 1: all of it), for a page size and max order.
    static func handOff(_ buddy: BuddyAllocator, progress: Double?, maxOrder: Int) -> HandOff {
        let groups = ranges(buddy.blocks)
        let p = Swift.min(1, Swift.max(0, progress ?? 1))
        let shown = Int((p * Double(groups.count)).rounded(.up))
        let end = shown == 0 ? 0 : groups[shown - 1].upperBound
        let blocks = buddy.blocks[0..<end]
        var counts = Array(repeating: 0, count: Swift.max(maxOrder + 1, buddy.countPerOrder.count))
        var pages: UInt64 = 0
        for b in blocks {
            counts[Swift.min(b.order, counts.count - 1)] += 1
            pages &+= UInt64(1) << UInt64(b.order)
        }
        return HandOff(blocks: blocks, ranges: shown, totalRanges: groups.count, countPerOrder: counts, pages: pages)
    }

    /// The band glyph of a block of `order`: a bar from `▁` (order 0) to `█` (`maxOrder`).
    static func orderBar(_ order: Int, maxOrder: Int) -> Character {
        let top = Swift.max(1, maxOrder)
        let eighths = 1 + Swift.min(7, Swift.max(0, order) * 7 / top)
        return verticalBlocks[eighths]
    }

    /// The legend's entry for the lane: `▁▂▃▄▅▆▇█ buddy block 4K…4M`.
    static func legend(pageSize: PhysAddr, maxOrder: Int) -> (glyphs: String, text: String) {
        let glyphs = String(verticalBlocks[1...8])
        let largest = ViewFormat.size(pageSize << UInt64(Swift.max(0, maxOrder)))
        return (glyphs, "buddy block \(ViewFormat.size(pageSize))…\(largest)")
    }

    /// Draws the histogram into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        guard let buddy = f.state.buddy, r.height >= 1 else { return }
        b.clear(r)
        let pageSize = f.state.config.pageSize
        let h = handOff(buddy, progress: f.scene.ui.buddyProgress, maxOrder: f.state.config.maxOrder)
        let bytes = h.pages.multipliedReportingOverflow(by: pageSize)
        let total = bytes.overflow ? "" : " (" + ViewFormat.size(bytes.partialValue) + ")"
        var title = "buddy · \(h.pages) pages\(total) in \(h.blocks.count) blocks"
        title += h.inProgress ? " · handing over range \(h.ranges)/\(h.totalRanges)" : " · per order, log scale"
        b.drawTitleRule(r, title: title)
        drawBars(h.countPerOrder, pageSize: pageSize, r, &b)
    }

    /// One bar per order, log scale, with the count and the block size under it.
    static func drawBars(_ counts: [Int], pageSize: PhysAddr, _ r: Rect, _ b: inout Buffer) {
        let orders = counts.count
        let barRows = r.height - 3
        guard orders > 0, r.height >= 3 else { return }
        let colWidth = Swift.max(1, Swift.min(8, (r.width - 2) / orders))
        // Log scale: one order often holds hundreds of blocks and the others a handful.
        let logPeak = log2(Double(Swift.max(1, counts.max() ?? 1)) + 1)
        for (order, count) in counts.enumerated() {
            let x = r.x + 1 + order * colWidth
            if x + colWidth > r.maxX { break }
            let barWidth = Swift.max(1, colWidth - 1)
            if barRows > 0 {
                // Height in eighths of a row, at least one eighth for a non-zero count.
                var eighths = Int((log2(Double(count) + 1) / logPeak * Double(barRows * 8)).rounded())
                if count > 0 { eighths = Swift.max(1, eighths) }
                for row in 0..<barRows {
                    let fill = Swift.min(8, Swift.max(0, eighths - row * 8))
                    if fill == 0 { continue }
                    let y = r.y + r.height - 3 - row
                    b.fill(Rect(x: x, y: y, width: barWidth, height: 1), with: Cell(verticalBlocks[fill], .buddy))
                }
            }
            b.put(ViewFormat.pad(String(count), barWidth, right: true), x: x, y: r.maxY - 2, role: .normal, maxWidth: barWidth)
            let size = ViewFormat.size(pageSize << UInt64(order))
            b.put(ViewFormat.pad(size, barWidth, right: true), x: x, y: r.maxY - 1, role: .dim, maxWidth: barWidth)
        }
    }
}

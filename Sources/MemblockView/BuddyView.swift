import Foundation
import Memblock

/// After `memblock_free_all`: what the buddy allocator was given, as a histogram of blocks
/// per order (one bar per order on a log scale, labelled with the count and the block size).
enum BuddyView {
    /// Vertical eighths: `verticalBlocks[k]` fills k/8 of a cell from the bottom.
    static let verticalBlocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Draws the histogram into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        guard let buddy = f.state.buddy, r.height >= 1 else { return }
        b.clear(r)
        let pageSize = f.state.config.pageSize
        let bytes = buddy.pages.multipliedReportingOverflow(by: pageSize)
        let total = bytes.overflow ? "" : " (" + ViewFormat.size(bytes.partialValue) + ")"
        b.drawTitleRule(r, title: "buddy · \(buddy.pages) pages\(total) in \(buddy.blocks.count) blocks · per order, log scale")
        let counts = buddy.countPerOrder
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

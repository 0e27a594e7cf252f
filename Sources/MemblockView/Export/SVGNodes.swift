import Memblock

extension SVGPainter {
    /// The widest a node pane gets before another pane goes beside it.
    static let nodePaneMinWidth = 340.0

    /// One pane per NUMA node, side by side and wrapped into rows: the node's name, share and
    /// span; its own band over its span (only its memory, reserved bytes inside it); the
    /// span's tick labels; and its memory, reserved and free totals.
    mutating func drawNodes() {
        let nodes = stats.nodes.filter { $0.hi > $0.lo }
        guard !nodes.isEmpty else { return }
        let gap = 16.0
        let width = right - left
        let perRow = Swift.max(1, Swift.min(nodes.count, Int((width + gap) / (Self.nodePaneMinWidth + gap))))
        let paneWidth = (width - gap * Double(perRow - 1)) / Double(perRow)
        y += 6
        svg.open("g", ["id": "nodes"])
        var rowTop = y
        for (i, n) in nodes.enumerated() {
            if i > 0 && i % perRow == 0 { rowTop = y }
            let x = left + Double(i % perRow) * (paneWidth + gap)
            let bottom = drawNodePane(n, x: x, top: rowTop, width: paneWidth)
            y = Swift.max(y, bottom)
        }
        svg.close()
    }

    /// One node pane with its top-left corner at `(x, top)`; returns its bottom.
    mutating func drawNodePane(_ n: NodeStats, x: Double, top: Double, width: Double) -> Double {
        let window = AddressWindow(lo: n.lo, hi: n.hi)
        let id = n.nid.map { "node-\($0)" } ?? "node-none"
        svg.open("g", ["id": .text(id), "class": "node-pane", "mb:nid": .text(n.nid.map(String.init) ?? "none")])
        var y = top + 14
        svg.runs([(ViewFormat.nodeName(n.nid, scene.nodeNames), colors.text(.title), true),
                  (" · \(stats.share(n))% of memory · \(window.label)", colors.text(.dim), false)],
                 ["class": "node-title", "x": .number(x), "y": .number(y)])
        y += 6
        let px = PixelScale(state: state, window: window, mode: options.scaleMode, x0: x, width: width)
        let hole = colors.fill(.hole)
        svg.empty("rect", ["class": "lane-background", "x": .number(x), "y": .number(y), "width": .number(width),
                           "height": .number(Self.nodeLaneHeight), "fill": .color(hole.color), "fill-opacity": opacity(hole.opacity)])
        var ticks: [(x: Double, role: StyleRole)] = []
        for s in ExportSpans.spans(state, window: window, node: .some(n.nid)) {
            let x0 = px.x(s.lo), x1 = px.x(s.hi)
            let fill = colors.fill(s.kind.role)
            svg.empty("rect", ["class": .text("span " + s.kind.exportID), "mb:kind": .text(s.kind.exportID),
                               "mb:lo": .text(ViewFormat.hex(s.lo)), "mb:hi": .text(ViewFormat.hex(s.hi)),
                               "x": .number(x0), "y": .number(y), "width": .number(Swift.max(x1 - x0, 0)),
                               "height": .number(Self.nodeLaneHeight), "fill": .color(fill.color),
                               "fill-opacity": opacity(fill.opacity)])
            // A node's memory is what its pane is about: mark it even when tiny.
            if x1 - x0 < 1 { ticks.append((x0, s.kind.role)) }
        }
        drawTicks(ticks, top: y, height: Self.nodeLaneHeight)
        for g in px.gaps {
            let gx = g.x + g.width / 2
            svg.empty("line", ["x1": .number(gx), "y1": .number(y), "x2": .number(gx), "y2": .number(y + Self.nodeLaneHeight),
                               "stroke": .color(colors.text(.dim)), "stroke-dasharray": "3 2"])
        }
        y += Self.nodeLaneHeight
        let dim = colors.text(.dim)
        for t in px.ticks {
            let tx = px.x(t.address)
            svg.empty("line", ["class": "tick", "x1": .number(tx), "y1": .number(y), "x2": .number(tx), "y2": .number(y + 4),
                               "stroke": .color(dim)])
            svg.text("text", t.label, ["class": "tick-label", "mb:address": .text(ViewFormat.hex(t.address)),
                                       "x": .number(tx), "y": .number(y + 15), "font-size": 11, "fill": .color(dim)])
        }
        y += 18 + Self.lineHeight
        svg.runs([("mem ", dim, false), (ViewFormat.size(n.memory), colors.text(.normal), false),
                  (" rsv ", dim, false), (ViewFormat.size(n.reserved), colors.text(.reserved), false),
                  (" free ", dim, false), (ViewFormat.size(n.free), colors.text(.memoryFree), false),
                  (" · \(n.regions) region\(n.regions == 1 ? "" : "s")", dim, false)],
                 ["class": "node-totals", "x": .number(x), "y": .number(y - 4)])
        svg.close()
        return y
    }
}

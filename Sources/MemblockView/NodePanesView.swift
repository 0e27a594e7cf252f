import Memblock

/// One pane per NUMA node: the node's own span as a band, its memory, reserved and free
/// totals, and its share of the machine's memory.
enum NodePanesView {
    /// `node 0`, or `no node`.
    static func shortTitle(_ nid: Int32?) -> String { nid.map { "node \($0)" } ?? "no node" }

    /// Draws every node pane of the layout.
    static func draw(_ f: Frame, _ b: inout Buffer) {
        for pane in f.layout.nodePanes {
            guard let stats = f.stats.nodes.first(where: { $0.nid == pane.nid }) else { continue }
            drawPane(f, pane, stats, &b)
        }
    }

    /// The scale of a node's band: the node's span in the view's scale mode.
    static func scale(for pane: Layout.NodePane, scene: Scene) -> AddressScale? {
        guard let span = span(of: pane.nid, scene.state), pane.band.width > 0 else { return nil }
        return scale(span, pane, scene)
    }

    /// The scale of a node's band over `span`.
    static func scale(_ span: AddressWindow, _ pane: Layout.NodePane, _ scene: Scene) -> AddressScale {
        AddressScale(state: scene.state, zoom: span, columns: pane.band.width, mode: scene.ui.scaleMode)
    }

    /// The span of a node's memory, `[lowest base, highest end)`.
    static func span(of nid: Int32?, _ state: Memblock) -> AddressWindow? {
        var lo = PhysAddr.max, hi: PhysAddr = 0
        if state.memory.isEmpty { return nil }
        for r in state.memory.regions where MachineStats.node(of: r, state.config) == nid {
            lo = Swift.min(lo, r.base)
            hi = Swift.max(hi, r.end)
        }
        return hi > lo ? AddressWindow(lo: lo, hi: hi) : nil
    }

    /// One pane: two rows (title and band; totals) or three (title; band; totals).
    static func drawPane(_ f: Frame, _ pane: Layout.NodePane, _ n: NodeStats, _ b: inout Buffer) {
        let r = pane.rect
        let share = "\(f.stats.share(n))%"
        let title = ViewFormat.nodeName(n.nid, f.scene.nodeNames)
        if r.height >= 3 {
            let end = b.put(title, x: r.x, y: r.y, role: .title, bold: true, maxWidth: r.width)
            let rest = " · \(share) of memory · \(AddressWindow(lo: n.lo, hi: n.hi).label)"
            b.put(rest, x: end, y: r.y, role: .dim, maxWidth: r.maxX - end)
        } else {
            b.put(shortTitle(n.nid), x: r.x, y: r.y, role: .title, bold: true, maxWidth: r.width)
        }
        if pane.band.width > 0 && n.hi > n.lo {
            let scale = scale(AddressWindow(lo: n.lo, hi: n.hi), pane, f.scene)
            var seen = Set<BandKind>()
            let cells = BandView.machineCells(f.regions, scale, node: .some(n.nid), seen: &seen)
            BandView.blit(cells, pane.band, &b)
        }
        let y = r.maxY - 1
        var runs: [(String, StyleRole)] = [("mem ", .dim), (ViewFormat.size(n.memory), .normal),
                                           (" rsv ", .dim), (ViewFormat.size(n.reserved), .reserved),
                                           (" free ", .dim), (ViewFormat.size(n.free), .memoryFree)]
        if r.height < 3 { runs.append(("  " + share, .dim)) }
        b.putRuns(runs, x: r.x, y: y, maxX: r.maxX)
    }
}

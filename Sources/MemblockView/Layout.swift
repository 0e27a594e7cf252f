import Memblock

/// Where every part of the screen goes: a pure function of the terminal size and the scene.
///
/// From top to bottom: the status line, the totals line, the address-space band (title,
/// lanes, change markers, axis, legend), the NUMA node panes (side by side, as many rows
/// as fit), then the lower area (the region table and the event log; the explain panel and
/// the buddy histogram when they are shown: side by side from 140 columns, stacked below),
/// the caption and the key hints. Below 80×24 the whole screen is one message.
public struct Layout: Hashable, Sendable {
    /// The smallest screen with a real layout.
    public static let minimumWidth = 80, minimumHeight = 24
    /// The width of the band's lane labels (`memblock`, `physmem`, `buddy`).
    public static let gutter = 9

    /// A row of the address band.
    public enum Lane: Hashable, Sendable {
        /// Memory, reserved and free, with flags.
        case machine
        /// `physmem` (when `config.physMap`).
        case physmem
        /// Blocks handed to the buddy allocator (after `memblock_free_all`).
        case buddy
    }

    /// A band lane: its kind and its cells (the band columns only, not the label).
    public struct LaneRect: Hashable, Sendable {
        /// What the lane shows.
        public var lane: Lane
        /// Its cells.
        public var rect: Rect
    }

    /// A node pane and the row its band occupies.
    public struct NodePane: Hashable, Sendable {
        /// The node, or nil for memory with no node.
        public var nid: Int32?
        /// The whole pane.
        public var rect: Rect
        /// The node's band.
        public var band: Rect
    }

    /// The screen size.
    public var width: Int, height: Int
    /// True below the minimum size: only the "terminal too small" message is drawn.
    public var tooSmall: Bool
    /// Step, phase, playback, direction, current limit.
    public var status = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Totals and `cnt/max` per type.
    public var totals = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The band's title rule.
    public var bandTitle = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The band's lanes, top to bottom.
    public var lanes: [LaneRect] = []
    /// Change and selection markers under the lanes.
    public var markerRow = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Tick labels.
    public var axisRow = Rect(x: 0, y: 0, width: 0, height: 0)
    /// What the glyphs and colours mean.
    public var legendRow = Rect(x: 0, y: 0, width: 0, height: 0)
    /// One pane per node shown.
    public var nodePanes: [NodePane] = []
    /// Nodes without room for a pane.
    public var hiddenNodes = 0
    /// The region table.
    public var table = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The event log, when shown.
    public var log: Rect?
    /// The explain panel, when shown.
    public var explain: Rect?
    /// The buddy histogram, when shown.
    public var buddy: Rect?
    /// The caption, when there is one (or in lecture mode).
    public var caption: Rect?
    /// Key hints, the search prompt or a message.
    public var hints = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The help overlay, when shown.
    public var help: Rect?

    /// The columns of the band (shared by every lane, the markers and the axis).
    public var bandColumns: Rect {
        Rect(x: Layout.gutter, y: lanes.first?.rect.y ?? 0, width: width - Layout.gutter, height: lanes.count)
    }

    /// The layout for a `width × height` screen showing `scene`.
    public static func compute(_ scene: Scene, width: Int, height: Int) -> Layout {
        var l = Layout(width: Swift.max(0, width), height: Swift.max(0, height), tooSmall: false)
        if width < minimumWidth || height < minimumHeight {
            l.tooSmall = true
            return l
        }
        let w = width, h = height
        l.status = Rect(x: 0, y: 0, width: w, height: 1)
        l.totals = Rect(x: 0, y: 1, width: w, height: 1)
        l.hints = Rect(x: 0, y: h - 1, width: w, height: 1)
        // The caption grows with its wrapped text, leaving the band and four lower rows.
        let captionRows = Swift.min(CaptionView.height(scene, forWidth: w), Swift.max(1, h - 12))
        let bottom = h - 1 - captionRows
        if captionRows > 0 { l.caption = Rect(x: 0, y: bottom, width: w, height: captionRows) }
        var y = l.placeBand(scene, top: 2)
        y = l.placeNodes(scene, top: y, bottom: bottom)
        l.placeLower(scene, top: y, bottom: bottom)
        if scene.ui.helpVisible {
            let hw = Swift.min(w - 4, 78), hh = Swift.min(h - 2, HelpOverlay.lines.count + 2)
            l.help = Rect(x: (w - hw) / 2, y: (h - hh) / 2, width: hw, height: hh)
        }
        return l
    }

    /// The band: title, lanes, markers, axis, legend. Returns the next free row.
    private mutating func placeBand(_ scene: Scene, top: Int) -> Int {
        var y = top
        bandTitle = Rect(x: 0, y: y, width: width, height: 1)
        y += 1
        let mainRows = height >= 70 ? 4 : height >= 45 ? 3 : height >= 32 ? 2 : 1
        let bandWidth = width - Layout.gutter
        for _ in 0..<mainRows {
            lanes.append(LaneRect(lane: .machine, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
            y += 1
        }
        if scene.state.config.physMap {
            lanes.append(LaneRect(lane: .physmem, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
            y += 1
        }
        if scene.state.buddy != nil {
            lanes.append(LaneRect(lane: .buddy, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
            y += 1
        }
        markerRow = Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)
        axisRow = Rect(x: Layout.gutter, y: y + 1, width: bandWidth, height: 1)
        legendRow = Rect(x: 0, y: y + 2, width: width, height: 1)
        return y + 3
    }

    /// The node panes, as many rows as leave the lower area 8 rows. Returns the next row.
    private mutating func placeNodes(_ scene: Scene, top: Int, bottom: Int) -> Int {
        let nodes = NodeList.nodes(scene.state)
        guard !nodes.isEmpty, scene.state.config.numa || nodes.count > 1 else { return top }
        let paneHeight = height >= 40 ? 3 : 2
        let perRow = Swift.max(1, Swift.min(nodes.count, width / 36))
        let rowsNeeded = (nodes.count + perRow - 1) / perRow
        let rowsFit = Swift.max(0, (bottom - top - 8) / paneHeight)
        let rows = Swift.min(rowsNeeded, rowsFit)
        let shown = Swift.min(nodes.count, rows * perRow)
        hiddenNodes = nodes.count - shown
        let paneWidth = (width - (perRow - 1)) / perRow
        for (i, nid) in nodes.prefix(shown).enumerated() {
            let x = (i % perRow) * (paneWidth + 1), y = top + (i / perRow) * paneHeight
            let pane = Rect(x: x, y: y, width: paneWidth, height: paneHeight)
            let labelWidth = paneHeight == 2 ? NodePanesView.shortTitle(nid).count + 1 : 0
            let bandY = paneHeight == 2 ? y : y + 1
            nodePanes.append(NodePane(nid: nid, rect: pane,
                                      band: Rect(x: x + labelWidth, y: bandY, width: paneWidth - labelWidth, height: 1)))
        }
        return top + rows * paneHeight
    }

    /// The region table, the log, the explain panel and the buddy histogram.
    private mutating func placeLower(_ scene: Scene, top: Int, bottom: Int) {
        let lowerHeight = Swift.max(0, bottom - top)
        let hasBuddy = scene.state.buddy != nil
        if width >= 140 {
            let right = Swift.min(Swift.max(width * 2 / 5, 50), 100)
            table = Rect(x: 0, y: top, width: width - right - 1, height: lowerHeight)
            let rx = width - right
            if scene.ui.explainVisible {
                explain = Rect(x: rx, y: top, width: right, height: lowerHeight)
                return
            }
            var y = top
            if hasBuddy {
                let bh = Swift.min(lowerHeight / 2, 12)
                buddy = Rect(x: rx, y: y, width: right, height: bh)
                y += bh
            }
            log = Rect(x: rx, y: y, width: right, height: bottom - y)
            return
        }
        if scene.ui.explainVisible {
            explain = Rect(x: 0, y: top, width: width, height: lowerHeight)
            return
        }
        var tableHeight = Swift.max(4, lowerHeight * 3 / 5)
        if hasBuddy {
            // Narrow: the histogram takes the log's place when there is no room for both.
            let bh = lowerHeight >= 18 ? 6 : Swift.max(0, Swift.min(6, lowerHeight - 5))
            tableHeight = lowerHeight >= 18 ? (lowerHeight - bh) * 3 / 5 : lowerHeight - bh
            table = Rect(x: 0, y: top, width: width, height: tableHeight)
            buddy = Rect(x: 0, y: top + tableHeight, width: width, height: bh)
            let logTop = top + tableHeight + bh
            if bottom - logTop >= 3 { log = Rect(x: 0, y: logTop, width: width, height: bottom - logTop) }
            return
        }
        if lowerHeight - tableHeight < 3 { tableHeight = lowerHeight }
        table = Rect(x: 0, y: top, width: width, height: tableHeight)
        if lowerHeight > tableHeight {
            log = Rect(x: 0, y: top + tableHeight, width: width, height: lowerHeight - tableHeight)
        }
    }
}

/// The nodes a state's memory is on, in pane order (by id, "no node" last).
enum NodeList {
    /// The distinct nodes of the memory regions.
    static func nodes(_ state: Memblock) -> [Int32?] {
        if state.memory.isEmpty { return [] }
        var seen: [Int32?] = []
        var last: Int32?? = .none
        for r in state.memory.regions {
            let n = MachineStats.node(of: r, state.config)
            if let l = last, l == n { continue }
            last = .some(n)
            if !seen.contains(where: { $0 == n }) { seen.append(n) }
        }
        return seen.sorted { a, b in
            switch (a, b) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            default: return false
            }
        }
    }
}

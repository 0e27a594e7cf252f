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
    /// The details of the selection (or of the current step), when there is room.
    public var details: Rect?
    /// The breakpoints pane, when open.
    public var breakpoints: Rect?
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

    /// The layout for a `width × height` screen showing `scene`: a tree of boxes (`Box`)
    /// whose weights and bounds share the rows, so that no pane sits empty while another is
    /// cut. Top to bottom: status, totals, the band (its machine lanes grow with the height),
    /// the node panes, the lower area, the caption (as tall as its wrapped text), the hints.
    public static func compute(_ scene: Scene, width: Int, height: Int) -> Layout {
        var l = Layout(width: Swift.max(0, width), height: Swift.max(0, height), tooSmall: false)
        if width < minimumWidth || height < minimumHeight {
            l.tooSmall = true
            return l
        }
        let w = width, h = height
        let area = Rect(x: 0, y: 0, width: w, height: h)
        let captionRows = Swift.min(captionHeight(scene, width: w), Swift.max(1, h - 14))
        let extraLanes = (scene.state.config.physMap ? 1 : 0) + (scene.state.buddy != nil ? 1 : 0)
        let nodeRows = l.nodeRows(scene, available: h - 2 - 1 - captionRows - (5 + extraLanes) - 9)
        let screen = Box.split(.vertical, .weight(1), [
            .leaf("status", .length(1)), .leaf("totals", .length(1)), .leaf("bandTitle", .length(1)),
            .leaf("machine", .fill(weight: 1, min: 1, max: Swift.max(1, h / 10))),
            .leaf("extraLanes", .length(extraLanes)),
            .leaf("marker", .length(1)), .leaf("axis", .length(1)), .leaf("legend", .length(1)),
            .leaf("nodes", .length(nodeRows)),
            .leaf("lower", .fill(weight: 5, min: 8, max: .max)),
            .leaf("caption", .length(captionRows)), .leaf("hints", .length(1)),
        ])
        let r = screen.arrange(area)
        l.status = r["status"]!
        l.totals = r["totals"]!
        l.hints = r["hints"]!
        l.bandTitle = r["bandTitle"]!
        if captionRows > 0 { l.caption = r["caption"]! }
        l.placeLanes(scene, machine: r["machine"]!, extra: r["extraLanes"]!)
        l.markerRow = Rect(x: gutter, y: r["marker"]!.y, width: w - gutter, height: 1)
        l.axisRow = Rect(x: gutter, y: r["axis"]!.y, width: w - gutter, height: 1)
        l.legendRow = r["legend"]!
        l.placeNodes(scene, r["nodes"]!)
        l.placeLower(scene, r["lower"]!)
        if scene.ui.helpVisible {
            let n = HelpOverlay.lines.count
            let hw = Swift.min(w - 2, 78), hh = Swift.min(h - 2, n + 2 <= h - 2 ? n + 2 : (n + 1) / 2 + 2)
            l.help = Rect(x: (w - hw) / 2, y: (h - hh) / 2, width: hw, height: hh)
        }
        return l
    }

    /// The rows the caption wants at `width` (`CaptionView`): every wrapped line of the
    /// `@note`, boxed and padded in lecture mode (without a note, the phase's name); 0
    /// without a caption.
    static func captionHeight(_ scene: Scene, width: Int) -> Int {
        CaptionWidget(scene)?.height(forWidth: width) ?? 0
    }

    /// The machine lanes (one per row of `machine`), then physmem and buddy.
    private mutating func placeLanes(_ scene: Scene, machine: Rect, extra: Rect) {
        let bandWidth = width - Layout.gutter
        for y in machine.y..<machine.maxY {
            lanes.append(LaneRect(lane: .machine, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
        }
        var y = extra.y
        if scene.state.config.physMap {
            lanes.append(LaneRect(lane: .physmem, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
            y += 1
        }
        if scene.state.buddy != nil {
            lanes.append(LaneRect(lane: .buddy, rect: Rect(x: Layout.gutter, y: y, width: bandWidth, height: 1)))
        }
    }

    /// The node panes' geometry: panes per row and each pane's height.
    private func nodeGrid(_ count: Int) -> (perRow: Int, paneHeight: Int) {
        (Swift.max(1, Swift.min(count, width / 36)), height >= 40 ? 3 : 2)
    }

    /// The rows the node panes take (as many pane rows as `available` rows hold), and how
    /// many nodes get no pane.
    private mutating func nodeRows(_ scene: Scene, available: Int) -> Int {
        let nodes = NodeList.nodes(scene.state)
        guard !nodes.isEmpty, scene.state.config.numa || nodes.count > 1 else { return 0 }
        let (perRow, paneHeight) = nodeGrid(nodes.count)
        let rowsNeeded = (nodes.count + perRow - 1) / perRow
        let rows = Swift.min(rowsNeeded, Swift.max(0, available / paneHeight))
        hiddenNodes = nodes.count - Swift.min(nodes.count, rows * perRow)
        return rows * paneHeight
    }

    /// One pane per shown node, side by side, in `area`.
    private mutating func placeNodes(_ scene: Scene, _ area: Rect) {
        let nodes = NodeList.nodes(scene.state)
        guard area.height > 0, !nodes.isEmpty else { return }
        let (perRow, paneHeight) = nodeGrid(nodes.count)
        let shown = nodes.count - hiddenNodes
        let paneWidth = (width - (perRow - 1)) / perRow
        for (i, nid) in nodes.prefix(shown).enumerated() {
            let x = (i % perRow) * (paneWidth + 1), y = area.y + (i / perRow) * paneHeight
            let pane = Rect(x: x, y: y, width: paneWidth, height: paneHeight)
            let labelWidth = paneHeight == 2 ? NodePanesView.shortTitle(nid).count + 1 : 0
            let bandY = paneHeight == 2 ? y : y + 1
            nodePanes.append(NodePane(nid: nid, rect: pane,
                                      band: Rect(x: x + labelWidth, y: bandY, width: paneWidth - labelWidth, height: 1)))
        }
    }

    /// The rows the region table wants: its title, header and rows (and the selection's
    /// detail line when no details pane shows it).
    static func tableHeight(_ scene: Scene, detailLine: Bool) -> Int {
        Swift.max(4, TableModel(scene, RegionTableView.tab(scene)).rowCount + 2 + (detailLine && scene.ui.selection != nil ? 1 : 0))
    }

    /// The lower area: the region table, the details pane, the breakpoints pane, the buddy
    /// histogram and the steps (or the explain panel). From 140 columns in two columns, the
    /// table and details on the left and the rest on the right; below, stacked.
    private mutating func placeLower(_ scene: Scene, _ area: Rect) {
        let wide = width >= 140
        let hasBuddy = scene.state.buddy != nil
        let bpRows = scene.ui.breakpointsVisible ? Swift.min(scene.playback.breakpoints.count, 8) + 2 : 0
        // Narrow screens show the details pane only for a selection, as tall as its lines.
        let narrowDetails = !wide && scene.ui.selection != nil && area.height >= 16
            ? Swift.min(area.height / 3, 1 + (scene.ui.selection?.kind == .reserved ? 2 + DetailsView.selectedOwners(scene).count : 4))
            : 0
        var tableMax = Layout.tableHeight(scene, detailLine: !wide && narrowDetails == 0)
        // Stacked, an open explain panel is what the user asked to read: the table keeps a
        // third of the area at most, so the panel shows the rejected candidates too.
        if scene.ui.explainVisible && !wide { tableMax = Swift.min(tableMax, Swift.max(4, area.height / 3)) }
        let right: [Box]
        if scene.ui.explainVisible {
            right = [.leaf("explain", .weight(1))]
        } else {
            right = [.leaf("breakpoints", .length(bpRows)),
                     .leaf("buddy", .length(hasBuddy ? (wide ? Swift.min(area.height / 2, 12) : 6) : 0)),
                     .leaf("log", .fill(weight: 2, min: 3, max: .max))]
        }
        let root: Box
        if wide {
            let rightWidth = Swift.min(Swift.max(width * 2 / 5, 50), 100)
            root = .split(.horizontal, .weight(1), gap: 1, [
                .split(.vertical, .weight(1), [.leaf("table", .fill(weight: 1000, min: 4, max: tableMax)),
                                               .leaf("details", .fill(weight: 1, min: Swift.min(4, area.height - 4), max: .max))]),
                .split(.vertical, .length(rightWidth), right),
            ])
        } else {
            root = .split(.vertical, .weight(1), [.leaf("table", .fill(weight: 3, min: 4, max: tableMax)),
                                                  .leaf("details", .length(narrowDetails))] + right)
        }
        let r = root.arrange(area)
        table = r["table"]!
        func shown(_ name: String) -> Rect? { r[name].flatMap { $0.isEmpty ? nil : $0 } }
        details = shown("details")
        explain = shown("explain")
        breakpoints = shown("breakpoints")
        buddy = shown("buddy")
        log = shown("log").flatMap { $0.height >= 2 ? $0 : nil }
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

import Memblock

/// What every widget of one frame shares: the scene, the layout, and the figures derived
/// from the state once per frame.
struct Frame {
    /// The scene drawn.
    let scene: Scene
    /// Where things go.
    let layout: Layout
    /// The state's regions, contiguous, for the samplers.
    let regions: ContiguousRegions
    /// Totals and per-node figures.
    let stats: MachineStats
    /// The machine band's scale.
    let scale: AddressScale

    /// The frame for `scene` at `layout`.
    init(_ scene: Scene, _ layout: Layout) {
        self.scene = scene
        self.layout = layout
        regions = ContiguousRegions(scene.state)
        stats = MachineStats(regions)
        scale = AddressScale(state: scene.state, zoom: scene.ui.zoom,
                             columns: Swift.max(1, layout.width - Layout.gutter), mode: scene.ui.scaleMode)
    }

    /// The state.
    var state: Memblock { scene.state }
}

/// Draws one frame of the visualizer: `scene` on a `width × height` screen. Pure: the same
/// scene and size give the same buffer. Below 80×24 the buffer holds one centred message,
/// `terminal too small: 64x18, need 80x24` (clipped to fit); a 0×0 screen gives an empty
/// buffer.
public func renderScreen(_ scene: Scene, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    let layout = Layout.compute(scene, width: width, height: height)
    if layout.tooSmall {
        drawTooSmall(&buffer)
        return buffer
    }
    let frame = Frame(scene, layout)
    StatusView.drawStatus(frame, &buffer)
    StatusView.drawTotals(frame, &buffer)
    BandView.draw(frame, &buffer)
    NodePanesView.draw(frame, &buffer)
    RegionTableView.draw(frame, &buffer)
    // The panes the layout placed, each a widget drawn into its rectangle.
    let panes: [(Rect?, any Widget)] = [
        (layout.buddy, PaneWidget(frame, BuddyView.draw)), (layout.details, PaneWidget(frame, DetailsView.draw)),
        (layout.breakpoints, PaneWidget(frame, BreakpointsView.draw)), (layout.log, PaneWidget(frame, EventLogView.draw)),
        (layout.explain, PaneWidget(frame, ExplainView.draw)),
    ]
    for case let (r?, widget) in panes { widget.render(r, &buffer) }
    if let r = layout.caption, let caption = CaptionWidget(scene) { caption.render(r, &buffer) }
    StatusView.drawHints(frame, &buffer)
    if let r = layout.help { HelpOverlay.draw(frame, r, &buffer) }
    return buffer
}

/// The "terminal too small" screen: one message on the middle row, shortened step by step
/// to fit the width.
func drawTooSmall(_ buffer: inout Buffer) {
    let w = buffer.width, h = buffer.height
    if w == 0 || h == 0 { return }
    let size = "\(w)x\(h)", need = "\(Layout.minimumWidth)x\(Layout.minimumHeight)"
    let candidates = ["terminal too small: \(size), need \(need)", "too small: \(size), need \(need)",
                      "\(size) < \(need)", "too small", "small"]
    let text = candidates.first { $0.count <= w } ?? String(candidates.last!.prefix(w))
    buffer.putCentered(text, in: buffer.area, y: (h - 1) / 2, role: .warning, bold: true)
}

/// What is under screen position `(x, y)` of the frame `renderScreen(scene, width:, height:)`
/// draws: a band cell (its address range and the region there), a table row or tab, or a
/// pane. Nil outside anything clickable, under the help overlay, and on a too-small screen.
public func hitTest(_ scene: Scene, width: Int, height: Int, x: Int, y: Int) -> HitTarget? {
    let layout = Layout.compute(scene, width: width, height: height)
    if layout.tooSmall || x < 0 || y < 0 || x >= width || y >= height { return nil }
    if let help = layout.help, contains(help, x, y) { return nil }
    let state = scene.state
    if let lane = layout.lanes.first(where: { contains($0.rect, x, y) }) {
        let frame = Frame(scene, layout)
        let cell = frame.scale.range(ofColumn: x - lane.rect.x)
        return .band(address: cell.lo, cell: cell, region: regionIn(state, cell, lane.lane))
    }
    for pane in layout.nodePanes where contains(pane.band, x, y) {
        guard let scale = NodePanesView.scale(for: pane, scene: scene) else { break }
        let cell = scale.range(ofColumn: x - pane.band.x)
        return .band(address: cell.lo, cell: cell, region: regionIn(state, cell, .machine))
    }
    if contains(layout.table, x, y) {
        let frame = Frame(scene, layout)
        return RegionTableView.hit(frame, x: x, y: y) ?? .pane(.table)
    }
    if let log = layout.log, contains(log, x, y) { return .pane(.log) }
    if let details = layout.details, contains(details, x, y) { return .pane(.details) }
    if let bps = layout.breakpoints, contains(bps, x, y) { return .pane(.breakpoints) }
    let bandTop = layout.bandTitle.y, bandBottom = layout.legendRow.maxY
    if y >= bandTop && y < bandBottom { return .pane(.band) }
    return nil
}

/// The first region-table row `renderScreen` shows for this scene and size: the user's
/// scroll, or where following the step put it. Lets the app start `j`/`k` scrolling from
/// what is on screen when `ui.tableScroll` is nil. 0 on a too-small screen.
public func tableScrollPosition(_ scene: Scene, width: Int, height: Int) -> Int {
    let layout = Layout.compute(scene, width: width, height: height)
    if layout.tooSmall { return 0 }
    let frame = Frame(scene, layout)
    return RegionTableView.offset(frame, TableModel(scene, RegionTableView.tab(scene)))
}

/// True when `(x, y)` lies in `r`.
@inline(__always)
func contains(_ r: Rect, _ x: Int, _ y: Int) -> Bool { x >= r.x && x < r.maxX && y >= r.y && y < r.maxY }

/// The region a band cell points at: for the machine lane a reserved region overlapping
/// the cell, else a memory region; for the physmem lane a physmem region.
func regionIn(_ state: Memblock, _ cell: AddressWindow, _ lane: Layout.Lane) -> RegionRef? {
    func find(_ kind: MemblockTypeKind) -> RegionRef? {
        let t = state.type(kind)
        if t.isEmpty { return nil }
        let i = HoleFinder.firstEnding(above: cell.lo, t.regions)
        return i < t.cnt && t.regions[i].base < cell.hi ? RegionRef(kind, i) : nil
    }
    switch lane {
    case .machine: return find(.reserved) ?? find(.memory)
    case .physmem: return find(.physmem)
    case .buddy: return find(.memory)
    }
}

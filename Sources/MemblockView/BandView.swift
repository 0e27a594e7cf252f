import Memblock

/// The address-space band: the machine's physical address space as one row of cells per
/// lane, change and selection markers under it, the axis and the legend.
enum BandView {
    /// Draws the band pane.
    static func draw(_ f: Frame, _ b: inout Buffer) {
        let l = f.layout, ui = f.scene.ui
        var title = "address space · " + (ui.scaleMode == .linear ? "linear" : "holes compressed")
        if let z = ui.zoom { title += " · zoom \(z.label)" }
        if l.hiddenNodes > 0 { title += " · \(l.hiddenNodes) nodes not shown" }
        b.drawTitleRule(l.bandTitle, title: title, focused: ui.focus == .band,
                        hints: [("z/Z", "zoom"), ("←→", "pan"), ("0", "fit"), ("c", "scale")])
        var seen = Set<BandKind>()
        var machineRow: [Cell]?
        for (i, lane) in l.lanes.enumerated() {
            let label: String
            switch lane.lane {
            case .machine:
                label = i == 0 ? "memblock" : ""
                if machineRow == nil { machineRow = machineCells(f.regions, f.scale, seen: &seen) }
                blit(machineRow!, lane.rect, &b)
            case .physmem:
                label = "physmem"
                blit(spanCells(SpanSampler.physmem(f.state), f.scale, glyph: { _ in "━" }, role: .physmem), lane.rect, &b)
            case .buddy:
                label = "buddy"
                if let buddy = f.state.buddy {
                    let config = f.state.config
                    let handOff = BuddyView.handOff(buddy, progress: f.scene.ui.buddyProgress, maxOrder: config.maxOrder)
                    let sampler = SpanSampler.buddy(handOff.blocks, pageSize: config.pageSize)
                    let glyph = { (order: Int) in BuddyView.orderBar(order, maxOrder: config.maxOrder) }
                    blit(spanCells(sampler, f.scale, glyph: glyph, role: .buddy), lane.rect, &b)
                }
            }
            b.put(label, x: 0, y: lane.rect.y, role: .dim, maxWidth: Layout.gutter - 1)
        }
        let ticks = AxisTicks.ticks(for: f.scale)
        drawMarkers(f, ticks, &b)
        for t in ticks {
            b.put(t.label, x: l.axisRow.x + t.column, y: l.axisRow.y, role: .dim, maxWidth: l.axisRow.maxX - l.axisRow.x - t.column)
        }
        drawLegend(f, seen, &b)
        BandInset.draw(f, &b)
    }

    /// One row of machine cells over the scale's columns, noting which kinds appear.
    static func machineCells(_ regions: ContiguousRegions, _ scale: AddressScale, node: Int32?? = .none,
                             seen: inout Set<BandKind>) -> [Cell] {
        var cells = [Cell](repeating: .blank, count: scale.columns)
        var sampler = BandSampler(regions: regions, start: scale.window.lo, node: node)
        for s in scale.segments {
            if s.isGap {
                cells[s.column] = Cell("┆", .dim)
                continue
            }
            for k in 0..<s.width {
                let lo = s.boundary(k)
                var hi = s.boundary(k + 1)
                if hi <= lo && lo < .max { hi = lo + 1 }  // a column of a very deep zoom: one address
                let (cell, kind) = bandCell(sampler.sample(lo, hi))
                cells[s.column + k] = cell
                seen.insert(kind)
            }
        }
        return cells
    }

    /// One row of a span lane (physmem, buddy): a glyph where anything lies in the cell.
    static func spanCells(_ sampler: SpanSampler, _ scale: AddressScale, glyph: (Int) -> Character,
                          role: StyleRole) -> [Cell] {
        var sampler = sampler
        var cells = [Cell](repeating: .blank, count: scale.columns)
        for s in scale.segments where !s.isGap {
            for k in 0..<s.width {
                let lo = s.boundary(k)
                var hi = s.boundary(k + 1)
                if hi <= lo && lo < .max { hi = lo + 1 }
                let (bytes, value) = sampler.sample(lo, hi)
                if bytes > 0 { cells[s.column + k] = Cell(glyph(value), role) }
            }
        }
        for s in scale.segments where s.isGap { cells[s.column] = Cell("┆", .dim) }
        return cells
    }

    /// Copies a row of cells into a lane.
    static func blit(_ cells: [Cell], _ r: Rect, _ b: inout Buffer) {
        for (i, c) in cells.prefix(r.width).enumerated() { b[r.x + i, r.y] = c }
    }

    /// Tick marks, `current_limit` (`▕`: top-down allocations start below it), the selected
    /// region (`▔`), and what the step changed (`▲`) or removed (`△`).
    static func drawMarkers(_ f: Frame, _ ticks: [AxisTicks.Tick], _ b: inout Buffer) {
        let r = f.layout.markerRow
        for t in ticks { b[r.x + t.column, r.y] = Cell("╷", .dim) }
        let limit = f.state.currentLimit
        if limit > f.scale.window.lo && limit < f.scale.window.hi {
            b[r.x + Int(f.scale.column(of: limit - 1)), r.y] = Cell("▕", .warning)
        }
        if let sel = f.scene.ui.selection, let region = region(f.state, sel) {
            let (c0, c1) = columns(f.scale, region)
            for c in c0..<c1 { b[r.x + c, r.y] = Cell("▔", .selected) }
        }
        for kind in MemblockTypeKind.allCases {
            guard let change = f.scene.changes[kind] else { continue }
            for old in change.removed where f.scale.window.contains(old.base) || f.scale.window.contains(old.end &- 1) {
                b[r.x + columns(f.scale, old).0, r.y] = Cell("△", .removed)
            }
            let t = f.state.type(kind)
            for i in change.changed where i >= 0 && i < t.cnt && t.regions[i].size > 0 {
                let reg = t.regions[i]
                if reg.end <= f.scale.window.lo || reg.base >= f.scale.window.hi { continue }
                b[r.x + columns(f.scale, reg).0, r.y] = Cell("▲", .changed)
            }
        }
    }

    /// The region a reference names, when it exists and is not a dummy.
    static func region(_ state: Memblock, _ ref: RegionRef) -> MemblockRegion? {
        let t = state.type(ref.kind)
        guard ref.index >= 0 && ref.index < t.cnt && t.regions[ref.index].size > 0 else { return nil }
        return t.regions[ref.index]
    }

    /// The columns a region covers, `[first, last + 1)`, at least one column wide.
    static func columns(_ scale: AddressScale, _ r: MemblockRegion) -> (Int, Int) {
        let c0 = Swift.min(scale.columns - 1, Int(scale.column(of: r.base)))
        let c1 = Swift.min(scale.columns, Swift.max(c0 + 1, Int(scale.column(of: r.end).rounded(.up))))
        return (c0, c1)
    }

    /// The legend: the kinds the band shows or the memory's flags imply (reserved and free
    /// always), the gap marker,
    /// the lanes, and the markers in use. Entries that do not fit are left off.
    static func drawLegend(_ f: Frame, _ seen: Set<BandKind>, _ b: inout Buffer) {
        let r = f.layout.legendRow
        var entries: [(Character, StyleRole, String)] = []
        var shown = seen
        for (flag, kind) in [(MemblockFlags.nomap, BandKind.nomap), (.hotplug, .hotplug), (.mirror, .mirror),
                             (.driverManaged, .driverManaged)] where f.stats.flags.contains(flag) {
            shown.insert(kind)
        }
        let order: [BandKind] = [.reserved, .free, .reservedNoMemory, .nomap, .hotplug, .mirror, .driverManaged]
        for kind in order where shown.contains(kind) || kind == .reserved || kind == .free {
            entries.append((kind.glyph, kind.role, kind.legend))
        }
        if f.state.config.physMap { entries.append(("━", .physmem, "physmem")) }
        var buddyLegend: (glyphs: String, text: String)?
        if f.state.buddy != nil { buddyLegend = BuddyView.legend(pageSize: f.state.config.pageSize, maxOrder: f.state.config.maxOrder) }
        if f.scale.segments.contains(where: \.isGap) { entries.append(("┆", .dim, "hole (compressed)")) }
        if f.scene.changes.values.contains(where: { !$0.changed.isEmpty }) { entries.append(("▲", .changed, "changed")) }
        if f.scene.changes.values.contains(where: { !$0.removed.isEmpty }) { entries.append(("△", .removed, "removed")) }
        if f.scene.ui.selection != nil { entries.append(("▔", .selected, "selected")) }
        if f.state.currentLimit > f.scale.window.lo && f.state.currentLimit < f.scale.window.hi {
            entries.append(("▕", .warning, "current_limit"))
        }
        if shown.contains(.reserved) || shown.contains(.reservedNoMemory) {
            entries.append(("▌", .reserved, "part reserved"))
        }
        var x = r.x + 1
        if let bl = buddyLegend {
            x = b.put(bl.glyphs, x: x, y: r.y, role: .buddy)
            x = b.put(" " + bl.text + "  ", x: x, y: r.y, role: .dim)
        }
        for (glyph, role, word) in entries {
            let width = 2 + word.count + 2
            if x + width > r.maxX { continue }
            b[x, r.y] = Cell(glyph, role)
            x = b.put(" " + word + "  ", x: x + 1, y: r.y, role: .dim)
        }
    }
}

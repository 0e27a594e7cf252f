import Memblock

extension SVGPainter {
    /// The machine band: lanes, markers, axis and legend. Returns the kinds it shows.
    @discardableResult
    mutating func drawBand() -> Set<BandKind> {
        let px = PixelScale(state: state, window: scene.ui.zoom, mode: options.scaleMode,
                            x0: left + Self.gutter, width: right - left - Self.gutter)
        y += 10
        svg.open("g", ["id": "band", "class": "band", "mb:lo": .text(ViewFormat.hex(px.scale.window.lo)),
                       "mb:hi": .text(ViewFormat.hex(px.scale.window.hi))])
        var title = "address space · " + (options.scaleMode == .linear ? "linear" : "holes compressed")
        if let z = scene.ui.zoom { title += " · zoom \(z.label)" }
        y += 12
        svg.text("text", title, ["class": "band-title", "x": .number(left), "y": .number(y), "fill": .color(colors.text(.dim))])
        y += 6
        let top = y
        let spans = ExportSpans.spans(state, window: px.scale.window)
        drawLane(id: "lane-machine", label: "memblock", spans: spans.map { ($0.lo, $0.hi, $0.kind.role, $0.kind.exportID) },
                 px, height: Self.machineLaneHeight)
        if state.config.physMap {
            let runs = ExportSpans.runs(SpanSampler.physmem(state).spans.map { ($0.lo, $0.hi) }, window: px.scale.window)
            drawLane(id: "lane-physmem", label: "physmem", spans: runs.map { ($0.lo, $0.hi, .physmem, "physmem") },
                     px, height: Self.thinLaneHeight)
        }
        if let buddy = state.buddy {
            let blocks = SpanSampler.buddy(buddy, pageSize: state.config.pageSize).spans.map { ($0.lo, $0.hi) }
            let runs = ExportSpans.runs(blocks, window: px.scale.window)
            drawLane(id: "lane-buddy", label: "buddy", spans: runs.map { ($0.lo, $0.hi, .buddy, "buddy") },
                     px, height: Self.thinLaneHeight)
        }
        drawGaps(px, top: top, bottom: y)
        drawMarkers(px, top: top, bottom: y)
        drawAxis(px)
        svg.close()
        let seen = Set(spans.map(\.kind))
        drawLegend(seen: seen, px)
        return seen
    }

    /// One lane: its label, the empty band in the hole colour, one rectangle per span at its
    /// exact position, and ticks for the spans narrower than a pixel (see `drawTicks`).
    mutating func drawLane(id: String, label: String, spans: [(lo: PhysAddr, hi: PhysAddr, role: StyleRole, name: String)],
                           _ px: PixelScale, height: Double) {
        svg.open("g", ["id": .text(id), "class": "lane"])
        svg.text("text", label, ["class": "lane-label", "x": .number(left), "y": .number(y + Swift.min(height, 16) - 3),
                                 "fill": .color(colors.text(.dim))])
        let hole = colors.fill(.hole)
        svg.empty("rect", ["class": "lane-background", "x": .number(px.x0), "y": .number(y), "width": .number(px.width),
                           "height": .number(height), "fill": .color(hole.color), "fill-opacity": opacity(hole.opacity)])
        var ticks: [(x: Double, role: StyleRole)] = []
        for s in spans {
            let x0 = px.x(s.lo), x1 = px.x(s.hi)
            let fill = colors.fill(s.role)
            svg.empty("rect", ["class": .text("span " + s.name),
                               "mb:kind": .text(s.name), "mb:lo": .text(ViewFormat.hex(s.lo)),
                               "mb:hi": .text(ViewFormat.hex(s.hi)), "x": .number(x0), "y": .number(y),
                               "width": .number(x1 - x0), "height": .number(height), "fill": .color(fill.color),
                               "fill-opacity": opacity(fill.opacity)],
                      tooltip: "\(s.name) [\(ViewFormat.hex(s.lo)), \(ViewFormat.hex(s.hi))) \(ViewFormat.size(s.hi - s.lo))")
            // Free memory is the background of the machine band: a sliver of it between two
            // reservations is not worth a mark.
            if x1 - x0 < 1 && s.role != .memoryFree { ticks.append((x0, s.role)) }
        }
        drawTicks(ticks, top: y, height: height)
        svg.close()
        y += height + 3
    }

    /// Marks for spans narrower than a pixel — a 4 KiB reservation on a 64 GiB axis would
    /// otherwise vanish, where the terminal's partial blocks keep it visible. They are
    /// one-pixel ticks along the lane's bottom edge, so the exact areas above still show the
    /// true proportions; one tick per half pixel and kind is enough.
    mutating func drawTicks(_ ticks: [(x: Double, role: StyleRole)], top: Double, height: Double) {
        guard !ticks.isEmpty else { return }
        svg.open("g", ["class": "small-spans"])
        var drawn = Set<Int>()
        for t in ticks {
            let key = Int((t.x * 2).rounded(.down)) &* 64 &+ StyleRole.allCases.firstIndex(of: t.role)!
            if !drawn.insert(key).inserted { continue }
            svg.empty("rect", ["class": "tick-mark", "x": .number(t.x), "y": .number(top + height * 0.6), "width": 1,
                               "height": .number(height * 0.4), "fill": .color(colors.fill(t.role).color)])
        }
        svg.close()
    }

    /// A `fill-opacity` attribute, left out when fully opaque.
    func opacity(_ o: Double) -> SVGWriter.Value? { o >= 1 ? nil : .number(o) }

    /// The compressed holes: a dashed line down each marker column.
    mutating func drawGaps(_ px: PixelScale, top: Double, bottom: Double) {
        let gaps = px.gaps
        guard !gaps.isEmpty else { return }
        svg.open("g", ["class": "gaps"])
        for g in gaps {
            let x = g.x + g.width / 2
            svg.empty("line", ["x1": .number(x), "y1": .number(top), "x2": .number(x), "y2": .number(bottom - 3),
                               "stroke": .color(colors.text(.dim)), "stroke-dasharray": "3 2"])
        }
        svg.close()
    }

    /// `current_limit` (a line across the lanes: top-down allocations start below it) and
    /// what the step changed (`▲`) or removed (`△`), under the lanes.
    mutating func drawMarkers(_ px: PixelScale, top: Double, bottom: Double) {
        svg.open("g", ["id": "markers"])
        let limit = state.currentLimit
        if limit > px.scale.window.lo && limit < px.scale.window.hi {
            let x = px.x(limit)
            svg.empty("line", ["class": "current-limit", "x1": .number(x), "y1": .number(top - 3), "x2": .number(x),
                               "y2": .number(bottom + 6), "stroke": .color(colors.text(.warning)), "stroke-width": 1.5],
                      tooltip: "current_limit \(ViewFormat.hex(limit))")
        }
        let w = px.scale.window
        for kind in MemblockTypeKind.allCases {
            guard let change = scene.changes[kind] else { continue }
            for old in change.removed where old.size > 0 && old.base < w.hi && ExportSpans.end(old) > w.lo {
                triangle(px.x(Swift.max(old.base, w.lo)), bottom, role: .removed, filled: false,
                         tooltip: "removed \(kind.rawValue) [\(ViewFormat.hex(old.base)), \(ViewFormat.hex(ExportSpans.end(old))))")
            }
            let t = state.type(kind)
            for i in change.changed where i >= 0 && i < t.cnt && t.regions[i].size > 0 {
                let r = t.regions[i]
                if ExportSpans.end(r) <= w.lo || r.base >= w.hi { continue }
                triangle(px.x(Swift.max(r.base, w.lo)), bottom, role: .changed, filled: true,
                         tooltip: "changed \(kind.rawValue) [\(ViewFormat.hex(r.base)), \(ViewFormat.hex(ExportSpans.end(r))))")
            }
        }
        svg.close()
        y += 10
    }

    /// A small triangle pointing up at `x`, its tip at `top`.
    mutating func triangle(_ x: Double, _ top: Double, role: StyleRole, filled: Bool, tooltip: String) {
        let c = colors.text(role)
        let d = "M\(SVGWriter.number(x)) \(SVGWriter.number(top))l4 8h-8z"
        svg.empty("path", ["class": .text(role == .changed ? "changed" : "removed"), "d": .text(d),
                           "fill": filled ? .color(c) : "none", "stroke": .color(c)], tooltip: tooltip)
    }

    /// Tick marks and labels under the band, at the addresses the terminal would label.
    mutating func drawAxis(_ px: PixelScale) {
        svg.open("g", ["id": "axis"])
        let dim = colors.text(.dim)
        for t in px.ticks {
            let x = px.x(t.address)
            svg.empty("line", ["class": "tick", "x1": .number(x), "y1": .number(y - 4), "x2": .number(x), "y2": .number(y + 2),
                               "stroke": .color(dim)])
            svg.text("text", t.label, ["class": "tick-label", "mb:address": .text(ViewFormat.hex(t.address)),
                                       "x": .number(x), "y": .number(y + 14), "fill": .color(dim)])
        }
        svg.close()
        y += 18
    }

    /// The legend: the kinds shown (reserved and free always), flags the memory carries,
    /// the extra lanes and the markers in use, wrapped over as many lines as needed.
    mutating func drawLegend(seen: Set<BandKind>, _ px: PixelScale) {
        var shown = seen
        for (flag, kind) in [(MemblockFlags.nomap, BandKind.nomap), (.hotplug, .hotplug), (.mirror, .mirror),
                             (.driverManaged, .driverManaged)] where stats.flags.contains(flag) {
            shown.insert(kind)
        }
        var entries: [(kind: String, role: StyleRole, text: String)] = []
        let order: [BandKind] = [.reserved, .free, .reservedNoMemory, .nomap, .hotplug, .mirror, .driverManaged]
        for kind in order where shown.contains(kind) || kind == .reserved || kind == .free {
            entries.append((kind.exportID, kind.role, kind.legend))
        }
        if state.config.physMap { entries.append(("physmem", .physmem, "physmem")) }
        if state.buddy != nil { entries.append(("buddy", .buddy, "buddy allocator")) }
        if !px.gaps.isEmpty { entries.append(("hole", .dim, "hole (compressed)")) }
        if scene.changes.values.contains(where: { !$0.changed.isEmpty }) { entries.append(("changed", .changed, "changed")) }
        if scene.changes.values.contains(where: { !$0.removed.isEmpty }) { entries.append(("removed", .removed, "removed")) }
        let limit = state.currentLimit
        if limit > px.scale.window.lo && limit < px.scale.window.hi {
            entries.append(("current_limit", .warning, "current_limit"))
        }
        svg.open("g", ["id": "legend"])
        var x = left + Self.gutter
        y += 4
        for e in entries {
            let width = 18 + Double(e.text.count) * Self.charWidth + 16
            if x + width > right && x > left + Self.gutter {
                x = left + Self.gutter
                y += Self.lineHeight + 2
            }
            svg.open("g", ["class": "legend-entry", "mb:kind": .text(e.kind)])
            let fill = colors.fill(e.role)
            svg.empty("rect", ["x": .number(x), "y": .number(y), "width": 12, "height": 12, "fill": .color(fill.color),
                               "fill-opacity": opacity(fill.opacity), "stroke": .color(colors.text(.border))])
            svg.text("text", e.text, ["x": .number(x + 18), "y": .number(y + 10), "fill": .color(colors.text(.normal))])
            svg.close()
            x += width
        }
        svg.close()
        y += Self.lineHeight + 4
    }
}

extension BandKind {
    /// The kind's name in a picture's `class` and `mb:kind` attributes (`free`,
    /// `reserved-no-memory`, `driver-managed`): one word, no spaces.
    var exportID: String {
        switch self {
        case .reservedNoMemory: return "reserved-no-memory"
        case .driverManaged: return "driver-managed"
        default: return legend
        }
    }
}

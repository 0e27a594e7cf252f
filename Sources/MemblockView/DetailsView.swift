import Memblock

/// The details pane: the selected region in full (a memory region's node, flags and how
/// much of it is reserved; a reserved region's owners, every one with the step that
/// reserved it), or without a selection the current step (what it did, what-if, checks,
/// why playback stopped).
enum DetailsView {
    /// A line: styled runs.
    typealias Line = [(String, StyleRole)]

    /// Draws the pane into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        if r.height < 1 { return }
        let s = f.scene
        let focused = s.ui.focus == .details
        let lines: [Line]
        let title: String
        if let sel = s.ui.selection {
            title = "details · \(sel.kind.rawValue)[\(sel.index)]"
            lines = regionLines(f, sel)
        } else {
            title = "details · step \(s.step)"
            lines = stepLines(s)
        }
        b.drawTitleRule(r, title: title, focused: focused,
                        hints: s.ui.selection == nil ? [] : [("j/k", "owner"), ("enter", "go to its step")])
        let rows = r.height - 1
        guard rows > 0 else { return }
        // Keep the owner cursor in view.
        let cursorLine = s.ui.selection == nil ? 0 : s.ui.ownerCursor + 2
        let start = Swift.max(0, Swift.min(cursorLine - rows + 1, lines.count - rows))
        for (i, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            b.putRuns(line, x: r.x + 1, y: r.y + 1 + i, maxX: r.maxX)
        }
    }

    /// The owners of `[lo, hi)` among the scene's sorted spans, in address order.
    static func owners(_ scene: Scene, _ lo: PhysAddr, _ hi: PhysAddr) -> [OwnerSpan] {
        var a = 0, c = scene.owners.count
        while a < c {
            let mid = (a + c) >> 1
            if scene.owners[mid].end <= lo { a = mid + 1 } else { c = mid }
        }
        var out: [OwnerSpan] = []
        while a < scene.owners.count && scene.owners[a].base < hi {
            out.append(scene.owners[a])
            a += 1
        }
        return out
    }

    /// The owners of the selected region (empty for a memory region or none).
    static func selectedOwners(_ scene: Scene) -> [OwnerSpan] {
        guard let sel = scene.ui.selection, sel.kind == .reserved, let reg = BandView.region(scene.state, sel) else { return [] }
        return owners(scene, reg.base, reg.end)
    }

    /// A region's lines.
    static func regionLines(_ f: Frame, _ sel: RegionRef) -> [Line] {
        guard let reg = BandView.region(f.state, sel) else { return [[("\(sel.kind.rawValue)[\(sel.index)] is gone", .dim)]] }
        var out: [Line] = [[("[\(ViewFormat.hex(reg.base))-\(ViewFormat.hex(reg.end &- 1))] ", .normal),
                            (ViewFormat.size(reg.size), .title)]]
        switch sel.kind {
        case .reserved:
            let list = owners(f.scene, reg.base, reg.end)
            out.append([(list.isEmpty ? "no recorded owner" : list.count == 1 ? "1 owner:" : "\(list.count) owners:", .dim)])
            for (i, o) in list.enumerated() {
                let cursor = f.scene.ui.focus == .details && i == f.scene.ui.ownerCursor
                let role: StyleRole = cursor ? .selected : .normal
                out.append([(cursor ? "› " : "  ", .title), (o.step.map { "step \($0)  " } ?? "", cursor ? .selected : .dim),
                            (o.text, role), ("  \(ViewFormat.hex(o.base)) \(ViewFormat.size(o.size))", .dim)])
            }
        default:
            let node = ViewFormat.nodeName(MachineStats.node(of: reg, f.state.config), f.scene.nodeNames)
            out.append([("node ", .dim), (node, .normal), (" · flags ", .dim), (reg.flags.description, .normal)])
            let (bytes, count) = reservedInside(f.state, reg.base, reg.end)
            let share = reg.size == 0 ? 0 : Double(bytes) * 100 / Double(reg.size)
            out.append([("reserved ", .dim), (ViewFormat.size(bytes), .reserved),
                        (" of \(ViewFormat.size(reg.size)) (\(percent(share))) in \(count) region\(count == 1 ? "" : "s")", .dim)])
            out.append([("free ", .dim), (ViewFormat.size(reg.size - Swift.min(bytes, reg.size)), .memoryFree)])
        }
        return out
    }

    /// Bytes of `[lo, hi)` covered by reserved regions, and how many regions touch it.
    static func reservedInside(_ state: Memblock, _ lo: PhysAddr, _ hi: PhysAddr) -> (PhysAddr, Int) {
        var bytes: PhysAddr = 0, count = 0
        for r in state.reserved.regions where r.size > 0 && r.base < hi && r.end > lo {
            bytes += Swift.min(r.end, hi) - Swift.max(r.base, lo)
            count += 1
        }
        return (bytes, count)
    }

    /// `0.6%`, `100%`.
    static func percent(_ p: Double) -> String {
        p >= 10 || p == 0 ? "\(Int(p.rounded()))%" : "\((p * 10).rounded() / 10)%"
    }

    /// The current step's lines.
    static func stepLines(_ s: Scene) -> [Line] {
        var out: [Line] = []
        if let op = s.operationText { out.append([(op, .title)]) } else { out.append([("before the first step", .dim)]) }
        if let o = s.outcome {
            out.append([("result ", .dim), (o.summary, o.failed ? .error : .ok)])
        }
        if let w = s.whatIf {
            if let here = w.here {
                out.append([("◆ ", .warning), (here.variant, .warning), (" under \(w.change), ", .dim),
                            (here.original, .normal), (" as booted", .dim)])
            } else {
                out.append([("what-if \(w.change): this step agrees (\(w.divergingSteps) diverge)", .dim)])
            }
        }
        for e in s.expectationFailures { out.append([("! ", .error), (e, .error)]) }
        if let why = s.stopReason { out.append([("stopped: ", .dim), (why, .warning)]) }
        // The reserved region the step changed, with everyone who owns a part of it.
        if let i = s.changes[.reserved]?.changed.first, i >= 0, i < s.state.reserved.cnt {
            let r = s.state.reserved.regions[i]
            let list = owners(s, r.base, r.end)
            out.append([("changed reserved[\(i)] ", .dim), ("[\(ViewFormat.hex(r.base))-\(ViewFormat.hex(r.end &- 1))] ", .changed),
                        (ViewFormat.size(r.size), .title), (list.count > 1 ? ", \(list.count) owners:" : "", .dim)])
            for o in list.prefix(50) where list.count > 1 {
                out.append([("  ", .dim), (o.step.map { "step \($0)  " } ?? "", .dim), (o.text, .normal),
                            ("  \(ViewFormat.hex(o.base)) \(ViewFormat.size(o.size))", .dim)])
            }
        }
        out.append([("select a region (mouse, or enter in the table) to list its owners", .dim)])
        return out
    }
}

/// The breakpoints pane: every breakpoint with its state; `j`/`k` pick one, Enter
/// enables or disables it, `d` deletes it, `a` adds one.
enum BreakpointsView {
    /// Draws the pane into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        if r.height < 1 { return }
        let s = f.scene
        let focused = s.ui.focus == .breakpoints
        b.drawTitleRule(r, title: "breakpoints \(s.breakpointList.count)", focused: focused,
                        hints: [("a", "add"), ("enter", "on/off"), ("d", "delete")])
        if s.breakpointList.isEmpty {
            b.put("none: a adds one (an address range, $label, by=caller, an operation, failure, mismatch, phase)", x: r.x + 1, y: r.y + 1, role: .dim, maxWidth: r.width - 1)
            return
        }
        let rows = r.height - 1
        let cursor = Swift.min(s.ui.breakpointCursor, s.breakpointList.count - 1)
        let start = Swift.max(0, cursor - rows + 1)
        for (i, bp) in s.breakpointList.enumerated().dropFirst(start).prefix(rows) {
            let selected = focused && i == cursor
            let role: StyleRole = selected ? .selected : bp.enabled ? .normal : .dim
            b.putRuns([(bp.enabled ? " ● " : " ○ ", bp.enabled ? .warning : .dim), (bp.text, role),
                       (bp.enabled ? "" : " (off)", .dim)], x: r.x, y: r.y + 1 + i - start, maxX: r.maxX)
        }
    }
}

extension Scene {
    /// The owners of the selected reserved region, in address order (empty for a memory
    /// region or no selection): what the details pane lists and Enter jumps through.
    public var selectedOwners: [OwnerSpan] { DetailsView.selectedOwners(self) }

    /// The region `ref` points at in this scene's state, if it still exists.
    public func region(_ ref: RegionRef) -> MemblockRegion? { BandView.region(state, ref) }
}

import Memblock
import MemblockReplay
import MemblockView

extension AppModel {
    /// The panes `tab` visits: the band, the table, the details (when shown), the steps,
    /// the breakpoints (when open).
    var focusablePanes: [UIState.Pane] {
        let layout = Layout.compute(scene(self), width: columns, height: rows)
        var panes: [UIState.Pane] = [.band, .table]
        if layout.details != nil { panes.append(.details) }
        if layout.log != nil { panes.append(.log) }
        if layout.breakpoints != nil { panes.append(.breakpoints) }
        return panes
    }

    /// `tab`/`Shift+Tab`.
    mutating func cycleFocus(_ d: Int) {
        let panes = focusablePanes
        let i = panes.firstIndex(of: ui.focus) ?? 0
        ui.focus = panes[(i + d + panes.count) % panes.count]
        if ui.focus == .log && ui.logCursor == nil { ui.logCursor = Swift.max(1, Swift.min(position, stepCount)) }
    }

    /// Keys that act on the focused pane; false when the key is not the pane's.
    mutating func handleFocused(_ key: AppKey) -> Bool {
        switch ui.focus {
        case .log: return handleSteps(key)
        case .breakpoints: return handleBreakpoints(key)
        case .details: return handleDetails(key)
        case .table: return handleTable(key)
        case .band: return false
        }
    }

    /// The steps pane: `j`/`k`, `PgUp`/`PgDn`, `Home`/`End` move its cursor over the whole
    /// trace (scrolling the pane away from the current step); Enter goes to the cursor's
    /// step and follows the current step again.
    mutating func handleSteps(_ key: AppKey) -> Bool {
        guard stepCount > 0 else { return false }
        let cursor = ui.logCursor ?? Swift.max(1, position)
        let target: Int
        switch key {
        case .character("j"), .down: target = cursor + 1
        case .character("k"), .up: target = cursor - 1
        case .pageDown: target = cursor + pageRows
        case .pageUp: target = cursor - pageRows
        case .home: target = 1
        case .end: target = stepCount
        case .enter:
            move(to: cursor)
            ui.logTop = nil
            return true
        default: return false
        }
        let c = Swift.max(1, Swift.min(target, stepCount))
        ui.logCursor = c
        // Scroll only when the cursor leaves the rows the pane shows around its top.
        let visible = Swift.max(1, (Layout.compute(scene(self), width: columns, height: rows).log?.height ?? 2) - 2)
        let top = ui.logTop ?? Swift.max(1, position - visible * 2 / 3)
        if c < top { ui.logTop = c } else if c >= top + visible { ui.logTop = c - visible + 1 } else if ui.logTop == nil && c != position { ui.logTop = top }
        return true
    }

    /// The breakpoints pane: `j`/`k` pick, Enter (or `e`) on/off, `d` (or Backspace)
    /// delete, `a` add (a prompt); `space` still plays, to the next breakpoint.
    mutating func handleBreakpoints(_ key: AppKey) -> Bool {
        let n = breakpoints.count
        switch key {
        case .character("j"), .down: ui.breakpointCursor = Swift.min(Swift.max(0, n - 1), ui.breakpointCursor + 1)
        case .character("k"), .up: ui.breakpointCursor = Swift.max(0, ui.breakpointCursor - 1)
        case .home, .pageUp: ui.breakpointCursor = 0
        case .end, .pageDown: ui.breakpointCursor = Swift.max(0, n - 1)
        case .character("a"): prompt = Prompt(kind: .breakpoint, text: "")
        case .character("e"), .enter:
            guard ui.breakpointCursor < n else { ui.message = "no breakpoint: a adds one"; return true }
            breakpoints[ui.breakpointCursor].enabled.toggle()
            let e = breakpoints[ui.breakpointCursor]
            ui.message = "breakpoint \(e.breakpoint) \(e.enabled ? "on" : "off")"
        case .character("d"), .backspace:
            guard ui.breakpointCursor < n else { ui.message = "no breakpoint to delete"; return true }
            let e = breakpoints.remove(at: ui.breakpointCursor)
            ui.breakpointCursor = Swift.max(0, Swift.min(ui.breakpointCursor, breakpoints.count - 1))
            ui.message = "breakpoint \(e.breakpoint) deleted"
        default: return false
        }
        return true
    }

    /// The details pane: `j`/`k` pick an owner of the selected region, Enter goes to the
    /// step that reserved it.
    mutating func handleDetails(_ key: AppKey) -> Bool {
        let owners = scene(self).selectedOwners
        switch key {
        case .character("j"), .down: ui.ownerCursor = Swift.min(Swift.max(0, owners.count - 1), ui.ownerCursor + 1)
        case .character("k"), .up: ui.ownerCursor = Swift.max(0, ui.ownerCursor - 1)
        case .enter: goToOwner(owners)
        default: return false
        }
        return true
    }

    /// The table: `j`/`k` move the selection over its rows (`PgUp`/`PgDn` a page),
    /// Enter goes to the step that made the selected region.
    mutating func handleTable(_ key: AppKey) -> Bool {
        let kind = ui.tableTab == .physmem && !state.config.physMap ? .reserved : ui.tableTab
        let count = state.type(kind).cnt
        let current = ui.selection.flatMap { $0.kind == kind ? $0.index : nil }
        let target: Int
        switch key {
        case .character("j"), .down: target = (current ?? -1) + 1
        case .character("k"), .up: target = (current ?? 1) - 1
        case .pageDown: target = (current ?? 0) + pageRows
        case .pageUp: target = (current ?? 0) - pageRows
        case .enter:
            goToOwner(scene(self).selectedOwners)
            return true
        default: return false
        }
        guard count > 0 else { return true }
        select(RegionRef(kind, Swift.max(0, Swift.min(count - 1, target))))
        return true
    }

    /// Enter outside the panes that use it: the selected region's owner.
    mutating func enterOnTable() {
        goToOwner(scene(self).selectedOwners)
    }

    /// Goes to the step of the owner under the cursor (the first owner), keeping the
    /// region selected there.
    mutating func goToOwner(_ owners: [OwnerSpan]) {
        guard !owners.isEmpty else {
            ui.message = ui.selection == nil ? "select a region first (j/k in the table, the mouse, or / search)"
                : "no recorded owner for this region"
            return
        }
        let o = owners[Swift.min(ui.ownerCursor, owners.count - 1)]
        guard let step = o.step else { ui.message = "\(o.text): no step recorded"; return }
        move(to: step)
        if let ref = region(holding: o.base) { select(ref) }
        ui.message = "step \(step) made \(o.text)"
    }

    /// `j`/`k` outside a pane with its own keys: the table.
    mutating func scrollTable(_ n: Int) {
        let kind = ui.tableTab
        let count = state.type(kind).cnt
        let current = ui.tableScroll ?? tableScrollPosition(scene(self), width: columns, height: rows)
        ui.tableScroll = Swift.max(0, Swift.min(count - 1, current + n))
    }

    /// `1`/`2`/`3`: a table tab (physmem only with a phys map).
    mutating func showTab(_ kind: MemblockTypeKind) {
        if kind == .physmem && !state.config.physMap { ui.message = "this trace has no physmem array"; return }
        ui.tableTab = kind
        ui.tableScroll = nil
    }

    /// The mouse: a press selects what is under it (a band cell's region, a table row, a
    /// tab, a pane); the wheel scrolls the focused pane.
    mutating func handle(_ m: AppMouse) {
        switch m.kind {
        case .wheelUp: if !handleFocused(.up) { scrollTable(-3) }
        case .wheelDown: if !handleFocused(.down) { scrollTable(3) }
        case .press:
            switch hitTest(scene(self), width: columns, height: rows, x: m.x, y: m.y) {
            case .band(_, _, let region)?:
                ui.focus = .band
                if let region { select(region) }
            case .tableRow(let ref)?: ui.focus = .table; select(ref)
            case .tableTab(let kind)?: showTab(kind)
            case .pane(let pane)?: ui.focus = pane
            case nil: break
            }
        case .other: break
        }
    }
}

import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView
import TerminalUI

extension App {
    /// Handles one input event.
    func handle(_ key: Key) {
        dirty = true
        ui.message = nil
        if prompt != nil { handlePrompt(key); return }
        if ui.helpVisible, key != .resize { ui.helpVisible = false; if key == .character("?") { return } }
        if chained, let end = chainEnd(key) { ended = end; running = false; return }
        switch key {
        case .character(" "): controller.togglePlay()
        case .character("l"), .character("n"): pause(); controller.stepForward()
        case .character("h"), .character("p"): pause(); controller.stepBack()
        case .right: if ui.zoom != nil { pan(1) } else { pause(); controller.stepForward() }
        case .left: if ui.zoom != nil { pan(-1) } else { pause(); controller.stepBack() }
        case .character("]"): pause(); controller.nextPhase()
        case .character("["): pause(); controller.previousPhase()
        case .character("g"): prompt = ("g", "")
        case .character("/"): prompt = ("/", "")
        case .character("G"), .end: pause(); controller.seek(to: controller.count)
        case .home: pause(); controller.seek(to: 0)
        case .character("+"), .character("="): controller.clock.faster(); ui.message = speedText()
        case .character("-"), .character("_"): controller.clock.slower(); ui.message = speedText()
        case .character("z"): zoom(by: 0.25)
        case .character("Z"): zoom(by: 4)
        case .character("0"): ui.zoom = nil
        case .character("c"): ui.scaleMode = ui.scaleMode == .linear ? .holesCompressed : .linear
        case .tab: cycleFocus(1)
        case .backTab: cycleFocus(-1)
        case .character("j"), .down: scroll(1)
        case .character("k"), .up: scroll(-1)
        case .pageDown: scroll(10)
        case .pageUp: scroll(-10)
        case .character("1"): ui.tableTab = .memory; ui.tableScroll = nil
        case .character("2"): ui.tableTab = .reserved; ui.tableScroll = nil
        case .character("3"): if controller.timeline.trace.config.physMap { ui.tableTab = .physmem; ui.tableScroll = nil }
        case .character("b"): toggleBreakpoint()
        case .character("x"): ui.explainVisible.toggle()
        case .character("t"): nextTheme()
        case .character("?"): ui.helpVisible = true
        case .character("q"), .character("Q"): running = false
        case .escape: ui.selection = nil; ui.explainVisible = false
        case .mouse(let m): handleMouse(m)
        case .resize: break
        default: dirty = false
        }
    }

    func pause() { if controller.clock.isPlaying { controller.togglePlay() } }

    /// In a chained lecture: moving on at the last step goes to the next part, moving back
    /// at step 0 to the previous one.
    func chainEnd(_ key: Key) -> SessionEnd? {
        let forward: [Key] = [.character(" "), .right, .character("l"), .character("n"), .character("]")]
        let back: [Key] = [.left, .character("h"), .character("p"), .character("[")]
        if controller.position == controller.count && !controller.clock.isPlaying && forward.contains(key) { return .next }
        if controller.position == 0 && back.contains(key) { return .previous }
        return nil
    }

    func speedText() -> String {
        let s = controller.clock.speed
        return "speed \(s < 1 ? String(s) : String(Int(s))) steps/s"
    }

    func cycleFocus(_ d: Int) {
        let panes = UIState.Pane.allCases
        let i = panes.firstIndex(of: ui.focus) ?? 0
        ui.focus = panes[(i + d + panes.count) % panes.count]
    }

    func scroll(_ n: Int) {
        switch ui.focus {
        case .log: ui.logScroll = max(0, ui.logScroll + n)
        default:
            let count = controller.state.type(ui.tableTab).cnt
            // While the table follows the step, start from the row it shows.
            let size = terminal.size
            let current = ui.tableScroll ?? tableScrollPosition(builder.scene(ui: ui), width: size.columns, height: size.rows)
            ui.tableScroll = max(0, min(count - 1, current + n))
        }
    }

    /// The address window on screen: the zoom, or everything in memory and reserved.
    func currentWindow() -> AddressWindow {
        if let z = ui.zoom { return z }
        let s = controller.state
        var lo = PhysAddr.max, hi: PhysAddr = 0
        for t in [s.memory, s.reserved] where !t.isEmpty {
            lo = min(lo, t.regions[0].base)
            hi = max(hi, t.regions[t.cnt - 1].end)
        }
        return lo < hi ? AddressWindow(lo: lo, hi: hi) : AddressWindow(lo: 0, hi: 1 << 32)
    }

    /// Zooms around the selection (or the centre) by `factor` of the current width.
    func zoom(by factor: Double) {
        let w = currentWindow()
        let width = Double(w.hi - w.lo)
        var centre = Double(w.lo) + width / 2
        if let sel = ui.selection, sel.index < controller.state.type(sel.kind).cnt {
            let r = controller.state.type(sel.kind).regions[sel.index]
            centre = Double(r.base) + Double(r.size) / 2
        }
        let newWidth = max(4096, min(Double(PhysAddr.max), width * factor))
        let lo = max(0, centre - newWidth / 2)
        let hi = min(Double(PhysAddr.max), lo + newWidth)
        if factor > 1 && newWidth >= Double(PhysAddr.max) / 2 { ui.zoom = nil; return }
        ui.zoom = AddressWindow(lo: PhysAddr(lo), hi: PhysAddr(hi))
    }

    /// Pans the zoomed window by a quarter of its width.
    func pan(_ direction: Int) {
        guard let w = ui.zoom else { return }
        let step = (w.hi - w.lo) / 4
        if direction < 0 {
            let d = min(step, w.lo)
            ui.zoom = AddressWindow(lo: w.lo - d, hi: w.hi - d)
        } else {
            let d = min(step, PhysAddr.max - w.hi)
            ui.zoom = AddressWindow(lo: w.lo + d, hi: w.hi + d)
        }
    }

    func toggleBreakpoint() {
        let p = controller.position
        guard p >= 1 else { ui.message = "no operation at step 0"; return }
        let bp = Breakpoint.operation(controller.timeline.trace.steps[p - 1].operation.kind)
        if let i = controller.breakpoints.firstIndex(of: bp) {
            controller.breakpoints.remove(at: i)
            ui.message = "breakpoint \(bp) removed"
        } else {
            controller.breakpoints.append(bp)
            ui.message = "breakpoint \(bp) set"
        }
    }

    func nextTheme() {
        guard !themeNames.isEmpty else { return }
        let i = themeNames.firstIndex(of: theme.name) ?? -1
        let name = themeNames[(i + 1) % themeNames.count]
        if let t = try? ThemeLoader.load(nameOrPath: name) {
            theme = t
            ui.themeName = t.name
            ui.message = "theme \(t.name)"
        }
    }

    func handleMouse(_ m: MouseEvent) {
        let size = terminal.size
        switch m.kind {
        case .wheelUp: scroll(-3)
        case .wheelDown: scroll(3)
        case .press, .click:
            let scene = builder.scene(ui: ui)
            switch hitTest(scene, width: size.columns, height: size.rows, x: m.x, y: m.y) {
            case .band(_, _, let region)?: ui.selection = region; ui.focus = .band
            case .tableRow(let ref)?: ui.selection = ref; ui.focus = .table
            case .tableTab(let kind)?: ui.tableTab = kind; ui.tableScroll = nil
            case .pane(let pane)?: ui.focus = pane
            case nil: break
            }
        default: dirty = false
        }
    }

    func handlePrompt(_ key: Key) {
        guard var p = prompt else { return }
        switch key {
        case .escape: prompt = nil
        case .backspace: if !p.text.isEmpty { p.text.removeLast() }; prompt = p
        case .enter:
            prompt = nil
            if p.kind == "g" { goTo(p.text) } else { search(p.text) }
        case .character(let c): p.text.append(c); prompt = p
        default: break
        }
    }

    func goTo(_ text: String) {
        guard let n = Int(text.trimmingCharacters(in: " ")), n >= 0 else { ui.message = "not a step number: \(text)"; return }
        pause()
        controller.seek(to: min(n, controller.count))
    }

    /// Finds an address (a number) or a label and selects the region holding it.
    func search(_ text: String) {
        let query = text.trimmingCharacters(in: " ")
        var address = WhatIfChange.number(query)
        if address == nil {
            let name = query.hasPrefix("$") ? String(query.dropFirst()) : query
            let steps = controller.timeline.trace.steps
            if let i = steps.lastIndex(where: { $0.label == name }), i < controller.timeline.computed {
                if case .address(let a) = controller.timeline.results[i] { address = a }
            }
        }
        guard let a = address else { ui.message = "no address or label '\(query)'"; return }
        let s = controller.state
        for kind in [MemblockTypeKind.reserved, .memory] {
            if let i = Memblock.search(s.type(kind), a) {
                ui.selection = RegionRef(kind, i)
                ui.tableTab = kind
                ui.tableScroll = max(0, i - 3)
                ui.message = "\(query): \(kind.rawValue)[\(i)]"
                return
            }
        }
        ui.message = "\(query) = \(ViewFormat.hex(a)): not in memory or reserved"
    }
}

extension String {
    /// The string without leading and trailing copies of `c`.
    func trimmingCharacters(in c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}

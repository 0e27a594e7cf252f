import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView

/// The app's update function (bubbletea's `Update`): the new model for `message`, and the
/// effects the executable must run. Pure but for the environment's caches.
public func update(_ model: AppModel, _ message: Message) -> (AppModel, [Effect]) {
    var m = model
    var effects: [Effect] = []
    switch message {
    case .key(let key): m.handle(key, &effects)
    case .mouse(let mouse): m.handle(mouse)
    case .tick(let elapsed): m.tick(elapsed)
    case .resize(let c, let r):
        m.columns = Swift.max(0, c)
        m.rows = Swift.max(0, r)
    case .progress: break
    case .themeLoaded(let name):
        m.ui.themeName = name
        m.ui.message = "theme \(name)"
    case .themeFailed(let why): m.ui.message = why
    }
    return (m, effects)
}

extension AppModel {
    /// One key.
    mutating func handle(_ key: AppKey, _ effects: inout [Effect]) {
        ui.message = nil
        if prompt != nil { handlePrompt(key); return }
        if ui.helpVisible {
            ui.helpVisible = false
            if key == .character("?") || key == .escape { return }
        }
        ui.buddyProgress = nil
        if chained, let end = chainEnd(key) {
            ended = end
            running = false
            effects.append(.quit)
            return
        }
        if handleFocused(key) { return }
        if handleMovement(key) { return }
        handleView(key, &effects)
    }

    /// Playback and movement keys; false when `key` is not one.
    mutating func handleMovement(_ key: AppKey) -> Bool {
        switch key {
        case .character(" "): togglePlay()
        case .character("l"): move(to: position + 1)
        case .character("n"): searchActive ? nextMatch(1) : move(to: position + 1)
        case .character("N"): searchActive ? nextMatch(-1) : (ui.message = "no search: / searches a label, caller, address or step")
        case .character("h"), .character("p"): move(to: position - 1)
        case .right: if ui.zoom == nil { move(to: position + 1) } else { pan(1) }
        case .left: if ui.zoom == nil { move(to: position - 1) } else { pan(-1) }
        case .character("]"): nextPhase()
        case .character("["): previousPhase()
        case .character("G"), .end: move(to: stepCount)
        case .home: move(to: 0)
        case .character(">"): jumpDivergence(1)
        case .character("<"): jumpDivergence(-1)
        case .character("m"): jumpMismatch(1)
        case .character("M"): jumpMismatch(-1)
        case .character("+"), .character("="): clock.faster(); ui.message = speedText
        case .character("-"), .character("_"): clock.slower(); ui.message = speedText
        case .enter: enterOnTable()
        default: return false
        }
        return true
    }

    /// Keys for the view, panes, prompts and the session.
    mutating func handleView(_ key: AppKey, _ effects: inout [Effect]) {
        switch key {
        case .character("g"): prompt = Prompt(kind: .goTo, text: "")
        case .character("/"): prompt = Prompt(kind: .search, text: "")
        case .character("z"): zoom(in: true)
        case .character("Z"): zoom(in: false)
        case .character("0"): ui.zoom = nil
        case .character("c"): ui.scaleMode = ui.scaleMode == .linear ? .holesCompressed : .linear
        case .tab: cycleFocus(1)
        case .backTab: cycleFocus(-1)
        case .character("j"), .down: scrollTable(1)
        case .character("k"), .up: scrollTable(-1)
        case .pageDown: scrollTable(pageRows)
        case .pageUp: scrollTable(-pageRows)
        case .character("1"): showTab(.memory)
        case .character("2"): showTab(.reserved)
        case .character("3"): showTab(.physmem)
        case .character("b"): toggleOperationBreakpoint()
        case .character("B"): toggleBreakpointsPane()
        case .character("x"): ui.explainVisible.toggle(); ui.explainCandidate = nil
        case .character("."): stepCandidate(1)
        case .character(","): stepCandidate(-1)
        case .character("L"): toggleLecture()
        case .character("t"): if let next = nextThemeName { effects.append(.loadTheme(next)) }
        case .character("?"): ui.helpVisible = true
        case .character("q"), .character("Q"): running = false; ended = .quit; effects.append(.quit)
        case .escape: escape()
        default: break
        }
    }

    /// In a chained lecture: moving on at the last step ends the part with `.next`,
    /// moving back at step 0 with `.previous`.
    func chainEnd(_ key: AppKey) -> SessionEnd? {
        let forward: [AppKey] = [.character(" "), .right, .character("l"), .character("n"), .character("]")]
        let back: [AppKey] = [.left, .character("h"), .character("p"), .character("[")]
        if position == stepCount && !clock.isPlaying && forward.contains(key) && ui.zoom == nil { return .next }
        if position == 0 && back.contains(key) && ui.zoom == nil { return .previous }
        return nil
    }

    /// `Esc`: closes what is open, innermost first (the steps pane's scroll, a search, the
    /// explain panel, the selection, the breakpoints pane).
    mutating func escape() {
        if ui.focus == .log && ui.logTop != nil { ui.logTop = nil; ui.logCursor = Swift.max(1, position) }
        else if search != nil { search = nil; ui.message = "search closed" }
        else if ui.explainVisible { ui.explainVisible = false; ui.explainCandidate = nil }
        else if ui.selection != nil { ui.selection = nil; ui.ownerCursor = 0 }
        else if ui.breakpointsVisible { ui.breakpointsVisible = false; if ui.focus == .breakpoints { ui.focus = .band } }
    }

    /// `speed 10 steps/s`.
    var speedText: String {
        let s = clock.speed
        return "speed \(s < 1 ? String(s) : String(Int(s))) steps/s"
    }

    /// The theme after the current one.
    var nextThemeName: String? {
        guard !themeNames.isEmpty else { return nil }
        let i = themeNames.firstIndex(of: ui.themeName) ?? -1
        return themeNames[(i + 1) % themeNames.count]
    }

    /// `L`: lecture mode (stops at phases and `@pause`, large captions) and captions,
    /// on or off together.
    mutating func toggleLecture() {
        lecture.toggle()
        captions = lecture
        ui.message = lecture ? "lecture mode: captions on, stops at each phase" : "lecture mode off: captions hidden"
    }

    /// `.`/`,`: the explain panel's candidate cursor, one candidate at a time (opens the
    /// panel; past the last candidate the whole search shows again).
    mutating func stepCandidate(_ d: Int) {
        let count = env.builder.scene(at: position, ui: ui).searches.reduce(0) { $0 + $1.candidates.count }
        ui.explainVisible = true
        guard count > 0 else { ui.explainCandidate = nil; ui.message = "this step searched no candidates"; return }
        let next = (ui.explainCandidate ?? (d > 0 ? -1 : count)) + d
        ui.explainCandidate = next < 0 || next >= count ? nil : next
        ui.message = ui.explainCandidate.map { "candidate \($0 + 1) of \(count)" } ?? "the whole search (\(count) candidates)"
    }

    /// Lines a page key moves in the focused pane.
    var pageRows: Int { Swift.max(1, rows / 3) }
}

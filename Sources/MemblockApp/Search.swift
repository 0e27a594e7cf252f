import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView

extension AppModel {
    /// A key while a prompt is open: text, Backspace, Enter (run it), Esc (cancel).
    mutating func handlePrompt(_ key: AppKey) {
        guard var p = prompt else { return }
        switch key {
        case .escape: prompt = nil
        case .backspace: if !p.text.isEmpty { p.text.removeLast() }; prompt = p
        case .enter:
            prompt = nil
            switch p.kind {
            case .goTo: goTo(p.text)
            case .search: runSearch(p.text)
            case .breakpoint: addBreakpoint(p.text)
            }
        case .character(let c): if p.text.count < 200 { p.text.append(c) }; prompt = p
        default: break
        }
    }

    /// `g` Enter: a step number.
    mutating func goTo(_ text: String) {
        guard let n = Int(text.trimmed(" ")), n >= 0 else { ui.message = "not a step number: \(text)"; return }
        move(to: n)
        if n > stepCount { ui.message = "the trace has \(stepCount == 1 ? "1 step" : "\(stepCount) steps"): went to the last" }
    }

    /// The steps a query matches, and what kind of match it was. A step number (`#12`,
    /// `step 12`), an address (any number the trace format reads: the steps that reserved
    /// it), `$name`/`label=name` (steps labelled so), `by=caller` (callers starting so), or
    /// a bare word: labels equal to it, else callers starting with it, else operations of
    /// that name (`memblock_phys_alloc_range`), else labels starting with it.
    func matches(_ query: String) -> (steps: [Int], what: String)? {
        let steps = env.trace.steps
        func labelled(_ f: (String) -> Bool) -> [Int] { steps.indices.filter { steps[$0].label.map(f) ?? false }.map { $0 + 1 } }
        func called(_ prefix: String) -> [Int] { steps.indices.filter { steps[$0].by?.hasPrefix(prefix) ?? false }.map { $0 + 1 } }
        if let n = stepNumber(query) { return n >= 0 && n <= stepCount ? ([n], "step") : nil }
        if let a = WhatIfChange.number(query) {
            let owners = scene(self).owners.filter { $0.base <= a && a < $0.end }.compactMap(\.step)
            return (owners, "address")
        }
        if query.hasPrefix("$") || query.hasPrefix("label=") {
            let name = String(query.drop { $0 != "$" && $0 != "=" }.dropFirst())
            return (labelled { $0 == name }, "label")
        }
        if query.hasPrefix("by=") { return (called(String(query.dropFirst(3))), "caller") }
        let exact = labelled { $0 == query }
        if !exact.isEmpty { return (exact, "label") }
        let callers = called(query)
        if !callers.isEmpty { return (callers, "caller") }
        if let kind = OperationKind(rawValue: query) {
            return (steps.indices.filter { steps[$0].operation.kind == kind }.map { $0 + 1 }, "operation")
        }
        return (labelled { $0.hasPrefix(query) }, "label")
    }

    /// `#12` or `step 12`.
    func stepNumber(_ q: String) -> Int? {
        if q.hasPrefix("#") { return Int(q.dropFirst()) }
        if q.hasPrefix("step ") { return Int(String(q.dropFirst(5)).trimmed(" ")) }
        return nil
    }

    /// `/` Enter: runs a search. An address selects the region holding it now (and `n`
    /// goes to the step that reserved it); a label, caller or step goes to the first match
    /// at or after the current step and selects the region it made.
    mutating func runSearch(_ text: String) {
        let query = text.trimmed(" ")
        guard !query.isEmpty else { search = nil; return }
        guard let (steps, what) = matches(query) else { ui.message = "no step \(query) (the trace has \(stepCount))"; return }
        if what == "address", let a = WhatIfChange.number(query) {
            search = SearchState(query: query, steps: steps, index: 0)
            guard let ref = region(holding: a) else {
                ui.message = "\(query) = \(ViewFormat.hex(a)): not in memory or reserved at step \(position)"
                return
            }
            select(ref)
            // Enter goes to the owner of the address searched, not the region's first.
            ui.ownerCursor = scene(self).selectedOwners.firstIndex { $0.base <= a && a < $0.end } ?? 0
            let owner = steps.first.map { ": reserved by step \($0) (n goes there)" } ?? ""
            ui.message = "\(query): \(ref.kind.rawValue)[\(ref.index)]\(owner)"
            return
        }
        guard !steps.isEmpty else {
            search = nil
            ui.message = "no step with label or caller '\(query)'"
            return
        }
        let i = steps.firstIndex { $0 >= Swift.max(1, position) } ?? 0
        search = SearchState(query: query, steps: steps, index: i)
        showMatch()
    }

    /// `n`/`N` while a search is active: the next or previous match, wrapping.
    mutating func nextMatch(_ d: Int) {
        guard var s = search, !s.steps.isEmpty else { return }
        s.index = (s.index + d + s.steps.count) % s.steps.count
        search = s
        showMatch()
    }

    /// Goes to the current match and selects the region its step made.
    mutating func showMatch() {
        guard let s = search, s.index < s.steps.count else { return }
        let step = s.steps[s.index]
        move(to: step)
        search = s
        if let a = address(madeBy: step), let ref = region(holding: a) { select(ref) }
        ui.message = "\(s.query): match \(s.index + 1) of \(s.steps.count), step \(step) · n next · N previous · esc done"
    }

    /// The address a step reserved or added: its result, else its base argument.
    func address(madeBy step: Int) -> PhysAddr? {
        if case .address(let a) = env.timeline.result(of: step) { return a }
        let op = env.trace.steps[step - 1].operation
        guard !op.isAllocation, let first = op.firstAddress else { return nil }
        switch first {
        case .literal(let v): return v
        case .label: return nil
        }
    }

    /// The region holding `a` now: reserved first, then memory.
    func region(holding a: PhysAddr) -> RegionRef? {
        let s = state
        for kind in [MemblockTypeKind.reserved, .memory] {
            if let i = Memblock.search(s.type(kind), a) { return RegionRef(kind, i) }
        }
        return nil
    }

    /// Selects a region and shows its tab, scrolled to it.
    mutating func select(_ ref: RegionRef) {
        ui.selection = ref
        ui.ownerCursor = 0
        ui.tableTab = ref.kind
        ui.tableScroll = Swift.max(0, ref.index - 3)
    }
}

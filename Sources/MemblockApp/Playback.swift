import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView

extension AppModel {
    /// Moves to `step` (clamped) as the user asked: pauses, clears the stop reason, and
    /// keeps the selection on the region at the same address when it still exists.
    mutating func move(to step: Int) {
        if clock.isPlaying { clock.isPlaying = false }
        let base = ui.selection.flatMap { sel in sel.index < state.type(sel.kind).cnt ? state.type(sel.kind).regions[sel.index].base : nil }
        let kind = ui.selection?.kind
        let from = position
        seek(step)
        if position == from + 1 { startHandOffAnimation(from: from) }
        if let base, let kind {
            let t = state.type(kind)
            ui.selection = Memblock.search(t, base).map { RegionRef(kind, $0) }
        }
    }

    /// Moves the cursor without touching play; the stop reason no longer applies.
    mutating func seek(_ step: Int) {
        position = Swift.max(0, Swift.min(step, stepCount))
        clock.resetCarry()
        acknowledgedPause = nil
        stopReason = nil
        ui.explainCandidate = nil
    }

    /// `space`: play or pause; playing from the end starts over.
    mutating func togglePlay() {
        if !clock.isPlaying && position >= stepCount { seek(0) }
        clock.isPlaying.toggle()
        clock.resetCarry()
        stopReason = nil
    }

    /// `]`: the first step of the next phase (the end when none is left).
    mutating func nextPhase() {
        let next = env.trace.phases.first { $0.firstStep + 1 > position }
        move(to: next.map { $0.firstStep + 1 } ?? stepCount)
    }

    /// `[`: the first step of the current phase, or of the previous one when already there.
    mutating func previousPhase() {
        let prev = env.trace.phases.last { $0.firstStep + 1 < position }
        move(to: prev.map { $0.firstStep + 1 } ?? 0)
    }

    /// Advances playback by `elapsed` seconds, one step at a time so that `@pause`, phase
    /// starts (lecture mode) and breakpoints stop it exactly, and says why it stopped.
    mutating func tick(_ elapsed: Double) {
        if let p = ui.buddyProgress {
            let next = p + Swift.max(0, elapsed) / AppModel.handOffSeconds
            ui.buddyProgress = next >= 1 ? nil : next
        }
        let due = clock.advance(by: elapsed)
        var taken = 0
        let steps = env.trace.steps
        while taken < due {
            if position >= stepCount { stop("end of the trace"); break }
            let next = position + 1
            let step = steps[next - 1]
            if lecture && step.pauseBefore && acknowledgedPause != next {
                acknowledgedPause = next
                stop("paused (@pause) before step \(next)")
                break
            }
            position = next
            taken += 1
            if lecture, let phase = step.phase, env.trace.phases[phase].firstStep == next - 1 {
                stop("phase \(phase + 1) begins: \(env.trace.phases[phase].name)")
                break
            }
            if !breakpoints.isEmpty, let bp = env.matching(breakpoints, at: next) {
                stop("breakpoint \(bp)")
                break
            }
        }
        if taken > 0 {
            ui.explainCandidate = nil
            startHandOffAnimation(from: position - taken)
        }
        if position >= stepCount && clock.isPlaying { stop("end of the trace") }
    }

    /// Starts the buddy hand-off's animation when the steps after `from` up to the current
    /// one include `memblock_free_all` (played, not seeked to).
    mutating func startHandOffAnimation(from: Int) {
        let steps = env.trace.steps
        guard position > from, (Swift.max(from, 0)..<position).contains(where: { steps[$0].operation.kind == .freeAll }),
              state.buddy != nil else { return }
        ui.buddyProgress = 0
    }

    /// Stops play, for `reason`.
    mutating func stop(_ reason: String) {
        clock.isPlaying = false
        clock.resetCarry()
        stopReason = reason
    }

    /// `b`: a breakpoint on the current step's operation kind, or off again.
    mutating func toggleOperationBreakpoint() {
        guard position >= 1 else { ui.message = "no operation at step 0: step forward first"; return }
        let bp = AppBreakpoint.replay(.operation(env.trace.steps[position - 1].operation.kind))
        if let i = breakpoints.firstIndex(where: { $0.breakpoint == bp }) {
            breakpoints.remove(at: i)
            ui.message = "breakpoint \(bp) removed"
        } else {
            breakpoints.append(BreakpointEntry(bp))
            ui.message = "breakpoint \(bp) set"
        }
    }

    /// `B`: opens the breakpoints pane (focused) or closes it.
    mutating func toggleBreakpointsPane() {
        ui.breakpointsVisible.toggle()
        if ui.breakpointsVisible {
            ui.explainVisible = false
            ui.focus = .breakpoints
            ui.breakpointCursor = Swift.min(ui.breakpointCursor, Swift.max(0, breakpoints.count - 1))
            ui.message = "breakpoints: a add · enter on/off · d delete · space play · B close"
        } else if ui.focus == .breakpoints {
            ui.focus = .band
        }
    }

    /// Adds a breakpoint typed at the prompt.
    mutating func addBreakpoint(_ text: String) {
        guard let bp = AppBreakpoint(parsing: text.trimmed(" ")) else {
            ui.message = "not a breakpoint: '\(text)' (try 0x1000-0x1fff, $label, by=caller, memblock_alloc, failure, mismatch, phase 2)"
            return
        }
        if breakpoints.contains(where: { $0.breakpoint == bp }) { ui.message = "breakpoint \(bp) is already set"; return }
        breakpoints.append(BreakpointEntry(bp))
        ui.breakpointCursor = breakpoints.count - 1
        ui.message = "breakpoint \(bp) set: space plays to it"
    }

    /// `>`/`<`: the next or previous step whose what-if result diverges.
    mutating func jumpDivergence(_ d: Int) {
        guard let w = whatIf else { ui.message = "no what-if: play --what-if KEY=VALUE compares a setting"; return }
        guard let target = d > 0 ? w.steps.first(where: { $0 > position }) : w.steps.last(where: { $0 < position }) else {
            ui.message = "no \(d > 0 ? "later" : "earlier") divergence (\(w.steps.count) in all)"
            return
        }
        move(to: target)
        let k = (w.steps.firstIndex(of: target) ?? 0) + 1
        let both = scene(self).whatIf?.here.map { ": \($0.variant) under \(w.change), \($0.original) as booted" } ?? ""
        ui.message = "divergence \(k) of \(w.steps.count): step \(target)\(both)"
    }

    /// `m`/`M`: the next or previous step whose expectation check fails (replaying as far
    /// as needed).
    mutating func jumpMismatch(_ d: Int) {
        let t = env.timeline
        t.extend(to: stepCount)
        let steps = t.mismatches.keys.sorted()
        guard let target = d > 0 ? steps.first(where: { $0 > position }) : steps.last(where: { $0 < position }) else {
            ui.message = steps.isEmpty ? "no expectation fails in this trace" : "no \(d > 0 ? "later" : "earlier") mismatch (\(steps.count) in all)"
            return
        }
        move(to: target)
        ui.message = "mismatch \((steps.firstIndex(of: target) ?? 0) + 1) of \(steps.count): step \(target)"
    }
}

extension String {
    /// The string without leading and trailing copies of `c`.
    func trimmed(_ c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}

import Memblock

/// The steps pane: the whole trace as a scrolling list (the scene carries a window of it
/// around what is shown), past steps with their outcome (the address, or the failure in
/// red) and the current step's kernel lines under it, future steps dimmed. It keeps the
/// current step in view unless the user scrolled away (`ui.logTop`). Expectation
/// mismatches of the current step come first, in red.
enum EventLogView {
    /// A line of the log: styled runs.
    typealias Line = [(String, StyleRole)]

    /// Draws the pane into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        if r.height < 1 { return }
        let s = f.scene
        let title = s.stepCount == 1 ? "steps · 1 step" : "steps · \(s.stepCount) steps"
        b.drawTitleRule(r, title: title, focused: s.ui.focus == .log,
                        hints: [("j/k", "move"), ("PgUp/PgDn", "page"), ("enter", "go")])
        let rows = r.height - 1
        if rows <= 0 { return }
        var lines: [Line] = s.expectationFailures.map { [("! expect: " + $0, .error)] }
        lines = Array(lines.prefix(Swift.max(0, rows - 1)))
        lines += eventLines(f, room: rows - lines.count)
        if lines.isEmpty { lines = [[(s.stepCount == 0 ? "the trace has no steps" : "step 0: nothing applied yet", .dim)]] }
        for (i, line) in lines.prefix(rows).enumerated() {
            b.putRuns(line, x: r.x + 1, y: r.y + 1 + i, maxX: r.maxX)
        }
    }

    /// The lines shown in `room` rows: from the first line of `ui.logTop` when the user
    /// scrolled, else placed so that the current step sits two thirds down (the newest
    /// past steps above it, the next ones below), never leaving rows empty that earlier
    /// steps could fill.
    static func eventLines(_ f: Frame, room: Int) -> [Line] {
        guard room > 0, !f.scene.events.isEmpty else { return [] }
        var all: [Line] = []
        var firstLine: [Int: Int] = [:]
        for e in f.scene.events {
            firstLine[e.step] = all.count
            all += lines(for: e, scene: f.scene)
        }
        let start: Int
        if let top = f.scene.ui.logTop {
            let known = f.scene.events.first { $0.step >= top }.flatMap { firstLine[$0.step] } ?? Swift.max(0, all.count - room)
            start = known
        } else {
            let anchor = firstLine[f.scene.step] ?? 0
            start = Swift.max(0, Swift.min(anchor - room * 2 / 3, all.count - room))
        }
        return Array(all[Swift.min(start, all.count)...].prefix(room))
    }

    /// An event's lines: `▶  12 memblock_alloc 4K 4K → 0x7fff_f000`, then its warnings and
    /// debug lines, indented. A step after the current one is dimmed and shows no result;
    /// the cursor's step (while the pane has the focus) is highlighted.
    static func lines(for e: EventInfo, scene: Scene) -> [Line] {
        let current = e.step == scene.step
        let future = e.step > scene.step
        let cursor = scene.ui.focus == .log && scene.ui.logCursor == e.step
        let textRole: StyleRole = cursor ? .selected : current ? .title : future ? .dim : .normal
        var head: Line = [(current ? "▶" : cursor ? "›" : " ", .title),
                          (ViewFormat.pad(String(e.step), 5, right: true) + " ", cursor ? .selected : .dim),
                          (e.text, textRole)]
        if future { return [head] }
        switch e.outcome.result {
        case .ok: break
        case .address(let a): head.append((" → " + ViewFormat.hex(a), .ok))
        case .failed: head.append((" → " + e.outcome.summary, .error))
        }
        var out = [head]
        for w in e.outcome.warnings { out.append([("       ", .dim), (w, .warning)]) }
        for m in e.outcome.messages {
            let role: StyleRole = m.level == .debug || m.level == .info ? .dim : m.level == .warning ? .warning : .error
            out.append([("       ", .dim), (m.text, role)])
        }
        return out
    }
}

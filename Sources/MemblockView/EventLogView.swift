import Memblock

/// The event log: recent steps, newest at the bottom, each with its outcome (the address,
/// or the failure in red) and the kernel's `memblock=debug` lines under it. Expectation
/// mismatches of the current step come first, in red.
enum EventLogView {
    /// A line of the log: styled runs.
    typealias Line = [(String, StyleRole)]

    /// Draws the log into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        if r.height < 1 { return }
        b.drawTitleRule(r, title: "steps", focused: f.scene.ui.focus == .log, hints: [("j/k", "scroll")])
        let rows = r.height - 1
        if rows <= 0 { return }
        var lines: [Line] = f.scene.expectationFailures.map { [("! expect: " + $0, .error)] }
        lines = Array(lines.prefix(Swift.max(0, rows - 1)))
        let room = rows - lines.count
        lines += eventLines(f, room: room)
        if lines.isEmpty { lines = [[("no steps yet", .dim)]] }
        for (i, line) in lines.prefix(rows).enumerated() {
            b.putRuns(line, x: r.x + 1, y: r.y + 1 + i, maxX: r.maxX)
        }
    }

    /// The newest `room` lines of the events, skipping `logScroll` events from the end.
    static func eventLines(_ f: Frame, room: Int) -> [Line] {
        guard room > 0 else { return [] }
        let events = f.scene.events
        var end = events.count - Swift.min(Swift.max(0, f.scene.ui.logScroll), events.count)
        var collected: [[Line]] = []
        var total = 0
        while end > 0 && total < room {
            end -= 1
            let ls = lines(for: events[end], current: events[end].step == f.scene.step, width: f.layout.width)
            collected.append(ls)
            total += ls.count
        }
        var out = Array(collected.reversed().joined())
        if out.count > room { out.removeFirst(out.count - room) }
        return out
    }

    /// An event's lines: `▶  12 memblock_alloc 4K 4K → 0x7fff_f000`, then its warnings and
    /// debug lines, indented.
    static func lines(for e: EventInfo, current: Bool, width: Int) -> [Line] {
        var head: Line = [(current ? "▶" : " ", .title), (ViewFormat.pad(String(e.step), 5, right: true) + " ", .dim),
                          (e.text, current ? .title : .normal)]
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

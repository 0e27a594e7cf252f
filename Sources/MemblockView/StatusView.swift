import Memblock

/// The status line, the totals line, the caption and the key-hint line.
enum StatusView {
    /// `mbviz │ step 12/340 │ phase 2/5 e820 │ ▶ 10/s │ top-down │ limit 4G … x86_64`. The
    /// phase name gets what the other parts leave; the arch shows only when there is room;
    /// a breakpoint stop always shows at the right.
    static func drawStatus(_ f: Frame, _ b: inout Buffer) {
        let r = f.layout.status
        let s = f.scene
        b.fill(r, with: Cell(" ", .status))
        // Everything on the status role (one background), emphasis by bold.
        var head: [(String, Bool)] = [(" mbviz ", true), ("│ step ", false), ("\(s.step)/\(s.stepCount)", true)]
        var tail: [(String, Bool)] = [(" │ ", false)]
        tail.append(s.playback.isPlaying ? ("▶ \(speedText(s.playback.speed))", true) : ("paused", false))
        if s.playback.lecture { tail.append((" · lecture", false)) }
        tail.append((" │ " + (f.state.bottomUp ? "bottom-up" : "top-down"), false))
        tail.append((" │ limit " + limitText(f.state.currentLimit), false))
        if let w = s.whatIf { tail.append((" │ what-if \(w.change) ◆\(w.divergingSteps)", true)) }
        tail.append((" │ linux \(s.kernelVersion)", false))
        // The right end: why playback stopped here (a breakpoint, a phase), else the arch.
        var right = r.maxX
        if let hit = s.stopReason ?? s.playback.breakpointHit {
            // At most half the line, cut with … so the step and play state stay readable.
            let text = " ● " + ViewFormat.truncate(hit, Swift.max(8, r.width / 2 - 4)) + " "
            right = b.putRight(text, rightEdge: r.maxX, y: r.y, role: .warning, bold: true, minX: r.x + r.width / 3)
        }
        let width = { (runs: [(String, Bool)]) in runs.reduce(0) { $0 + $1.0.count } }
        if let p = s.phase {
            let label = " │ phase \(p.index + 1)/\(p.count) "
            let room = right - r.x - width(head) - width(tail) - label.count
            head.append((label, false))
            head.append((ViewFormat.truncate(p.name, Swift.max(8, room)), true))
        }
        if s.stopReason == nil && s.playback.breakpointHit == nil, let arch = s.arch, width(head) + width(tail) + arch.count + 3 <= r.width {
            right = b.putRight(" " + arch + " ", rightEdge: r.maxX, y: r.y, role: .status)
        }
        var x = r.x
        for (text, bold) in head + tail where x < right {
            x = b.put(text, x: x, y: r.y, role: .status, bold: bold, maxWidth: right - x)
        }
    }

    /// `memory 8G · reserved 120M · free 7.9G │ memory 5/128 · reserved 130/256 · physmem 1/4`;
    /// a `max` above the boot capacity (the array was doubled) is shown as a warning.
    static func drawTotals(_ f: Frame, _ b: inout Buffer) {
        let r = f.layout.totals
        for short in [false, true] {
            let runs = totalsRuns(f, short: short)
            if short || runs.reduce(0, { $0 + $1.0.count }) <= r.width {
                b.putRuns(runs, x: r.x, y: r.y, maxX: r.maxX)
                return
            }
        }
    }

    /// The totals line's runs, with short labels (`mem`, `rsv`) for narrow screens.
    static func totalsRuns(_ f: Frame, short: Bool) -> [(String, StyleRole)] {
        let st = f.stats, state = f.state
        var runs: [(String, StyleRole)] = [(short ? " mem " : " memory ", .dim), (ViewFormat.size(st.memory), .normal),
                                           (short ? " · rsv " : " · reserved ", .dim), (ViewFormat.size(st.reserved), .reserved),
                                           (" · free ", .dim), (ViewFormat.size(st.free), .memoryFree),
                                           (short ? " │ " : "  │ ", .border)]
        let initial: [MemblockTypeKind: Int] = [.memory: state.config.initMemoryRegions,
                                                .reserved: state.config.initReservedRegions,
                                                .physmem: state.config.initPhysmemRegions]
        let shortNames: [MemblockTypeKind: String] = [.memory: "mem", .reserved: "rsv", .physmem: "phys"]
        for (i, kind) in state.debugfsKinds.enumerated() {
            let t = state.type(kind)
            let grown = t.max > (initial[kind] ?? t.max)
            runs.append(((i == 0 ? "" : " · ") + (short ? shortNames[kind]! : kind.rawValue) + " ", .dim))
            runs.append(("\(t.cnt)/", .normal))
            runs.append(("\(t.max)", grown ? .warning : .normal))
            if grown { runs.append((" ×\(t.max / Swift.max(1, initial[kind] ?? 1))", .warning)) }
        }
        return runs
    }

    /// The bottom line: the search prompt while typing, else a message, else key hints.
    static func drawHints(_ f: Frame, _ b: inout Buffer) {
        let r = f.layout.hints
        let ui = f.scene.ui
        if let prompt = ui.searchPrompt {
            let end = b.putRuns([(" " + prompt, .normal), ("▏", .key)], x: r.x, y: r.y, maxX: r.maxX)
            let help = "enter ok · esc cancel "
            if end + help.count + 2 <= r.maxX { b.putRight(help, rightEdge: r.maxX, y: r.y, role: .dim) }
            return
        }
        var x = r.x
        if let message = ui.message {
            x = b.put(" " + message + "  ", x: x, y: r.y, role: .warning, maxWidth: r.width)
        }
        let hints: [(String, String)] = [("?", "help"), ("space", f.scene.playback.isPlaying ? "pause" : "play"),
                                         ("←→", "step"), ("[]", "phase"), ("g", "go"), ("z/Z", "zoom"),
                                         ("c", "scale"), ("tab", "focus"), ("/", "search"), ("x", "explain"),
                                         ("t", "theme"), ("q", "quit")]
        for (key, action) in hints {
            let width = key.count + action.count + 3
            if x + width > r.maxX { break }
            x = b.putRuns([(" " + key, .key), (" " + action + " ", .dim)], x: x, y: r.y, maxX: r.maxX)
        }
    }

    /// `10/s`, `0.5/s`.
    static func speedText(_ speed: Double) -> String {
        if speed == speed.rounded() && abs(speed) < 1e9 { return "\(Int(speed))/s" }
        return "\((speed * 10).rounded() / 10)/s"
    }

    /// `current_limit` as an axis label, or `ANYWHERE` when it is `MEMBLOCK_ALLOC_ANYWHERE`.
    static func limitText(_ limit: PhysAddr) -> String {
        limit == memblockAllocAnywhere ? "ANYWHERE" : ViewFormat.axisLabel(limit)
    }

    /// Greedy word wrap to `width` columns and at most `maxLines` lines (the last one
    /// truncated with `…` when text remains).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let w = String(word)
            if current.isEmpty {
                current = w
            } else if current.count + 1 + w.count <= width {
                current += " " + w
            } else {
                lines.append(current)
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            let kept = Array(lines.prefix(maxLines))
            return kept.dropLast() + [ViewFormat.truncate(kept.last! + " …", width)]
        }
        return lines.map { ViewFormat.truncate($0, width) }
    }
}

import Memblock

/// The explain panel: how the current step's first-fit search went, from the scene's
/// `SearchRecord`s. The final choice first; then each search (several are retries: node →
/// any node, mirror → non-mirror, min_addr → 0) with its direction, its window after the
/// clamps, every free range visited in order with its candidate and verdict (the chosen
/// one highlighted), and what it returned.
enum ExplainView {
    /// A line of the panel: styled runs.
    typealias Line = [(String, StyleRole)]

    /// Draws the panel into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        b.clear(r)
        b.drawTitleRule(r, title: "explain · first fit", focused: true, hints: [("x", "close")])
        let rows = r.height - 1
        if rows <= 0 { return }
        let lines = self.lines(f.scene, rows: rows, width: r.width - 1)
        for (i, line) in lines.prefix(rows).enumerated() {
            b.putRuns(line, x: r.x + 1, y: r.y + 1 + i, maxX: r.maxX)
        }
    }

    /// The panel's lines for `rows` rows of `width` columns, long lines wrapped: each search
    /// gets an equal share of the rows for its free ranges, shrunk until everything fits;
    /// ranges beyond the share are summarised as `… N more`, keeping the last (the chosen
    /// one, when the search found one).
    static func lines(_ scene: Scene, rows: Int, width: Int) -> [Line] {
        let wrap: (Line) -> [Line] = { wrapRuns($0, width: width, indent: 6, maxLines: 3) }
        let count = Swift.max(1, scene.searches.count)
        var share = Swift.max(1, rows / count)
        while true {
            let out = lines(scene, share: share).flatMap(wrap)
            if out.count <= rows || share <= 1 { return out }
            share = Swift.max(1, Swift.min(share - 1, share - (out.count - rows + count - 1) / count))
        }
    }

    /// The panel's logical lines, with at most `share` lines of free ranges per search.
    static func lines(_ scene: Scene, share: Int) -> [Line] {
        var out: [Line] = []
        if let op = scene.operationText { out.append([("step \(scene.step): ", .dim), (op, .title)]) }
        let searches = scene.searches
        if searches.isEmpty {
            out.append([("This step searched no free range: it is not an allocation, or it needed no search.", .dim)])
            return out
        }
        out += summary(scene)
        for (i, s) in searches.enumerated() {
            out.append(header(s, i, searches))
            if i > 0, let why = fallback(from: searches[i - 1], to: s) { out.append([("  " + why, .warning)]) }
            var window: Line = [("  window ", .dim), ("[\(ViewFormat.hex(s.start)), \(ViewFormat.hex(s.end)))", .normal)]
            if s.requestedStart != s.start || s.requestedEnd != s.end {
                window.append(("  asked [\(ViewFormat.hex(s.requestedStart)), \(Self.endName(s.requestedEnd)))", .dim))
            }
            out.append(window)
            out += candidateLines(s, share: share)
            out.append(s.result != 0 ? [("  → ", .dim), (ViewFormat.hex(s.result), .ok)]
                                     : [("  → nothing found", .error)])
        }
        return out
    }

    /// `result: 0x7fff_f000 on node 0 after 2 searches`, and a warning line when a node was
    /// asked for and another one gave the memory.
    static func summary(_ scene: Scene) -> [Line] {
        let searches = scene.searches
        guard let hit = searches.last(where: { $0.result != 0 }) else {
            return [[("result: ", .dim), ("no free range fits (\(searches.count) searches)", .error)]]
        }
        let node = hit.candidates.last(where: { $0.verdict == .chosen })?.nid
        var line: Line = [("result: ", .dim), (ViewFormat.hex(hit.result), .highlight)]
        if let node, scene.state.config.numa { line.append((" on node \(node)", .normal)) }
        line.append((searches.count > 1 ? " after \(searches.count) searches" : " in one search", .dim))
        var out = [line]
        if let wanted = searches.first?.nid, wanted != numaNoNode, let node, node != wanted {
            out.append([("asked for node \(wanted), fell back to node \(node)", .warning)])
        }
        return out
    }

    /// `search 2/3: 4K align 4K, any node, NONE, top-down`.
    static func header(_ s: SearchRecord, _ i: Int, _ all: [SearchRecord]) -> Line {
        var text = "search \(i + 1)/\(all.count): \(ViewFormat.size(s.size)) align \(ViewFormat.size(s.align))"
        text += ", " + (s.nid == numaNoNode ? "any node" : "node \(s.nid)")
        text += ", " + s.flags.description + ", " + (s.bottomUp ? "bottom-up" : "top-down")
        return [(text, .title)]
    }

    /// What changed from one search to the next: `fallback: node 1 → any node`,
    /// `mirror → non-mirror`, `min_addr → 0`, or a new request.
    static func fallback(from a: SearchRecord, to b: SearchRecord) -> String? {
        var parts: [String] = []
        if a.nid != numaNoNode && b.nid == numaNoNode { parts.append("node \(a.nid) → any node") }
        if a.flags.contains(.mirror) && !b.flags.contains(.mirror) { parts.append("mirror → non-mirror") }
        if a.requestedStart != 0 && b.requestedStart == 0 && a.size == b.size { parts.append("min_addr → 0") }
        if !parts.isEmpty { return "fallback: " + parts.joined(separator: ", ") }
        if a.size != b.size || a.align != b.align { return "another request" }
        return "retry"
    }

    /// The free ranges of one search, at most `share` lines.
    static func candidateLines(_ s: SearchRecord, share: Int) -> [Line] {
        let c = s.candidates
        if c.isEmpty { return [[("    no free range in this window", .dim)]] }
        if c.count <= share { return c.enumerated().map { candidateLine($1, $0) } }
        let head = Swift.max(0, share - 2)
        var out = c.prefix(head).enumerated().map { candidateLine($1, $0) }
        let skipped = c.count - head - 1
        if share >= 2 { out.append([("    … \(skipped) more free ranges", .dim)]) }
        out.append(candidateLine(c[c.count - 1], c.count - 1))
        return out
    }

    /// `  #3 [0x10_0000, 0x7fff_0000) node 0 → 0x7ffe_f000 chosen`.
    static func candidateLine(_ c: SearchCandidate, _ i: Int) -> Line {
        let chosen = c.verdict == .chosen
        let role: StyleRole = chosen ? .highlight : .normal
        var line: Line = [(chosen ? "  ▶ " : "    ", .highlight), ("#\(i + 1) ", .dim),
                          ("[\(ViewFormat.hex(c.start)), \(ViewFormat.hex(c.end)))", role),
                          (" node \(c.nid)", .dim)]
        if c.clampedStart != c.start || c.clampedEnd != c.end {
            line.append((" clamped [\(ViewFormat.hex(c.clampedStart)), \(ViewFormat.hex(c.clampedEnd)))", .dim))
        }
        if let cand = c.candidate { line.append((" → " + ViewFormat.hex(cand), role)) }
        switch c.verdict {
        case .chosen: line.append((" chosen", .highlight))
        case .doesNotFit: line.append((" does not fit", .dim))
        case .endBelowSize: line.append((" ends below size", .dim))
        }
        return line
    }

    /// An end as the caller wrote it: the kernel's names for 0, 1 and all ones.
    static func endName(_ end: PhysAddr) -> String {
        switch end {
        case memblockAllocAccessible: return "ACCESSIBLE"
        case memblockAllocNoLeakTrace: return "NOLEAKTRACE"
        case memblockAllocAnywhere: return "ANYWHERE"
        default: return ViewFormat.hex(end)
        }
    }
}

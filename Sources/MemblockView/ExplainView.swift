import Memblock

/// The explain panel: how the current step's first-fit search went, from the scene's
/// `SearchRecord`s, told so that it teaches first fit. The final choice first; then each
/// search (several are retries: node → any node, mirror → non-mirror, min_addr → 0) with
/// its direction, its window and the clamps that made it (the PAGE_SIZE floor,
/// `current_limit`, min_addr/max_addr) on a small axis of their own, and every free range
/// visited in order: the chosen one highlighted, the rejected ones dimmed with the reason.
///
/// With a candidate cursor (`UIState.explainCandidate`, counted over all the step's
/// searches) the panel shows the search one free range at a time: ranges after the cursor
/// are not yet visited, and the result is told only once the cursor reaches it.
enum ExplainView {
    /// A line of the panel: styled runs.
    typealias Line = [(String, StyleRole)]

    /// Draws the panel into `r`.
    static func draw(_ f: Frame, _ r: Rect, _ b: inout Buffer) {
        b.clear(r)
        var title = "explain · first fit"
        let total = f.scene.searches.reduce(0) { $0 + $1.candidates.count }
        if let k = cursor(f.scene) { title += " · free range \(k + 1)/\(total)" }
        b.drawTitleRule(r, title: title, focused: true, hints: [("x", "close")])
        let rows = r.height - 1
        if rows <= 0 { return }
        let lines = self.lines(f.scene, rows: rows, width: r.width - 1)
        for (i, line) in lines.prefix(rows).enumerated() {
            b.putRuns(line, x: r.x + 1, y: r.y + 1 + i, maxX: r.maxX)
        }
    }

    /// The candidate cursor, clamped to the step's candidates; nil when off or when the
    /// step visited none.
    static func cursor(_ scene: Scene) -> Int? {
        let total = scene.searches.reduce(0) { $0 + $1.candidates.count }
        guard let k = scene.ui.explainCandidate, total > 0 else { return nil }
        return Swift.min(Swift.max(0, k), total - 1)
    }

    /// The panel's lines for `rows` rows of `width` columns, long lines wrapped: each search
    /// gets an equal share of the rows for its free ranges, shrunk until everything fits;
    /// ranges beyond the share are summarised as `… N more`, keeping the last (the chosen
    /// one, when the search found one) and the one under the cursor.
    static func lines(_ scene: Scene, rows: Int, width: Int) -> [Line] {
        let wrap: (Line) -> [Line] = { wrapRuns($0, width: width, indent: 6, maxLines: 3) }
        let count = Swift.max(1, scene.searches.count)
        var share = Swift.max(1, rows / count)
        // Short of rows even at one range per search, the axes give way to window lines.
        var detail = Detail.axis
        while true {
            let out = lines(scene, share: share, width: width, detail: detail).flatMap(wrap)
            if out.count <= rows { return out }
            if share <= 1 && detail == .bare { return essentials(out, rows: rows) }
            if share <= 1 { detail = .bare; share = Swift.max(1, rows / count); continue }
            share = Swift.max(1, Swift.min(share - 1, share - (out.count - rows + count - 1) / count))
        }
    }

    /// A panel too short for even one range per search: the lines the other panes repeat go
    /// first (the step's text, the window lines, each search's `→` line), keeping the result,
    /// the searches and their chosen ranges.
    static func essentials(_ lines: [Line], rows: Int) -> [Line] {
        var out = lines
        let expendable: [(Line) -> Bool] = [
            { $0.first?.0.hasPrefix("step ") ?? false },
            { $0.first?.0.hasPrefix("  window ") ?? false },
            { $0.first?.0.hasPrefix("  → ") ?? false },
        ]
        for drop in expendable where out.count > rows {
            var excess = out.count - rows
            out = out.filter { line in
                if excess > 0 && drop(line) { excess -= 1; return false }
                return true
            }
        }
        return out
    }

    /// How each search's window is shown.
    enum Detail {
        /// On its clamp axis (its ends and what set them), or as a window line where the
        /// panel is too narrow for an axis.
        case axis
        /// As a window line, `window [0x1000, 0x10_0000)  asked [0x0, ACCESSIBLE)` (one row).
        case bare
    }

    /// The panel's logical lines, with at most `share` lines of free ranges per search, and
    /// each search's window as `detail` says.
    static func lines(_ scene: Scene, share: Int, width: Int = 100, detail: Detail = .axis) -> [Line] {
        var out: [Line] = []
        if let op = scene.operationText { out.append([("step \(scene.step): ", .dim), (op, .title)]) }
        let searches = scene.searches
        if searches.isEmpty {
            out.append([("This step searched no free range: it is not an allocation, or it needed no search.", .dim)])
            return out
        }
        let cursor = self.cursor(scene)
        out += summary(scene, cursor: cursor)
        var first = 0  // global index of this search's first candidate
        for (i, s) in searches.enumerated() {
            out.append(header(s, i, searches, scene))
            if i > 0, let why = fallback(from: searches[i - 1], to: s) { out.append([("  " + why, .warning)]) }
            if let k = cursor, k < first && !s.candidates.isEmpty {
                out.append([("    not started yet", .dim)])
                first += s.candidates.count
                continue
            }
            let axis = detail == .bare ? [] : ClampAxis.lines(s, scene.state, width: width)
            if axis.isEmpty { out.append(windowLine(s, scene.state)) }
            out += axis
            let local = cursor.map { $0 - first }
            out += candidateLines(s, share: share, cursor: local, scene: scene)
            if local == nil || local! >= s.candidates.count - 1 {
                out.append(s.result != 0 ? [("  → ", .dim), (ViewFormat.hex(s.result), .ok)]
                                         : [("  → nothing found", .error)])
            }
            first += s.candidates.count
        }
        return out
    }

    /// `result: 0x7fff_f000 on node 0 after 2 searches`, and a warning line when a node was
    /// asked for and another one gave the memory. While the cursor has not reached the
    /// chosen range: which range the search is looking at.
    static func summary(_ scene: Scene, cursor: Int?) -> [Line] {
        let searches = scene.searches
        let total = searches.reduce(0) { $0 + $1.candidates.count }
        if let k = cursor, k < resultIndex(searches) {
            return [[("searching: ", .dim), ("free range \(k + 1) of \(total)", .key),
                     (searches.count > 1 ? " (\(searches.count) searches)" : "", .dim)]]
        }
        guard let hit = searches.last(where: { $0.result != 0 }) else {
            return [[("result: ", .dim), ("no free range fits (\(searches.count) searches)", .error)]]
        }
        let node = hit.candidates.last(where: { $0.verdict == .chosen })?.nid
        var line: Line = [("result: ", .dim), (ViewFormat.hex(hit.result), .highlight)]
        if let node, scene.state.config.numa {
            let name = nodeName(node, scene)
            line.append((name == "no node" ? " from memory on no node yet" : " on " + name, .normal))
        }
        line.append((searches.count > 1 ? " after \(searches.count) searches" : " in one search", .dim))
        var out = [line]
        if let wanted = searches.first?.nid, wanted != numaNoNode, let node, node != wanted {
            out.append([("asked for \(nodeName(wanted, scene)), fell back to \(nodeName(node, scene))", .warning)])
        }
        return out
    }

    /// The global index (over all searches) of the candidate that ends the story: the chosen
    /// one of the last successful search, else the last one visited.
    static func resultIndex(_ searches: [SearchRecord]) -> Int {
        var first = 0, result = -1
        for s in searches {
            if s.result != 0, let i = s.candidates.lastIndex(where: { $0.verdict == .chosen }) { result = first + i }
            first += s.candidates.count
        }
        return result >= 0 ? result : first - 1
    }

    /// A node as the panel names it: `any node` for the selector NUMA_NO_NODE, `no node`
    /// for memory tagged with none (MAX_NUMNODES), else the node's name (`node 1 (1 GiB)`).
    static func nodeName(_ nid: Int32, _ scene: Scene) -> String {
        if nid == numaNoNode { return "any node" }
        if nid < 0 || nid >= scene.state.config.maxNumnodes { return "no node" }
        return ViewFormat.nodeName(nid, scene.nodeNames)
    }

    /// `search 2/3: 4K align 4K, any node, NONE, top-down`.
    static func header(_ s: SearchRecord, _ i: Int, _ all: [SearchRecord], _ scene: Scene) -> Line {
        var text = "search \(i + 1)/\(all.count): \(ViewFormat.size(s.size)) align \(ViewFormat.size(s.align))"
        if scene.state.config.numa || s.nid != numaNoNode { text += ", " + nodeName(s.nid, scene) }
        text += ", " + s.flags.description + ", " + (s.bottomUp ? "bottom-up" : "top-down")
        return [(text, .title)]
    }

    /// `window [0x1000, 0x10_0000)  asked [0x0, ACCESSIBLE)`.
    static func windowLine(_ s: SearchRecord, _ state: Memblock) -> Line {
        var line: Line = [("  window ", .dim), ("[\(ViewFormat.hex(s.start)), \(endName(s.end)))", .normal)]
        if s.requestedStart != s.start || s.requestedEnd != s.end {
            line.append(("  asked [\(ViewFormat.hex(s.requestedStart)), \(endName(s.requestedEnd)))", .dim))
        }
        return line
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

    /// The free ranges of one search, at most `share` lines; with a cursor (local index),
    /// only those up to it, the one under it marked.
    static func candidateLines(_ s: SearchRecord, share: Int, cursor: Int?, scene: Scene) -> [Line] {
        let all = s.candidates
        if all.isEmpty {
            let on = s.nid == numaNoNode ? "" : " on " + nodeName(s.nid, scene)
            return [[("    no free range in this window" + on, .dim)]]
        }
        let visible = cursor.map { Swift.min(all.count, $0 + 1) } ?? all.count
        let c = Array(all.prefix(visible))
        let line = { (i: Int) in candidateLine(c[i], i, s, scene, current: cursor == i) }
        var out: [Line]
        if c.count <= share {
            out = c.indices.map(line)
        } else {
            let head = Swift.max(0, share - 2)
            out = (0..<head).map(line)
            if share >= 2 { out.append([("    … \(c.count - head - 1) more free ranges", .dim)]) }
            out.append(line(c.count - 1))
        }
        if visible < all.count { out.append([("    … \(all.count - visible) not visited yet", .dim)]) }
        return out
    }

    /// `  ▶ #3 [0x10_0000, 0x7fff_0000) node 0 → 0x7ffe_f000  chosen: the first that fits`,
    /// or a rejected range, dimmed, with why: `✗ too small: 2K usable, needs 4K`.
    static func candidateLine(_ c: SearchCandidate, _ i: Int, _ s: SearchRecord, _ scene: Scene,
                              current: Bool) -> Line {
        let chosen = c.verdict == .chosen
        let role: StyleRole = chosen ? .highlight : .dim
        let mark = current ? ("  ▸ ", StyleRole.key) : chosen ? ("  ▶ ", StyleRole.highlight) : ("    ", StyleRole.dim)
        var line: Line = [mark, ("#\(i + 1) ", .dim), ("[\(ViewFormat.hex(c.start)), \(ViewFormat.hex(c.end)))", role)]
        if scene.state.config.numa { line.append((" " + nodeName(c.nid, scene), .dim)) }
        if c.clampedStart != c.start || c.clampedEnd != c.end {
            line.append((" clamped [\(ViewFormat.hex(c.clampedStart)), \(ViewFormat.hex(c.clampedEnd)))", .dim))
        }
        if let cand = c.candidate, chosen { line.append((" → " + ViewFormat.hex(cand), .highlight)) }
        switch c.verdict {
        case .chosen:
            line.append(("  chosen: the first that fits", .highlight))
        case .doesNotFit, .endBelowSize:
            line.append(("  ✗ " + reason(c, s), .dim))
        }
        return line
    }

    /// Why a free range was passed over, in numbers.
    static func reason(_ c: SearchCandidate, _ s: SearchRecord) -> String {
        let usable = c.clampedEnd > c.clampedStart ? c.clampedEnd - c.clampedStart : 0
        if usable == 0 { return "outside the window" }
        if c.verdict == .endBelowSize { return "ends below \(ViewFormat.size(s.size)): too low for a top-down fit" }
        if usable < s.size { return "too small: \(ViewFormat.size(usable)) usable, needs \(ViewFormat.size(s.size))" }
        return "no \(ViewFormat.size(s.align))-aligned \(ViewFormat.size(s.size)) inside it"
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

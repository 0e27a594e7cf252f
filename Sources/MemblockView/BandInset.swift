import Memblock

/// Follow the change: when what the current step changed is narrower than two cells of the
/// band (a 28 KiB trampoline on a 5 GiB axis), a magnified inset over the band shows it with
/// its neighbours and its addresses.
///
/// The inset takes a third of the band on the side away from the change, over the machine
/// lanes: a header (`×4096 · step 14`) when there are two lanes or more, then the change
/// and what lies around it at the inset's own linear scale, `▲` under the change in the
/// marker row, and the inset's first, changed and last addresses in the axis row.
enum BandInset {
    /// What the inset shows: the changed span and the window around it.
    struct Focus: Equatable {
        /// The changed bytes `[lo, hi)`.
        var change: AddressWindow
        /// The window drawn, the change in its middle.
        var window: AddressWindow
    }

    /// The span the step changed: its reserved regions (else its memory regions, else the
    /// regions it removed), as one window, less what merged into it; nil when the step
    /// changed nothing.
    static func changedSpan(_ scene: Scene) -> AddressWindow? {
        for kind in [MemblockTypeKind.reserved, .memory, .physmem] {
            guard let c = scene.changes[kind], !c.isEmpty else { continue }
            let t = scene.state.type(kind)
            var spans = c.changed.filter { $0 >= 0 && $0 < t.cnt && t.regions[$0].size > 0 }.map { t.regions[$0] }
            if spans.isEmpty { spans = c.removed.filter { $0.size > 0 } }
            guard var lo = spans.map(\.base).min(), var hi = spans.map({ $0.end }).max() else { continue }
            // A region that grew by merging: only the new bytes are the step's, so regions it
            // swallowed at either end (removed by the step) are cut off again.
            for old in c.removed where old.size > 0 && old.base > lo && old.end >= hi && old.base < hi { hi = old.base }
            for old in c.removed where old.size > 0 && old.base <= lo && old.end < hi && old.end > lo { lo = old.end }
            return AddressWindow(lo: lo, hi: hi)
        }
        return nil
    }

    /// The focus for `scene` on `scale`, when the change is narrower than two of its cells.
    static func focus(_ scene: Scene, _ scale: AddressScale) -> Focus? {
        guard let span = changedSpan(scene), scale.window.contains(span.lo) || scale.window.contains(span.hi &- 1) else {
            return nil
        }
        let width = scale.column(of: span.hi) - scale.column(of: span.lo)
        guard width < 2 else { return nil }
        // A power of two at least four times the change, so the neighbours show.
        let len = Swift.max(span.length, 1)
        var size: PhysAddr = 4096
        while size < len &* 4 && size < PhysAddr(1) << 62 { size <<= 1 }
        let margin = (size - Swift.min(size, len)) / 2
        // Start on a round address (an eighth of the window), so the labels read.
        var lo = span.lo >= margin ? span.lo - margin : 0
        lo -= lo % (size / 8)
        if PhysAddr.max - lo < size { lo = PhysAddr.max - size }
        return Focus(change: span, window: AddressWindow(lo: lo, hi: lo + size))
    }

    /// Draws the inset for frame `f` when its step's change is too small to see.
    static func draw(_ f: Frame, _ b: inout Buffer) {
        let machine = f.layout.lanes.filter { $0.lane == .machine }.map(\.rect)
        guard !machine.isEmpty, let focus = focus(f.scene, f.scale) else { return }
        let band = f.layout.bandColumns
        guard band.width >= 60 else { return }
        let width = Swift.max(20, Swift.min(band.width / 3, 64))
        let changeColumn = Int(f.scale.column(of: focus.change.lo))
        let x = changeColumn < band.width / 2 ? band.maxX - width : band.x
        let inner = width - 2
        let scale = AddressScale.linear(focus.window, columns: inner)
        var seen = Set<BandKind>()
        let cells = BandView.machineCells(f.regions, scale, seen: &seen)
        let header = machine.count >= 2
        for (i, lane) in machine.enumerated() {
            b[x, lane.y] = Cell("┃", .key)
            b[x + width - 1, lane.y] = Cell("┃", .key)
            if header && i == 0 {
                b.fill(Rect(x: x + 1, y: lane.y, width: inner, height: 1), with: Cell(" ", .normal))
                let zoom = f.scale.window.length / Swift.max(1, focus.window.length)
                let texts = [" magnified ×\(zoom) · step \(f.scene.step) ", " ×\(zoom) · step \(f.scene.step) ", " ×\(zoom) "]
                let text = texts.first { $0.count <= inner } ?? texts[2]
                b.put(text, x: x + 1, y: lane.y, role: .key, bold: true, maxWidth: inner)
                continue
            }
            BandView.blit(cells, Rect(x: x + 1, y: lane.y, width: inner, height: 1), &b)
        }
        drawAxis(f, focus, scale, x: x, width: width, &b)
    }

    /// The marker and axis rows under the inset: `▲` under the change, then the first,
    /// changed and last addresses of the window.
    static func drawAxis(_ f: Frame, _ focus: Focus, _ scale: AddressScale, x: Int, width: Int, _ b: inout Buffer) {
        let markers = f.layout.markerRow, axis = f.layout.axisRow
        let inner = width - 2
        b.fill(Rect(x: x, y: markers.y, width: width, height: 1), with: Cell(" ", .normal))
        b.fill(Rect(x: x, y: axis.y, width: width, height: 1), with: Cell(" ", .normal))
        // A band tick label running into the inset would read as one word with its labels.
        var left = x - 1
        while left >= axis.x && b[left, axis.y].character != " " { b[left, axis.y] = Cell(" ", .normal); left -= 1 }
        var right = x + width
        while right < axis.maxX && b[right, axis.y].character != " " { b[right, axis.y] = Cell(" ", .normal); right += 1 }
        b[x, markers.y] = Cell("┗", .key)
        b[x + width - 1, markers.y] = Cell("┛", .key)
        let c0 = Int(scale.column(of: focus.change.lo)), c1 = Int(scale.column(of: focus.change.hi).rounded(.up))
        for c in c0..<Swift.max(c0 + 1, Swift.min(c1, inner)) where c >= 0 && c < inner {
            b[x + 1 + c, markers.y] = Cell("▲", .changed)
        }
        // The window's ends and the change's start in one notation; the ends are left off
        // when all three do not fit.
        let labels = ViewFormat.labels([focus.window.lo, focus.change.lo, focus.window.hi])
        let (lo, at, hi) = (labels[0], labels[1], labels[2])
        let atCentre = x + 1 + c0 - at.count / 2
        if lo.count + at.count + hi.count + 2 <= width {
            b.put(lo, x: x, y: axis.y, role: .dim, maxWidth: width)
            b.putRight(hi, rightEdge: x + width, y: axis.y, role: .dim, minX: x)
            let atX = Swift.min(Swift.max(x + lo.count + 1, atCentre), x + width - hi.count - at.count - 1)
            b.put(at, x: atX, y: axis.y, role: .changed, bold: true)
        } else {
            let atX = Swift.min(Swift.max(x, atCentre), x + width - at.count)
            b.put(at, x: Swift.max(x, atX), y: axis.y, role: .changed, bold: true, maxWidth: width)
        }
    }
}

import Memblock

/// The rows of one region array as the table lists them: the current regions, with the
/// regions the step removed inserted (fading) where they used to be.
struct TableModel {
    /// One row: a current region (by index) or a removed one.
    enum Item: Equatable {
        case region(Int)
        case removed(MemblockRegion)
    }

    /// The array shown.
    let kind: MemblockTypeKind
    /// Its regions (the dummy included, as the kernel counts it), in the state's store: the
    /// table reads only the rows it shows, O(log n) each, and copies nothing.
    let regions: RegionStore
    /// Removed regions by base, each with the display row it takes.
    let removed: [(row: Int, region: MemblockRegion)]
    /// The step's change record for this array.
    let change: RegionChangeInfo

    /// The model of `kind` in the scene.
    init(_ scene: Scene, _ kind: MemblockTypeKind) {
        self.kind = kind
        regions = scene.state.type(kind).regions
        change = scene.changes[kind] ?? RegionChangeInfo()
        let gone = change.removed.sorted { $0.base < $1.base }
        var rows: [(Int, MemblockRegion)] = []
        for (k, r) in gone.enumerated() {
            rows.append((regions.partitioningIndex { $0.base >= r.base } + k, r))
        }
        removed = rows
    }

    /// The number of rows.
    var rowCount: Int { regions.count + removed.count }

    /// What row `row` shows.
    func item(atRow row: Int) -> Item {
        var before = 0
        for r in removed {
            if r.row == row { return .removed(r.region) }
            if r.row < row { before += 1 } else { break }
        }
        return .region(row - before)
    }

    /// The row of region `index`.
    func row(ofIndex index: Int) -> Int {
        var row = index
        for r in removed where r.row <= row { row += 1 }
        return row
    }
}

/// The region table: tabs for memory, reserved and physmem; index, base, end (the last
/// byte, as the kernel prints it), size, nid, flags and owner; rows the step changed
/// highlighted, removed ones fading; scrolled to follow the step unless the user scrolled.
enum RegionTableView {
    /// The tab shown: the UI's choice, except physmem without the phys map.
    static func tab(_ scene: Scene) -> MemblockTypeKind {
        scene.ui.tableTab == .physmem && !scene.state.config.physMap ? .reserved : scene.ui.tableTab
    }

    /// The tabs' labels and the columns they occupy in the title row.
    static func tabSpans(_ f: Frame) -> [(kind: MemblockTypeKind, x: Int, label: String)] {
        var x = f.layout.table.x + 10
        return f.state.debugfsKinds.map { kind in
            let label = " \(kind.rawValue) \(f.state.type(kind).cnt) "
            defer { x += label.count + 1 }
            return (kind, x, label)
        }
    }

    /// Rows available for regions (below the tabs and the header, above the detail line).
    static func visibleRows(_ f: Frame) -> Int {
        let r = f.layout.table
        let detail = f.layout.details == nil && f.scene.ui.selection != nil && r.height >= 6 ? 1 : 0
        return Swift.max(0, r.height - 2 - detail)
    }

    /// The first row shown: the user's scroll, else a third of the way above the first
    /// changed (or removed) row, else the selection, else the top.
    static func offset(_ f: Frame, _ m: TableModel) -> Int {
        let visible = visibleRows(f)
        let maxOffset = Swift.max(0, m.rowCount - visible)
        if let s = f.scene.ui.tableScroll { return Swift.min(Swift.max(0, s), maxOffset) }
        var target: Int?
        if let first = m.change.changed.first { target = m.row(ofIndex: first) }
        if let r = m.removed.first?.row { target = Swift.min(target ?? r, r) }
        if target == nil, let sel = f.scene.ui.selection, sel.kind == m.kind { target = m.row(ofIndex: sel.index) }
        guard let t = target else { return 0 }
        return Swift.min(Swift.max(0, t - visible / 3), maxOffset)
    }

    /// Column widths for the table's current contents.
    struct Columns {
        var index: Int, hex: Int, digits: Int, size = 6, nid = 4, flags: Int, wideFlags: Bool
        init(_ m: TableModel, width: Int) {
            index = Swift.max(3, String(Swift.max(0, m.regions.count - 1)).count)
            var top: PhysAddr = 0
            for r in [m.regions.last].compactMap({ $0 }) + m.removed.map(\.region) where r.size > 0 {
                top = Swift.max(top, r.end &- 1)
            }
            digits = Swift.max(8, ViewFormat.hexDigitCount(top))
            hex = ViewFormat.paddedHexWidth(digits: digits)
            wideFlags = width >= 120
            flags = m.kind == .memory ? (wideFlags ? 14 : 5) : 0
        }
    }

    /// Draws the table.
    static func draw(_ f: Frame, _ b: inout Buffer) {
        let r = f.layout.table
        if r.height < 2 { return }
        let kind = tab(f.scene)
        let m = TableModel(f.scene, kind)
        // The tabs sit right after the title, where `tabSpans` says; hints only if room.
        var tabRuns: [(String, StyleRole)] = []
        for t in tabSpans(f) {
            tabRuns.append((t.label, t.kind == kind ? .selected : .dim))
            tabRuns.append((" ", .normal))
        }
        b.drawTitleRule(r, title: "regions", focused: f.scene.ui.focus == .table,
                        hints: [("tab", "focus"), ("j/k", "scroll"), ("PgUp/PgDn", "page")], extra: tabRuns)
        let cols = Columns(m, width: r.width)
        b.put(headerText(cols, kind), x: r.x, y: r.y + 1, role: .dim, bold: true, maxWidth: r.width)
        let visible = visibleRows(f)
        let first = offset(f, m)
        for i in 0..<visible {
            let row = first + i
            if row >= m.rowCount { break }
            drawRow(f, m, cols, row: row, y: r.y + 2 + i, &b)
        }
        if visible > 0 && m.rowCount > visible {
            let pos = " \(first + 1)-\(Swift.min(m.rowCount, first + visible))/\(m.rowCount) "
            b.putRight(pos, rightEdge: r.maxX, y: r.y + 1, role: .dim, minX: r.x + r.width / 2)
        }
        if let sel = f.scene.ui.selection, f.layout.details == nil, r.height >= 6 {
            drawDetail(f, sel, y: r.maxY - 1, &b)
        }
    }

    /// `idx base end size nid flags owner`, padded like the rows.
    static func headerText(_ c: Columns, _ kind: MemblockTypeKind) -> String {
        var s = ViewFormat.pad("idx", c.index + 1, right: true) + " "
        s += ViewFormat.pad("base", c.hex) + " " + ViewFormat.pad("end", c.hex) + " "
        s += ViewFormat.pad("size", c.size, right: true) + " " + ViewFormat.pad("nid", c.nid, right: true) + " "
        if c.flags > 0 { s += ViewFormat.pad("flags", c.flags) + " " }
        return s + (kind == .reserved ? "owner" : "")
    }

    /// One row: a region (changed ones in `.changed`, the selection in `.selected`) or a
    /// removed region (`.removed`, index shown as `-`).
    static func drawRow(_ f: Frame, _ m: TableModel, _ c: Columns, row: Int, y: Int, _ b: inout Buffer) {
        let r = f.layout.table
        let region: MemblockRegion, indexText: String, role: StyleRole
        switch m.item(atRow: row) {
        case .removed(let old):
            region = old
            indexText = "-"
            role = .removed
        case .region(let i):
            region = m.regions[i]
            indexText = String(i)
            let selected = f.scene.ui.selection == RegionRef(m.kind, i)
            role = selected ? .selected : m.change.isChanged(i) ? .changed : region.size == 0 ? .dim : .normal
        }
        var s = ViewFormat.pad(indexText, c.index + 1, right: true) + " "
        s += ViewFormat.paddedHex(region.base, digits: c.digits) + " "
        s += (region.size == 0 ? ViewFormat.pad("-", c.hex) : ViewFormat.paddedHex(region.end &- 1, digits: c.digits)) + " "
        s += ViewFormat.pad(ViewFormat.size(region.size), c.size, right: true) + " "
        let config = f.state.config
        let nid = !config.numa || region.nid == config.maxNumnodes ? "-" : String(region.nid)
        s += ViewFormat.pad(nid, c.nid, right: true) + " "
        if c.flags > 0 { s += ViewFormat.pad(ViewFormat.flags(region.flags, wide: c.wideFlags), c.flags) + " " }
        if region.size == 0 {
            s += "(empty)"
        } else if m.kind == .reserved {
            s += OwnerIndex.text(f.scene.owners, region.base, region.end)
        }
        b.fill(Rect(x: r.x, y: y, width: r.width, height: 1), with: Cell(" ", role))
        b.put(s, x: r.x, y: y, role: role, maxWidth: r.width)
    }

    /// The selected region in one line (when no details pane shows it): a reserved
    /// region's owners (`▸ reserved[12] [0x…-0x…] 4K · pgd (setup_arch) +2`), a memory
    /// region's node, flags and the bytes reserved inside it.
    static func drawDetail(_ f: Frame, _ sel: RegionRef, y: Int, _ b: inout Buffer) {
        let r = f.layout.table
        b.fill(Rect(x: r.x, y: y, width: r.width, height: 1), with: Cell(" ", .selected))
        guard let reg = BandView.region(f.state, sel) else {
            b.put("▸ \(sel.kind.rawValue)[\(sel.index)] is gone", x: r.x, y: y, role: .selected, maxWidth: r.width)
            return
        }
        var s = "▸ \(sel.kind.rawValue)[\(sel.index)] [\(ViewFormat.hex(reg.base))-\(ViewFormat.hex(reg.end &- 1))] "
        s += ViewFormat.size(reg.size)
        if sel.kind == .reserved {
            let owner = OwnerIndex.text(f.scene.owners, reg.base, reg.end)
            if !owner.isEmpty { s += " · " + owner }
        } else {
            s += " · " + ViewFormat.nodeName(MachineStats.node(of: reg, f.state.config), f.scene.nodeNames)
            s += " · flags " + reg.flags.description
            let (bytes, count) = DetailsView.reservedInside(f.state, reg.base, reg.end)
            s += " · reserved \(ViewFormat.size(bytes)) in \(count)"
        }
        b.put(s, x: r.x, y: y, role: .selected, bold: true, maxWidth: r.width)
    }

    /// The table row or tab under `(x, y)`.
    static func hit(_ f: Frame, x: Int, y: Int) -> HitTarget? {
        let r = f.layout.table
        if y == r.y {
            for t in tabSpans(f) where x >= t.x && x < t.x + t.label.count { return .tableTab(t.kind) }
            return nil
        }
        let i = y - r.y - 2
        guard i >= 0 && i < visibleRows(f) else { return nil }
        let m = TableModel(f.scene, tab(f.scene))
        let row = offset(f, m) + i
        guard row < m.rowCount, case .region(let index) = m.item(atRow: row) else { return nil }
        return .tableRow(RegionRef(m.kind, index))
    }
}

/// Finds the owners of a byte range in the scene's sorted owner spans.
enum OwnerIndex {
    /// `label (by)` of the first owner overlapping `[lo, hi)`, with `+N` when more do.
    static func text(_ owners: [OwnerSpan], _ lo: PhysAddr, _ hi: PhysAddr) -> String {
        // Owners are sorted by base and do not overlap, so their ends are sorted too.
        var a = 0, b = owners.count
        while a < b {
            let mid = (a + b) >> 1
            if owners[mid].end <= lo { a = mid + 1 } else { b = mid }
        }
        var first: OwnerSpan?
        var count = 0
        var i = a
        while i < owners.count && owners[i].base < hi {
            if owners[i].end > lo {
                if first == nil { first = owners[i] }
                count += 1
            }
            i += 1
            if count > 99 { break }
        }
        guard let first else { return "" }
        return count > 1 ? "\(first.text) +\(count - 1)" : first.text
    }
}

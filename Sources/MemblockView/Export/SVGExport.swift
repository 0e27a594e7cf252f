import Memblock

/// A vector picture of one frame's address space (`mbviz export svg`): the machine band and
/// the node panes as in the terminal, but with every span drawn at its exact address
/// position, plus tick labels, a legend, the step and the caption.
///
/// The document's structure is part of the contract (tests and scripts read it):
/// `g#header` (`text.step`, `text.operation`, `text.totals`), `g#band.band` holding one
/// `g.lane` per lane (`#lane-machine`, `#lane-physmem`, `#lane-buddy`) with one
/// `rect.span` per run of a kind (`mb:kind`, `mb:lo`, `mb:hi`), `g#axis` with
/// `text.tick-label`s, `g#legend` with one `g.legend-entry` (`mb:kind`) per entry,
/// `g#nodes` with one `g.node-pane` (`mb:nid`) per node, and `g#caption` with
/// `text.caption` lines when there is a caption. The `mb:` attributes live in their own
/// namespace (`SVGWriter.dataNamespace`), which SVG 1.1 allows on any element, where
/// `data-*` attributes would not be SVG 1.1.
public enum SVGExport {
    /// How the picture is drawn.
    public struct Options: Hashable, Sendable {
        /// The picture's width in pixels (user units); the height follows from the content.
        public var width: Int
        /// How addresses map to the band: linear (true proportions) or holes compressed.
        public var scaleMode: UIState.ScaleMode
        /// Draw the caption (`@note`) under the panes when the scene has one.
        public var showsCaption: Bool

        /// The narrowest picture that still holds a legend line and two node panes.
        public static let minimumWidth = 480
        /// The widest picture accepted (well beyond any slide).
        public static let maximumWidth = 20_000

        /// Options; the defaults suit a 16:9 slide.
        public init(width: Int = 1200, scaleMode: UIState.ScaleMode = .linear, showsCaption: Bool = true) {
            self.width = Swift.min(Swift.max(width, Self.minimumWidth), Self.maximumWidth)
            self.scaleMode = scaleMode
            self.showsCaption = showsCaption
        }
    }

    /// The SVG document for `scene` in `theme`'s colours.
    public static func render(_ scene: Scene, theme: Theme, options: Options = Options()) -> String {
        var p = SVGPainter(scene: scene, colors: ExportColors(theme: theme), options: options)
        p.draw()
        let title = "mbviz: step \(scene.step) of \(scene.stepCount)" + (scene.phase.map { " · phase \($0.name)" } ?? "")
        let desc = "The physical address space managed by Linux 6.1's memblock allocator"
            + (scene.arch.map { " on \($0)" } ?? "") + ", drawn with the \(theme.name) theme."
        return p.svg.document(width: Double(options.width), height: p.y + SVGPainter.margin, title: title, description: desc)
    }
}

/// Lays out and draws one picture, top to bottom; `y` is the next free row in pixels.
struct SVGPainter {
    static let margin = 16.0
    static let charWidth = 7.2  // a 12 px monospace font's advance (0.6 em)
    static let lineHeight = 16.0
    static let gutter = 72.0  // lane labels, as the terminal's gutter
    static let machineLaneHeight = 36.0
    static let thinLaneHeight = 12.0
    static let nodeLaneHeight = 22.0

    let scene: Scene
    let colors: ExportColors
    let options: SVGExport.Options
    let stats: MachineStats
    var svg = SVGWriter()
    var y = margin

    init(scene: Scene, colors: ExportColors, options: SVGExport.Options) {
        self.scene = scene
        self.colors = colors
        self.options = options
        stats = MachineStats(scene.state)
    }

    var left: Double { Self.margin }
    var right: Double { Double(options.width) - Self.margin }
    var state: Memblock { scene.state }

    mutating func draw() {
        svg.empty("rect", ["class": "canvas", "x": 0, "y": 0, "width": "100%", "height": "100%",
                           "fill": .color(colors.background)])
        drawHeader()
        drawBand()
        drawNodes()
        drawCaption()
    }

    /// The step, the operation and its result, and the machine's totals.
    mutating func drawHeader() {
        svg.open("g", ["id": "header"])
        var step = "step \(scene.step)/\(scene.stepCount)"
        if let ph = scene.phase { step += " · phase \(ph.index + 1)/\(ph.count) \(ph.name)" }
        if let arch = scene.arch { step += " · \(arch)" }
        y += 16
        svg.runs(fit([("mbviz  ", colors.text(.dim), false), (step, colors.text(.title), true)], charWidth: 9.6),
                 ["class": "step", "x": .number(left), "y": .number(y), "font-size": 16])
        y += Self.lineHeight + 4
        if let op = scene.operationText {
            var pieces: [(text: String, fill: RGB, bold: Bool)] = [(op, colors.text(.normal), false)]
            if let o = scene.outcome {
                let role: StyleRole = o.failed ? .error : (o.result == .ok ? .dim : .ok)
                pieces.append(("  → " + o.summary, colors.text(role), o.failed))
            }
            svg.runs(fit(pieces, charWidth: Self.charWidth), ["class": "operation", "x": .number(left), "y": .number(y)])
            y += Self.lineHeight
        }
        let totals: [(text: String, fill: RGB, bold: Bool)] = [
            ("memory ", colors.text(.dim), false), (ViewFormat.size(stats.memory), colors.text(.normal), false),
            (" · reserved ", colors.text(.dim), false), (ViewFormat.size(stats.reserved), colors.text(.reserved), false),
            (" · free ", colors.text(.dim), false), (ViewFormat.size(stats.free), colors.text(.memoryFree), false),
            (" · limit ", colors.text(.dim), false), (StatusView.limitText(state.currentLimit), colors.text(.normal), false),
            (" · " + (state.bottomUp ? "bottom-up" : "top-down"), colors.text(.dim), false),
        ]
        svg.runs(totals, ["class": "totals", "x": .number(left), "y": .number(y)])
        y += Self.lineHeight
        svg.close()
    }

    /// Pieces of a line cut to the picture's width (the last one kept ending in `…`), for
    /// a font whose characters are `charWidth` pixels wide.
    func fit(_ pieces: [(text: String, fill: RGB, bold: Bool)], charWidth: Double) -> [(text: String, fill: RGB, bold: Bool)] {
        var room = Int((right - left) / charWidth)
        var out: [(text: String, fill: RGB, bold: Bool)] = []
        for p in pieces where room > 0 {
            var piece = p
            piece.text = ViewFormat.truncate(p.text, room)
            room -= piece.text.count
            out.append(piece)
        }
        return out
    }

    /// The caption box: the step's `@note`, wrapped, in the caption role's colours.
    mutating func drawCaption() {
        guard options.showsCaption, let caption = scene.caption, !caption.isEmpty else { return }
        let columns = Swift.max(10, Int((right - left - 16) / Self.charWidth))
        var lines: [String] = []
        for paragraph in caption.split(separator: "\n", omittingEmptySubsequences: false) {
            let wrapped = StatusView.wrap(String(paragraph), width: columns, maxLines: 1000)
            lines += wrapped.isEmpty ? [""] : wrapped
        }
        y += 10
        svg.open("g", ["id": "caption"])
        let height = Double(lines.count) * Self.lineHeight + 12
        svg.empty("rect", ["x": .number(left), "y": .number(y), "width": .number(right - left), "height": .number(height),
                           "rx": 4, "fill": .color(colors.textBackground(.caption) ?? colors.background),
                           "stroke": .color(colors.text(.border))])
        for (i, line) in lines.enumerated() {
            svg.text("text", line, ["class": "caption", "x": .number(left + 8), "y": .number(y + 6 + Double(i + 1) * Self.lineHeight - 4),
                                    "fill": .color(colors.text(.caption)), "font-weight": "bold", "xml:space": "preserve"])
        }
        svg.close()
        y += height
    }
}

/// Maps addresses to pixels over a band: an `AddressScale` in character columns (so tick
/// labels are chosen as in the terminal, for a 12 px font) stretched over the band's width.
/// Within a segment the position is exact: `column(of:)` is a proportion, not a cell.
struct PixelScale {
    let scale: AddressScale
    let x0: Double
    let width: Double

    init(state: Memblock, window: AddressWindow?, mode: UIState.ScaleMode, x0: Double, width: Double) {
        let columns = Swift.max(4, Int(width / SVGPainter.charWidth))
        scale = AddressScale(state: state, zoom: window, columns: columns, mode: mode)
        self.x0 = x0
        self.width = width
    }

    /// Pixels per character column.
    var columnWidth: Double { width / Double(scale.columns) }
    /// The x of an address.
    func x(_ addr: PhysAddr) -> Double { x0 + scale.column(of: addr) * columnWidth }
    /// The tick labels the terminal would show on this band.
    var ticks: [AxisTicks.Tick] { AxisTicks.ticks(for: scale) }
    /// The compressed holes, as `[x, x + width)` pixel ranges.
    var gaps: [(x: Double, width: Double)] {
        scale.segments.filter(\.isGap).map { (x0 + Double($0.column) * columnWidth, columnWidth) }
    }
}

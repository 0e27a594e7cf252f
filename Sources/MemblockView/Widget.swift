/// Something that draws itself into any rectangle of a buffer (ratatui's `Widget`): the
/// screen is a tree of boxes (`Box`) and each leaf box is given to one widget.
public protocol Widget {
    /// Draws into `area` of `buffer`; never outside it.
    func render(_ area: Rect, _ buffer: inout Buffer)
}

/// A widget whose content has a natural height at a given width (a wrapped caption, a
/// table with few rows), so that a layout can give it exactly the rows it needs.
public protocol SizedWidget: Widget {
    /// The rows the widget wants when it is `width` columns wide.
    func height(forWidth width: Int) -> Int
}

/// How much of its parent a box takes along the parent's direction (ratatui's
/// `Constraint`, lazygit's `Size`/`Weight`).
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less only when the parent is smaller than the fixed boxes).
    case length(Int)
    /// A share of what the fixed boxes leave, by `weight`, never less than `min` nor more
    /// than `max` cells (when the room allows). What a capped box cannot take goes to the
    /// other weighted boxes.
    case fill(weight: Int, min: Int, max: Int)

    /// A weighted share with no bounds.
    public static func weight(_ w: Int) -> Constraint { .fill(weight: w, min: 0, max: .max) }
    /// A weighted share of at least `min` cells.
    public static func weight(_ w: Int, min: Int) -> Constraint { .fill(weight: w, min: min, max: .max) }
    /// A weighted share of at most `max` cells.
    public static func weight(_ w: Int, max: Int) -> Constraint { .fill(weight: w, min: 0, max: max) }
}

/// Which way a box splits its children.
public enum Direction: Hashable, Sendable {
    /// Children stacked top to bottom.
    case vertical
    /// Children side by side, left to right.
    case horizontal
}

/// Splits `length` cells among `constraints`: fixed lengths first (in order, cut when they
/// do not fit), then the rest by weight, every weighted box clamped to its bounds, minimums
/// served before weights. Integer arithmetic only; remainders go to the earliest boxes. The
/// sizes always sum to at most `length`, and to exactly `length` when any weighted box has
/// no maximum.
public func splitLengths(_ length: Int, _ constraints: [Constraint]) -> [Int] {
    var sizes = Array(repeating: 0, count: constraints.count)
    var left = Swift.max(0, length)
    for (i, c) in constraints.enumerated() {
        if case .length(let n) = c {
            sizes[i] = Swift.min(Swift.max(0, n), left)
            left -= sizes[i]
        }
    }
    // Minimums first, in order, as far as they fit.
    for (i, c) in constraints.enumerated() {
        if case .fill(_, let lo, let hi) = c {
            sizes[i] = Swift.min(Swift.max(0, Swift.min(lo, hi)), left)
            left -= sizes[i]
        }
    }
    // Then the rest by weight, again and again while capped boxes return what they can't take.
    var open = constraints.indices.filter { i in
        if case .fill(let w, _, let hi) = constraints[i] { return w > 0 && sizes[i] < hi }
        return false
    }
    while left > 0 && !open.isEmpty {
        let total = open.reduce(0) { sum, i in
            if case .fill(let w, _, _) = constraints[i] { return sum + w }
            return sum
        }
        var given = 0
        var shares: [Int] = open.map { i in
            guard case .fill(let w, _, _) = constraints[i] else { return 0 }
            let share = left * w / total
            given += share
            return share
        }
        for k in 0..<(left - given) { shares[k % shares.count] += 1 }
        var next: [Int] = []
        var spent = 0
        for (k, i) in open.enumerated() {
            guard case .fill(_, _, let hi) = constraints[i] else { continue }
            let room = hi - sizes[i]
            let take = Swift.min(room, shares[k])
            sizes[i] += take
            spent += take
            if sizes[i] < hi { next.append(i) }
        }
        left -= spent
        if spent == 0 { break }
        open = next
    }
    return sizes
}

/// Splits `area` along `direction` by `constraints` (see `splitLengths`).
public func split(_ area: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
    let sizes = splitLengths(direction == .vertical ? area.height : area.width, constraints)
    var out: [Rect] = []
    var offset = 0
    for s in sizes {
        switch direction {
        case .vertical: out.append(Rect(x: area.x, y: area.y + offset, width: area.width, height: s))
        case .horizontal: out.append(Rect(x: area.x + offset, y: area.y, width: s, height: area.height))
        }
        offset += s
    }
    return out
}

/// A box of the screen (lazygit's `boxlayout.Box`): a leaf with a name, or children split
/// along a direction, each child taking its `constraint` of the parent. `arrange` turns the
/// tree into named rectangles.
public struct Box: Hashable, Sendable {
    /// The name of a leaf (the pane drawn there); nil for a box that only splits.
    public var name: String?
    /// How much of the parent this box takes.
    public var constraint: Constraint
    /// How the children are placed.
    public var direction: Direction
    /// The children; empty for a leaf.
    public var children: [Box]
    /// Cells between children (a one-column gutter between panes side by side).
    public var gap: Int

    /// A leaf named `name`.
    public static func leaf(_ name: String, _ constraint: Constraint) -> Box {
        Box(name: name, constraint: constraint, direction: .vertical, children: [], gap: 0)
    }

    /// A box splitting `children` along `direction`.
    public static func split(_ direction: Direction, _ constraint: Constraint, gap: Int = 0, _ children: [Box]) -> Box {
        Box(name: nil, constraint: constraint, direction: direction, children: children, gap: gap)
    }

    /// Every named leaf's rectangle when this box fills `area`. A leaf that got no cells is
    /// still listed, with an empty rectangle.
    public func arrange(_ area: Rect) -> [String: Rect] {
        var out: [String: Rect] = [:]
        place(area, into: &out)
        return out
    }

    private func place(_ area: Rect, into out: inout [String: Rect]) {
        if let name { out[name] = area }
        if children.isEmpty { return }
        // Gaps are fixed boxes between the children, dropped from the result.
        var constraints: [Constraint] = []
        for (i, c) in children.enumerated() {
            if i > 0 && gap > 0 { constraints.append(.length(gap)) }
            constraints.append(c.constraint)
        }
        let rects = MemblockView.split(area, direction, constraints)
        var k = 0
        for (i, child) in children.enumerated() {
            if i > 0 && gap > 0 { k += 1 }
            child.place(rects[k], into: &out)
            k += 1
        }
    }
}

/// One of the frame's panes (the steps, the details, the explain panel …) as a widget: it
/// draws the frame's scene into whatever rectangle it is given.
struct PaneWidget: Widget {
    /// The frame whose scene the pane shows.
    let frame: Frame
    /// The pane's drawing function.
    let draw: (Frame, Rect, inout Buffer) -> Void

    init(_ frame: Frame, _ draw: @escaping (Frame, Rect, inout Buffer) -> Void) {
        self.frame = frame
        self.draw = draw
    }

    func render(_ area: Rect, _ buffer: inout Buffer) { draw(frame, area, &buffer) }
}

/// The caption as a sized widget: its height at a width is every wrapped line (and the
/// large caption's box), so the layout can give it exactly the rows it needs.
public struct CaptionWidget: SizedWidget {
    /// The caption's text.
    public var text: String
    /// The phase, in a large caption's top edge.
    public var title: String?
    /// Line or large.
    public var mode: CaptionView.Mode

    /// The caption `scene` shows, or nil when it shows none.
    public init?(_ scene: Scene) {
        guard let text = CaptionView.text(scene) else { return nil }
        self.text = text
        title = scene.caption == nil ? nil : scene.phase.map { "phase \($0.index + 1)/\($0.count) · \($0.name)" }
        mode = CaptionView.mode(scene)
    }

    public func height(forWidth width: Int) -> Int { CaptionView.height(text, forWidth: width, mode: mode) }

    public func render(_ area: Rect, _ buffer: inout Buffer) {
        if !area.isEmpty { CaptionView.draw(text, title: title, mode: mode, area, &buffer) }
    }
}

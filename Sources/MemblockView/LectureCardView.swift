import MemblockReplay

/// The title card shown before each part of the chained lecture (`mbviz demo --lecture`,
/// `mbviz export cast --lecture`): the part's number set large in block digits, its title
/// and what it shows, in a box on the caption role across the screen, and the keys that
/// move on.
public enum LectureCardView {
    /// Block digits, five rows of three "pixels" (`#` filled), in the common 3×5 font.
    static let digits: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
    ]

    /// `number` in block digits: five rows, each pixel two cells wide (a terminal cell is
    /// about twice as tall as it is wide), digits two cells apart.
    static func bigNumber(_ number: Int) -> [String] {
        let glyphs = String(number).compactMap { digits[$0] }
        return (0..<5).map { row in
            glyphs.map { g in String(g[row].flatMap { $0 == "#" ? "██" : "  " }) }.joined(separator: "  ")
        }
    }

    /// The card for part `index` (0-based) of `count`, on a `width × height` screen; `steps`
    /// and `minutes` describe the part when known.
    public static func render(_ part: LecturePart, index: Int, count: Int, steps: Int?, minutes: Double?,
                              width: Int, height: Int) -> Buffer {
        var b = Buffer(width: width, height: height)
        b.fill(b.area, with: Cell(" ", .normal))
        guard width >= 20 && height >= 8 else {
            b.put(ViewFormat.truncate("part \(index + 1)/\(count): \(part.title)", width), x: 0, y: 0, role: .title, bold: true)
            return b
        }
        let boxWidth = Swift.min(width - 4, 100)
        let inner = boxWidth - 8
        var lines: [(String, StyleRole, Bool)] = bigNumber(index + 1).map { ($0, .caption, true) }
        lines.append(("", .caption, false))
        lines.append(("part \(index + 1) of \(count)", .caption, false))
        lines.append(("", .caption, false))
        lines += CaptionView.lines(part.title, width: inner).map { ($0, .caption, true) }
        lines.append((String(repeating: "━", count: Swift.min(inner, part.title.count)), .caption, true))
        lines += CaptionView.lines(part.subtitle, width: inner).map { ($0, .caption, false) }
        lines.append(("", .caption, false))
        var about = "demo \(part.demo.name)"
        if let steps { about += " · \(steps) steps" }
        if let minutes { about += " · about \(Swift.max(1, Int(minutes.rounded()))) min" }
        lines.append((about, .caption, false))
        let boxHeight = Swift.min(height - 2, lines.count + 4)
        let box = Rect(x: (width - boxWidth) / 2, y: Swift.max(0, (height - 2 - boxHeight) / 2), width: boxWidth, height: boxHeight)
        b.fill(box, with: Cell(" ", .caption))
        CaptionView.drawBox(box, title: "mbviz · the memblock lecture", &b)
        for (i, line) in lines.prefix(boxHeight - 4).enumerated() {
            let x = box.x + (boxWidth - line.0.count) / 2
            b.put(line.0, x: x, y: box.y + 2 + i, role: line.1, bold: line.2, maxWidth: inner)
        }
        let keys: [(String, StyleRole)] = [(" space", .key), (" start  ", .dim), ("[", .key), (" previous part  ", .dim),
                                          ("]", .key), (" skip part  ", .dim), ("q", .key), (" quit ", .dim)]
        let keysWidth = keys.reduce(0) { $0 + $1.0.count }
        b.putRuns(keys, x: Swift.max(0, (width - keysWidth) / 2), y: height - 1, maxX: width)
        return b
    }
}

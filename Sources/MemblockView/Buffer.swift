/// What a cell means, not how it looks: a theme maps each role to colours and attributes.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    /// Ordinary text on the terminal's own background.
    case normal
    /// Secondary text (labels, units, axis ticks).
    case dim
    /// Emphasised text (titles, the selected pane's border).
    case title
    /// Pane borders.
    case border
    /// Memory that is free (in memory, not reserved).
    case memoryFree
    /// Memory that is reserved.
    case reserved
    /// Reserved outside memory.
    case reservedNoMemory
    /// NOMAP memory.
    case nomap
    /// HOTPLUG memory.
    case hotplug
    /// MIRROR memory.
    case mirror
    /// DRIVER_MANAGED memory.
    case driverManaged
    /// physmem ranges.
    case physmem
    /// No memory (a hole in the address space).
    case hole
    /// Pages handed to the buddy allocator.
    case buddy
    /// Something the current step changed.
    case changed
    /// Something the current step removed (shown fading).
    case removed
    /// A selected row or region.
    case selected
    /// Success (an allocation's address, an expectation met).
    case ok
    /// Warnings.
    case warning
    /// Failures (a failed allocation, an expectation mismatch).
    case error
    /// The status line's background.
    case status
    /// The caption line.
    case caption
    /// A key name in help and hints.
    case key
    /// A chosen candidate in the explain panel.
    case highlight
}

/// One terminal cell: a character (one column wide) and its style role.
public struct Cell: Hashable, Sendable {
    /// The character shown; a space for an empty cell.
    public var character: Character
    /// How it is styled.
    public var role: StyleRole
    /// Bold (on top of the role's own attributes).
    public var bold: Bool

    /// A cell showing `character` in `role`.
    public init(_ character: Character = " ", _ role: StyleRole = .normal, bold: Bool = false) {
        self.character = character
        self.role = role
        self.bold = bold
    }

    /// An empty cell.
    public static let blank = Cell()
}

/// A rectangle of cells in buffer coordinates.
public struct Rect: Hashable, Sendable {
    /// The top-left corner.
    public var x: Int, y: Int
    /// The size in cells (never negative).
    public var width: Int, height: Int
    /// A rectangle; negative sizes are treated as 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
    }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// One past the right edge.
    public var maxX: Int { x + width }
    /// One past the bottom edge.
    public var maxY: Int { y + height }
}

/// A frame: `width × height` cells, row-major. Widgets draw into it; the terminal front end
/// and the headless outputs only read it. Drawing outside the buffer is clipped, never a crash.
public struct Buffer: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]

    /// A blank buffer (negative sizes are treated as 0).
    public init(width: Int, height: Int) {
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at a position; blank outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes a string from `(x, y)` to the right, clipped to `maxWidth` columns and the
    /// buffer; returns the column after the last character written. A character that would
    /// not take exactly one column (a control character, a tab, a wide ideograph, an emoji)
    /// is written as `?` (a tab as a space), so a row never shifts.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, bold: Bool = false,
                             maxWidth: Int = .max) -> Int {
        var col = x
        var written = 0
        for ch in text {
            if written >= maxWidth || col >= width { break }
            self[col, y] = Cell(ViewFormat.oneColumn(ch), role, bold: bold)
            col += 1
            written += 1
        }
        return col
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let x0 = Swift.max(0, rect.x), x1 = Swift.min(width, rect.maxX)
        let y0 = Swift.max(0, rect.y), y1 = Swift.min(height, rect.maxY)
        if x0 >= x1 || y0 >= y1 { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// The rows as plain text, trailing spaces kept, one string per row.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }

    /// The buffer as plain text: `height` lines joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

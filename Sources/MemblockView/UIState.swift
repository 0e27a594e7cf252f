import Memblock

/// The view's own settings: what has focus, where tables are scrolled, the address window,
/// which overlays are open. The app changes it in response to keys and the mouse; drawing
/// only reads it.
public struct UIState: Hashable, Sendable {
    /// A pane that can take the keyboard focus (`tab` cycles them).
    public enum Pane: String, CaseIterable, Hashable, Sendable {
        /// The address-space band: `z`/`Z` zoom, `←→` pan.
        case band
        /// The region table: `j`/`k`, `PgUp`/`PgDn` scroll.
        case table
        /// The details of the selected region: `j`/`k` pick an owner, Enter goes to its step.
        case details
        /// The steps pane: `j`/`k` move through the whole trace, Enter goes to the step.
        case log
        /// The breakpoints pane (when open): `j`/`k` pick one, `space` enables or
        /// disables it, `d` deletes it.
        case breakpoints
    }

    /// How addresses map to columns.
    public enum ScaleMode: String, CaseIterable, Hashable, Sendable {
        /// Proportional: every byte is as wide as every other.
        case linear
        /// Long gaps between regions shrink to a one-column marker, and every span of
        /// regions gets a minimum width, so a 4 KiB reservation far out is still visible.
        case holesCompressed
    }

    /// The focused pane.
    public var focus: Pane
    /// The region table's tab (`physmem` is shown only with `config.physMap`).
    public var tableTab: MemblockTypeKind
    /// The first row shown in the region table; nil follows the current step (the first
    /// changed row, else the selection, else the top).
    public var tableScroll: Int?
    /// How many events back from the newest the log is scrolled (0 = newest at the bottom).
    public var logScroll: Int
    /// The selected region, if any: highlighted in the table and marked on the band.
    public var selection: RegionRef?
    /// The address window shown; nil fits the whole populated address space.
    public var zoom: AddressWindow?
    /// Linear or holes-compressed.
    public var scaleMode: ScaleMode
    /// The help overlay (`?`).
    public var helpVisible: Bool
    /// The explain panel: how the current step's first-fit search went.
    public var explainVisible: Bool
    /// The breakpoints pane (`B`): every breakpoint, enabled or not.
    public var breakpointsVisible: Bool = false
    /// The first step the steps pane shows when the user scrolled it; nil keeps the
    /// current step in view.
    public var logTop: Int? = nil
    /// The steps pane's cursor (a step number) while it has the focus; Enter goes there.
    public var logCursor: Int? = nil
    /// The highlighted row of the breakpoints pane.
    public var breakpointCursor: Int = 0
    /// The highlighted owner in the details pane.
    public var ownerCursor: Int = 0
    /// The prompt line while one is open (`/` search, `g` go to step): its whole text,
    /// label included (`search: pgd`, `go to step: 12`), drawn with a cursor after it in
    /// place of the key hints; nil when no prompt is open.
    public var searchPrompt: String?
    /// A one-line message for the user (a search result, "no such step").
    public var message: String?
    /// The active theme's name (shown in the help overlay; `t` cycles it).
    public var themeName: String
    /// Captions set large (boxed, padded, full width) even outside lecture mode.
    public var largeCaptions: Bool = false
    /// The explain panel's candidate cursor: show the search up to this candidate (0-based,
    /// counted over all of the step's searches); nil shows the whole search.
    public var explainCandidate: Int? = nil
    /// How far the buddy hand-off's animation has got, 0...1 (the share of free ranges
    /// already handed over); nil shows it done.
    public var buddyProgress: Double? = nil

    /// View settings; the defaults are what `mbviz` starts with.
    public init(focus: Pane = .band, tableTab: MemblockTypeKind = .reserved, tableScroll: Int? = nil,
                logScroll: Int = 0, selection: RegionRef? = nil, zoom: AddressWindow? = nil,
                scaleMode: ScaleMode = .linear, helpVisible: Bool = false, explainVisible: Bool = false,
                searchPrompt: String? = nil, message: String? = nil, themeName: String = "default") {
        self.focus = focus
        self.tableTab = tableTab
        self.tableScroll = tableScroll
        self.logScroll = logScroll
        self.selection = selection
        self.zoom = zoom
        self.scaleMode = scaleMode
        self.helpVisible = helpVisible
        self.explainVisible = explainVisible
        self.searchPrompt = searchPrompt
        self.message = message
        self.themeName = themeName
    }
}

/// A region of the current state: which array and which index.
public struct RegionRef: Hashable, Sendable {
    /// The region array.
    public var kind: MemblockTypeKind
    /// The index in that array.
    public var index: Int

    /// A reference to `kind[index]`.
    public init(_ kind: MemblockTypeKind, _ index: Int) {
        self.kind = kind
        self.index = index
    }
}

/// A half-open address window `[lo, hi)`.
public struct AddressWindow: Hashable, Sendable, CustomStringConvertible {
    /// First address shown.
    public var lo: PhysAddr
    /// One past the last address shown (`hi > lo`, except for the top of the space).
    public var hi: PhysAddr

    /// A window; `hi` is raised to `lo + 1` when not above `lo`.
    public init(lo: PhysAddr, hi: PhysAddr) {
        self.lo = lo
        self.hi = hi > lo ? hi : (lo == .max ? .max : lo + 1)
    }

    /// `hi - lo`.
    public var length: PhysAddr { hi - lo }
    /// True when `addr` lies in the window.
    public func contains(_ addr: PhysAddr) -> Bool { addr >= lo && addr < hi }
    /// `[lo, hi)` in the view's hex style.
    public var description: String { "[\(ViewFormat.hex(lo)), \(ViewFormat.hex(hi)))" }
    /// `lo–hi` in one notation (`0–64M`, `0x1000–0xbffe_0000`).
    public var label: String { ViewFormat.range(lo, hi) }
}

/// What is under a screen position, for the mouse.
public enum HitTarget: Hashable, Sendable {
    /// A band cell (the machine band or a node's band): an address under the pointer, the
    /// address range the cell covers, and the region there (reserved before memory), if any.
    case band(address: PhysAddr, cell: AddressWindow, region: RegionRef?)
    /// A row of the region table.
    case tableRow(RegionRef)
    /// A tab of the region table.
    case tableTab(MemblockTypeKind)
    /// Elsewhere inside a focusable pane.
    case pane(UIState.Pane)
}

// Facts about a whole classified log that the reconstruction asks for while it walks it.

/// What the events say as a whole, read once before the walk.
struct LogIndex: Sendable {
    /// The log has memblock=debug lines (else the steps come from its messages).
    var printsMemblock = false
    /// Bases of `OF: reserved mem: A..B` lines.
    var detailedReservedMemBases: Set<UInt64> = []
    /// Bases of `Reserved memory: created … pool` lines.
    var poolBases: Set<UInt64> = []

    init(_ events: [LocatedEvent]) {
        for e in events {
            switch e.event {
            case .reservedMem(let b, _, _, _, _): detailedReservedMemBases.insert(b)
            case .reservedPool(_, let b, _): poolBases.insert(b)
            default: if e.event.isMemblockLine { printsMemblock = true }
            }
        }
    }
}

/// What one reconstruction counted, for the figures and the report.
struct SessionFigures: Sendable {
    /// `MEMBLOCK configuration:` dumps seen, and those the model matched.
    var dumps = 0
    var dumpsMatched = 0
    /// memblock lines that could not be read.
    var malformed = 0
    /// Request lines whose result line was found.
    var resultsMatched = 0
    /// Results replayed as the reservation the log shows (not a modelled kernel).
    var replacedResults = 0
    /// The final debugfs state compared: nil when the log has none.
    var debugfsMatched: Bool?
}

/// The reconstruction's position in the log beyond the event index: what is open, what
/// was already done or said.
struct WalkState {
    /// A request line whose result line has not come yet.
    var pending: (request: AllocRequest, line: Int)?
    /// A `MEMBLOCK configuration:` block being read.
    var openDump: DumpSnapshot?
    /// `memblock_free_all()` was emitted.
    var handedOff = false
    /// The note about slab-served requests after the hand-off was given.
    var slabNoted = false
    /// Phases already started (a phase is never entered twice).
    var phasesSeen: Set<String> = []
    /// NODE_DATA allocations seen, for matching them to nodes in order.
    var nodeDataCount = 0
    /// Addresses of the silent allocations already emitted.
    var silentBases: Set<UInt64> = []
}

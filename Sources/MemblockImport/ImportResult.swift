import Memblock
import MemblockTrace

/// What an importer produced: a trace, its text, and what it could not know.
public struct ImportResult: Sendable {
    /// The trace, as `TraceParser` reads `text` back.
    public var trace: Trace
    /// The `.mbtrace` text `mbviz import` prints: canonical steps, with a `# inferred: …`
    /// comment before every step the input did not print and a comment at every checked dump.
    public var text: String
    /// What was missing from the input, what was guessed, and where the model and the input
    /// disagree; one sentence each (the CLI prints them as `mbviz: note: …`).
    public var notes: [String]
    /// Counts: recorded allocations and how many the replay meets, dumps checked, lines read.
    public var stats: ImportStats
    /// The summary of a log import (kernel, arch, dialect, transforms, figures); nil for the
    /// other importers.
    public var report: ImportReport?

    /// A result.
    public init(trace: Trace, text: String, notes: [String], stats: ImportStats) {
        self.trace = trace
        self.text = text
        self.notes = notes
        self.stats = stats
    }
}

/// Figures about one import, measured by replaying the imported trace with the model.
public struct ImportStats: Hashable, Sendable {
    /// Allocation results the input records (`=> ADDRESS` or `=> fail` steps).
    public var recordedAllocations = 0
    /// Of those, how many the replay of the trace meets (what `mbviz check` verifies).
    public var metAllocations = 0
    /// Recorded failures (`=> fail`) among `recordedAllocations`.
    public var recordedFailures = 0
    /// Steps in the trace.
    public var steps = 0
    /// Steps the input did not print (reconstructed; each has an `# inferred:` comment).
    public var inferredSteps = 0
    /// `MEMBLOCK configuration:` dumps in the input.
    public var dumps = 0
    /// Dumps whose regions, sizes and counts the model reproduced exactly at that point.
    public var dumpsMatched = 0
    /// The final debugfs state in the log (arm64 with `ARCH_KEEP_MEMBLOCK`) compared with the
    /// replay's `Memblock.debugfs`: nil when the input has none.
    public var debugfsMatched: Bool?
    /// Lines read from the input.
    public var lines = 0
    /// memblock=debug lines recognised.
    public var memblockLines = 0
    /// Lines that looked like memblock lines but could not be read (ignored, with a note).
    public var malformedLines = 0
    /// The first recorded allocation the replay does not meet (`FILE:LINE:COLUMN: message`
    /// of the trace text), if any.
    public var firstMismatch: String?

    /// Empty figures.
    public init() {}

    /// `met/recorded` as a short text, e.g. `50/50`.
    public var allocationsSummary: String { "\(metAllocations)/\(recordedAllocations)" }
}

/// An input that cannot be imported at all: where, and why.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The input file as given.
    public var file: String
    /// 1-based line, or 0 when the problem is the file as a whole (e.g. a binary blob).
    public var line: Int
    /// 1-based column, or 0 with line 0.
    public var column: Int
    /// What is wrong, and what would be accepted.
    public var message: String

    /// An error at `FILE:LINE:COLUMN`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// The location as the trace module spells it (`SourceLocation`), for shared error output.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// `FILE:LINE:COLUMN: message`, or `FILE: message` for line 0.
    public var description: String {
        line == 0 ? "\(file): \(message)" : "\(file):\(line):\(column): \(message)"
    }
}

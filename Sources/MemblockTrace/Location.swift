/// A place in a trace file: the file name, a 1-based line and a 1-based column counted in
/// Unicode scalars (a tab is one column).
///
/// Line 0 means "the file as a whole" (for example, a file that could not be read); its
/// description is then just the file name.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file name as given to the parser (`-` for standard input).
    public var file: String
    /// The 1-based line, or 0 for the whole file.
    public var line: Int
    /// The 1-based column in characters, or 0 for the whole file or line.
    public var column: Int

    /// A location in `file`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location given to steps and expectations that did not come from a file, and the
    /// fixed value `Trace.withoutLocations()` uses.
    public static let unknown = SourceLocation(file: "", line: 0, column: 0)

    /// `FILE:LINE:COLUMN`, or `FILE` for line 0.
    public var description: String {
        line == 0 ? file : "\(file):\(line):\(column)"
    }
}

/// One problem in a trace, with where it is and what was expected instead.
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending token.
    public var location: SourceLocation
    /// What is wrong and what was expected, without the location.
    public var message: String

    /// An error at `location`.
    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message` (`FILE: message` for whole-file errors).
    public var description: String { "\(location): \(message)" }
}

/// Every error found in one trace, in file order.
///
/// The parser stops after `TraceErrors.limit` errors; it then adds one last error whose
/// message is `too many errors; stopping`.
public struct TraceErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, in file order.
    public var errors: [TraceError]

    /// How many errors the parser reports before it gives up.
    public static let limit = 50

    /// A list of errors.
    public init(errors: [TraceError]) {
        self.errors = errors
    }

    /// One error per line, as `FILE:LINE:COLUMN: message`.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}

/// What the kernel would print while performing an operation.
public struct MemblockMessage: Hashable, Sendable {
    /// The printk level the kernel uses.
    public enum Level: String, Hashable, Sendable {
        /// A `memblock_dbg` line (printed only with `memblock=debug`).
        case debug
        /// `pr_info` output that is not gated by `memblock=debug`.
        case info
        /// A `pr_warn`, `WARN_ON` or `WARN_ONCE`.
        case warning
        /// A `pr_err`.
        case error
    }

    /// How the kernel prints it.
    public var level: Level
    /// The line, without printk prefix or trailing newline.
    public var text: String

    public init(_ level: Level, _ text: String) {
        self.level = level
        self.text = text
    }
}

/// Collects the kernel's messages while operations run. Disabled by default, so a replay
/// that does not look at messages formats none.
public struct MemblockLog: Sendable {
    /// When false, nothing is formatted or stored.
    public var isEnabled: Bool
    /// The messages since the last `removeAll()`.
    public private(set) var messages: [MemblockMessage] = []

    /// When true, every free-range search is recorded in `searches` (for "explain").
    public var recordsSearches: Bool
    /// The searches since the last `removeAll()`, in the order they ran.
    public private(set) var searches: [SearchRecord] = []

    public init(isEnabled: Bool = false, recordsSearches: Bool = false) {
        self.isEnabled = isEnabled
        self.recordsSearches = recordsSearches
    }

    mutating func appendSearch(_ record: SearchRecord) { searches.append(record) }

    /// Appends a message built only when the log is enabled.
    @inlinable public mutating func add(_ level: MemblockMessage.Level, _ text: @autoclosure () -> String) {
        if isEnabled { append(MemblockMessage(level, text())) }
    }

    @usableFromInline mutating func append(_ message: MemblockMessage) { messages.append(message) }

    /// Forgets the collected messages, keeping the setting.
    public mutating func removeAll() {
        messages.removeAll(keepingCapacity: true)
        searches.removeAll(keepingCapacity: true)
    }
}

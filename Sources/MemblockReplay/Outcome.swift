import Memblock
import MemblockTrace

/// What one step did: its result, what the kernel printed, and how its checks went.
public struct StepOutcome: Hashable, Sendable {
    /// The result of a step.
    public enum Result: Hashable, Sendable {
        /// A step that returns nothing, or returned 0.
        case ok
        /// An allocation that returned this physical address.
        case address(PhysAddr)
        /// An allocation that returned NULL / 0.
        case allocationFailed
        /// An operation that returned an error (`-errnoENOMEM`: a full array that could not grow).
        case error(Int32)
        /// The kernel panicked (or hit a BUG) in this step; the state is that before it, and
        /// no later step runs.
        indirect case panic(KernelPanic)
        /// A step after a panic: the kernel never got here.
        case notReached
    }

    /// The result.
    public var result: Result
    /// Everything the kernel would print (debug lines, warnings, errors), in order.
    public var messages: [MemblockMessage]
    /// The free-range searches the step ran (for "explain"); empty unless recorded.
    public var searches: [SearchRecord]
    /// Mismatches of the step's `=> …` and `@expect` checks, as messages with locations.
    public var mismatches: [TraceError]

    public init(result: Result = .ok, messages: [MemblockMessage] = [], searches: [SearchRecord] = [],
                mismatches: [TraceError] = []) {
        self.result = result
        self.messages = messages
        self.searches = searches
        self.mismatches = mismatches
    }

    /// True when the step failed (an allocation with no room, an array that could not grow,
    /// a panic).
    public var failed: Bool {
        switch result {
        case .ok, .address, .notReached: return false
        case .allocationFailed, .error, .panic: return true
        }
    }

    /// True when the kernel panicked in this step.
    public var panicked: Bool {
        if case .panic = result { return true }
        return false
    }

    /// The result as a short text: `0x…`, `fail`, `-errnoENOMEM`, `ok`, `panic: MESSAGE` or
    /// `not reached`.
    public var resultText: String {
        switch result {
        case .ok: return "ok"
        case .address(let a): return "0x" + String(a, radix: 16)
        case .allocationFailed: return "fail"
        case .error(let e): return e == -errnoENOMEM ? "-errnoENOMEM" : "error \(e)"
        case .panic(let p): return "panic: \(p.message)"
        case .notReached: return "not reached"
        }
    }
}

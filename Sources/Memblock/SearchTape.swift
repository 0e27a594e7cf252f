/// The results of the free-range searches (`memblock_find_in_range_node`) one step makes:
/// recorded when a step is first replayed, and played back when the same step is replayed
/// again from the same state, as seeking does.
///
/// The model is a pure function of the state and the step, so a step replayed from the same
/// state runs the same searches in the same order with the same results. Playing them back
/// skips only the searches: the reservations, array doubling, fallbacks, warnings and every
/// other change of the step run as they did. Precondition of the playback: the tape was
/// recorded from this step applied to an equal state (the timeline keeps one per step). A
/// search asked for beyond the tape runs normally. Not part of the state: `==` ignores it.
public struct SearchTape: Sendable {
    /// What the searches do with the tape.
    public enum Mode: Sendable {
        /// Searches run; nothing is kept.
        case off
        /// Searches run, and each result is appended to `results`.
        case recording
        /// Searches return `results` in order instead of running, while there are any.
        case playing
    }

    /// The mode.
    public var mode: Mode
    /// The results recorded, or left to play.
    public var results: ArraySlice<PhysAddr>

    /// A tape that does nothing.
    public init() {
        mode = .off
        results = []
    }

    /// A tape that records, from empty.
    public static var recording: SearchTape {
        var t = SearchTape()
        t.mode = .recording
        return t
    }

    /// A tape that plays `results` back.
    public static func playing(_ results: ArraySlice<PhysAddr>) -> SearchTape {
        var t = SearchTape()
        t.mode = .playing
        t.results = results
        return t
    }

    /// The next result to play, if the tape is playing and has one left.
    @inline(__always)
    mutating func next() -> PhysAddr? {
        guard mode == .playing, let r = results.first else { return nil }
        results = results.dropFirst()
        return r
    }

    /// Keeps `result` when recording.
    @inline(__always)
    mutating func record(_ result: PhysAddr) {
        if mode == .recording { results.append(result) }
    }
}

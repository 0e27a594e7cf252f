import Memblock

/// The free-range search results of every computed step of a timeline, kept for seeking
/// (`SearchTape`), in about one byte per step: most steps search once, for the address they
/// return, or not at all.
struct RecordedSearches: Sendable {
    /// Per step: how many of its results `results` holds; `ownResult` for one search whose
    /// result is the step's own result address (nothing stored); `large` when the count is
    /// in `largeCounts`.
    private var counts: [UInt8] = []
    /// The stored results, step after step.
    private var results: [PhysAddr] = []
    /// `offsets[k]`: where the results of step `k * Self.stride` start.
    private var offsets: [Int] = []
    /// The counts too large for a byte.
    private var largeCounts: [Int: Int] = [:]

    private static let stride = 256
    private static let ownResult: UInt8 = 255
    private static let large: UInt8 = 254

    /// Keeps the next step's search results, given its outcome.
    mutating func append(_ searches: ArraySlice<PhysAddr>, result: StepOutcome.Result) {
        let i = counts.count
        if i % Self.stride == 0 { offsets.append(results.count) }
        if searches.count == 1, case .address(let a) = result, searches.first == a {
            counts.append(Self.ownResult)
            return
        }
        if searches.count >= Int(Self.large) {
            largeCounts[i] = searches.count
            counts.append(Self.large)
        } else {
            counts.append(UInt8(searches.count))
        }
        results.append(contentsOf: searches)
    }

    /// The number of results step `i` stored.
    private func stored(_ i: Int) -> Int {
        switch counts[i] {
        case Self.ownResult: return 0
        case Self.large: return largeCounts[i] ?? 0
        case let n: return Int(n)
        }
    }

    /// Reads the tapes of consecutive steps from step `i` on.
    struct Reader {
        fileprivate var step: Int
        fileprivate var offset: Int

        /// The tape of the next step, whose outcome was `result`; moves to the step after.
        mutating func next(in log: RecordedSearches, result: StepOutcome.Result) -> SearchTape {
            defer { step += 1 }
            if log.counts[step] == RecordedSearches.ownResult, case .address(let a) = result { return .playing(a) }
            let n = log.stored(step)
            defer { offset += n }
            return .playing(then: log.results[offset..<(offset + n)])
        }
    }

    /// A reader at step `i` (0-based, computed).
    func reader(from i: Int) -> Reader {
        let k = i / Self.stride
        var offset = offsets[k]
        for j in (k * Self.stride)..<i { offset += stored(j) }
        return Reader(step: i, offset: offset)
    }
}

import Memblock
import MemblockTrace

/// The playback clock: turns elapsed time into a number of steps, independent of the frame rate.
public struct PlaybackClock: Hashable, Sendable {
    /// Slowest and fastest speeds, in steps per second.
    public static let speedRange: ClosedRange<Double> = 0.5...100_000
    /// The speeds `+`/`-` step through.
    public static let speedLadder: [Double] = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000,
                                               10_000, 20_000, 50_000, 100_000]

    /// Steps per second.
    public private(set) var speed: Double
    /// Whether time advances steps.
    public var isPlaying: Bool = false
    /// The fraction of a step carried over from earlier ticks.
    private var carry: Double = 0

    public init(speed: Double = 4) { self.speed = Swift.min(Swift.max(speed, Self.speedRange.lowerBound), Self.speedRange.upperBound) }

    /// Sets the speed, clamped into `speedRange`.
    public mutating func setSpeed(_ s: Double) {
        speed = Swift.min(Swift.max(s, Self.speedRange.lowerBound), Self.speedRange.upperBound)
    }

    /// The next faster (or slower) speed on the ladder.
    public mutating func faster() { setSpeed(Self.speedLadder.first { $0 > speed } ?? Self.speedRange.upperBound) }
    /// The next slower speed on the ladder.
    public mutating func slower() { setSpeed(Self.speedLadder.last { $0 < speed } ?? Self.speedRange.lowerBound) }

    /// How many whole steps `elapsed` seconds of play are worth (0 while paused); the
    /// remainder carries to the next tick so that the average rate is exact.
    public mutating func advance(by elapsed: Double) -> Int {
        guard isPlaying, elapsed > 0 else { return 0 }
        let total = carry + elapsed * speed
        // A hair of slack so that 100 ticks of 0.01 s at 10 steps/s make 10 steps, not 9.
        let whole = (total + 1e-9).rounded(.down)
        carry = Swift.max(0, total - whole)
        return Int(Swift.min(whole, 1e9))
    }

    /// Seconds until the next step is due (for sleeping while playing slowly).
    public var secondsToNextStep: Double { isPlaying ? Swift.max(0, (1 - carry) / speed) : .infinity }

    /// Forgets the carried fraction (after a seek or pause).
    public mutating func resetCarry() { carry = 0 }
}

/// Where auto-play stops.
public enum Breakpoint: Hashable, Sendable, CustomStringConvertible {
    /// Any step of this operation kind.
    case operation(OperationKind)
    /// A step whose range, or whose result, touches `[start, end)`.
    case addressRange(PhysAddr, PhysAddr)
    /// A step that defines or uses this label.
    case label(String)
    /// An allocation that fails (or an operation that returns an error).
    case failure
    /// A step whose `=> …` or `@expect` check fails.
    case expectationMismatch
    /// The first step of a phase (any phase when nil, else the phase with this index).
    case phaseStart(Int?)

    public var description: String {
        switch self {
        case .operation(let k): return "on \(k.rawValue)"
        case .addressRange(let a, let b): return "on [\(formatPA(a))-\(formatPA(b &- 1))]"
        case .label(let l): return "on $\(l)"
        case .failure: return "on failure"
        case .expectationMismatch: return "on expectation mismatch"
        case .phaseStart(let p): return p.map { "at phase \($0 + 1)" } ?? "at each phase"
        }
    }
}

import ArgumentParser
import Memblock
import MemblockReplay
import MemblockTrace
import MemblockView
#if canImport(Glibc)
import Glibc
#endif

/// `mbviz bench FILE`: headless timings (use a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time parsing, replay, seeking and frame composition on a trace (release builds).",
        discussion: """
            Prints one `name: value unit` line per figure, each the median of --runs runs: \
            parse (MB/s), replay (ns/step, from a fresh state each run, like the kernel oracle's \
            --bench), timeline_build (ms to replay into a seekable timeline), checkpoints, \
            checkpoint_interval, checkpoint_bytes and final_state_bytes (what the timeline keeps), \
            seek_p50/seek_p99 (ms over 1000 random seeks), frame (ms to compose a \
            200x60 frame), peak_rss (MB). With --store, FILE is not read: the region store \
            (B+tree) is timed against Array instead (ns per operation at 1k, 10k and 100k regions).
            """
    )

    @ArgumentParser.Argument(help: "The trace to time.")
    var file: String = ""

    @Flag(help: "Time RegionStore against Array (random insert, remove, lookup, binary search, copy+change).")
    var store = false

    @Option(help: "Runs per figure; the median is reported.")
    var runs: Int = 5

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if file.isEmpty && !store { throw ValidationError("give a trace FILE (or --store)") }
    }

    func run() throws {
        if store {
            for figure in storeFigures(runs: runs) { printFigure(figure.name, figure.value, figure.unit) }
            return
        }
        let bytes = try readBytes(file)
        var parseTimes: [Double] = []
        var trace: Trace?
        for _ in 0..<runs {
            trace = nil  // one parsed trace alive at a time, as in real use
            let t0 = monotonicSeconds()
            do {
                trace = try TraceParser.parse(bytes, file: file)
            } catch {
                throw CLIError(error.errors.first.map { "\($0)" } ?? "\(file): cannot be parsed")
            }
            parseTimes.append(monotonicSeconds() - t0)
        }
        guard let trace else { return }
        let mb = Double(bytes.count) / 1_000_000
        let parseMedian = median(parseTimes)
        printFigure("parse", mb / parseMedian, "MB/s")
        printFigure("parse_time", parseMedian * 1000, "ms")
        printFigure("parse_steps", Double(trace.steps.count) / parseMedian, "steps/s")

        var replayTimes: [Double] = []
        var final: HeadlessRun?
        for _ in 0..<runs {
            let t0 = monotonicSeconds()
            final = HeadlessRun(trace)
            replayTimes.append(monotonicSeconds() - t0)
        }
        let steps = max(1, trace.steps.count)
        printFigure("steps", Double(trace.steps.count), "steps")
        printFigure("replay", median(replayTimes) * 1e9 / Double(steps), "ns/step")
        if let final {
            printFigure("final_memory_cnt", Double(final.state.memory.cnt), "regions")
            printFigure("final_reserved_cnt", Double(final.state.reserved.cnt), "regions")
        }
        for figure in extraFigures(trace, runs: runs) { printFigure(figure.name, figure.value, figure.unit) }
        printFigure("peak_rss", peakRSSMegabytes(), "MB")
    }
}

/// Seek and frame figures: the timeline is built once, then 1000 seeks to random steps
/// (a fixed seed) are timed one by one; a 200x60 frame of the last step is composed `runs`
/// times.
func extraFigures(_ trace: Trace, runs: Int) -> [BenchFigure] {
    var out: [BenchFigure] = []
    let t0 = monotonicSeconds()
    let timeline = Timeline(trace: trace)
    timeline.extend(to: trace.steps.count)
    out.append(BenchFigure(name: "timeline_build", value: (monotonicSeconds() - t0) * 1000, unit: "ms"))
    out.append(BenchFigure(name: "checkpoints", value: Double(timeline.checkpointCount), unit: "states"))
    out.append(BenchFigure(name: "checkpoint_interval", value: Double(timeline.checkpointInterval), unit: "steps"))
    out.append(BenchFigure(name: "checkpoint_bytes", value: Double(timeline.checkpointBytes) / 1e6, unit: "MB"))
    out.append(BenchFigure(name: "final_state_bytes", value: Double(timeline.stateBytes(after: trace.steps.count)) / 1e6, unit: "MB"))
    var rng = SplitMix64(seed: 0x6d62_7669_7a)
    var seeks: [Double] = []
    for _ in 0..<1000 {
        let n = Int(rng.next() % UInt64(trace.steps.count + 1))
        let s0 = monotonicSeconds()
        _ = timeline.state(after: n)
        seeks.append((monotonicSeconds() - s0) * 1000)
    }
    seeks.sort()
    out.append(BenchFigure(name: "seek_p50", value: seeks[499], unit: "ms"))
    out.append(BenchFigure(name: "seek_p99", value: seeks[989], unit: "ms"))
    let controller = Controller(timeline: timeline, start: trace.steps.count)
    let builder = SceneBuilder(controller: controller, showsCaptions: true)
    var sceneTimes: [Double] = [], frameTimes: [Double] = []
    for _ in 0..<max(runs, 5) {
        let s0 = monotonicSeconds()
        let scene = builder.scene(ui: UIState())
        let s1 = monotonicSeconds()
        _ = renderScreen(scene, width: 200, height: 60)
        let s2 = monotonicSeconds()
        sceneTimes.append((s1 - s0) * 1000)
        frameTimes.append((s2 - s1) * 1000)
    }
    out.append(BenchFigure(name: "frame", value: median(frameTimes), unit: "ms"))
    out.append(BenchFigure(name: "scene", value: median(sceneTimes), unit: "ms"))
    let state = timeline.state(after: trace.steps.count)
    out.append(BenchFigure(name: "frame_regions", value: Double(state.memory.cnt + state.reserved.cnt), unit: "regions"))
    return out
}

/// A small deterministic generator for benchmark sampling.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// A named measurement.
struct BenchFigure {
    var name: String
    var value: Double
    var unit: String
}

func printFigure(_ name: String, _ value: Double, _ unit: String) {
    let rounded = value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 1000)) / 1000)
    print("\(name): \(rounded) \(unit)")
}

/// The median of a non-empty list.
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The process's peak resident set size, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Reads a whole file (`-` is standard input) as bytes.
func readBytes(_ path: String) throws -> [UInt8] {
    let fd = path == "-" ? 0 : open(path, O_RDONLY)
    guard fd >= 0 else { throw CLIError("\(path): cannot open: \(String(cString: strerror(errno)))") }
    defer { if fd != 0 { close(fd) } }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw CLIError("\(path): read error: \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<n])
    }
    return out
}

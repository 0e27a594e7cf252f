import XCTest
import Memblock
@testable import MemblockTrace

/// SplitMix64: a small, seeded generator, so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
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

/// Builds random but valid traces: everything the writer must be able to express.
struct RandomTraceBuilder {
    var rng: SeededGenerator
    private var labels: [String] = []

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &rng) < percent }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &rng)] }

    /// Strings with the characters that need care: quotes, backslashes, `#`, `=`, tabs, non-ASCII.
    mutating func text(maxLength: Int = 12) -> String {
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "#", "=", "\t", "é", "☃", "$", "|", ">", "_", "-"]
        let n = Int.random(in: 0...maxLength, using: &rng)
        return String((0..<n).map { _ in pick(alphabet) })
    }

    mutating func value() -> UInt64 {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return 0
        case 1: return .max
        case 2: return UInt64.random(in: 1...1023, using: &rng)
        case 3: return UInt64.random(in: 1...4096, using: &rng) << pick([10, 20, 30, 40, 50] as [UInt64])
        case 4: return UInt64.random(in: 0...UInt64.max, using: &rng)
        default: return UInt64.random(in: 0...0xffff_ffff, using: &rng)
        }
    }

    mutating func argument() -> Argument {
        if !labels.isEmpty && chance(20) { return .label(pick(labels)) }
        return .literal(value())
    }

    mutating func config() -> MemblockConfig {
        let numa = chance(80)
        return MemblockConfig(
            numa: numa, maxNumnodes: chance(50) ? nil : Int32.random(in: 1...1024, using: &rng),
            pageSize: 4096 << UInt64.random(in: 0...6, using: &rng), maxOrder: Int.random(in: 0...20, using: &rng),
            initMemoryRegions: Int.random(in: 1...65536, using: &rng),
            initReservedRegions: chance(50) ? nil : Int.random(in: 1...65536, using: &rng),
            initPhysmemRegions: Int.random(in: 1...65536, using: &rng), physMap: chance(30),
            smpCacheBytes: 1 << UInt64.random(in: 0...12, using: &rng), lowLimit: value(),
            movableNode: chance(30), mirroredKernelcore: chance(30), kernel: chance(40) ? .v6_12 : .v6_1)
    }

    mutating func operation(_ config: MemblockConfig) -> MemblockTrace.Operation {
        var kinds = OperationKind.allCases
        if !config.physMap { kinds.removeAll { $0.spec.needsPhysMap } }
        if config.kernel == .v6_1 { kinds.removeAll { $0.introducedIn != .v6_1 } }
        let kind = pick(kinds)
        let values: [ArgumentValue] = kind.parameters.map { p in
            switch p.kind {
            case .address, .size, .end: return .address(argument())
            case .nid: return .nid(chance(90) ? Int32.random(in: -1...config.maxNumnodes, using: &rng) : Int32.random(in: .min ... .max, using: &rng))
            case .flags: return .flags(MemblockFlags(rawValue: UInt32.random(in: 0...15, using: &rng)))
            case .type: return .type(pick([.memory, .reserved]))
            case .bool: return .bool(chance(50))
            }
        }
        return MemblockTrace.Operation(kind: kind, values: values)!
    }

    mutating func expectations(_ config: MemblockConfig) -> [StateExpectation] {
        guard chance(25) else { return [] }
        var keys = ExpectKey.allCases
        if !config.physMap { keys.removeAll { $0 == .physmemCnt } }
        return (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            let key = pick(keys)
            return StateExpectation(key: key, value: key == .bottomUp ? UInt64.random(in: 0...1, using: &rng) : value())
        }
    }

    mutating func settings() -> [SettingChange] {
        guard chance(15) else { return [] }
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in
            pick([.lowLimit(value()), .movableNode(chance(50)), .mirroredKernelcore(chance(50))])
        }
    }

    mutating func note() -> String? {
        guard chance(20) else { return nil }
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in text(maxLength: 20) }.joined(separator: "\n")
    }

    mutating func step(_ config: MemblockConfig, first: Bool) -> TraceStep {
        let operation = operation(config)
        var step = TraceStep(operation: operation)
        if chance(30) { step.by = chance(50) ? pick(["setup_arch", "alloc_low_page", "setup_arch+0x2b3/0xc80"]) : text() }
        if operation.isAllocation {
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: step.result = .fail
            case 1: step.result = .address(argument())
            default: break
            }
        }
        if chance(30) { step.label = pick(["a", "b.c", "d-e_f", "L\(Int.random(in: 0..<50, using: &rng))"]) }
        step.note = note()
        step.pauseBefore = chance(10)
        if !first { step.settings = settings() }
        step.expectations = expectations(config)
        if let label = step.label { labels.append(label) }
        return step
    }

    /// A random trace of up to `maxSteps` steps.
    mutating func trace(maxSteps: Int) -> Trace {
        labels = []
        var t = Trace(file: "prop.mbtrace", config: config())
        if chance(70) { t.version = 1 }
        if chance(60) { t.arch = chance(50) ? pick(["x86_64", "arm64", "riscv64", "s390"]) : text() }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            t.nodeNames[Int32.random(in: -1...t.config.maxNumnodes, using: &rng)] = text()
        }
        t.initialExpectations = expectations(t.config)
        let count = Int.random(in: 0...maxSteps, using: &rng)
        for i in 0..<count {
            while chance(15) { t.phases.append(Phase(name: text(), firstStep: i)) }
            var step = self.step(t.config, first: i == 0)
            step.phase = t.phases.isEmpty ? nil : t.phases.count - 1
            t.steps.append(step)
        }
        while chance(15) { t.phases.append(Phase(name: text(), firstStep: count)) }
        if count > 0 && chance(10) { t.steps[count - 1].result = .panic }
        if count > 0 {
            t.trailingNote = note()
            t.trailingPause = chance(20)
            t.trailingSettings = settings()
        }
        return t
    }
}

/// Random traces survive the writer and the parser unchanged (except for locations).
final class RoundTripPropertyTests: XCTestCase {
    func test_randomTraces_roundTripThroughWriterAndParser() {
        for seed in 1...400 as ClosedRange<UInt64> {
            var builder = RandomTraceBuilder(seed: seed)
            let trace = builder.trace(maxSteps: 40)
            let text = TraceWriter.write(trace)
            do {
                let again = try TraceParser.parse(text, file: trace.file)
                if again.withoutLocations() != trace {
                    XCTFail("seed \(seed): \(firstDifference(trace, again))\n--- text ---\n\(text)")
                    return
                }
            } catch {
                XCTFail("seed \(seed): written trace does not parse:\n\(error)\n--- text ---\n\(text)")
                return
            }
        }
    }

    func test_randomTraces_coverEveryOperationAndAttribute() {
        var kinds = Set<OperationKind>()
        var (labels, results, notes, settings, expectations) = (0, 0, 0, 0, 0)
        for seed in 1...400 as ClosedRange<UInt64> {
            var builder = RandomTraceBuilder(seed: seed)
            for step in builder.trace(maxSteps: 40).steps {
                kinds.insert(step.operation.kind)
                if case .label? = step.operation.addressArguments.first { labels += 1 }
                if step.result != nil { results += 1 }
                if step.note?.contains("\n") == true { notes += 1 }
                settings += step.settings.count
                expectations += step.expectations.count
            }
        }
        XCTAssertEqual(kinds, Set(OperationKind.allCases))
        XCTAssertGreaterThan(labels, 50)
        XCTAssertGreaterThan(results, 50)
        XCTAssertGreaterThan(notes, 50)
        XCTAssertGreaterThan(settings, 50)
        XCTAssertGreaterThan(expectations, 50)
    }

    func test_writingTwice_isStable() throws {
        for seed in 1000...1100 as ClosedRange<UInt64> {
            var builder = RandomTraceBuilder(seed: seed)
            let text = TraceWriter.write(builder.trace(maxSteps: 20))
            XCTAssertEqual(TraceWriter.write(try TraceParser.parse(text, file: "prop.mbtrace")), text, "seed \(seed)")
        }
    }
}

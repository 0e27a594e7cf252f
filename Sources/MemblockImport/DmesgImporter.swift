import Memblock
import MemblockReplay
import MemblockTrace

/// Imports a kernel log (`dmesg`, a serial console capture, `journalctl -k`, `/dev/kmsg`
/// records) into a trace: the firmware memory map, every memblock=debug line, and the steps
/// the kernel took without printing them, reconstructed and checked with the model.
///
/// Unknown lines are ignored; memblock lines that cannot be read become notes. The work is
/// linear in the input (lines are cut at 4 KiB; past 200 000 steps the model stops checking).
public enum DmesgImporter {
    /// Steps replayed by the live model before it stops (keeps huge inputs linear).
    public static let modelStepLimit = 200_000
    /// Settings variants are tried only on traces up to this many steps (each is a whole
    /// reconstruction again), and only while the model did not stop.
    public static let variantStepLimit = 20_000

    /// Imports a log. `file` names it in notes and errors; `dtb` is the flattened device tree
    /// the kernel booted with (arm64), for the `/memory` nodes and `/reserved-memory` it
    /// describes; `overrides` are `--config KEY=VALUE` settings, which win over detection.
    ///
    /// The stages: normalise the posted text (`LogNormalizer`), classify each message
    /// (`LogClassifier`, one unit per memblock=debug dialect), read the build settings
    /// (`ImportSettings`, per architecture), reconstruct and emit (`DmesgSession`,
    /// `Emitter`). Throws when the input holds no kernel memory information at all (not a
    /// kernel log, a binary file), when the DTB cannot be read, or when an override is not a
    /// valid setting.
    public static func importLog(_ bytes: [UInt8], file: String, dtb: [UInt8]? = nil,
                                 overrides: [String: String] = [:]) throws(ImportError) -> ImportResult {
        let normalized = LogNormalizer.normalize(bytes)
        let events = LogClassifier.events(normalized.lines)
        let tree: DeviceTree?
        if let dtb {
            do { tree = try DeviceTree(dtb) } catch { throw ImportError(file: "\(file) (--dtb)", line: 0, column: 0, message: error.message) }
        } else {
            tree = nil
        }
        guard events.contains(where: { $0.event.carriesMemory }) || tree != nil else {
            let (line, column) = firstBinaryByte(bytes) ?? (0, 0)
            throw ImportError(file: file, line: line, column: column, message: emptyInputMessage(bytes, lineCount: normalized.lines.count, events: events))
        }
        let input = ImportInput(file: file, normalized: normalized, events: events, tree: tree)
        var settings = ImportSettings.detect(arch: input.arch.arch, facts: input.facts)
        let first = try attempt(input, settings: settings, overrides: overrides)
        guard first.session.figures.replacedResults > 0 || first.result.stats.metAllocations < first.result.stats.recordedAllocations,
              first.session.em.modelling, first.session.em.planned.count <= variantStepLimit else { return first.result }
        // The log's own results may say more about the build than the architecture's
        // defaults: try the other direction and the other NUMA setting, keep what meets more.
        var best = first
        for variant in SettingsVariant.allCases where variant.applies(overrides: overrides) {
            variant.apply(to: &settings, base: ImportSettings.detect(arch: input.arch.arch, facts: input.facts))
            guard let trial = try? attempt(input, settings: settings, overrides: overrides) else { continue }
            if trial.result.stats.metAllocations > best.result.stats.metAllocations { best = trial.with(variant: variant, against: first) }
        }
        return best.result
    }

    /// One reconstruction with one set of settings.
    static func attempt(_ input: ImportInput, settings: ImportSettings, overrides: [String: String]) throws(ImportError) -> Attempt {
        var settings = settings
        let kernelLine = ModelledKernel.parserReadsDirective ? "@kernel \(input.kernel.0.rawValue)" : nil
        let (config, configLine) = try settings.resolve(overrides: overrides, file: input.file, kernel: kernelLine)
        var session = DmesgSession(file: input.file, events: input.events, arch: input.arch.arch, tree: input.tree, config: config, modelLimit: modelStepLimit)
        let (modelled, _) = input.kernel
        session.modelName = modelled.rawValue
        session.replaceUnreproduced = !(input.facts.kernel?.isModelled ?? false)
        session.run(settings: settings)
        if input.arch.arch == .unknown {
            session.notes.append("\(input.file): the architecture is not recognised: neutral settings (give them with --config) and no architecture-specific reconstruction")
        }
        for s in input.normalized.skipped { session.note(s.line, "skipped: \(s.why)") }
        for a in input.normalized.annotations { session.note(a.line, "a poster's annotation after the dump line ignored: `\(a.text)`") }
        let header = input.header(settings: settings, overrides: overrides, configLine: configLine, nodes: session.nodeIDs())
        var result = finish(session: session, header: header, file: input.file, lines: input.normalized.lines.count, events: input.events)
        result.report = input.report(session: session, result: result)
        return Attempt(result: result, input: input, session: session)
    }

    /// Parses the produced text back and measures it.
    static func finish(session: DmesgSession, header: [String], file: String, lines: Int, events: [LocatedEvent]) -> ImportResult {
        var notes = session.notes
        let text = session.em.text(header: header)
        var stats = ImportStats()
        stats.lines = lines
        stats.memblockLines = events.filter { $0.event.isMemblockLine }.count
        stats.malformedLines = session.figures.malformed
        stats.dumps = session.figures.dumps
        stats.dumpsMatched = session.figures.dumpsMatched
        stats.debugfsMatched = session.figures.debugfsMatched
        let trace: Trace
        do {
            trace = try TraceParser.parse(text, file: file)
        } catch {
            // The importer writes only what the parser reads; this is a bug, but never a crash.
            notes.append("\(file): internal error: the imported trace does not parse: \(error.errors.first?.description ?? "")")
            return ImportResult(trace: Trace(file: file), text: text, notes: notes, stats: stats)
        }
        Replay.measure(trace, into: &stats, limit: session.em.modelling ? Int.max : session.em.modelLimit)
        stats.inferredSteps = session.em.planned.filter(\.inferred).count
        return ImportResult(trace: trace, text: text, notes: notes, stats: stats)
    }

    /// The line and column of the first byte no text log has (NUL or a control character other
    /// than tab, line ends and escape), in the first 4 KiB of a binary input.
    static func firstBinaryByte(_ bytes: [UInt8]) -> (Int, Int)? {
        guard isBinary(bytes) else { return nil }
        var line = 1, column = 1
        for b in bytes.prefix(4096) {
            if b == 0x0a { line += 1; column = 1; continue }
            if b < 0x20 && b != 0x09 && b != 0x0d && b != 0x1b { return (line, column) }
            column += 1
        }
        return nil
    }

    static func isBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        return sample.contains(0) || sample.filter { $0 < 0x09 || ($0 > 0x0d && $0 < 0x20 && $0 != 0x1b) }.count > sample.count / 10
    }

    /// Why nothing could be imported, and what would be accepted.
    static func emptyInputMessage(_ bytes: [UInt8], lineCount: Int, events: [LocatedEvent]) -> String {
        if bytes.isEmpty { return "empty input: expected a kernel log (dmesg output or a serial console capture)" }
        if isBinary(bytes) {
            return "not a kernel log: the input is binary (\(bytes.count) bytes); expected dmesg text with BIOS-e820, memblock=debug or MEMBLOCK configuration lines (for a device tree blob use `mbviz import dtb`)"
        }
        let kernelLog = events.contains { if case .version = $0.event { return true }; if case .commandLine = $0.event { return true }; return false }
        if kernelLog {
            return "a kernel log, but without a memory map in \(lineCount) lines: no BIOS-e820, EFI memory map, `Early memory node ranges` or memblock=debug lines; for a device-tree machine give the DTB it booted with (--dtb FILE), or boot with memblock=debug"
        }
        return "no kernel memory information in \(lineCount) lines: expected a kernel log with BIOS-e820 lines, `Early memory node ranges`, memblock=debug lines (boot with memblock=debug) or MEMBLOCK configuration dumps; for a device-tree log without memory lines give its DTB with --dtb"
    }
}

extension LogEvent {
    /// True for events that say something about memblock's state or the memory map.
    var carriesMemory: Bool {
        switch self {
        case .range, .addNode, .request, .doubled, .dumpHeader, .dumpSizes, .dumpCount, .dumpRegion, .e820, .debugfsLine, .malformed,
             .nodeRange, .promMemory, .efiMemory:
            return true
        default:
            return false
        }
    }
}

extension DmesgSession {
    /// Every node the log or the DTB names, for `@node` lines.
    func nodeIDs() -> [Int32] {
        var nodes = Set<Int32>()
        for e in events {
            switch e.event {
            case .dumpRegion(_, _, let r): if let n = r.nid, n >= 0 { nodes.insert(n) }
            case .sratMemory(let n, _, _, _), .emulatedNode(let n, _, _): nodes.insert(n)
            case .nodeData(let n?, _, _): nodes.insert(n)
            default: break
            }
        }
        if let tree { for m in tree.memory { if let n = m.nid { nodes.insert(Int32(clamping: n)) } } }
        let maxNid = em.state.config.maxNumnodes
        return nodes.filter { $0 >= 0 && $0 < maxNid }.sorted()
    }
}

/// Replays an imported trace and counts what it meets.
enum Replay {
    /// Fills the step and allocation figures of `stats` by replaying the first `limit` steps.
    static func measure(_ trace: Trace, into stats: inout ImportStats, limit: Int) {
        var state = Memblock(config: trace.config)
        var labels = LabelTable()
        stats.steps = trace.steps.count
        for (i, step) in trace.steps.enumerated() {
            if step.result != nil { stats.recordedAllocations += 1 }
            if case .fail? = step.result { stats.recordedFailures += 1 }
            guard i < limit else { continue }
            let outcome = StepApplier.apply(step, to: &state, labels: &labels)
            guard let expected = step.result else { continue }
            let met: Bool
            switch (expected, outcome.result) {
            case (.fail, .allocationFailed): met = true
            case (.address(.literal(let a)), .address(let got)): met = a == got
            default: met = false
            }
            if met {
                stats.metAllocations += 1
            } else if stats.firstMismatch == nil {
                stats.firstMismatch = outcome.mismatches.first?.description ?? "\(trace.file):\(step.location.line): \(step.operation.kernelName)"
            }
        }
    }
}

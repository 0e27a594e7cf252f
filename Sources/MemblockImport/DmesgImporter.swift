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

    /// Imports a log. `file` names it in notes and errors; `dtb` is the flattened device tree
    /// the kernel booted with (arm64), for the `/memory` nodes and `/reserved-memory` it
    /// describes; `overrides` are `--config KEY=VALUE` settings, which win over detection.
    ///
    /// Throws when the input holds no kernel memory information at all (not a kernel log, a
    /// binary file), when the DTB cannot be read, or when an override is not a valid setting.
    public static func importLog(_ bytes: [UInt8], file: String, dtb: [UInt8]? = nil,
                                 overrides: [String: String] = [:]) throws(ImportError) -> ImportResult {
        let lines = LogNormalizer.normalize(bytes).lines
        let events = LogClassifier.events(lines)
        let tree: DeviceTree?
        if let dtb {
            do { tree = try DeviceTree(dtb) } catch { throw ImportError(file: "\(file) (--dtb)", line: 0, column: 0, message: error.message) }
        } else {
            tree = nil
        }
        guard events.contains(where: { $0.event.carriesMemory }) || tree != nil else {
            let (line, column) = firstBinaryByte(bytes) ?? (0, 0)
            throw ImportError(file: file, line: line, column: column, message: emptyInputMessage(bytes, lineCount: lines.count))
        }
        let arch = Arch.detect(events, hasDTB: tree != nil)
        var nrCpus: Int?, version: String?, commandLine: String?
        for e in events {
            switch e.event {
            case .nrCpus(let n): nrCpus = nrCpus ?? n
            case .version(let v): version = version ?? v
            case .commandLine(let c): commandLine = commandLine ?? c
            default: break
            }
        }
        let settings = ImportSettings.detect(arch: arch, nrCpus: nrCpus, commandLine: commandLine)
        let (config, configLine) = try settings.resolved(overrides: overrides, file: file)
        var session = DmesgSession(file: file, events: events, arch: arch, tree: tree, config: config, modelLimit: modelStepLimit)
        session.run()

        var header = ["# mbviz import dmesg \(file)"]
        if let version { header.append("# Linux version \(version)") }
        if let commandLine { header.append("# command line: \(commandLine)") }
        if arch == .unknown { session.notes.append("\(file): the architecture is not recognised: no boot-sequence reconstruction, the trace's default settings") }
        if let tree { header.append("# device tree: \(tree.summary)") }
        header += settings.reasons.map { "# settings: \($0)" }
        if !overrides.isEmpty { header.append("# settings: overridden with --config " + overrides.keys.sorted().map { "\($0)=\(overrides[$0]!)" }.joined(separator: " ")) }
        header += ["@mbtrace 1", "@arch \(arch == .unknown ? "unknown" : arch.rawValue)", configLine]
        for n in session.nodeIDs() { header.append("@node \(n) \"node \(n)\"") }
        return finish(session: session, header: header, file: file, lines: lines.count, events: events)
    }

    /// Parses the produced text back and measures it.
    static func finish(session: DmesgSession, header: [String], file: String, lines: Int, events: [LocatedEvent]) -> ImportResult {
        var notes = session.notes
        let text = session.em.text(header: header)
        var stats = ImportStats()
        stats.lines = lines
        stats.memblockLines = events.filter { $0.event.isMemblockLine }.count
        stats.malformedLines = session.malformed
        stats.dumps = session.dumpCount
        stats.dumpsMatched = session.dumpsMatched
        stats.debugfsMatched = session.debugfsMatched
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

    /// Why nothing could be imported.
    static func emptyInputMessage(_ bytes: [UInt8], lineCount: Int) -> String {
        if bytes.isEmpty { return "empty input: expected a kernel log (dmesg output or a serial console capture)" }
        if isBinary(bytes) {
            return "not a kernel log: the input is binary (\(bytes.count) bytes); expected dmesg text with BIOS-e820, memblock=debug or MEMBLOCK configuration lines (for a device tree blob use `mbviz import dtb`)"
        }
        return "no kernel memory information in \(lineCount) lines: expected BIOS-e820 lines, memblock=debug lines (boot with memblock=debug) or MEMBLOCK configuration dumps"
    }
}

extension LogEvent {
    /// True for events that say something about memblock's state or the memory map.
    var carriesMemory: Bool {
        switch self {
        case .range, .addNode, .request, .doubled, .dumpHeader, .dumpSizes, .dumpCount, .dumpRegion, .e820, .debugfsLine, .malformed:
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

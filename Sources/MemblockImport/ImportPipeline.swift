import Memblock
import MemblockReplay
import MemblockTrace

/// A log after the first two stages, with what it says about itself.
struct ImportInput {
    var file: String
    var normalized: NormalizedLog
    var events: [LocatedEvent]
    var tree: DeviceTree?
    var arch: (arch: Arch, clue: String)
    var facts: LogFacts
    var versionText: String?
    var dialect: MemblockDialect?

    init(file: String, normalized: NormalizedLog, events: [LocatedEvent], tree: DeviceTree?) {
        self.file = file
        self.normalized = normalized
        self.events = events
        self.tree = tree
        var facts = LogFacts()
        var normalEnd: UInt64?, highmem = false
        for e in events {
            switch e.event {
            case .nrCpus(let n): facts.nrCpus = facts.nrCpus ?? n
            case .version(let v): versionText = versionText ?? v
            case .commandLine(let c): facts.commandLine = facts.commandLine ?? c
            case .dumpRegion(_, _, let r): if r.nid != nil { facts.dumpsShowNodes = true }
            case .zone(let name, _, let last):
                if name == "Normal" { normalEnd = last &+ 1 }
                if name == "HighMem" { highmem = true }
            default: break
            }
        }
        if highmem { facts.lowmemLimit = normalEnd }
        facts.kernel = versionText.flatMap(LogKernelVersion.init(versionLine:))
        // Distributions name the ABI (`6.1.0-56-amd64`) first and the release at the end
        // (`… Debian 6.1.192-2`): the release, when it has the same major.minor, is the kernel.
        let words = (versionText ?? "").split(separator: " ")
        if let k = facts.kernel, let i = words.lastIndex(of: "Debian"), i + 1 < words.count,
           let release = LogKernelVersion(versionLine: String(words[i + 1])), release.major == k.major, release.minor == k.minor {
            facts.kernel = release
        }
        // The oldest shape seen names the dialect; lines 5.x and 6.x share are 5.x before 5.16.
        dialect = events.lazy.compactMap { e -> MemblockDialect? in
            if case .range(_, _, _, _, let d) = e.event { return d }
            if case .request(let r) = e.event { return r.dialect }
            return nil
        }.min()
        if dialect == .v6 {
            let sixOnly = events.contains { if case .range(.physFree, _, _, _, .v6) = $0.event { return true } else { return false } }
            if let k = facts.kernel { dialect = k < LogKernelVersion(5, 16) ? .v5 : .v6 } else if !sixOnly { dialect = .v5or6 }
        }
        self.facts = facts
        self.arch = Arch.detect(normalized.lines) ?? (tree != nil ? (.arm64, "the device tree given with --dtb") : (.unknown, ""))
    }

    /// The modelled kernel for this log, and the comment that says why.
    var kernel: (ModelledKernel, String) {
        if let k = facts.kernel {
            let m = k.modelled
            if k.isModelled { return (m, "kernel: Linux \(k) is replayed with the \(m.rawValue) model") }
            return (m, "kernel: Linux \(k) is not a modelled kernel: replayed with the \(m.rawValue) model (\(m == .v6_12 ? "6.7 and later" : "kernels before 6.7")); addresses of another version may differ")
        }
        let era = dialect.map { " (its memblock=debug lines are \($0.rawValue))" } ?? ""
        return (.v6_1, "kernel: no `Linux version` line\(era): replayed with the 6.1 model; addresses of another version may differ")
    }

    /// The header lines of the trace.
    func header(settings: ImportSettings, overrides: [String: String], configLine: String, nodes: [Int32]) -> [String] {
        var h = ["# mbviz import dmesg \(file)"]
        if let v = versionText { h.append("# Linux version \(v)") }
        h.append("# " + kernel.1)
        h.append("# arch: \(arch.arch.rawValue)\(arch.clue.isEmpty ? "" : " (\(arch.clue))")")
        if let d = dialect { h.append("# dialect: memblock=debug lines of \(d.rawValue) kernels") } else { h.append("# dialect: no memblock=debug lines (the steps come from the memory map and reservation messages)") }
        let shown = normalized.transforms.filter { $0 != .printkTimes }
        if !shown.isEmpty { h.append("# transforms: " + shown.map(\.rawValue).joined(separator: "; ")) }
        if let c = facts.commandLine { h.append("# command line: \(c)") }
        if let tree { h.append("# device tree: \(tree.summary)") }
        h += settings.reasons.map { "# settings: \($0)" }
        if let (on, why) = settings.bottomUp { h.append("# settings: \(on ? "bottom-up" : "top-down"): \(why)") }
        if let (limit, why) = settings.currentLimit { h.append("# settings: current_limit \(hex(limit)): \(why)") }
        if !overrides.isEmpty { h.append("# settings: overridden with --config " + overrides.keys.sorted().map { "\($0)=\(overrides[$0]!)" }.joined(separator: " ")) }
        h.append("@mbtrace 1")
        if ModelledKernel.parserReadsDirective { h.append("@kernel \(kernel.0.rawValue)") }
        h += ["@arch \(arch.arch.rawValue)", configLine]
        for n in nodes { h.append("@node \(n) \"node \(n)\"") }
        return h
    }

    /// The short report `import dmesg` prints on standard error.
    func report(session: DmesgSession, result: ImportResult) -> ImportReport {
        var r = ImportReport()
        r.kernel = facts.kernel.map { "\($0)" } ?? "unknown (no Linux version line)"
        r.modelled = kernel.0.rawValue
        r.arch = arch.arch.rawValue
        r.dialect = dialect?.rawValue ?? "none (no memblock=debug lines)"
        r.transforms = normalized.transforms.map(\.rawValue)
        r.requests = events.filter { if case .request = $0.event { return true } else { return false } }.count
        r.resultsMatched = session.figures.resultsMatched
        r.replaced = session.figures.replacedResults
        let check = CheckReport(result.trace)
        r.expectations = check.expectations
        r.expectationsMet = check.met
        r.unreadable = session.figures.malformed + normalized.skipped.count
        return r
    }
}

/// What `import dmesg` tells the user about one import (on standard error).
public struct ImportReport: Hashable, Sendable {
    /// The log's kernel (`4.9.96`), or why unknown.
    public var kernel = ""
    /// The modelled kernel that replays it (`6.1`, `6.12`).
    public var modelled = ""
    /// The architecture (`x86_64`, `arm64`, `riscv64`, `arm`, `mips`, …, `unknown`).
    public var arch = ""
    /// The memblock=debug dialect (`4.x`, `5.x`, `6.x`), or none.
    public var dialect = ""
    /// The transforms the normaliser applied.
    public var transforms: [String] = []
    /// Allocation request lines seen.
    public var requests = 0
    /// Requests whose result line was found.
    public var resultsMatched = 0
    /// Results the model places elsewhere on this (not modelled) kernel, replayed as the
    /// reservation the log shows instead of an expectation.
    public var replaced = 0
    /// Expectations written (`=> …` results and `@expect` keys).
    public var expectations = 0
    /// Of those, met by the replay of the trace.
    public var expectationsMet = 0
    /// Lines that could not be read (malformed memblock lines, elisions).
    public var unreadable = 0

    /// Empty figures.
    public init() {}

    /// The report as short lines.
    public var lines: [String] {
        var out = ["kernel \(kernel), replayed as \(modelled); arch \(arch); memblock=debug dialect \(dialect)"]
        out.append("transforms: " + (transforms.isEmpty ? "none" : transforms.joined(separator: ", ")))
        out.append("\(requests) allocation requests seen, \(resultsMatched) results matched, \(expectations) expectations written (\(expectationsMet) met by the replay)")
        if replaced > 0 {
            out.append("\(replaced) results the \(modelled) model places elsewhere (another kernel's allocator) replayed as the reservations the log shows, not checked")
        }
        out.append(unreadable == 0 ? "every memblock line was read" : "could not read \(unreadable) line\(unreadable == 1 ? "" : "s") (see the notes)")
        return out
    }
}

/// One reconstruction of a log: its result and the session that made it.
struct Attempt {
    var result: ImportResult
    var input: ImportInput
    var session: DmesgSession

    /// This attempt, chosen over `first`: notes why.
    func with(variant: SettingsVariant, against first: Attempt) -> Attempt {
        var copy = self
        copy.result.notes.insert("\(input.file): \(variant.description): with the architecture's defaults the replay met \(first.result.stats.metAllocations) of \(first.result.stats.recordedAllocations) recorded allocations, with this \(result.stats.metAllocations)", at: 0)
        return copy
    }
}

/// A build setting the log's own results can decide when the defaults do not meet them.
enum SettingsVariant: CaseIterable, CustomStringConvertible {
    case direction, numa, both

    func applies(overrides: [String: String]) -> Bool {
        switch self {
        case .direction: return overrides["bottom_up"] == nil
        case .numa: return overrides["numa"] == nil && overrides["max_numnodes"] == nil
        case .both: return SettingsVariant.direction.applies(overrides: overrides) && SettingsVariant.numa.applies(overrides: overrides)
        }
    }

    /// `settings` = `base` with this variant's settings flipped.
    func apply(to settings: inout ImportSettings, base: ImportSettings) {
        settings = base
        if self != .numa {
            let on = !(base.bottomUp?.on ?? false)
            settings.bottomUp = (on, "\(on ? "bottom-up" : "top-down") because the log's allocation results say so (the architecture's default did not meet them)")
        }
        if self != .direction {
            let numaOn = base.values.first { $0.0 == "numa" }?.1 == "1"
            settings.values.removeAll { $0.0 == "numa" || $0.0 == "max_numnodes" }
            settings.values.insert(("numa", numaOn ? "0" : "1"), at: 0)
            if !numaOn { settings.values.insert(("max_numnodes", String(ArchProfile.of(base.arch).maxNumnodes)), at: 1) }
            settings.reasons.append("numa=\(numaOn ? 0 : 1) because the log's allocation results say so (node-exact requests \(numaOn ? "succeed on memory that no dump puts on a node" : "need nodes"))")
        }
    }

    var description: String {
        switch self {
        case .direction: return "the allocation direction was read from the log's results"
        case .numa: return "CONFIG_NUMA was read from the log's results"
        case .both: return "the allocation direction and CONFIG_NUMA were read from the log's results"
        }
    }
}

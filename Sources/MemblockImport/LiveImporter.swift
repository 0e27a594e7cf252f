#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import Memblock
import MemblockReplay
import MemblockTrace

/// Imports this machine: its kernel log when readable (through the log importer, with
/// `/sys/firmware/fdt` as the device tree when readable), else its firmware memory map
/// (`/sys/firmware/memmap`) or `/proc/iomem`. Never throws: whatever cannot be read is named in
/// the notes with the reason (not root, `dmesg_restrict`, no memblock=debug on the command
/// line), and the trace holds what could be read.
public enum LiveImporter {
    /// Imports the machine whose files are under `root` (`/` normally; tests point it at a
    /// directory tree with `proc/`, `sys/` and `dev/kmsg` as regular files).
    public static func importMachine(root: String = "/") -> ImportResult {
        var sources = LiveSources(root: root)
        sources.readAll()
        var notes = sources.notes
        if let log = sources.kernelLog, sources.logHasMemblockLines {
            for dtb in sources.fdt == nil ? [nil] : [sources.fdt, nil] {
                do {
                    var r = try DmesgImporter.importLog(log, file: sources.logName, dtb: dtb)
                    r.notes = notes + r.notes
                    return r
                } catch {
                    notes.append(dtb == nil ? "the kernel log could not be imported: \(error)"
                                            : "/sys/firmware/fdt is not usable (\(error)): importing the log without it")
                }
            }
        }
        if let log = sources.kernelLog, !sources.logHasMemblockLines, sources.logHasMemoryMap {
            // The kernel's own map: the firmware's as the kernel updated it
            // (`e820: update … usable ==> reserved`, `e820: remove`), not /sys/firmware/memmap's.
            if var r = try? DmesgImporter.importLog(log, file: sources.logName) {
                r.notes = notes + ["no memblock=debug on the kernel command line: the trace is the kernel's memory map from its log (BIOS-e820 with the kernel's e820 updates and removals, or the node ranges) and the reservations it announces; boot with memblock=debug for the full sequence"] + r.notes
                r.notes += nodeRangeCheck(r, log: log)
                return r
            }
        }
        if sources.kernelLog != nil && !sources.logHasMemblockLines {
            notes.append(sources.commandLineHasDebug
                ? "the kernel log has no memblock lines left (the ring buffer has wrapped since boot?): the trace holds the firmware map only"
                : "no memblock=debug on the kernel command line (\(sources.commandLine.map { "'\($0)'" } ?? "unknown")): the log has no memblock lines, so the trace holds the firmware map only; boot with memblock=debug for the full sequence")
        }
        return firmwareMapResult(sources, notes: notes)
    }

    /// Whether the replayed memory equals the kernel's `Early memory node ranges` (printed
    /// from memblock.memory at free_area_init), as one note.
    static func nodeRangeCheck(_ r: ImportResult, log: [UInt8]) -> [String] {
        var printed = RangeSet()
        for e in LogClassifier.events(LogNormalizer.normalize(log).lines) {
            if case .nodeRange(_, let b, let l) = e.event { printed.insert(.inclusive(b, l)) }
        }
        guard !printed.isEmpty else { return [] }
        let state = HeadlessRun(r.trace).state
        let replayed = RangeSet(state.memory.regions.filter { $0.size != 0 }.map { AddrRange(base: $0.base, end: $0.end) })
        return [replayed == printed
            ? "the replayed memory equals the kernel's Early memory node ranges"
            : "the replayed memory differs from the kernel's Early memory node ranges: \(replayed.ranges.count) ranges replayed, \(printed.ranges.count) printed"]
    }

    /// A trace from the firmware map alone: RAM added as e820__memblock_setup() does.
    static func firmwareMapResult(_ s: LiveSources, notes: [String]) -> ImportResult {
        var notes = notes
        var em = Emitter(config: MemblockConfig(maxNumnodes: 1024))
        var header = ["# mbviz import live (\(s.root))"]
        let map = s.firmwareMap.isEmpty ? s.iomemRAM.map { (range: $0, type: "System RAM") } : s.firmwareMap
        if map.isEmpty {
            notes.append("no memory map could be read: the trace is empty")
        }
        em.phase("firmware memory map (\(s.firmwareMap.isEmpty ? "/proc/iomem" : "/sys/firmware/memmap"))")
        for e in map where e.type == "Soft Reserved" {
            em.comment("\(e.type) [\(hex(e.range.base))-\(hex(e.range.end &- 1))]")
            em.emit(.reserve(base: .literal(e.range.base), size: .literal(e.range.size)), by: "e820__memblock_setup")
        }
        for e in map where e.type == "System RAM" {
            em.comment("\(e.type) [\(hex(e.range.base))-\(hex(e.range.end &- 1))]")
            em.emit(.add(base: .literal(e.range.base), size: .literal(e.range.size)), by: "e820__memblock_setup")
        }
        if !map.isEmpty {
            em.emit(.trimMemory(align: .literal(4096)), by: "e820__memblock_setup", inferred: "e820__memblock_setup() trims partial pages")
        }
        if !s.iomemReserved.isEmpty {
            em.phase("reserved ranges from /proc/iomem")
            for r in s.iomemReserved {
                em.comment("\(r.name) [\(hex(r.range.base))-\(hex(r.range.end &- 1))] in /proc/iomem")
                em.emit(.reserve(base: .literal(r.range.base), size: .literal(r.range.size)), inferred: "a kernel or crash-kernel range listed in /proc/iomem")
            }
        }
        header += ["@mbtrace 1", "@arch \(s.arch)", TraceWriter.configLine(em.state.config)]
        let text = em.text(header: header)
        var stats = ImportStats()
        stats.inferredSteps = em.planned.filter(\.inferred).count
        do {
            let trace = try TraceParser.parse(text, file: "live")
            stats.steps = trace.steps.count
            return ImportResult(trace: trace, text: text, notes: notes, stats: stats)
        } catch {
            notes.append("internal error: the live trace does not parse: \(error.errors.first?.description ?? "")")
            return ImportResult(trace: Trace(file: "live"), text: text, notes: notes, stats: stats)
        }
    }
}

/// What could be read from one machine's files.
struct LiveSources {
    let root: String
    var notes: [String] = []
    var kernelLog: [UInt8]?
    var logName = "/dev/kmsg"
    var logHasMemblockLines = false
    /// The log has the kernel's memory map (BIOS-e820 lines or node ranges).
    var logHasMemoryMap = false
    var commandLine: String?
    var commandLineHasDebug: Bool { commandLine.map { $0.split(separator: " ").contains { $0.hasPrefix("memblock=") && $0.contains("debug") } } ?? false }
    var fdt: [UInt8]?
    var firmwareMap: [(range: AddrRange, type: String)] = []
    var iomemRAM: [AddrRange] = []
    var iomemReserved: [(range: AddrRange, name: String)] = []
    var arch: String {
        var u = utsname()
        uname(&u)
        let m = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return m == "aarch64" ? "arm64" : (m.isEmpty ? "unknown" : m)
    }

    init(root: String) { self.root = root.hasSuffix("/") ? root : root + "/" }

    func path(_ p: String) -> String { root + p }

    mutating func readAll() {
        switch LiveFiles.read(path("proc/cmdline"), limit: 1 << 16) {
        case .success(let c): commandLine = String(decoding: c, as: UTF8.self).replacingNewlines.trimmingSpaces
        case .failure(let e): notes.append("\(path("proc/cmdline")): cannot read: \(e.reason)")
        }
        readKernelLog()
        readFirmwareMap()
        readIomem()
        switch LiveFiles.read(path("sys/firmware/fdt"), limit: 8 << 20) {
        case .success(let f): fdt = f
        case .failure(let e): if !e.missing { notes.append("\(path("sys/firmware/fdt")): cannot read: \(e.reason); run as root for the device tree") }
        }
    }

    mutating func readKernelLog() {
        let kmsg = path("dev/kmsg")
        switch LiveFiles.readKmsg(kmsg) {
        case .success(let bytes):
            kernelLog = bytes
            logName = kmsg
        case .failure(let reason):
            notes.append("\(kmsg): cannot read: \(reason)")
            if root == "/" {
                switch LiveFiles.syslogReadAll() {
                case .success(let bytes):
                    kernelLog = bytes
                    logName = "syslog(READ_ALL)"
                case .failure(let e):
                    notes.append("syslog(2) READ_ALL (what dmesg uses): \(e.reason); the kernel log needs root or kernel.dmesg_restrict=0")
                }
            }
        }
        if let log = kernelLog {
            let events = LogClassifier.events(LogNormalizer.normalize(log).lines)
            logHasMemblockLines = events.contains { $0.event.isMemblockLine }
            logHasMemoryMap = events.contains { if case .e820 = $0.event { return true }; if case .nodeRange = $0.event { return true }; return false }
        }
    }

    /// `/sys/firmware/memmap/N/{start,end,type}`: the firmware map as the kernel got it.
    mutating func readFirmwareMap() {
        let dir = path("sys/firmware/memmap")
        let entries: [String]
        switch LiveFiles.list(dir) {
        case .success(let e): entries = e
        case .failure(let e):
            notes.append("\(dir): cannot read: \(e.reason) (no firmware map: not x86, or CONFIG_FIRMWARE_MEMMAP off)")
            return
        }
        for name in entries.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
            guard let s = LiveFiles.readHex(dir + "/" + name + "/start"), let e = LiveFiles.readHex(dir + "/" + name + "/end"),
                  case .success(let t) = LiveFiles.read(dir + "/" + name + "/type", limit: 256) else { continue }
            firmwareMap.append((.inclusive(s, e), String(decoding: t, as: UTF8.self).replacingNewlines.trimmingSpaces))
        }
        firmwareMap.sort { $0.range < $1.range }
    }

    /// `/proc/iomem`: top-level System RAM, and the kernel and crash kernel ranges.
    mutating func readIomem() {
        let p = path("proc/iomem")
        let bytes: [UInt8]
        switch LiveFiles.read(p, limit: 16 << 20) {
        case .success(let b): bytes = b
        case .failure(let e):
            notes.append("\(p): cannot read: \(e.reason)")
            return
        }
        var sawNonZero = false
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            let fields = body.split(separator: " : ", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            let parts = fields[0].split(separator: "-")
            guard parts.count == 2, let a = UInt64(parts[0], radix: 16), let b = UInt64(parts[1], radix: 16) else { continue }
            if a != 0 || b != 0 { sawNonZero = true }
            let name = String(fields[1])
            if indent == 0 && name == "System RAM" { iomemRAM.append(.inclusive(a, b)) }
            if name == "Crash kernel" || name.hasPrefix("Kernel ") { iomemReserved.append((.inclusive(a, b), name)) }
        }
        if !sawNonZero {
            notes.append("\(p): every address reads as 0: the kernel hides them from non-root users; run as root")
            iomemRAM = []
            iomemReserved = []
        }
    }
}

extension String {
    /// Newlines and other control characters as spaces.
    var replacingNewlines: String {
        String(unicodeScalars.map { $0.value < 0x20 ? " " : Character($0) })
    }
}

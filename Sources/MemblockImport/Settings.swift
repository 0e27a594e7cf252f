import Memblock
import MemblockTrace

/// The architectures the importers know the memblock settings of.
enum Arch: String, Sendable, CaseIterable {
    case x86_64, arm64, riscv64, arm, mips, loongarch64, powerpc64, s390, alpha, unknown
}

/// An architecture's memblock settings in a typical distribution build: what the trace
/// starts with when the log does not say otherwise (README: "Architecture settings").
struct ArchProfile: Sendable {
    var numa: Bool
    /// `MAX_NUMNODES` (`1 << NODES_SHIFT`).
    var maxNumnodes: Int
    var pageSize: String
    var initRegions: Int
    var lowLimit: UInt64
    /// The architecture switches memblock to bottom-up in `setup_arch`.
    var bottomUp: Bool
    /// `CONFIG_HAVE_MEMBLOCK_PHYS_MAP`.
    var physMap: Bool
    /// Why, in one phrase.
    var why: String

    /// The profile of an architecture.
    static func of(_ arch: Arch) -> ArchProfile {
        switch arch {
        case .x86_64:
            return ArchProfile(numa: true, maxNumnodes: 1024, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "x86_64: top-down, 4K pages, 128 initial regions")
        case .arm64:
            return ArchProfile(numa: true, maxNumnodes: 16, pageSize: "4K", initRegions: 128, lowLimit: .max, bottomUp: false, physMap: false,
                               why: "arm64: top-down, 4K pages, NODES_SHIFT=4 (MAX_NUMNODES=16)")
        case .riscv64:
            return ArchProfile(numa: true, maxNumnodes: 4, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "riscv64: top-down, 4K pages, NODES_SHIFT=2 (MAX_NUMNODES=4)")
        case .arm:
            return ArchProfile(numa: false, maxNumnodes: 1, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "32-bit arm: no NUMA, top-down below the lowmem limit (current_limit = arm_lowmem_limit), 4K pages")
        case .mips:
            return ArchProfile(numa: false, maxNumnodes: 64, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: true, physMap: false,
                               why: "mips: bottom-up (arch_mem_init sets it), 4K pages, NUMA only where the dumps show nodes (NODES_SHIFT=6)")
        case .loongarch64:
            return ArchProfile(numa: true, maxNumnodes: 64, pageSize: "16K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "loongarch64: 16K pages, NODES_SHIFT=6 (MAX_NUMNODES=64)")
        case .powerpc64:
            return ArchProfile(numa: true, maxNumnodes: 256, pageSize: "64K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "powerpc64: 64K pages, NODES_SHIFT=8 (MAX_NUMNODES=256)")
        case .s390:
            return ArchProfile(numa: false, maxNumnodes: 1, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: true,
                               why: "s390: the physmem map (CONFIG_HAVE_MEMBLOCK_PHYS_MAP), no NUMA, 4K pages")
        case .alpha:
            return ArchProfile(numa: false, maxNumnodes: 1, pageSize: "8K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "alpha: 8K pages, no NUMA")
        case .unknown:
            return ArchProfile(numa: true, maxNumnodes: 64, pageSize: "4K", initRegions: 128, lowLimit: 0xffff_ffff, bottomUp: false, physMap: false,
                               why: "architecture not recognised: neutral defaults (top-down, 4K pages, 128 regions, MAX_NUMNODES=64)")
        }
    }
}

/// What the log itself says about the build, for `ImportSettings.detect`.
struct LogFacts {
    var nrCpus: Int?
    var commandLine: String?
    var kernel: LogKernelVersion?
    /// Some dump prints `on node N`.
    var dumpsShowNodes = false
    /// The end of the 32-bit arm lowmem (`Normal` zone end when a `HighMem` zone follows).
    var lowmemLimit: UInt64?
}

/// The settings a trace starts with: `@config` values, and the direction and current limit
/// the first steps set; detected from the architecture and the log, overridden by `--config`.
struct ImportSettings {
    var arch: Arch
    /// `KEY=VALUE` in the order written.
    var values: [(String, String)]
    /// Why these values (comment lines for the trace header).
    var reasons: [String]
    /// Allocate bottom-up from the first step (with why), or nil for the default top-down.
    var bottomUp: (on: Bool, why: String)?
    /// A `memblock_set_current_limit` before the first step, with why.
    var currentLimit: (limit: UInt64, why: String)?

    /// The settings for an architecture and what the log says.
    static func detect(arch: Arch, facts: LogFacts) -> ImportSettings {
        let p = ArchProfile.of(arch)
        var numa = p.numa, maxNodes = p.maxNumnodes
        var why = [p.why]
        if arch == .mips && facts.dumpsShowNodes {
            numa = true
            why.append("mips: the dumps print `on node`, so this build has NUMA")
        }
        var v: [(String, String)] = [("numa", numa ? "1" : "0"), ("page_size", p.pageSize), ("max_order", "10"), ("smp_cache_bytes", "64")]
        var initMemory = p.initRegions, initReserved = p.initRegions
        switch arch {
        case .x86_64:
            let maxsmp = facts.nrCpus.map { $0 >= 8192 } ?? true
            maxNodes = maxsmp ? 1024 : 64
            why.append(facts.nrCpus.map { maxsmp ? "NR_CPUS=\($0) from the log: MAXSMP, so NODES_SHIFT=10 (MAX_NUMNODES=1024)" : "NR_CPUS=\($0) from the log: not MAXSMP, so the Kconfig default NODES_SHIFT=6 (MAX_NUMNODES=64)" }
                       ?? "NR_CPUS not printed: MAXSMP assumed (NODES_SHIFT=10, MAX_NUMNODES=1024), as in most distribution builds")
        case .arm64:
            let cpus = Swift.min(facts.nrCpus ?? 256, 65536 - 129)  // the trace format's capacity limit
            let efiRegions = facts.kernel.map { $0 >= LogKernelVersion(6, 1) } ?? true
            if efiRegions { initMemory = 1024 }
            initReserved = 128 + cpus + 1
            why.append("arm64: \(efiRegions ? "CONFIG_EFI is a build setting, so even a DT boot has INIT_MEMBLOCK_MEMORY_REGIONS=1024; " : "")with GICv3 ITS, 128+NR_CPUS+1=\(128 + cpus + 1) reserved regions (NR_CPUS=\(cpus)\(facts.nrCpus == nil ? ", assumed" : " from the log"))")
            why.append("arm64: ARCH_LOW_ADDRESS_LIMIT is all ones until zone_sizes_init() sets arm64_dma_phys_limit")
        default:
            break
        }
        if numa { v.append(("max_numnodes", String(maxNodes))) }
        v += [("init_memblock_regions", String(initMemory)), ("init_memblock_reserved_regions", String(initReserved)),
              ("low_limit", "0x" + String(p.lowLimit, radix: 16))]
        if p.physMap { v.append(("phys_map", "1")) }
        let words = Set((facts.commandLine ?? "").split(separator: " ").map(String.init))
        if words.contains("movable_node") {
            v.append(("movable_node", "1"))
            why.append("movable_node on the command line: allocations skip HOTPLUG memory")
        }
        if words.contains("kernelcore=mirror") {
            v.append(("mirrored_kernelcore", "1"))
            why.append("kernelcore=mirror on the command line")
        }
        var s = ImportSettings(arch: arch, values: v, reasons: why)
        if p.bottomUp { s.bottomUp = (true, "\(arch.rawValue) allocates bottom-up (the architecture's setup_arch sets it)") }
        if arch == .arm {
            if let l = facts.lowmemLimit {
                s.currentLimit = (l, "32-bit arm: current_limit is arm_lowmem_limit, the end of the Normal zone below HighMem (Zone ranges line)")
            } else {
                s.reasons.append("32-bit arm: no HighMem zone printed, so all memory is lowmem and current_limit stays unset")
            }
        }
        return s
    }

    /// Applies `--config KEY=VALUE` overrides (they win; `bottom_up` and `current_limit`
    /// become the first steps) and returns the configuration the `@config` line gives, with
    /// that line.
    /// `kernel` is the `@kernel` line, when the trace has one: the configuration is the
    /// model's for that kernel.
    mutating func resolve(overrides: [String: String], file: String, kernel: String? = nil) throws(ImportError) -> (MemblockConfig, String) {
        var values = self.values
        for key in overrides.keys.sorted() {
            let value = overrides[key]!
            switch key {
            case "bottom_up":
                guard let on = Self.flag(value) else { throw ImportError(file: "--config", line: 0, column: 0, message: "bad setting: bottom_up expects 0 or 1, got '\(value)'") }
                bottomUp = (on, "--config bottom_up=\(value)")
            case "current_limit":
                guard let limit = Self.number(value) else {
                    throw ImportError(file: "--config", line: 0, column: 0, message: "bad setting: current_limit expects an address (e.g. 0x30000000 or 768M), got '\(value)'")
                }
                currentLimit = (limit, "--config current_limit=\(value)")
            default:
                if let i = values.firstIndex(where: { $0.0 == key }) { values[i].1 = value } else { values.append((key, value)) }
            }
        }
        let line = "@config " + values.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        do {
            let t = try TraceParser.parse((kernel.map { $0 + "\n" } ?? "") + line + "\n", file: "--config")
            return (t.config, line)
        } catch {
            let first = error.errors.first
            throw ImportError(file: overrides.isEmpty ? file : "--config", line: 0, column: 0,
                              message: "bad setting: \(first?.message ?? "cannot read \(line)") (keys: the @config keys of TRACE-FORMAT.md, bottom_up, current_limit)")
        }
    }

    static func flag(_ v: String) -> Bool? {
        switch v { case "1", "true", "on": return true; case "0", "false", "off": return false; default: return nil }
    }

    /// A number as the trace format reads it (hex, decimal, K/M/G suffixes).
    static func number(_ v: String) -> UInt64? {
        guard let t = try? TraceParser.parse("memblock_set_current_limit \(v)\n", file: "--config") else { return nil }
        return t.steps.first?.operation[.limit]?.literalValue
    }

    /// Legacy entry (DTB import): settings from the architecture and a command line alone.
    static func detect(arch: Arch, nrCpus: Int?, commandLine: String?) -> ImportSettings {
        detect(arch: arch, facts: LogFacts(nrCpus: nrCpus, commandLine: commandLine))
    }

    /// The settings without overrides (the DTB importer has none).
    func resolved(overrides: [String: String], file: String) throws(ImportError) -> (MemblockConfig, String) {
        var copy = self
        return try copy.resolve(overrides: overrides, file: file)
    }
}

import Memblock
import MemblockTrace

/// The architectures the importers know boot sequences for.
enum Arch: String, Sendable {
    case x86_64, arm64, riscv64, unknown
}

/// The build settings a trace starts with (`@config`), detected from the input and
/// overridden by `--config KEY=VALUE`.
struct ImportSettings {
    var arch: Arch
    /// `KEY=VALUE` in the order written.
    var values: [(String, String)]
    /// Why these values (comment lines for the trace header).
    var reasons: [String]

    /// The settings for an architecture; `nrCpus` from the log when printed.
    static func detect(arch: Arch, nrCpus: Int?, commandLine: String?) -> ImportSettings {
        var v: [(String, String)] = [("numa", "1"), ("page_size", "4K"), ("max_order", "10"), ("smp_cache_bytes", "64")]
        var why: [String] = []
        let words = Set((commandLine ?? "").split(separator: " ").map(String.init))
        switch arch {
        case .x86_64:
            let maxsmp = nrCpus.map { $0 >= 8192 } ?? true
            v += [("max_numnodes", maxsmp ? "1024" : "64"), ("init_memblock_regions", "128"),
                  ("init_memblock_reserved_regions", "128"), ("low_limit", "0xffffffff")]
            why.append(maxsmp
                ? "x86_64: Debian's 6.1 amd64 build (MAXSMP, NR_CPUS=\(nrCpus.map(String.init) ?? "8192")): NODES_SHIFT=10, MAX_NUMNODES=1024; 128 initial memory and reserved regions"
                : "x86_64 with NR_CPUS=\(nrCpus!): not MAXSMP, so the Kconfig default NODES_SHIFT=6 (MAX_NUMNODES=64) is assumed")
        case .arm64:
            let cpus = Swift.min(nrCpus ?? 256, 65536 - 129)  // the trace format's capacity limit
            v += [("max_numnodes", "16"), ("init_memblock_regions", "1024"),
                  ("init_memblock_reserved_regions", String(128 + cpus + 1)), ("low_limit", "0xffffffffffffffff")]
            why.append("arm64: NODES_SHIFT=4 (MAX_NUMNODES=16); CONFIG_EFI is a build setting, so even a DT boot has INIT_MEMBLOCK_MEMORY_REGIONS=1024 and, with GICv3 ITS, 128+NR_CPUS+1=\(128 + cpus + 1) reserved regions (NR_CPUS=\(cpus)\(nrCpus == nil ? ", assumed" : " from the log"))")
            why.append("arm64: ARCH_LOW_ADDRESS_LIMIT is all ones until zone_sizes_init() sets arm64_dma_phys_limit")
        case .riscv64:
            v += [("max_numnodes", "4"), ("init_memblock_regions", "128"), ("init_memblock_reserved_regions", "128"),
                  ("low_limit", "0xffffffff")]
            why.append("riscv64: Kconfig defaults (NODES_SHIFT=2)")
        case .unknown:
            v += [("max_numnodes", "64"), ("init_memblock_regions", "128"), ("init_memblock_reserved_regions", "128")]
            why.append("architecture not recognised: the trace format's defaults")
        }
        if words.contains("movable_node") {
            v.append(("movable_node", "1"))
            why.append("movable_node on the command line: allocations skip HOTPLUG memory")
        }
        if words.contains("kernelcore=mirror") {
            v.append(("mirrored_kernelcore", "1"))
            why.append("kernelcore=mirror on the command line")
        }
        return ImportSettings(arch: arch, values: v, reasons: why)
    }

    /// Applies `--config KEY=VALUE` overrides (they win) and returns the configuration the
    /// resulting `@config` line gives, with that line.
    func resolved(overrides: [String: String], file: String) throws(ImportError) -> (MemblockConfig, String) {
        var values = self.values
        for key in overrides.keys.sorted() {
            let value = overrides[key]!
            if let i = values.firstIndex(where: { $0.0 == key }) { values[i].1 = value } else { values.append((key, value)) }
        }
        let line = "@config " + values.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        do {
            let t = try TraceParser.parse(line + "\n", file: "--config")
            return (t.config, line)
        } catch {
            let first = error.errors.first
            throw ImportError(file: overrides.isEmpty ? file : "--config", line: 0, column: 0,
                              message: "bad setting: \(first?.message ?? "cannot read \(line)")")
        }
    }
}

extension Arch {
    /// The architecture a log shows (version string, printed hints, callers, firmware map).
    static func detect(_ events: [LocatedEvent], hasDTB: Bool) -> Arch {
        var votes: [Arch: Int] = [:]
        for e in events.prefix(4000) {
            switch e.event {
            case .version(let v):
                if v.contains("amd64") || v.contains("x86_64") { votes[.x86_64, default: 0] += 10 }
                if v.contains("arm64") || v.contains("aarch64") { votes[.arm64, default: 0] += 10 }
                if v.contains("riscv") { votes[.riscv64, default: 0] += 10 }
            case .archHint(let h): if h == "arm64" { votes[.arm64, default: 0] += 5 }
            case .e820: votes[.x86_64, default: 0] += 1
            case .range(_, _, _, let c, _), .addNode(_, _, _, _, let c):
                let f = callerFunction(c)
                if f == "e820__memblock_setup" || f == "memblock_x86_fill" || f == "reserve_real_mode" || f == "init_mem_mapping" { votes[.x86_64, default: 0] += 3 }
                if f.hasPrefix("arm64_") || f == "early_pgtable_alloc" { votes[.arm64, default: 0] += 3 }
                if f == "setup_bootmem" { votes[.riscv64, default: 0] += 3 }
            case .request(let r):
                let f = callerFunction(r.caller)
                if f == "early_pgtable_alloc" { votes[.arm64, default: 0] += 1 }
                if f == "alloc_low_pages" || f == "reserve_real_mode" { votes[.x86_64, default: 0] += 1 }
            default: break
            }
        }
        if let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }) {
            return best.key
        }
        return hasDTB ? .arm64 : .unknown
    }
}

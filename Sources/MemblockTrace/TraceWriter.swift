import Memblock

/// Writes traces as canonical `.mbtrace` text: one directive or step per line, settings
/// spelled out, addresses in hex, sizes with a K/M/G/T/P suffix when exact.
///
/// `TraceParser.parse(TraceWriter.write(t))` equals `t` except for locations, for every
/// trace the parser can produce. Strings cannot hold newlines or control characters in the
/// format: a note is written as one `@note` per line of it, and in other strings such
/// characters (and in notes, control characters other than newline and tab) become spaces.
public enum TraceWriter {
    /// The canonical text of `trace`, ending with a newline.
    public static func write(_ trace: Trace) -> String {
        var out = ""
        out.reserveCapacity(64 + trace.steps.count * 40)
        if let version = trace.version { out += "@mbtrace \(version)\n" }
        if let arch = trace.arch { out += "@arch \(bareOrQuoted(arch))\n" }
        if trace.config.kernel != .v6_1 { out += "@kernel \(trace.config.kernel)\n" }
        out += configLine(trace.config) + "\n"
        for nid in trace.nodeNames.keys.sorted() {
            out += "@node \(nodeID(nid)) \(quoted(trace.nodeNames[nid]!))\n"
        }
        writeExpectations(trace.initialExpectations, to: &out)
        var phase = 0
        for (index, step) in trace.steps.enumerated() {
            while phase < trace.phases.count && trace.phases[phase].firstStep <= index {
                out += "@phase \(quoted(trace.phases[phase].name))\n"
                phase += 1
            }
            writeDirectives(settings: step.settings, note: step.note, pause: step.pauseBefore, to: &out)
            out += line(step)
            out += "\n"
            writeExpectations(step.expectations, to: &out)
        }
        for p in trace.phases[phase...] { out += "@phase \(quoted(p.name))\n" }
        writeDirectives(settings: trace.trailingSettings, note: trace.trailingNote, pause: trace.trailingPause, to: &out)
        return out
    }

    /// One step as a line (without the newline), e.g. `memblock_alloc 4K 4K label=pgd => 0x1000`.
    public static func line(_ step: TraceStep) -> String {
        var s = step.operation.kernelName
        for (i, parameter) in step.operation.kind.parameters.enumerated() {
            let value = step.operation.value(at: i)
            if case .flags(let f) = value, f.isEmpty { continue }
            s += " "
            s += format(value, parameter.kind)
        }
        if let by = step.by { s += " by=" + bareOrQuoted(by) }
        if let label = step.label { s += " label=" + label }
        switch step.result {
        case .fail?: s += " => fail"
        case .panic?: s += " => panic"
        case .address(let a)?: s += " => " + format(a, .address)
        case nil: break
        }
        return s
    }

    /// The `@config` line that states every setting of `config`.
    public static func configLine(_ c: MemblockConfig) -> String {
        var s = "@config numa=\(c.numa ? 1 : 0) page_size=\(size(c.pageSize)) max_order=\(c.maxOrder)"
        s += " init_memblock_regions=\(c.initMemoryRegions) init_memblock_reserved_regions=\(c.initReservedRegions)"
        s += " low_limit=\(hex(c.lowLimit)) max_numnodes=\(c.maxNumnodes) smp_cache_bytes=\(c.smpCacheBytes)"
        s += " mirrored_kernelcore=\(c.mirroredKernelcore ? 1 : 0) movable_node=\(c.movableNode ? 1 : 0)"
        s += " phys_map=\(c.physMap ? 1 : 0) init_physmem_regions=\(c.initPhysmemRegions)"
        if let a = c.physmemStaticArray { s += " physmem_static_array=\(hex(a))" }
        return s
    }

    private static func writeDirectives(settings: [SettingChange], note: String?, pause: Bool, to out: inout String) {
        if !settings.isEmpty {
            out += "@config"
            for change in settings {
                switch change {
                case .lowLimit(let v): out += " low_limit=\(hex(v))"
                case .movableNode(let on): out += " movable_node=\(on ? 1 : 0)"
                case .mirroredKernelcore(let on): out += " mirrored_kernelcore=\(on ? 1 : 0)"
                }
            }
            out += "\n"
        }
        if let note {
            for part in note.split(separator: "\n", omittingEmptySubsequences: false) {
                out += "@note \(quoted(String(part)))\n"
            }
        }
        if pause { out += "@pause\n" }
    }

    private static func writeExpectations(_ expectations: [StateExpectation], to out: inout String) {
        guard !expectations.isEmpty else { return }
        out += "@expect"
        for e in expectations {
            switch e.key {
            case .memoryTotalSize, .reservedTotalSize, .currentLimit: out += " \(e.key.rawValue)=\(hex(e.value))"
            default: out += " \(e.key.rawValue)=\(e.value)"
            }
        }
        out += "\n"
    }

    // MARK: Values

    static func format(_ value: ArgumentValue, _ kind: ParameterKind) -> String {
        switch value {
        case .address(let a): return format(a, kind)
        case .nid(let n): return nodeID(n)
        case .flags(let f): return f.description
        case .type(let t): return t.rawValue
        case .bool(let on): return on ? "1" : "0"
        }
    }

    static func format(_ a: Argument, _ kind: ParameterKind) -> String {
        switch a {
        case .label(let name): return "$" + name
        case .literal(let v):
            switch kind {
            case .size: return size(v)
            case .end: return v == .max ? "ANYWHERE" : hex(v)
            default: return hex(v)
            }
        }
    }

    /// `0` or `0x` and lowercase hex.
    static func hex(_ v: UInt64) -> String { v == 0 ? "0" : "0x" + String(v, radix: 16) }

    /// Decimal below 1K; a whole number of K, M, G, T or P when exact; else hex.
    static func size(_ v: UInt64) -> String {
        if v < 1024 { return String(v) }
        for (shift, suffix) in [(50, "P"), (40, "T"), (30, "G"), (20, "M"), (10, "K")] {
            let unit = UInt64(1) << UInt64(shift)
            if v % unit == 0 { return "\(v / unit)\(suffix)" }
        }
        return hex(v)
    }

    static func nodeID(_ n: Int32) -> String { n == -1 ? "NUMA_NO_NODE" : String(n) }

    /// A quoted string with `"` and `\` escaped and control characters replaced.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A bare token when `s` can be one (no spaces, quotes, `#` or control characters), else quoted.
    static func bareOrQuoted(_ s: String) -> String {
        let bare = !s.isEmpty && s.unicodeScalars.allSatisfy { c in
            c.value > 0x20 && c.value != 0x7f && c != "\"" && c != "#"
        }
        return bare ? s : quoted(s)
    }
}

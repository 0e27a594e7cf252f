import Memblock

/// The `@config` keys.
enum ConfigKey: String, CaseIterable {
    case numa, page_size, max_order, init_memblock_regions, init_memblock_reserved_regions, low_limit
    case max_numnodes, smp_cache_bytes, mirrored_kernelcore, movable_node, phys_map, init_physmem_regions
    case physmem_static_array

    /// The keys that may change between steps; the rest are build settings.
    var isRuntime: Bool { self == .low_limit || self == .movable_node || self == .mirrored_kernelcore }
}

/// The settings as `@config` lines before the first step set them; defaults that depend on
/// other keys (`max_numnodes`, `init_memblock_reserved_regions`) are resolved by `build()`.
struct ConfigBuilder {
    var numa = true
    var explicitMaxNumnodes: Int32?
    var pageSize: UInt64 = 4096
    var maxOrder = 10
    var initMemoryRegions = 128
    var explicitInitReservedRegions: Int?
    var initPhysmemRegions = 4
    var physMap = false
    var smpCacheBytes: UInt64 = 64
    var lowLimit: UInt64 = 0xffff_ffff
    var movableNode = false
    var mirroredKernelcore = false
    var physmemStaticArray: UInt64?
    /// `@kernel`: 6.1 unless the trace says otherwise.
    var kernel = KernelVersion.v6_1
    /// Whether `@kernel` was given.
    var kernelSet = false

    /// `MAX_NUMNODES` as of now: explicit, or 64 (1 without NUMA).
    var maxNumnodes: Int32 { explicitMaxNumnodes ?? (numa ? 64 : 1) }

    /// The configuration these settings describe.
    func build() -> MemblockConfig {
        MemblockConfig(
            numa: numa, maxNumnodes: explicitMaxNumnodes, pageSize: pageSize, maxOrder: maxOrder,
            initMemoryRegions: initMemoryRegions, initReservedRegions: explicitInitReservedRegions,
            initPhysmemRegions: initPhysmemRegions, physMap: physMap, smpCacheBytes: smpCacheBytes,
            lowLimit: lowLimit, movableNode: movableNode, mirroredKernelcore: mirroredKernelcore, kernel: kernel,
            physmemStaticArray: physmemStaticArray)
    }
}

/// The accepted ranges of numeric `@config` values (beyond them the model would be
/// meaningless or would need absurd amounts of memory).
enum ConfigLimits {
    static let maxNumnodes: ClosedRange<UInt64> = 1...1024
    static let pageSize: ClosedRange<UInt64> = 4096...(256 << 10)
    static let maxOrder: ClosedRange<UInt64> = 0...20
    static let regions: ClosedRange<UInt64> = 1...65536
    static let smpCacheBytes: ClosedRange<UInt64> = 1...4096
}

extension ParserCore {
    /// Applies one `KEY=VALUE` of an `@config` line.
    mutating func applyConfig(_ t: Token) {
        let keyName = display(t.start, t.eq)
        guard let key = ConfigKey(rawValue: keyName) else {
            let hint = Suggest.hint(for: keyName, in: ConfigKey.allCases.map(\.rawValue))
            error(t, "unknown @config key \(keyName)\(hint.isEmpty ? "" : hint)")
            return
        }
        let v = t.eq + 1
        if t.valueQuoted || v == t.end {
            error(at: v, "@config \(keyName): expected a value, got \(t.valueQuoted ? "a quoted string" : "nothing")")
            return
        }
        if !steps.isEmpty && !key.isRuntime {
            error(t, "@config \(keyName) is a build setting: it may only appear before the first step")
            return
        }
        let what = "@config \(keyName)"
        switch key {
        case .numa, .phys_map, .movable_node, .mirrored_kernelcore:
            guard let on = boolean(t, v, what: what) else { return }
            setBoolean(key, on)
        case .low_limit:
            let valueToken = Token(start: v, end: t.end)
            guard case .literal(let limit)? = configAddress(valueToken, what: what) else { return }
            if steps.isEmpty { settings.lowLimit = limit } else { pendingSettings.append(.lowLimit(limit)) }
        case .physmem_static_array:
            guard case .literal(let addr)? = configAddress(Token(start: v, end: t.end), what: what) else { return }
            settings.physmemStaticArray = addr
        default:
            setNumber(key, t, v, what: what)
        }
    }

    private mutating func setBoolean(_ key: ConfigKey, _ on: Bool) {
        switch key {
        case .numa: settings.numa = on
        case .phys_map: settings.physMap = on
        case .movable_node:
            if steps.isEmpty { settings.movableNode = on } else { pendingSettings.append(.movableNode(on)) }
        default:
            if steps.isEmpty { settings.mirroredKernelcore = on } else { pendingSettings.append(.mirroredKernelcore(on)) }
        }
    }

    /// An address value of `@config`: a number or an address constant (no labels).
    private mutating func configAddress(_ t: Token, what: String) -> Argument? {
        if b[t.start] == asciiDollar {
            error(t, "\(what): expected a number or an address constant, got \(display(t))")
            return nil
        }
        return address(t, what: what)
    }

    /// The numeric build settings, each checked against its range.
    private mutating func setNumber(_ key: ConfigKey, _ t: Token, _ v: Int, what: String) {
        guard let n = number(t, v, what: what) else { return }
        func check(_ range: ClosedRange<UInt64>, powerOfTwo: Bool = false, _ expected: String) -> Bool {
            if range.contains(n) && (!powerOfTwo || n & (n - 1) == 0) { return true }
            error(at: v, "\(what): expected \(expected), got \(display(v, t.end))")
            return false
        }
        switch key {
        case .max_numnodes:
            if check(ConfigLimits.maxNumnodes, "a node count from 1 to 1024") { settings.explicitMaxNumnodes = Int32(n) }
        case .page_size:
            if check(ConfigLimits.pageSize, powerOfTwo: true, "a power of two from 4K to 256K") { settings.pageSize = n }
        case .max_order:
            if check(ConfigLimits.maxOrder, "an order from 0 to 20") { settings.maxOrder = Int(n) }
        case .smp_cache_bytes:
            if check(ConfigLimits.smpCacheBytes, powerOfTwo: true, "a power of two from 1 to 4096") { settings.smpCacheBytes = n }
        case .init_memblock_regions:
            if check(ConfigLimits.regions, "a capacity from 1 to 65536") { settings.initMemoryRegions = Int(n) }
        case .init_memblock_reserved_regions:
            if check(ConfigLimits.regions, "a capacity from 1 to 65536") { settings.explicitInitReservedRegions = Int(n) }
        default:
            if check(ConfigLimits.regions, "a capacity from 1 to 65536") { settings.initPhysmemRegions = Int(n) }
        }
    }
}

import Memblock

/// What an allocation step must return: `=> ADDRESS` or `=> fail`.
public enum ResultExpectation: Hashable, Sendable {
    /// The allocation must return this address (a number or an earlier `$label`).
    case address(Argument)
    /// The allocation must fail.
    case fail
    /// The step must panic (`=> panic`, on any step): the kernel stops there.
    case panic
}

/// The state values `@expect` can check.
public enum ExpectKey: String, Hashable, Sendable, CaseIterable {
    /// Regions in `memory` (the dummy counts when empty).
    case memoryCnt = "memory.cnt"
    /// Capacity of `memory`.
    case memoryMax = "memory.max"
    /// `memory.total_size` (stale after trim, as in the kernel).
    case memoryTotalSize = "memory.total_size"
    /// Regions in `reserved`.
    case reservedCnt = "reserved.cnt"
    /// Capacity of `reserved`.
    case reservedMax = "reserved.max"
    /// `reserved.total_size`.
    case reservedTotalSize = "reserved.total_size"
    /// Regions in `physmem` (needs `phys_map`).
    case physmemCnt = "physmem.cnt"
    /// `memblock.bottom_up` as 0 or 1.
    case bottomUp = "bottom_up"
    /// `memblock.current_limit`.
    case currentLimit = "current_limit"
}

/// One `@expect KEY=VALUE`: a check on the state after the step it follows.
public struct StateExpectation: Hashable, Sendable {
    /// What is checked.
    public var key: ExpectKey
    /// The expected value (`bottom_up` as 0 or 1).
    public var value: UInt64
    /// Where the key is written.
    public var location: SourceLocation

    /// An expectation; `location` defaults to `.unknown`.
    public init(key: ExpectKey, value: UInt64, location: SourceLocation = .unknown) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// An `@config` change between steps (only these settings may change after the first step).
public enum SettingChange: Hashable, Sendable {
    /// `low_limit`: `ARCH_LOW_ADDRESS_LIMIT`.
    case lowLimit(UInt64)
    /// `movable_node`.
    case movableNode(Bool)
    /// `mirrored_kernelcore` (`kernelcore=mirror`).
    case mirroredKernelcore(Bool)

    /// Applies the change to a configuration.
    public func apply(to config: inout MemblockConfig) {
        switch self {
        case .lowLimit(let v): config.lowLimit = v
        case .movableNode(let on): config.movableNode = on
        case .mirroredKernelcore(let on): config.mirroredKernelcore = on
        }
    }
}

/// A boot phase (`@phase "NAME"`): it starts at `firstStep` and runs until the next phase.
public struct Phase: Hashable, Sendable {
    /// The phase's name.
    public var name: String
    /// The index in `Trace.steps` of its first step (`steps.count` if no step follows it).
    public var firstStep: Int
    /// Where the `@phase` directive is.
    public var location: SourceLocation

    /// A phase; `location` defaults to `.unknown`.
    public init(name: String, firstStep: Int, location: SourceLocation = .unknown) {
        self.name = name
        self.firstStep = firstStep
        self.location = location
    }
}

/// A parsed `.mbtrace` file.
public struct Trace: Hashable, Sendable {
    /// The file name given to the parser.
    public var file: String
    /// `@mbtrace VERSION`, if present (only 1 exists).
    public var version: Int?
    /// `@arch NAME`, if present; informational only.
    public var arch: String?
    /// The settings as of the first step: `@config` before it over the format's defaults,
    /// and the kernel of `@kernel` (`config.kernel`).
    public var config: MemblockConfig
    /// `@node NID "NAME"`: names of NUMA nodes.
    public var nodeNames: [Int32: String]
    /// The `@phase`s in file order.
    public var phases: [Phase]
    /// The steps in file order.
    public var steps: [TraceStep]
    /// `@expect` lines before the first step (checks on the boot state).
    public var initialExpectations: [StateExpectation]
    /// `@note`s after the last step, joined with `"\n"`.
    public var trailingNote: String?
    /// An `@pause` after the last step.
    public var trailingPause: Bool
    /// `@config` changes after the last step (they affect nothing, but are kept).
    public var trailingSettings: [SettingChange]

    /// A trace; an empty one by default.
    public init(
        file: String, version: Int? = nil, arch: String? = nil, config: MemblockConfig = MemblockConfig(),
        nodeNames: [Int32: String] = [:], phases: [Phase] = [], steps: [TraceStep] = [],
        initialExpectations: [StateExpectation] = [], trailingNote: String? = nil,
        trailingPause: Bool = false, trailingSettings: [SettingChange] = []
    ) {
        self.file = file
        self.version = version
        self.arch = arch
        self.config = config
        self.nodeNames = nodeNames
        self.phases = phases
        self.steps = steps
        self.initialExpectations = initialExpectations
        self.trailingNote = trailingNote
        self.trailingPause = trailingPause
        self.trailingSettings = trailingSettings
    }

    /// The kernel the trace replays (`@kernel`, 6.1 by default).
    public var kernel: KernelVersion { config.kernel }

    /// The kernel for a status line: `Linux 6.1` or `Linux 6.12`.
    public var kernelLabel: String { "Linux \(config.kernel)" }

    /// The same trace with every location set to `SourceLocation.unknown`, so traces that
    /// differ only in layout compare equal.
    public func withoutLocations() -> Trace {
        var t = self
        for i in t.phases.indices { t.phases[i].location = .unknown }
        for i in t.initialExpectations.indices { t.initialExpectations[i].location = .unknown }
        for i in t.steps.indices {
            t.steps[i].location = .unknown
            for j in t.steps[i].expectations.indices { t.steps[i].expectations[j].location = .unknown }
        }
        return t
    }
}

/// The memblock allocator (`struct memblock` plus the hidden globals of `mm/memblock.c`),
/// as a value: copy it to keep a checkpoint, compare states with `==`.
///
/// Operations are named after the kernel's functions (`memblock_add` is `add(_:_:)`,
/// `memblock_phys_alloc_range` is `physAllocRange(_:_:_:_:)`) and behave as the configured
/// kernel's do (`config.kernel`: 6.1 or 6.12), down to the kernel's quirks.
public struct Memblock: Sendable {
    /// The build and boot settings. `lowLimit`, `movableNode` and `mirroredKernelcore` may
    /// change between operations; the rest are fixed at boot.
    public var config: MemblockConfig
    /// RAM the kernel may use.
    public internal(set) var memory: MemblockType
    /// Ranges in use.
    public internal(set) var reserved: MemblockType
    /// `physmem` (only meaningful with `config.physMap`).
    public internal(set) var physmem: MemblockType
    /// `memblock.bottom_up`: the allocation direction.
    public var bottomUp: Bool = false
    /// `memblock.current_limit`: the end used for "accessible" allocations.
    public var currentLimit: PhysAddr = memblockAllocAnywhere
    /// `memblock_can_resize`: region arrays may be doubled (set by `allowResize()`).
    public internal(set) var canResize: Bool = false
    /// `system_has_some_mirror`: allocations try MIRROR memory first.
    public internal(set) var systemHasSomeMirror: Bool = false
    /// WARN_ONCE sites that have fired.
    public internal(set) var warnedOnce: Set<String> = []
    /// The buddy allocator, once `freeAll()` has handed memory over.
    public internal(set) var buddy: BuddyAllocator?
    /// The panic (or BUG) an operation hit, if any: the machine is dead from then on.
    public internal(set) var panic: KernelPanic?

    /// Which implementation runs the operations: the fast paths (each with its precondition,
    /// falling back to the kernel-literal code where it does not hold) or the kernel-literal
    /// reference throughout. Not part of the state's identity: both give the same states.
    public var engine: MemblockEngine = .fast

    /// Messages (debug lines, warnings) and search records of the operations; not part of
    /// the state's identity.
    public var log: MemblockLog = MemblockLog()
    /// Free-range search results recorded or played back (see `SearchTape`); not state.
    public var searchTape = SearchTape()
    /// The caller shown by debug lines (`%pS`), e.g. `setup_arch+0x2b3/0xc80`.
    public var caller: String = "mbviz_trace+0x0/0x0"

    /// A fresh allocator as at boot: empty types (with zero-filled dummies in 6.1).
    public init(config: MemblockConfig = MemblockConfig()) {
        self.config = config
        let dummy = config.behaviour.emptyTypeHasDummy
        self.memory = MemblockType(kind: .memory, capacity: config.initMemoryRegions, keepsDummyWhenEmpty: dummy)
        self.reserved = MemblockType(kind: .reserved, capacity: config.initReservedRegions, keepsDummyWhenEmpty: dummy)
        self.physmem = MemblockType(kind: .physmem, capacity: config.initPhysmemRegions, keepsDummyWhenEmpty: dummy)
    }

    /// Whether the next operation can panic or BUG: a 6.12 array that may not grow, or an
    /// array left out of order (by a trim that wrapped) where the kernel's BUG_ONs fire.
    public var mayPanic: Bool {
        (config.behaviour.doubleArrayPanicsWithoutResize && !canResize)
            || !memory.sortedAndDisjoint || !reserved.sortedAndDisjoint || !physmem.sortedAndDisjoint
    }

    /// Turns a BUG an array primitive of `kind` hit into the kernel's BUG, and keeps the
    /// order hint of an array that was out of order up to date.
    @inline(__always)
    mutating func settle(_ kind: MemblockTypeKind) throws(KernelPanic) {
        let (bug, unsorted): (BugSite?, Bool) = modify(kind) { t in
            let b = t.pendingBug
            t.pendingBug = nil
            return (b, !t.sortedAndDisjoint)
        }
        if let bug { throw config.behaviour.bug(bug) }
        if unsorted { modify(kind) { $0.rescanOrder() } }
    }

    /// Whether the fast paths may run on the array of `kind`.
    @inline(__always)
    func fast(_ kind: MemblockTypeKind) -> Bool { engine == .fast && type(kind).fastPathsHold }

    /// Marks the machine as dead from `panic` on (a replay that keeps the state before a
    /// panicking step records the panic on that state).
    public mutating func recordPanic(_ panic: KernelPanic) { self.panic = panic }

    /// Runs a kernel function that may panic; a panic is recorded in `panic` (with the
    /// kernel's line in the log) and `onPanic` returned.
    @inline(__always)
    mutating func guarded<R>(_ onPanic: R, _ body: (inout Memblock) throws(KernelPanic) -> R) -> R {
        do {
            return try body(&self)
        } catch {
            panic = error
            log.add(.error, error.description)
            return onPanic
        }
    }

    /// The type of the given kind.
    public func type(_ kind: MemblockTypeKind) -> MemblockType {
        switch kind {
        case .memory: return memory
        case .reserved: return reserved
        case .physmem: return physmem
        }
    }

    /// Runs `body` on the type of the given kind, in place.
    @inline(__always)
    mutating func modify<R>(_ kind: MemblockTypeKind, _ body: (inout MemblockType) -> R) -> R {
        switch kind {
        case .memory: return body(&memory)
        case .reserved: return body(&reserved)
        case .physmem: return body(&physmem)
        }
    }

    /// The node id a region reads as: its stored nid on NUMA builds, 0 otherwise.
    @inline(__always)
    func regionNode(_ r: MemblockRegion) -> Int32 { config.numa ? r.nid : 0 }

    /// Prints a WARN_ONCE message the first time `site` warns.
    mutating func warnOnce(_ site: String, _ text: String) {
        if warnedOnce.insert(site).inserted { log.add(.warning, text) }
    }

    /// `PAGE_ALIGN`.
    @inline(__always)
    func pageAlign(_ x: PhysAddr) -> PhysAddr { roundUp(x, config.pageSize) }
}

/// The implementation an allocator runs.
public enum MemblockEngine: String, Hashable, Sendable, CaseIterable {
    /// The kernel's algorithms literally: linear scans, the lock-step free-range walk, a
    /// full (6.1) or local (6.12) merge pass.
    case reference
    /// Address-ordered shortcuts with the same results, each used only where its
    /// precondition holds (see `MemblockType.fastPathsHold` and `findInRangeNode`).
    case fast
}

extension Memblock: Equatable {
    /// States are equal when every field but the log, the caller and the engine is.
    public static func == (a: Memblock, b: Memblock) -> Bool {
        a.config == b.config && a.memory == b.memory && a.reserved == b.reserved
            && a.physmem == b.physmem && a.bottomUp == b.bottomUp && a.currentLimit == b.currentLimit
            && a.canResize == b.canResize && a.systemHasSomeMirror == b.systemHasSomeMirror
            && a.warnedOnce == b.warnedOnce && a.buddy == b.buddy && a.panic == b.panic
    }
}

/// `round_down(x, a)`: the kernel's mask rounding (`x & ~(a - 1)`).
@inline(__always)
public func roundDown(_ x: PhysAddr, _ a: PhysAddr) -> PhysAddr { x & ~(a &- 1) }

/// `round_up(x, a)`: the kernel's mask rounding (`((x - 1) | (a - 1)) + 1`), wrapping like C.
@inline(__always)
public func roundUp(_ x: PhysAddr, _ a: PhysAddr) -> PhysAddr { ((x &- 1) | (a &- 1)) &+ 1 }

/// `min(size, PHYS_ADDR_MAX - base)`: the size a range is capped to.
@inline(__always)
func capSize(_ base: PhysAddr, _ size: PhysAddr) -> PhysAddr { Swift.min(size, physAddrMax - base) }

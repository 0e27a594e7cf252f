import Memblock
import MemblockReplay
import MemblockTrace

/// Stage 4 of `import dmesg`, one reconstruction of a classified log: walks the events in
/// order, emits the printed steps, and reconstructs around them what the kernel did
/// silently. The per-architecture steps are in `DmesgSession+X86` and `+Arm64`, NUMA in
/// `+Numa`, allocations without a request in `+Silent`, dumps in `+Dumps`, logs without
/// memblock=debug in `+Messages`; every step goes through the `Emitter`'s live model.
struct DmesgSession {
    let file: String
    let events: [LocatedEvent]
    let arch: Arch
    let tree: DeviceTree?
    var em: Emitter
    var notes: [String] = []
    var commandLine: String?

    /// What the import counted.
    var figures = SessionFigures()
    /// The log is not from a modelled kernel: an allocation the model places elsewhere is
    /// replayed as the reservation the log shows (`figures.replacedResults` counts them).
    var replaceUnreproduced = false
    /// The modelled kernel, for comments and the kernel-specific steps.
    var modelName = "6.1"
    /// Facts about the whole log, read once.
    let logIndex: LogIndex
    var debugfs: DebugfsSnapshot?

    // The walk.
    var index = 0
    /// Where the walk is: the open request and dump, the hand-off, what was noted.
    var walk = WalkState()

    // x86_64.
    var x86 = X86State()
    // arm64.
    var arm = Arm64State()
    // NUMA, both.
    var numa = NumaState()

    init(file: String, events: [LocatedEvent], arch: Arch, tree: DeviceTree?, config: MemblockConfig, modelLimit: Int) {
        self.file = file
        self.events = events
        self.arch = arch
        self.tree = tree
        self.em = Emitter(config: config, modelLimit: modelLimit)
        for e in events { if case .commandLine(let c) = e.event { commandLine = c; break } }
        self.logIndex = LogIndex(events)
        dumps = Self.collectDumps(events)
    }

    /// Every dump in the log with the index of its header event (read once: lookups stay
    /// cheap however many lines ask for them).
    var dumps: [(index: Int, dump: DumpSnapshot)] = []

    static func collectDumps(_ events: [LocatedEvent]) -> [(index: Int, dump: DumpSnapshot)] {
        var out: [(index: Int, dump: DumpSnapshot)] = []
        var i = 0
        while i < events.count {
            guard case .dumpHeader = events[i].event else { i += 1; continue }
            var d = DumpSnapshot(line: events[i].line)
            var j = i + 1
            while j < events.count, events[j].event.isDumpBody || !events[j].event.isMemblockLine && !Self.isNodeOrZoneEvent(events[j].event) {
                if events[j].event.isDumpBody { add(events[j].event, to: &d) }
                if d.isComplete { break }
                j += 1
            }
            if d.memorySize != nil { out.append((i, d)) }
            i = Swift.max(j, i + 1)
        }
        return out
    }

    /// Runs the whole import; `settings` gives the direction and limit of the first steps.
    mutating func run(settings: ImportSettings) {
        if let (on, why) = settings.bottomUp, on {
            phase("setup_arch: allocator settings")
            em.emit(.setBottomUp(true), by: "setup_arch", inferred: why)
        }
        if let (limit, why) = settings.currentLimit {
            phase("setup_arch: allocator settings")
            em.emit(.setCurrentLimit(.literal(limit)), by: "setup_arch", inferred: why)
        }
        emitPreBoot()
        while index < events.count {
            let e = events[index]
            process(e)
            index += 1
        }
        finish()
    }

    /// A note about a line of the input.
    mutating func note(_ line: Int, _ text: String) {
        if notes.count < 200 { notes.append("\(file):\(line): \(text)") }
    }

    // MARK: The walk

    mutating func process(_ e: LocatedEvent) {
        if e.event.isDumpBody, walk.openDump != nil {
            addToDump(e)
            return
        }
        if walk.openDump != nil, e.event.isMemblockLine || Self.isNodeOrZoneEvent(e.event) { closeDump() }
        switch e.event {
        case .range(let call, let base, let last, let caller, _):
            handleRange(call, base: base, last: last, caller: caller, line: e.line)
        case .addNode(let base, let last, let nid, let flags, let caller):
            flushPending(reason: "another memblock call follows")
            beforeMemblockCall(caller: caller, call: nil, line: e.line)
            let size = last &- base &+ 1
            emitLogged(.addNode(base: .literal(base), size: .literal(size), nid: checkedNid(nid, e.line),
                                flags: MemblockFlags(rawValue: flags & 0xf)), caller: caller)
        case .request(let r):
            flushPending(reason: "another request follows")
            beforeMemblockCall(caller: r.caller, call: nil, line: e.line)
            walk.pending = (r, e.line)
        case .doubled(let type, let count, let base, let last):
            handleDoubling(type: type, count: count, base: base, last: last, line: e.line)
        case .dumpHeader:
            leavePendingOut(line: e.line, why: "a MEMBLOCK configuration dump follows, not a result or the next call: the log may be cut here")
            walk.openDump = DumpSnapshot(line: e.line)
        case .dumpSizes, .dumpCount, .dumpRegion:
            note(e.line, "dump line outside a MEMBLOCK configuration block ignored")
        case .memoryAvailable:
            flushPending(reason: "the hand-off follows")
            handOff(line: e.line)
        case .debugfsHeader(let type):
            if debugfs == nil { debugfs = DebugfsSnapshot(line: e.line) }
            debugfs?.entries[type] = []
            arm.debugfsType = type
        case .debugfsLine(_, let base, let last, let tail):
            if let t = arm.debugfsType { debugfs?.entries[t, default: []].append((base, last, tail)) }
        case .malformed(let what):
            figures.malformed += 1
            note(e.line, "unreadable \(what) line ignored")
        case .zone(let name, _, let last):
            armZone(name: name, last: last)
        case .numaMarker, .sratMemory, .numaMerge, .fakeNode, .emulatedNode:
            numaEvent(e)
        case .crashKernel:
            phase("reserve_crashkernel")
            messageReservation(e)
        case .reservedMem, .reservedPool, .ramdisk, .acpiTable:
            messageReservation(e)
        case .nodeData(let nid, let base, let last):
            announcedAllocation(.nodeData(nid: nid), base: base, size: last &- base &+ 1, line: e.line)
        case .cmaReserved(let base, let size):
            // A static CMA area of the device tree is a reservation the log already named.
            if logIndex.printsMemblock || !logIndex.detailedReservedMemBases.contains(base) && !logIndex.poolBases.contains(base) {
                announcedAllocation(.cma, base: base, size: size, line: e.line)
            }
        default:
            break
        }
    }

    static func isNodeOrZoneEvent(_ e: LogEvent) -> Bool {
        switch e {
        case .memoryAvailable, .zone, .numaMarker, .sratMemory, .fakeNode, .emulatedNode, .nodeData, .cmaReserved: return true
        default: return false
        }
    }

    /// A memblock call with a range.
    mutating func handleRange(_ call: RangeCall, base: UInt64, last: UInt64, caller: String, line: Int) {
        let fn = callerFunction(caller)
        let size = last &- base &+ 1
        if fn == "memblock_double_array" { return }  // folded into the step that doubled
        if call == .reserve, let p = walk.pending, Self.isResult(base: base, size: size, of: p.request) {
            walk.pending = nil
            figures.resultsMatched += 1
            emitRequest(p.request, line: p.line, result: base)
            return
        }
        if call == .reserve && MemblockLineReader.isAllocatorInternal(fn) {
            flushPending(reason: "the next result line does not fit its size, alignment and window")
            silentAllocation(base: base, size: size, line: line)
            return
        }
        flushPending(reason: "another memblock call follows")
        beforeMemblockCall(caller: caller, call: call, line: line)
        let b = Argument.literal(base), s = Argument.literal(size)
        switch call {
        case .add: emitLogged(.add(base: b, size: s), caller: caller)
        case .remove: emitLogged(.remove(base: b, size: s), caller: caller)
        case .reserve: emitLogged(.reserve(base: b, size: s), caller: caller)
        case .physFree: emitLogged(.physFree(base: b, size: s), caller: caller)
        case .physmemAdd where em.state.config.physMap:
            emitLogged(.physmemAdd(base: b, size: s), caller: caller)
        case .physmemAdd:
            note(line, "memblock_physmem_add (s390's physical map) is kept as a comment: this trace has no physmem (--config phys_map=1 adds it)")
            em.comment("log line \(line): memblock_physmem_add [\(hex(base))-\(hex(last))] \(caller)")
            return
        case .freeLate:
            if size >> 12 > 1 << 20 {
                note(line, "memblock_free_late of \(size >> 20) MiB kept as a comment (too many pages to model)")
                em.comment("log line \(line): memblock_free_late \(hex(base)) \(hex(size)) \(caller)")
                return
            }
            emitLogged(.freeLate(base: b, size: s), caller: caller)
        }
        afterMemblockCall(call: call, fn: fn, base: base, size: size, line: line)
    }

    /// True when a reserve line can be the result of `r`: matched by order (it is the next
    /// memblock line) and range (its size, alignment and window), whatever its caller says.
    /// The lower bound is not checked: memblock_alloc_internal retries from 0 when `from` fails.
    static func isResult(base: UInt64, size: UInt64, of r: AllocRequest) -> Bool {
        guard size == r.size else { return false }
        if r.align > 1 && r.align & (r.align &- 1) == 0 && base & (r.align &- 1) != 0 { return false }
        let unbounded = r.maxAddr <= 1 || r.maxAddr == .max
        return unbounded || base &+ size <= r.maxAddr || base &+ size < base
    }

    /// Emits a step the log printed.
    @discardableResult
    mutating func emitLogged(_ op: Operation, caller: String, result: ResultExpectation? = nil) -> StepOutcome.Result? {
        phase(forCaller: caller)
        return em.emit(op, by: sanitizedCaller(caller), result: result, recorded: result != nil)
    }

    /// Emits a request with its recorded result (nil: it failed).
    mutating func emitRequest(_ r: AllocRequest, line: Int, result: UInt64?) {
        let nid = checkedNid(r.nid, line)
        let s = Argument.literal(r.size), a = Argument.literal(r.align)
        let lo = Argument.literal(r.from), hi = Argument.literal(r.maxAddr)
        let op: Operation
        switch r.call {
        case .tryNid: op = .allocTryNid(size: s, align: a, minAddr: lo, maxAddr: hi, nid: nid)
        case .tryNidRaw: op = .allocTryNidRaw(size: s, align: a, minAddr: lo, maxAddr: hi, nid: nid)
        case .exactNidRaw: op = .allocExactNidRaw(size: s, align: a, minAddr: lo, maxAddr: hi, nid: nid)
        case .physAllocRange: op = .physAllocRange(size: s, align: a, start: lo, end: hi)
        }
        let expectation: ResultExpectation = result.map { .address(.literal($0)) } ?? .fail
        if replaceUnreproduced, em.modelling, let result, case let probed = em.probe(op), probed != .address(result) {
            // Another kernel's allocator placed it: keep the log's state, not a guess.
            figures.replacedResults += 1
            phase(forCaller: r.caller)
            em.comment("log line \(line): \(r.printedName.isEmpty ? r.call.rawValue : r.printedName) \(r.size) bytes returned \(hex(result)) in the log; the model (\(modelName)) returns \(Self.describe(probed)), so the step is replayed as the reservation the log shows and its result is not checked")
            em.emit(.reserve(base: .literal(result), size: .literal(r.size)), by: sanitizedCaller(r.caller))
            afterAllocation(base: result, size: r.size, caller: r.caller, line: line)
            return
        }
        let got = emitLogged(op, caller: r.caller, result: expectation)
        if let got, let result, case .address(let a) = got, a != result {
            note(line, "\(r.call.rawValue) returned \(hex(a)) in the model, \(hex(result)) in the log")
        }
        if let result { afterAllocation(base: result, size: r.size, caller: r.caller, line: line) }
    }

    /// A request whose result line is missing where the log gives no evidence that it
    /// failed: left out (with a comment), so no expectation is guessed.
    mutating func leavePendingOut(line: Int, why: String) {
        guard let p = walk.pending else { return }
        walk.pending = nil
        note(p.line, "\(p.request.printedName.isEmpty ? p.request.call.rawValue : p.request.printedName) has no result line (\(why)): left out")
        em.comment("log line \(p.line): \(p.request.call.rawValue) \(p.request.size) bytes left out: \(why)")
    }

    /// A request whose result line never came.
    mutating func flushPending(reason: String) {
        guard let p = walk.pending else { return }
        walk.pending = nil
        if walk.handedOff {
            if !walk.slabNoted {
                note(p.line, "requests after memblock_free_all are served by the slab allocator (no memblock result): left out of the trace")
                walk.slabNoted = true
            }
            em.comment("log line \(p.line): \(p.request.call.rawValue) \(p.request.size) bytes after the hand-off: slab, not memblock")
            return
        }
        em.comment("log line \(p.line): no memblock_reserve result follows (\(reason)): the allocation failed")
        emitRequest(p.request, line: p.line, result: nil)
    }

    /// `memblock_free_all()`: silent; `Memory: …K/…K available` follows it.
    mutating func handOff(line: Int) {
        guard !walk.handedOff else { return }
        phase("mem_init: memblock_free_all hands free memory to the buddy allocator")
        let s = em.state
        let blocks = s.memory.regions.reduce(UInt64(0)) { $0 &+ ($1.size >> 22) } &+ UInt64(s.memory.cnt + s.reserved.cnt) &* 24
        if blocks > 4_000_000 {
            note(line, "memblock_free_all kept as a comment: the memory is too large to hand out block by block")
            em.comment("inferred: memblock_free_all (left out: too many blocks to model)")
        } else {
            em.emit(.freeAll, by: "mem_init", inferred: "memblock_free_all() prints nothing; the `Memory: …K/…K available` line at line \(line) comes right after it")
        }
        walk.handedOff = true
        phase("after memblock_free_all")
    }

    static func describe(_ r: StepOutcome.Result) -> String {
        switch r {
        case .address(let a): return hex(a)
        case .allocationFailed: return "no address (the allocation fails)"
        default: return "no address"
        }
    }

    /// A caller as a `by=` token: printable, no spaces.
    func sanitizedCaller(_ caller: String) -> String? {
        var out = ""
        for c in caller.unicodeScalars {
            if c == " " { break }
            if c.value > 0x20 && c.value < 0x7f && c != "\"" && c != "#" && c != "$" && c != "=" { out.unicodeScalars.append(c) }
        }
        return out.isEmpty ? nil : out
    }

    /// A node id the trace can hold; others become NUMA_NO_NODE with a note.
    mutating func checkedNid(_ nid: Int32, _ line: Int) -> Int32 {
        if nid >= -1 && nid <= em.state.config.maxNumnodes { return nid }
        note(line, "node \(nid) is outside -1...\(em.state.config.maxNumnodes) (max_numnodes): replaced by NUMA_NO_NODE")
        return -1
    }

    /// The end of the log.
    mutating func finish() {
        if walk.handedOff {
            flushPending(reason: "the log ends")
        } else if let p = walk.pending {
            note(p.line, "the log ends after \(p.request.call.rawValue) without its result: left out")
            em.comment("log line \(p.line): \(p.request.call.rawValue) (the log ends before its result)")
            walk.pending = nil
        }
        if walk.openDump != nil { closeDump() }
        compareDebugfs()
        if !em.modelling {
            notes.append("\(file): the model stopped after step \(em.modelLimit) of \(em.planned.count): the input is too large to replay in linear time, so later results are not checked")
        }
    }
}

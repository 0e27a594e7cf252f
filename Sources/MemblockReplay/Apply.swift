import Memblock
import MemblockTrace

/// Labels defined so far (`label=NAME` → the allocation's address, 0 when it failed).
public typealias LabelTable = [String: PhysAddr]

/// Applies trace steps to an allocator state: resolves `$label` arguments, calls the model,
/// and checks the step's expectations.
public enum StepApplier {
    /// Performs one step with a table of labels, and records the step's own label.
    public static func apply(_ step: TraceStep, to state: inout Memblock, labels: inout LabelTable) -> StepOutcome {
        let outcome = apply(step, to: &state) { labels[$0] ?? 0 }
        if let label = step.label { labels[label] = labelValue(step, outcome.result) { labels[$0] ?? 0 } }
        return outcome
    }

    /// The address a step's `label=` names: an allocation's result (0 when it failed), else
    /// the step's base argument.
    public static func labelValue(_ step: TraceStep, _ result: StepOutcome.Result, resolve: (String) -> PhysAddr) -> PhysAddr {
        switch result {
        case .address(let a): return a
        case .allocationFailed: return 0
        default:
            guard let first = step.operation.firstAddress else { return 0 }
            switch first {
            case .literal(let v): return v
            case .label(let name): return resolve(name)
            }
        }
    }

    /// Performs one step on `state` (settings changes first) and returns what happened;
    /// `resolve` gives the address of a `$label`. Messages and searches are collected only
    /// when `state.log` has them enabled.
    ///
    /// A step that panics leaves the state as it was before the step (with `panic` set); on a
    /// state that has panicked, a step does nothing and is `.notReached`.
    public static func apply(_ step: TraceStep, to state: inout Memblock, resolve: (String) -> PhysAddr) -> StepOutcome {
        if state.panic != nil { return StepOutcome(result: .notReached) }
        // Only a 6.12 region array that may not grow (memblock_double_array) or an array a
        // wrapping trim left out of order (the BUG_ONs) can panic; both are rare or small,
        // so keeping the state before the step is cheap.
        let before: Memblock? = state.mayPanic ? state : nil
        for change in step.settings {
            switch change {
            case .lowLimit(let v): state.config.lowLimit = v
            case .movableNode(let v): state.config.movableNode = v
            case .mirroredKernelcore(let v): state.config.mirroredKernelcore = v
            }
        }
        if state.log.isEnabled || state.log.recordsSearches { state.log.removeAll() }
        if let by = step.by { state.caller = by } else { state.caller = defaultCaller }
        var result = perform(step.operation, on: &state, resolve: resolve)
        if let panic = state.panic {
            result = .panic(panic)
            if var restored = before {
                restored.log = state.log
                restored.recordPanic(panic)
                state = restored
            }
        }
        var outcome = StepOutcome(result: result, messages: state.log.messages, searches: state.log.searches)
        outcome.mismatches = check(step, result: result, state: state, resolve: resolve)
        return outcome
    }

    /// The caller shown in debug lines when a step has no `by=`.
    public static let defaultCaller = "mbviz_trace+0x0/0x0"

    /// Calls the model for one operation, as its row of the operation table says.
    static func perform(_ op: Operation, on mb: inout Memblock, resolve: (String) -> PhysAddr) -> StepOutcome.Result {
        switch op.kind.spec.call.run(&mb, ResolvedArguments(op, resolve: resolve)) {
        case .ok: return .ok
        case .error(let e): return .error(e)
        case .address(let a): return .address(a)
        case .allocationFailed: return .allocationFailed
        }
    }

    /// Checks `=> …` and the `@expect` lines after the step.
    static func check(_ step: TraceStep, result: StepOutcome.Result, state: Memblock, resolve: (String) -> PhysAddr) -> [TraceError] {
        var out: [TraceError] = []
        func value(_ a: Argument) -> PhysAddr {
            switch a {
            case .literal(let x): return x
            case .label(let name): return resolve(name)
            }
        }
        if let expected = step.result {
            let name = step.operation.kernelName
            switch (expected, result) {
            case (.panic, .panic): break
            case (.panic, _):
                out.append(TraceError(location: step.location, message: "\(name) returned \(describe(result)), expected panic"))
            case (_, .panic(let p)):
                out.append(TraceError(location: step.location, message: "\(name) panicked (\(p.message)), expected \(expectedText(expected, value))"))
            case (.fail, .allocationFailed): break
            case (.fail, _):
                out.append(TraceError(location: step.location, message: "\(name) returned \(describe(result)), expected fail"))
            case (.address(let a), .address(let got)) where value(a) == got: break
            case (.address(let a), _):
                out.append(TraceError(location: step.location,
                                      message: "\(name) returned \(describe(result)), expected \(hex(value(a)))"))
            }
        } else if case .panic(let p) = result {
            out.append(TraceError(location: step.location,
                                  message: "\(step.operation.kernelName) panicked: \(p.message) (add => panic if the kernel does)"))
        }
        out += checkExpectations(step.expectations, state: state)
        return out
    }

    /// `fail` or the address a `=> …` names.
    static func expectedText(_ e: ResultExpectation, _ value: (Argument) -> PhysAddr) -> String {
        switch e {
        case .fail: return "fail"
        case .panic: return "panic"
        case .address(let a): return hex(value(a))
        }
    }

    /// Checks `@expect KEY=VALUE` lines against a state.
    public static func checkExpectations(_ expectations: [StateExpectation], state: Memblock) -> [TraceError] {
        var out: [TraceError] = []
        for e in expectations {
            let actual = observe(e.key, state)
            if actual != e.value {
                out.append(TraceError(location: e.location,
                                      message: "@expect \(e.key.rawValue)=\(hex(e.value)) but it is \(hex(actual))"))
            }
        }
        return out
    }

    /// The value of an `@expect` key in a state.
    public static func observe(_ key: ExpectKey, _ s: Memblock) -> UInt64 {
        switch key {
        case .memoryCnt: return UInt64(s.memory.cnt)
        case .memoryMax: return UInt64(s.memory.max)
        case .memoryTotalSize: return s.memory.totalSize
        case .reservedCnt: return UInt64(s.reserved.cnt)
        case .reservedMax: return UInt64(s.reserved.max)
        case .reservedTotalSize: return s.reserved.totalSize
        case .physmemCnt: return UInt64(s.physmem.cnt)
        case .bottomUp: return s.bottomUp ? 1 : 0
        case .currentLimit: return s.currentLimit
        }
    }

    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    static func describe(_ r: StepOutcome.Result) -> String {
        switch r {
        case .address(let a): return hex(a)
        case .allocationFailed: return "fail"
        case .ok: return "ok"
        case .error(let e): return "error \(e)"
        case .panic(let p): return "panic (\(p.message))"
        case .notReached: return "not reached"
        }
    }
}

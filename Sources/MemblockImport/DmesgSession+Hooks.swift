import Memblock
import MemblockTrace

// The reconstruction's per-architecture dispatch: before and after each printed call, the
// silent steps of that architecture (x86_64 in DmesgSession+X86, arm64 in DmesgSession+Arm64).

extension DmesgSession {
    /// Called before a printed call (or request) is emitted.
    mutating func beforeMemblockCall(caller: String, call: RangeCall?, line: Int) {
        let fn = callerFunction(caller)
        switch arch {
        case .x86_64: x86BeforeCall(fn: fn, call: call)
        case .arm64: arm64BeforeCall(fn: fn, call: call)
        default: break
        }
    }

    /// Called after a printed call was emitted.
    mutating func afterMemblockCall(call: RangeCall, fn: String, base: UInt64, size: UInt64, line: Int) {
        switch arch {
        case .x86_64: if call == .add && Self.isE820Setup(fn) { x86.sawE820Add = true }
        case .arm64: arm64AfterCall(call: call, fn: fn, base: base, size: size)
        default: break
        }
    }

    /// Called after an allocation with a recorded result was emitted.
    mutating func afterAllocation(base: UInt64, size: UInt64, caller: String, line: Int) {
        if arch == .arm64 { arm64AfterAllocation(base: base, size: size, caller: caller) }
    }
}

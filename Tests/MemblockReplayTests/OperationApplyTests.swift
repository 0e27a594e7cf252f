import Memblock
@testable import MemblockReplay
import MemblockTrace
import XCTest

/// Replaying a step calls the model function its row of the operation table names: for every
/// kind, the step applied through the table leaves the state, messages and result that
/// calling the `Memblock` method directly does, and no other kind's method would.
final class OperationApplyTests: XCTestCase {
    private static let K: PhysAddr = 1 << 10, M: PhysAddr = 1 << 20, G: PhysAddr = 1 << 30

    /// RAM on two nodes, a HOTPLUG|NOMAP range at 1G, a reservation at 16M; messages on.
    private func fresh() -> Memblock {
        let G = Self.G, M = Self.M
        var mb = Memblock(config: MemblockConfig(numa: true, physMap: true, mirroredKernelcore: true, kernel: .v6_12))
        mb.log = MemblockLog(isEnabled: true)
        _ = mb.addNode(0, 2 * G, nid: 0)
        _ = mb.addNode(2 * G, 2 * G, nid: 1)
        _ = mb.markHotplug(G, 4 * M)
        _ = mb.markNomap(G, 4 * M)
        _ = mb.reserve(16 * M, 8 * M)
        mb.caller = StepApplier.defaultCaller
        mb.log.removeAll()
        return mb
    }

    private typealias Direct = (inout Memblock) -> StepOutcome.Result

    private static func errno(_ r: Int32) -> StepOutcome.Result { r == 0 ? .ok : .error(r) }
    private static func virt(_ p: PhysAddr?) -> StepOutcome.Result { p.map { .address($0) } ?? .allocationFailed }
    private static func phys(_ p: PhysAddr) -> StepOutcome.Result { p == 0 ? .allocationFailed : .address(p) }

    /// One step per kind and, written out by hand, the model call it stands for.
    private var cases: [(MemblockTrace.Operation, Direct)] {
        let K = Self.K, M = Self.M, G = Self.G
        func l(_ v: PhysAddr) -> Argument { .literal(v) }
        return [
            (.add(base: l(5 * G), size: l(M)), { Self.errno($0.add(5 * G, M)) }),
            (.addNode(base: l(5 * G), size: l(2 * M), nid: 1, flags: .hotplug), { Self.errno($0.addNode(5 * G, 2 * M, nid: 1, flags: .hotplug)) }),
            (.remove(base: l(G), size: l(M)), { Self.errno($0.remove(G, M)) }),
            (.physmemAdd(base: l(0), size: l(3 * M)), { Self.errno($0.physmemAdd(0, 3 * M)) }),
            (.setNode(base: l(G), size: l(M), type: .memory, nid: 1), { Self.errno($0.setNode(G, M, .memory, nid: 1)) }),
            (.markHotplug(base: l(G + 4 * M), size: l(M)), { Self.errno($0.markHotplug(G + 4 * M, M)) }),
            (.clearHotplug(base: l(G), size: l(M)), { Self.errno($0.clearHotplug(G, M)) }),
            (.markMirror(base: l(G), size: l(2 * M)), { Self.errno($0.markMirror(G, 2 * M)) }),
            (.markNomap(base: l(G + 4 * M), size: l(2 * M)), { Self.errno($0.markNomap(G + 4 * M, 2 * M)) }),
            (.clearNomap(base: l(G), size: l(M)), { Self.errno($0.clearNomap(G, M)) }),
            (.trimMemory(align: l(8 * M)), { $0.trimMemory(8 * M); return .ok }),
            (.enforceMemoryLimit(l(G)), { $0.enforceMemoryLimit(G); return .ok }),
            (.capMemoryRange(base: l(0), size: l(G)), { $0.capMemoryRange(0, G); return .ok }),
            (.memLimitRemoveMap(l(G / 2)), { $0.memLimitRemoveMap(G / 2); return .ok }),
            (.reserve(base: l(32 * M), size: l(M)), { Self.errno($0.reserve(32 * M, M)) }),
            (.physFree(base: l(16 * M), size: l(M)), { Self.errno($0.physFree(16 * M, M)) }),
            (.free(ptr: l(18 * M), size: l(M)), { $0.free(18 * M, M); return .ok }),
            (.alloc(size: l(4 * K), align: l(4 * K)), { Self.virt($0.alloc(4 * K, 4 * K)) }),
            (.allocRaw(size: l(8 * K), align: l(4 * K)), { Self.virt($0.allocRaw(8 * K, 4 * K)) }),
            (.allocFrom(size: l(12 * K), align: l(4 * K), minAddr: l(3 * G)), { Self.virt($0.allocFrom(12 * K, 4 * K, 3 * G)) }),
            (.allocLow(size: l(16 * K), align: l(4 * K)), { Self.virt($0.allocLow(16 * K, 4 * K)) }),
            (.allocNode(size: l(20 * K), align: l(4 * K), nid: 1), { Self.virt($0.allocNode(20 * K, 4 * K, nid: 1)) }),
            (.allocTryNid(size: l(24 * K), align: l(4 * K), minAddr: l(0), maxAddr: l(3 * G), nid: 0),
             { Self.virt($0.allocTryNid(24 * K, 4 * K, 0, 3 * G, nid: 0)) }),
            (.allocTryNidRaw(size: l(28 * K), align: l(4 * K), minAddr: l(0), maxAddr: l(3 * G), nid: 0),
             { Self.virt($0.allocTryNidRaw(28 * K, 4 * K, 0, 3 * G, nid: 0)) }),
            (.allocExactNidRaw(size: l(32 * K), align: l(4 * K), minAddr: l(0), maxAddr: l(.max), nid: 1),
             { Self.virt($0.allocExactNidRaw(32 * K, 4 * K, 0, .max, nid: 1)) }),
            (.physAlloc(size: l(36 * K), align: l(4 * K)), { Self.phys($0.physAlloc(36 * K, 4 * K)) }),
            (.physAllocRange(size: l(40 * K), align: l(4 * K), start: l(16 * M), end: l(G)),
             { Self.phys($0.physAllocRange(40 * K, 4 * K, 16 * M, G)) }),
            (.physAllocTryNid(size: l(44 * K), align: l(4 * K), nid: 1), { Self.phys($0.physAllocTryNid(44 * K, 4 * K, nid: 1)) }),
            (.allocRangeNid(size: l(48 * K), align: l(4 * K), start: l(0), end: l(2 * G), nid: 0, exact: true),
             { Self.phys($0.allocRangeNid(48 * K, 4 * K, 0, 2 * G, nid: 0, exactNid: true)) }),
            (.setBottomUp(true), { $0.setBottomUp(true); return .ok }),
            (.setCurrentLimit(l(G)), { $0.setCurrentLimit(G); return .ok }),
            (.allowResize, { $0.allowResize(); return .ok }),
            (.freeAll, { _ = $0.freeAll(); return .ok }),
            (.freeLate(base: l(32 * M), size: l(M)), { $0.freeLate(32 * M, M); return .ok }),
            (.dumpAll, { mb in
                for line in mb.dumpAll().split(separator: "\n") { mb.log.add(.info, String(line)) }
                return .ok
            }),
            (.reservedMarkNoinit(base: l(16 * M), size: l(M)), { Self.errno($0.reservedMarkNoinit(16 * M, M)) }),
        ]
    }

    private struct Outcome: Equatable {
        var state: Memblock, messages: [MemblockMessage], result: StepOutcome.Result
    }

    private func viaTable(_ op: MemblockTrace.Operation) -> Outcome {
        var mb = fresh()
        let result = StepApplier.perform(op, on: &mb) { _ in 0 }
        return Outcome(state: mb, messages: mb.log.messages, result: result)
    }

    private func direct(_ call: Direct) -> Outcome {
        var mb = fresh()
        let result = call(&mb)
        return Outcome(state: mb, messages: mb.log.messages, result: result)
    }

    func test_everyKind_appliedThroughTheTable_isItsModelCall_andNoOtherKinds() {
        let cases = self.cases
        XCTAssertEqual(cases.map(\.0.kind), OperationKind.allCases, "one case per kind, in order")
        let expected = cases.map { direct($0.1) }
        for (i, (op, _)) in cases.enumerated() {
            let got = viaTable(op)
            XCTAssertEqual(got, expected[i], op.kernelName)
            for (j, other) in expected.enumerated() where j != i {
                XCTAssertNotEqual(got, other, "\(op.kernelName) is indistinguishable from \(cases[j].0.kernelName) here")
            }
        }
    }

    func test_labelArguments_areResolvedBeforeTheCall() {
        var mb = fresh(), direct = fresh()
        let op = MemblockTrace.Operation.reserve(base: .label("base"), size: .label("size"))
        let result = StepApplier.perform(op, on: &mb) { $0 == "base" ? 40 * Self.M : Self.M }
        XCTAssertEqual(result, Self.errno(direct.reserve(40 * Self.M, Self.M)))
        XCTAssertEqual(mb, direct)
    }
}

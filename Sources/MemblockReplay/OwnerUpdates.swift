import Memblock
import MemblockTrace

extension Timeline {
    /// Follows a step's effect on reserved ranges in the owner map, as the operation table's
    /// `owners` column says (reservations and allocations claim their range, frees release it,
    /// memory limits intersect); a doubled region array is owned by `memblock_double_array`,
    /// noting the step that caused the doubling.
    func updateOwners(_ state: inout ReplayState, step: TraceStep, index: Int, outcome: StepOutcome,
                      arraysBefore: (PhysAddr?, PhysAddr?)) {
        let owner = Int32(index)
        func v(_ a: Argument) -> PhysAddr {
            switch a {
            case .literal(let x): return x
            case .label(let name): return resolve(name, before: index)
            }
        }
        func capped(_ base: PhysAddr, _ size: PhysAddr) -> PhysAddr { base &+ Swift.min(size, physAddrMax - base) }
        let op = step.operation
        switch op.kind.spec.owners {
        case .claimRange:
            let base = v(op.address(0))
            if !outcome.failed { state.owners.claim(base, capped(base, v(op.address(1))), step: owner) }
        case .releaseRange:
            let base = v(op.address(0))
            state.owners.release(base, capped(base, v(op.address(1))))
        case .intersectReserved:
            state.owners.intersect(with: state.memblock.reserved)
        case .claimResult:
            if case .address(let a) = outcome.result { state.owners.claim(a, capped(a, v(op.address(0))), step: owner) }
        case .none:
            break
        }
        let mb = state.memblock
        for (kind, old) in [(MemblockTypeKind.memory, arraysBefore.0), (.reserved, arraysBefore.1)] {
            let t = mb.type(kind)
            guard let base = t.arrayBase, base != old else { continue }
            if let old { state.owners.release(old, old &+ mb.arrayAllocationBytes(capacity: t.max / 2)) }
            state.owners.claim(base, base &+ mb.arrayAllocationBytes(capacity: t.max), step: owner, doubledArray: kind)
        }
    }
}

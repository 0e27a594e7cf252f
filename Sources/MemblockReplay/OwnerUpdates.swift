import Memblock
import MemblockTrace

extension Timeline {
    /// Follows a step's effect on reserved ranges in the owner map, as the operation table's
    /// `owners` column says (reservations and allocations claim their range, frees release it,
    /// memory limits intersect); a doubled region array is owned by `memblock_double_array`,
    /// noting the step that caused the doubling.
    func updateOwners(_ state: inout ReplayState, step: TraceStep, index: Int, outcome: StepOutcome,
                      arraysBefore: (PhysAddr?, PhysAddr?, PhysAddr?)) {
        let owner = Int32(index)
        func capped(_ base: PhysAddr, _ size: PhysAddr) -> PhysAddr { base &+ Swift.min(size, physAddrMax - base) }
        let args = ResolvedArguments(step.operation) { resolve($0, before: index) }
        switch step.operation.kind.spec.owners {
        case .claimRange:
            if !outcome.failed { state.owners.claim(args[0], capped(args[0], args[1]), step: owner) }
        case .releaseRange:
            state.owners.release(args[0], capped(args[0], args[1]))
        case .intersectReserved:
            state.owners.intersect(with: state.memblock.reserved)
        case .claimResult:
            if case .address(let a) = outcome.result { state.owners.claim(a, capped(a, args[0]), step: owner) }
        case .none:
            break
        }
        followDoubling(.memory, from: arraysBefore.0, &state, step: owner)
        followDoubling(.reserved, from: arraysBefore.1, &state, step: owner)
        // A physmem array with no base is the static one, freed at its configured address.
        followDoubling(.physmem, from: arraysBefore.2 ?? state.memblock.config.physmemStaticArray, &state, step: owner)
    }

    /// When the step doubled `kind`'s array (it moved from `old`, nil for a static array
    /// that is not freed), the new array is owned by `memblock_double_array` and the old
    /// one's range is released.
    private func followDoubling(_ kind: MemblockTypeKind, from old: PhysAddr?, _ state: inout ReplayState, step: Int32) {
        let mb = state.memblock
        let t = mb.type(kind)
        guard let base = t.arrayBase, base != old else { return }
        if let old { state.owners.release(old, old &+ mb.arrayAllocationBytes(capacity: t.max / 2)) }
        state.owners.claim(base, base &+ mb.arrayAllocationBytes(capacity: t.max), step: step, doubledArray: kind)
    }
}

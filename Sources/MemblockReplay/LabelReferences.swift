import MemblockTrace

/// For every step, the `$label`s it names (its arguments and its `=> $label`) and the step
/// that last defined each before it: resolving a label while replaying is then a short scan
/// of the step's own references, with no hashing of the name, however long the trace.
struct LabelReferences: Sendable {
    /// Step i's references are `names[starts[i]..<starts[i + 1]]` (the last step's run to
    /// the end), with the defining steps (0-based; -1: not defined before it) in `definitions`.
    private var names: [String] = []
    private var definitions: [Int32] = []
    private var starts: [UInt32] = []

    /// The references of every step of `trace`.
    init(_ trace: Trace) {
        starts.reserveCapacity(trace.steps.count)
        var latest: [String: Int32] = [:]
        for (i, step) in trace.steps.enumerated() {
            starts.append(UInt32(names.count))
            func refer(_ a: Argument) {
                if case .label(let name) = a, !names[Int(starts[i])...].contains(name) {
                    names.append(name)
                    definitions.append(latest[name] ?? -1)
                }
            }
            for a in step.operation.addressArguments { refer(a) }
            if case .address(let a)? = step.result { refer(a) }
            if let label = step.label { latest[label] = Int32(i) }
        }
    }

    /// The step that defined `name` last before step `index`: nil when the step does not name
    /// it (ask the trace's definitions then), -1 inside when nothing defined it.
    func definition(of name: String, atStep index: Int) -> Int? {
        guard index >= 0 && index < starts.count else { return nil }
        let lo = Int(starts[index]), hi = index + 1 < starts.count ? Int(starts[index + 1]) : names.count
        for k in lo..<hi where names[k] == name { return Int(definitions[k]) }
        return nil
    }
}

import MemblockTrace

/// Where each `$label` of a trace was defined, for resolving labels while replaying.
///
/// For every step, the step that last defined the first label it names (in its address
/// arguments, else in its `=> $label`) is found once, when the timeline is made: replaying a
/// step resolves that label without hashing its name, at four bytes a step. Any other label
/// is looked up among the steps that define it (one entry per label; an array only for a
/// label defined more than once).
struct LabelSources: Sendable {
    /// The steps that define one label: one, or several in ascending order.
    private enum Definitions: Sendable {
        case one(Int32)
        case many([Int32])
    }

    /// Per step: the step that defined its first label (0-based), `undefined`, or `none`.
    private var sources: [Int32] = []
    private var definitions: [String: Definitions] = [:]
    private static let undefined: Int32 = -1
    private static let none: Int32 = -2

    /// The first label step `step` names, if any.
    static func firstLabel(of step: TraceStep) -> String? {
        let op = step.operation
        for i in 0..<op.addressCount {
            if case .label(let name) = op.address(i) { return name }
        }
        if case .address(.label(let name))? = step.result { return name }
        return nil
    }

    init(_ trace: Trace) {
        sources.reserveCapacity(trace.steps.count)
        var latest: [String: Int32] = [:]
        for (i, step) in trace.steps.enumerated() {
            sources.append(Self.firstLabel(of: step).map { latest[$0] ?? Self.undefined } ?? Self.none)
            guard let label = step.label else { continue }
            latest[label] = Int32(i)
            switch definitions[label] {
            case nil: definitions[label] = .one(Int32(i))
            case .one(let j)?: definitions[label] = .many([j, Int32(i)])
            case .many(var all)?:
                definitions[label] = nil
                all.append(Int32(i))
                definitions[label] = .many(all)
            }
        }
    }

    /// The step that defined `name` last before step `index`, or nil when none did.
    func definition(of name: String, before index: Int, in trace: Trace) -> Int? {
        if index >= 0 && index < sources.count && sources[index] != Self.none
            && Self.firstLabel(of: trace.steps[index]) == name {
            return sources[index] == Self.undefined ? nil : Int(sources[index])
        }
        switch definitions[name] {
        case nil: return nil
        case .one(let j)?: return Int(j) < index ? Int(j) : nil
        case .many(let all)?:
            var lo = 0, hi = all.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int(all[mid]) < index { lo = mid + 1 } else { hi = mid }
            }
            return lo > 0 ? Int(all[lo - 1]) : nil
        }
    }
}

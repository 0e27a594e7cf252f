import Memblock

extension Operation {
    /// Builds a step from its kind and argument values in the kernel's order; nil when the
    /// values do not match the kind's parameters. Optional trailing parameters (only
    /// `memblock_add_node`'s flags) may be left out.
    public init?(kind: OperationKind, values: [ArgumentValue]) {
        let spec = kind.spec
        guard values.count <= spec.parameters.count, values.count >= spec.parameters.count - spec.optionalCount else {
            return nil
        }
        self.init(kind)
        for (i, (value, parameter)) in zip(values, spec.parameters).enumerated() {
            guard set(value, as: parameter.kind, at: i) else { return nil }
        }
    }

    /// Stores `value` as parameter `i`, of kind `kind`; false when the value is of another kind.
    private mutating func set(_ value: ArgumentValue, as kind: ParameterKind, at i: Int) -> Bool {
        switch (kind, value) {
        case (.address, .address(let a)), (.size, .address(let a)), (.end, .address(let a)): setAddress(i, a)
        case (.nid, .nid(let n)): nid = n
        case (.flags, .flags(let f)): flags = f
        case (.type, .type(let t)): type = t
        case (.bool, .bool(let b)): boolean = b
        default: return false
        }
        return true
    }

    /// Argument `i` in the kernel's order (`i < kind.parameterCount`).
    public func value(at i: Int) -> ArgumentValue {
        switch kind.spec.parameters[i].kind {
        case .address, .size, .end: return .address(address(i))
        case .nid: return .nid(nid)
        case .flags: return .flags(flags)
        case .type: return .type(type)
        case .bool: return .bool(boolean)
        }
    }

    /// The arguments in the kernel's order (the optional flags of `memblock_add_node` included).
    public var argumentValues: [ArgumentValue] { kind.spec.parameters.indices.map(value(at:)) }
}

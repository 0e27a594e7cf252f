import Memblock

/// An address or size argument of a step: a number, or `$NAME`, the result of an earlier
/// step that had `label=NAME`.
public enum Argument: Hashable, Sendable, CustomStringConvertible {
    /// A number (constants such as `ANYWHERE` are stored as their value).
    case literal(UInt64)
    /// `$NAME`: the name without the `$`.
    case label(String)

    /// The number, or nil for a label.
    @inlinable public var literalValue: UInt64? {
        if case .literal(let v) = self { return v }
        return nil
    }

    /// The label name, or nil for a number.
    @inlinable public var labelName: String? {
        if case .label(let name) = self { return name }
        return nil
    }

    /// `0x` hex for numbers (`0` for zero), `$NAME` for labels.
    public var description: String {
        switch self {
        case .literal(let v): return v == 0 ? "0" : "0x" + String(v, radix: 16)
        case .label(let name): return "$" + name
        }
    }
}

/// What kind of value a step's argument is; decides how it is parsed and written.
public enum ParameterKind: UInt8, Hashable, Sendable {
    /// An address: a number, an address constant or `$label`; written in hex.
    case address
    /// A size, alignment or amount: like `address`, written with a K/M/G suffix when exact.
    case size
    /// An exclusive end or limit: like `address`, written `ANYWHERE` when all ones.
    case end
    /// A node id: a number, `-1`/`NUMA_NO_NODE` or `MAX_NUMNODES`.
    case nid
    /// Region flags: `NONE|HOTPLUG|MIRROR|NOMAP|DRIVER_MANAGED` joined by `|`, or a number.
    case flags
    /// A region array: `memory` or `reserved`.
    case type
    /// A switch: `0`/`1` or `false`/`true`.
    case bool

    /// True for addresses, sizes and ends: the arguments a `$label` can stand for.
    @inlinable public var isAddressLike: Bool { self == .address || self == .size || self == .end }
}

/// One parameter of an operation, as the kernel names it.
public struct Parameter: Hashable, Sendable {
    /// The kernel's parameter name.
    public let id: ParameterName
    /// How the value is spelled.
    public let kind: ParameterKind

    /// A parameter called `id`, spelled as `kind` says.
    public init(_ id: ParameterName, _ kind: ParameterKind) {
        self.id = id
        self.kind = kind
    }

    /// The kernel's parameter name (`base`, `size`, `min_addr`, …).
    public var name: String { id.rawValue }
}

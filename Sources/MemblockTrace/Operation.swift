import Memblock

/// One argument value of an operation, in the kernel's parameter order.
public enum ArgumentValue: Hashable, Sendable {
    /// An address, size, alignment or limit.
    case address(Argument)
    /// A node id.
    case nid(Int32)
    /// Region flags.
    case flags(MemblockFlags)
    /// A region array.
    case type(MemblockTypeKind)
    /// A switch.
    case bool(Bool)
}

/// One step of a trace: a memblock call with its arguments, in the kernel's order.
///
/// The kind's row of the operation table (`kind.spec`) says what the arguments are; they are
/// kept inline, with no array per step: up to four address-like arguments in slots (in the
/// kernel's order), and the node id, flags, region array and switch in a field each. Unused
/// fields hold their defaults (`.literal(0)`, `0`, `.none`, `.memory`, `false`), so `==` is
/// equality of the calls. Build steps with the factories named after the kinds
/// (`.reserve(base:size:)`, …) or `init?(kind:values:)`.
///
/// Foundation also has an `Operation` (NSOperation): files that import both write
/// `MemblockTrace.Operation`.
public struct Operation: Hashable, Sendable, CustomStringConvertible {
    // The order packs the small fields into the first slot's tail padding.
    @usableFromInline var slot0: Argument
    /// Which step this is.
    public let kind: OperationKind
    /// The region array (`memblock_set_node`); `.memory` where the kind has none.
    public internal(set) var type: MemblockTypeKind
    /// The switch (`exact`, `enable`); false where the kind has none.
    public internal(set) var boolean: Bool
    /// The node id; 0 where the kind has none.
    public internal(set) var nid: Int32
    @usableFromInline var slot1: Argument
    /// The region flags (`memblock_add_node`); `.none` where the kind has none.
    public internal(set) var flags: MemblockFlags
    @usableFromInline var slot2: Argument
    @usableFromInline var slot3: Argument

    /// A step of `kind` with the given address-like arguments in order, the rest defaults.
    init(_ kind: OperationKind, _ a0: Argument = .literal(0), _ a1: Argument = .literal(0),
         _ a2: Argument = .literal(0), _ a3: Argument = .literal(0), nid: Int32 = 0,
         flags: MemblockFlags = .none, type: MemblockTypeKind = .memory, boolean: Bool = false) {
        self.kind = kind
        slot0 = a0
        slot1 = a1
        slot2 = a2
        slot3 = a3
        self.nid = nid
        self.flags = flags
        self.type = type
        self.boolean = boolean
    }

    /// Address-like argument `i` in the kernel's order (`.literal(0)` past the kind's own).
    @inlinable public func address(_ i: Int) -> Argument {
        switch i {
        case 0: return slot0
        case 1: return slot1
        case 2: return slot2
        default: return slot3
        }
    }

    /// Sets address-like argument `i`.
    mutating func setAddress(_ i: Int, _ a: Argument) {
        switch i {
        case 0: slot0 = a
        case 1: slot1 = a
        case 2: slot2 = a
        default: slot3 = a
        }
    }

    /// The address-like argument the kernel calls `name` (`op[.size]`), or nil when this
    /// kind has no such address, size or limit.
    public subscript(_ name: ParameterName) -> Argument? {
        let parameters = kind.spec.parameters
        guard let i = parameters.firstIndex(where: { $0.id == name }), parameters[i].kind.isAddressLike else { return nil }
        return address(i)
    }

    /// The step as a trace line, e.g. `memblock_alloc_from 8K 8 0x1d9000`.
    public var description: String { TraceWriter.line(TraceStep(operation: self)) }

    /// The kernel's function name, e.g. `memblock_alloc_try_nid`.
    public var kernelName: String { kind.rawValue }

    /// True for the steps that return an address (and so may carry `=> ADDRESS|fail`).
    public var isAllocation: Bool { kind.isAllocation }

    /// The kernel's parameter names in order, e.g. `["size", "align", "min_addr"]`.
    public var argumentLabels: [String] { kind.argumentLabels }

    /// The parameter names for messages, e.g. `base size nid [flags]`.
    public var usage: String { kind.usage }

    /// How many address-like arguments this kind has.
    public var addressCount: Int { kind.spec.addressCount }

    /// Every address, size and limit argument, in order (what `$label`s can stand for).
    public var addressArguments: [Argument] { (0..<addressCount).map(address) }

    /// The first address-like argument (the base, pointer or size), or nil for kinds without one.
    public var firstAddress: Argument? { addressCount > 0 ? slot0 : nil }

    /// The same step with every address, size and limit argument passed through `transform`
    /// (e.g. to replace `$label`s by the addresses they name).
    public func mapAddresses<E: Error>(_ transform: (Argument) throws(E) -> Argument) throws(E) -> Operation {
        var op = self
        for i in 0..<addressCount { op.setAddress(i, try transform(address(i))) }
        return op
    }
}

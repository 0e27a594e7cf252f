import Memblock

/// A parameter's kernel name: what messages, usage lines and `op[.size]` call it.
public enum ParameterName: String, Hashable, Sendable {
    /// The start of a range, and `memblock_free`'s pointer.
    case base, ptr
    /// A range's or an allocation's size, an alignment, and the limits of the memory-limit calls.
    case size, align, limit
    /// An allocation's window: `min_addr`/`max_addr` (virtual) or `start`/`end` (physical).
    case minAddr = "min_addr", maxAddr = "max_addr", start, end
    /// A node id, region flags, a region array.
    case nid, flags, type
    /// `memblock_alloc_range_nid`'s `exact_nid` and `memblock_set_bottom_up`'s `enable`.
    case exact, enable
}

/// What a kernel function returns, and so how a step's result reads.
public enum ReturnKind: Hashable, Sendable {
    /// An int: 0, or `-errno`.
    case errno
    /// A virtual pointer (modelled as its physical address), NULL when it fails.
    case virtualAddress
    /// A physical address, 0 when it fails.
    case physicalAddress
    /// Nothing.
    case void
}

/// How a step changes the owner map (which step owns each reserved byte).
public enum OwnerEffect: Hashable, Sendable {
    /// No change.
    case none
    /// The step's `[base, base + size)` becomes the step's, unless the step failed.
    case claimRange
    /// The step's `[base, base + size)` is owned by nobody any more.
    case releaseRange
    /// Only what is still reserved stays owned (the memory limits drop reservations too).
    case intersectReserved
    /// The allocated `[result, result + size)` becomes the step's.
    case claimResult
}

/// What one call into the model returned.
public enum CallResult: Hashable, Sendable {
    /// A function that returns nothing, or returned 0.
    case ok
    /// `-errno`.
    case error(Int32)
    /// An allocation's address.
    case address(PhysAddr)
    /// An allocation that returned NULL or 0.
    case allocationFailed
}

/// A step's arguments with every `$label` replaced by its address: what the model is called with.
public struct ResolvedArguments: Sendable {
    /// The address-like arguments (addresses, sizes, limits), in the kernel's order; 0 when unused.
    public var addresses: (PhysAddr, PhysAddr, PhysAddr, PhysAddr)
    /// The node id, region flags, region array and switch, where the kind has them.
    public var nid: Int32, flags: MemblockFlags, type: MemblockTypeKind, boolean: Bool

    /// Resolves `op`'s arguments; `resolve` gives the address of a `$label`.
    @inlinable public init(_ op: Operation, resolve: (String) -> PhysAddr) {
        // Borrowing the slots (not copying them through `address(_:)`) saves a retain check
        // per slot per replayed step.
        @inline(__always) func v(_ a: borrowing Argument) -> PhysAddr {
            switch a {
            case .literal(let x): return x
            case .label(let name): return resolve(name)
            }
        }
        addresses = (v(op.slot0), v(op.slot1), v(op.slot2), v(op.slot3))
        nid = op.nid
        flags = op.flags
        type = op.type
        boolean = op.boolean
    }

    /// Address-like argument `i` (0 ..< 4).
    @inlinable public subscript(_ i: Int) -> PhysAddr {
        switch i {
        case 0: return addresses.0
        case 1: return addresses.1
        case 2: return addresses.2
        default: return addresses.3
        }
    }
}

/// The call into the model for one operation, typed by what the kernel function returns.
public enum ModelCall: Sendable {
    /// Returns 0 or `-errno`.
    case errno(@Sendable (inout Memblock, ResolvedArguments) -> Int32)
    /// Returns a virtual pointer: nil for NULL.
    case virtual(@Sendable (inout Memblock, ResolvedArguments) -> PhysAddr?)
    /// Returns a physical address: 0 on failure.
    case physical(@Sendable (inout Memblock, ResolvedArguments) -> PhysAddr)
    /// Returns nothing.
    case void(@Sendable (inout Memblock, ResolvedArguments) -> Void)

    /// What the kernel function returns.
    public var returns: ReturnKind {
        switch self {
        case .errno: return .errno
        case .virtual: return .virtualAddress
        case .physical: return .physicalAddress
        case .void: return .void
        }
    }

    /// Calls the model and reads its return value the way the kernel's callers do.
    @inlinable public func run(_ mb: inout Memblock, _ args: ResolvedArguments) -> CallResult {
        switch self {
        case .errno(let f):
            let r = f(&mb, args)
            return r == 0 ? .ok : .error(r)
        case .virtual(let f):
            return f(&mb, args).map { .address($0) } ?? .allocationFailed
        case .physical(let f):
            let p = f(&mb, args)
            return p == 0 ? .allocationFailed : .address(p)
        case .void(let f):
            f(&mb, args)
            return .ok
        }
    }
}

/// One row of the operation table (`OperationKind.spec`): everything the parser, writer,
/// replay and owner map need to know about one kind of step.
public struct OperationSpec: Sendable {
    /// The parameters in the kernel's order; the address-like ones come first.
    public let parameters: [Parameter]
    /// How many trailing parameters a trace may leave out (they take their default).
    public let optionalCount: Int
    /// The first modelled kernel that has this function.
    public let introducedIn: KernelVersion
    /// True when the function exists only with `CONFIG_HAVE_MEMBLOCK_PHYS_MAP` (`@config phys_map=1`).
    public let needsPhysMap: Bool
    /// The call into the model.
    public let call: ModelCall
    /// The step's effect on the owner map.
    public let owners: OwnerEffect
    /// How many parameters are address-like (stored in an `Operation`'s address slots).
    public let addressCount: Int
    /// The parameter names for messages: `base size nid [flags]`, or `none`.
    public let usage: String

    /// The most parameters any operation has.
    public static let maxParameters = 6

    init(_ parameters: [Parameter], optional: Int = 0, since: KernelVersion = .v6_1, needsPhysMap: Bool = false,
         owners: OwnerEffect = .none, _ call: ModelCall) {
        let addressCount = parameters.prefix { $0.kind.isAddressLike }.count
        // An Operation keeps address-like arguments in four slots, the others in one field each.
        precondition(parameters.count <= Self.maxParameters && addressCount <= 4
                     && !parameters.dropFirst(addressCount).contains { $0.kind.isAddressLike })
        self.parameters = parameters
        self.optionalCount = optional
        self.introducedIn = since
        self.needsPhysMap = needsPhysMap
        self.call = call
        self.owners = owners
        self.addressCount = addressCount
        var names = parameters.map(\.name)
        for i in names.indices.suffix(optional) { names[i] = "[\(names[i])]" }
        usage = names.isEmpty ? "none" : names.joined(separator: " ")
    }

    /// What the kernel function returns.
    public var returns: ReturnKind { call.returns }
}

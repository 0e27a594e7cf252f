// The kernel's printf conversions that memblock's messages use.

/// `%pa`: `0x` and 16 lowercase hex digits.
@inlinable public func formatPA(_ v: PhysAddr) -> String {
    let digits = String(v, radix: 16)
    return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
}

/// `%#x` / `%#lx` as the kernel prints it: `0x0` for zero, else `0x` and bare hex.
@inlinable public func formatHashX<T: BinaryInteger>(_ v: T) -> String { "0x" + String(v, radix: 16) }

/// `%x`: bare lowercase hex.
@inlinable public func formatX<T: BinaryInteger>(_ v: T) -> String { String(v, radix: 16) }

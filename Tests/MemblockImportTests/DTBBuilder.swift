import CLibfdt

/// Builds small device tree blobs for tests with libfdt's sequential-write API.
struct DTBBuilder {
    private var buf = [UInt8](repeating: 0, count: 1 << 16)
    private var failed = false

    init(reservations: [(UInt64, UInt64)] = []) {
        buf.withUnsafeMutableBytes { b in
            var ok = fdt_create(b.baseAddress, Int32(b.count)) == 0
            for (a, s) in reservations { ok = ok && fdt_add_reservemap_entry(b.baseAddress, a, s) == 0 }
            ok = ok && fdt_finish_reservemap(b.baseAddress) == 0
            failed = !ok
        }
    }

    mutating func begin(_ name: String) { call { fdt_begin_node($0, name) } }
    mutating func end() { call { fdt_end_node($0) } }

    /// A property of big-endian 32-bit cells.
    mutating func cells(_ name: String, _ values: [UInt32]) {
        var bytes: [UInt8] = []
        for v in values { bytes += [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        raw(name, bytes)
    }

    /// Two-cell numbers (address or size with #cells = 2).
    mutating func u64s(_ name: String, _ values: [UInt64]) {
        cells(name, values.flatMap { [UInt32($0 >> 32), UInt32($0 & 0xffff_ffff)] })
    }

    mutating func string(_ name: String, _ value: String) { raw(name, Array(value.utf8) + [0]) }
    mutating func flag(_ name: String) { raw(name, []) }

    mutating func raw(_ name: String, _ bytes: [UInt8]) {
        call { fdt in bytes.withUnsafeBytes { fdt_property(fdt, name, $0.baseAddress, Int32(bytes.count)) } }
    }

    private mutating func call(_ body: (UnsafeMutableRawPointer) -> Int32) {
        guard !failed else { return }
        let r = buf.withUnsafeMutableBytes { body($0.baseAddress!) }
        if r != 0 { failed = true }
    }

    /// The finished blob (nil if libfdt refused a call).
    mutating func finish() -> [UInt8]? {
        call { fdt_finish($0) }
        guard !failed else { return nil }
        let size = Int(UInt32(buf[4]) << 24 | UInt32(buf[5]) << 16 | UInt32(buf[6]) << 8 | UInt32(buf[7]))
        return Array(buf.prefix(size))
    }

    /// A root with 2-cell addresses and sizes, `model`, and what `body` adds.
    static func tree(reservations: [(UInt64, UInt64)] = [], _ body: (inout DTBBuilder) -> Void) -> [UInt8]? {
        var b = DTBBuilder(reservations: reservations)
        b.begin("")
        b.cells("#address-cells", [2])
        b.cells("#size-cells", [2])
        b.string("model", "test")
        body(&b)
        b.end()
        return b.finish()
    }
}

import CLibfdt

/// Why a blob is not a usable device tree.
struct DTBError: Error {
    var message: String
}

/// What a flattened device tree says about memory, read with libfdt the way Linux 6.1's
/// `drivers/of/fdt.c` reads it early in boot (root `#address-cells`/`#size-cells` for every
/// `reg`, `linux,usable-memory` before `reg`, page-aligned memory blocks).
struct DeviceTree: Sendable {
    /// One `(base, size)` of a `device_type = "memory"` node, after page alignment.
    struct Memory: Sendable {
        var node: String
        var range: AddrRange
        /// `numa-node-id`, if present.
        var nid: Int?
        var hotpluggable: Bool
    }

    /// A child of `/reserved-memory`.
    struct ReservedMemory: Sendable {
        var name: String
        /// `status` absent, `okay` or `ok`.
        var okay: Bool
        /// Static `reg` entries (empty for a dynamic node).
        var regs: [AddrRange]
        /// `reg` was present but unreadable (its length not a multiple of the cells).
        var badReg: Bool
        var nomap: Bool
        /// No `reg` but a `size`: allocated by the kernel.
        var isDynamic: Bool
        var size: UInt64
        var alignment: UInt64
        /// `alloc-ranges` as `[start, end)`.
        var allocRanges: [AddrRange]
        var compatible: [String]
        var reusable: Bool
        var cmaDefault: Bool
        /// An unreadable `size`/`alignment`/`alloc-ranges`: the kernel skips the node.
        var invalid: Bool
        /// `(base, size)` as saved in the kernel's reserved_mem table (first reg, or 0/0).
        var saved: (UInt64, UInt64) { regs.first.map { ($0.base, $0.size) } ?? (0, 0) }
    }

    var totalSize: Int
    var addressCells: UInt32
    var sizeCells: UInt32
    var model: String?
    var memory: [Memory] = []
    var memreserve: [AddrRange] = []
    /// `/reserved-memory` children in tree order; empty if the node's format is unsupported.
    var reservedMemory: [ReservedMemory] = []
    var reservedMemoryUnsupported = false
    var usableMemoryRange: [AddrRange] = []
    /// `numa-node-id` of the `/cpus` children.
    var cpuNodes: [Int] = []
    var initrd: AddrRange?
    var bootargs: String?
    /// A guess from `/cpus/*/compatible`.
    var arch: Arch = .unknown

    /// Reads a blob; throws unless libfdt accepts the whole of it.
    init(_ bytes: [UInt8]) throws(DTBError) {
        guard bytes.count >= 40 else { throw DTBError(message: "not a device tree blob: \(bytes.count) bytes is shorter than an FDT header (40 bytes)") }
        let magic = Self.be32(bytes, 0)
        guard magic == 0xd00d_feed else {
            throw DTBError(message: "not a device tree blob: magic \(hex(UInt64(magic))) at offset 0, expected 0xd00dfeed")
        }
        let total = Int(Self.be32(bytes, 4))
        guard total <= bytes.count else {
            throw DTBError(message: "truncated device tree blob: the header says \(total) bytes, the file has \(bytes.count)")
        }
        var result: Result<DeviceTree, DTBError> = .failure(DTBError(message: "unreadable"))
        bytes.withUnsafeBytes { raw in
            let fdt = raw.baseAddress!
            let check = fdt_check_full(fdt, bytes.count)
            if check != 0 {
                result = .failure(DTBError(message: "invalid device tree blob: \(String(cString: fdt_strerror(check)))"))
                return
            }
            var reader = FDTReader(fdt: fdt)
            result = .success(reader.read(totalSize: total))
        }
        self = try result.get()
    }

    init(totalSize: Int, addressCells: UInt32, sizeCells: UInt32) {
        self.totalSize = totalSize
        self.addressCells = addressCells
        self.sizeCells = sizeCells
    }

    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// One line for the trace header.
    var summary: String {
        var s = "\(memory.count) memory range(s), \(memreserve.count) /memreserve/, \(reservedMemory.count) /reserved-memory node(s)"
        if let model { s = "\(model): " + s }
        return s
    }

    /// The dynamic `/reserved-memory` nodes in the order `fdt_init_reserved_mem()` allocates
    /// them: the saved table (static first regs and dynamic 0/0 entries, in tree order) sorted
    /// by (base, size) with the kernel's heapsort, which is not stable.
    func dynamicReservedMemoryOrder() -> [ReservedMemory] {
        var table = reservedMemory.filter { $0.okay && !$0.badReg && ($0.isDynamic || !$0.regs.isEmpty) }
        if table.count > 64 { table = Array(table.prefix(64)) }  // MAX_RESERVED_REGIONS
        if table.count >= 2 {
            KernelSort.heapsort(&table) { a, b in
                let x = a.saved, y = b.saved
                if x.0 != y.0 { return x.0 < y.0 ? -1 : 1 }
                if x.1 != y.1 { return x.1 < y.1 ? -1 : 1 }
                return 0
            }
        }
        return table.filter(\.isDynamic)
    }
}

/// The kernel's `lib/sort.c` heapsort (bottom-up, with its exact comparison order), so that
/// equal keys end up where the kernel puts them.
enum KernelSort {
    static func heapsort<T>(_ a: inout [T], _ cmp: (T, T) -> Int) {
        var n = a.count
        var top = a.count / 2
        guard top > 0 else { return }
        func parent(_ i: Int) -> Int { (i - 1) / 2 }
        while true {
            if top > 0 {
                top -= 1
            } else {
                n -= 1
                if n == 0 { break }
                a.swapAt(0, n)
            }
            var b = top, c = 0, d = 0
            while true {
                c = 2 * b + 1
                d = c + 1
                if d >= n { break }
                b = cmp(a[c], a[d]) >= 0 ? c : d
            }
            if d == n { b = c }
            while b != top && cmp(a[top], a[b]) >= 0 { b = parent(b) }
            c = b
            while b != top {
                b = parent(b)
                a.swapAt(b, c)
            }
        }
    }
}

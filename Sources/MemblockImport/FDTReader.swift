import CLibfdt

/// Walks a blob libfdt has checked (`fdt_check_full`), collecting what `DeviceTree` holds.
struct FDTReader {
    let fdt: UnsafeRawPointer
    var addressCells: UInt32 = 1
    var sizeCells: UInt32 = 1

    init(fdt: UnsafeRawPointer) { self.fdt = fdt }

    mutating func read(totalSize: Int) -> DeviceTree {
        addressCells = u32(0, "#address-cells") ?? 1  // OF_ROOT_NODE_ADDR_CELLS_DEFAULT
        sizeCells = u32(0, "#size-cells") ?? 1
        var tree = DeviceTree(totalSize: totalSize, addressCells: addressCells, sizeCells: sizeCells)
        tree.model = string(0, "model")
        // Cell counts of 0 (the kernel would loop forever) or beyond 4 are not read.
        let usable = addressCells + sizeCells > 0 && addressCells <= 4 && sizeCells <= 4
        for (off, name) in children(of: 0) {
            if usable && string(off, "device_type") == "memory" && available(off) { readMemory(off, name, into: &tree) }
        }
        let count = fdt_num_mem_rsv(fdt)
        if count > 0 {
            for i in 0..<Swift.min(count, 4096) {
                var addr: UInt64 = 0, size: UInt64 = 0
                if fdt_get_mem_rsv(fdt, i, &addr, &size) != 0 || size == 0 { break }
                tree.memreserve.append(.capped(addr, size))
            }
        }
        let rm = fdt_path_offset(fdt, "/reserved-memory")
        if rm >= 0 && usable {
            if u32(rm, "#size-cells") == sizeCells && u32(rm, "#address-cells") == addressCells && property(rm, "ranges") != nil {
                for (off, name) in children(of: rm) { tree.reservedMemory.append(readReserved(off, name)) }
            } else {
                tree.reservedMemoryUnsupported = true
            }
        }
        let chosen = fdt_path_offset(fdt, "/chosen")
        if chosen >= 0 {
            tree.bootargs = string(chosen, "bootargs")
            if usable, let cells = cells(chosen, "linux,usable-memory-range"), cells.count % Int(addressCells + sizeCells) == 0 {
                tree.usableMemoryRange = pairs(cells).prefix(2).map { AddrRange.capped($0.0, $0.1) }
            }
            if let s = number(chosen, "linux,initrd-start"), let e = number(chosen, "linux,initrd-end"), e > s {
                tree.initrd = AddrRange(base: s, end: e)
            }
        }
        let cpus = fdt_path_offset(fdt, "/cpus")
        if cpus >= 0 {
            for (off, _) in children(of: cpus) {
                if let n = u32(off, "numa-node-id") { tree.cpuNodes.append(Int(n)) }
                if let c = string(off, "compatible") {
                    if c.hasPrefix("arm,") || c.contains("cortex-a") || c.hasPrefix("arm64") { tree.arch = .arm64 }
                    if c.hasPrefix("riscv") { tree.arch = .riscv64 }
                }
            }
        }
        return tree
    }

    /// `early_init_dt_scan_memory()` for one node, with early_init_dt_add_memory_arch()'s
    /// page alignment (4 KiB pages, MIN_MEMBLOCK_ADDR 0 as on arm64).
    func readMemory(_ off: Int32, _ name: String, into tree: inout DeviceTree) {
        guard let cells = cells(off, "linux,usable-memory") ?? cells(off, "reg") else { return }
        let hot = property(off, "hotpluggable") != nil
        let nid = u32(off, "numa-node-id").map(Int.init)
        let page: UInt64 = 4096
        for (base0, size0) in pairs(cells) where size0 != 0 {
            var base = base0, size = size0
            if size < page - (base & (page - 1)) { continue }  // "Ignoring memory block"
            if base & (page - 1) != 0 {
                size -= page - (base & (page - 1))
                base = (base | (page - 1)) &+ 1
            }
            size &= ~(page - 1)
            tree.memory.append(.init(node: name, range: .capped(base, size), nid: nid, hotpluggable: hot))
        }
    }

    /// One `/reserved-memory` child, as `__reserved_mem_reserve_reg()` and
    /// `__reserved_mem_alloc_size()` read it.
    func readReserved(_ off: Int32, _ name: String) -> DeviceTree.ReservedMemory {
        let perEntry = Int(addressCells + sizeCells)
        var r = DeviceTree.ReservedMemory(name: name, okay: available(off), regs: [], badReg: false,
                                          nomap: property(off, "no-map") != nil, isDynamic: false, size: 0, alignment: 0,
                                          allocRanges: [], compatible: stringList(off, "compatible"),
                                          reusable: property(off, "reusable") != nil,
                                          cmaDefault: property(off, "linux,cma-default") != nil, invalid: false)
        if let reg = cells(off, "reg") {
            if reg.count % perEntry != 0 { r.badReg = true }
            r.regs = pairs(reg).map { AddrRange.capped($0.0, $0.1) }
            return r
        }
        guard let size = cells(off, "size") else { return r }
        r.isDynamic = true
        guard size.count == Int(sizeCells) else { r.invalid = true; return r }
        r.size = Self.value(size[...])
        if let a = cells(off, "alignment") {
            if a.count != Int(addressCells) { r.invalid = true; return r }
            r.alignment = Self.value(a[...])
        }
        if let ranges = cells(off, "alloc-ranges") {
            if ranges.count % perEntry != 0 { r.invalid = true; return r }
            r.allocRanges = pairs(ranges).map { AddrRange(base: $0.0, end: $0.0 &+ $0.1) }
        }
        return r
    }

    // MARK: libfdt access

    func children(of parent: Int32) -> [(Int32, String)] {
        var out: [(Int32, String)] = []
        var node = fdt_first_subnode(fdt, parent)
        while node >= 0 && out.count < 100_000 {
            var len: Int32 = 0
            let name = fdt_get_name(fdt, node, &len).map { String(cString: $0) } ?? "?"
            out.append((node, name))
            node = fdt_next_subnode(fdt, node)
        }
        return out
    }

    func property(_ node: Int32, _ name: String) -> UnsafeRawBufferPointer? {
        var len: Int32 = 0
        guard let p = fdt_getprop(fdt, node, name, &len), len >= 0 else { return nil }
        return UnsafeRawBufferPointer(start: p, count: Int(len))
    }

    /// A property as big-endian 32-bit cells (a trailing partial cell is dropped).
    func cells(_ node: Int32, _ name: String) -> [UInt32]? {
        guard let p = property(node, name) else { return nil }
        var out: [UInt32] = []
        out.reserveCapacity(p.count / 4)
        var i = 0
        while i + 4 <= p.count {
            out.append(UInt32(p[i]) << 24 | UInt32(p[i + 1]) << 16 | UInt32(p[i + 2]) << 8 | UInt32(p[i + 3]))
            i += 4
        }
        return out
    }

    func u32(_ node: Int32, _ name: String) -> UInt32? {
        guard let c = cells(node, name), c.count >= 1 else { return nil }
        return c[0]
    }

    /// A 1- or 2-cell number property.
    func number(_ node: Int32, _ name: String) -> UInt64? {
        guard let c = cells(node, name), !c.isEmpty else { return nil }
        return Self.value(c[...])
    }

    func string(_ node: Int32, _ name: String) -> String? { stringList(node, name).first }

    func stringList(_ node: Int32, _ name: String) -> [String] {
        guard let p = property(node, name) else { return [] }
        return p.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `of_fdt_device_is_available()`: no status, or `okay`/`ok`.
    func available(_ node: Int32) -> Bool {
        guard let s = string(node, "status") else { return true }
        return s == "okay" || s == "ok"
    }

    /// `dt_mem_next_cell()` pairs with the root cell sizes.
    func pairs(_ c: [UInt32]) -> [(UInt64, UInt64)] {
        let a = Int(addressCells), s = Int(sizeCells), step = a + s
        guard step > 0 else { return [] }
        var out: [(UInt64, UInt64)] = []
        var i = 0
        while c.count - i >= step {
            out.append((Self.value(c[i..<(i + a)]), Self.value(c[(i + a)..<(i + step)])))
            i += step
        }
        return out
    }

    /// `of_read_number()`: cells shifted in 32 bits at a time (wider values keep the low 64).
    static func value(_ c: ArraySlice<UInt32>) -> UInt64 {
        var v: UInt64 = 0
        for x in c { v = v << 32 | UInt64(x) }
        return v
    }
}

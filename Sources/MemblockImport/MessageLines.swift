// Stage 2b of `import dmesg`: the messages that describe memory without memblock=debug:
// the device tree's memory and reserved-memory lines, the MIPS and EFI memory maps, the
// initrd, ACPI tables and crash kernel. Each reader takes a cursor after the line's first
// word and returns nil (cursor unchanged) when the line is not its kind.

enum MessageLines {
    /// `  node   0: [mem 0x…-0x…]` under `Early memory node ranges`.
    static func nodeRange(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("node"), case _ = s.skipSpaces(), let nid = s.int32(), s.literal(":") else { s.index = save; return nil }
        s.skipSpaces()
        guard let r = s.memRange() else { s.index = save; return nil }
        return .nodeRange(nid: nid, base: r.base, last: r.end)
    }

    /// `OF: reserved mem: 0xA..0xB (N KiB) nomap|map reusable|non-reusable NAME` (6.x), and
    /// `OF: reserved mem: initialized node NAME…` (ignored: the pool line has the address).
    static func ofReservedMem(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("OF: reserved mem: "), let a = s.hex(), s.literal(".."), let b = s.hex() else { s.index = save; return nil }
        guard s.skip(past: ") ") else { s.index = save; return nil }
        let mapping = s.word()
        s.skipSpaces()
        let reuse = s.word()
        let name = s.rest()
        guard mapping == "map" || mapping == "nomap" else { s.index = save; return nil }
        return .reservedMem(base: a, last: b, nomap: mapping == "nomap", reusable: reuse == "reusable", name: name)
    }

    /// `Reserved memory: created CMA|DMA memory pool at 0x…, size N MiB`.
    static func reservedPool(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("Reserved memory: created ") else { return nil }
        let kind = s.word()
        guard s.literal(" memory pool at "), let a = s.hex(), s.literal(", size "), let mib = s.decimal(), mib < 1 << 40, s.literal(" MiB") else {
            s.index = save
            return nil
        }
        return .reservedPool(cma: kind == "CMA", base: a, size: mib << 20)
    }

    /// `RAMDISK: [mem 0x…-0x…]` (x86 early_reserve_initrd).
    static func ramdisk(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("RAMDISK: "), let r = s.memRange() else { s.index = save; return nil }
        return .ramdisk(base: r.base, last: r.end)
    }

    /// `ACPI: Reserving FACP table memory at [mem 0x…-0x…]`.
    static func acpiTable(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("ACPI: Reserving ") else { return nil }
        let name = s.word()
        guard s.literal(" table memory at "), let r = s.memRange() else { s.index = save; return nil }
        return .acpiTable(name: name, base: r.base, last: r.end)
    }

    /// `crashkernel reserved: 0xA - 0xB (256 MB)` (6.x generic code) and
    /// `Reserving 256MB of [low ]memory at 2800MB for crashkernel (…)` (older x86).
    static func crashKernel(_ text: ArraySlice<UInt8>) -> LogEvent? {
        var s = LogScanner(text)
        s.skipSpaces()
        let all = LogScanner.string(text)
        if s.literal("crashkernel"), s.skip(past: "reserved: "), let a = s.hex(), s.literal(" - "), let b = s.hex(), b > a {
            return .crashKernel(all, range: AddrRange(base: a, end: b))
        }
        s = LogScanner(text)
        s.skipSpaces()
        if s.literal("Reserving "), let mb = s.decimal(), s.literal("MB of "), case _ = s.literal("low "), s.literal("memory at "),
           let at = s.decimal(), s.literal("MB for crashkernel"), mb < 1 << 40, at < 1 << 40 {
            return .crashKernel(all, range: AddrRange(base: at << 20, end: (at + mb) << 20))
        }
        return all.contains("crashkernel") ? .crashKernel(all, range: nil) : nil
    }

    /// ` memory: 00000000006ec000 @ 000000000001c000 (usable)` (MIPS `Determined physical RAM map`).
    static func promMemory(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("memory: "), let size = s.hex(), s.literal(" @ "), let base = s.hex() else { s.index = save; return nil }
        s.skipSpaces()
        let type = s.rest()
        return .promMemory(base: base, size: size, type: type.trimmingCharacters(in: "()"))
    }

    /// `efi:   mem03: [Conventional Memory|   |WB|WT|WC|UC] range=[0x…-0x…] (NMB)` (efi=debug).
    static func efiMemory(_ s: inout LogScanner) -> LogEvent? {
        let save = s.index
        guard s.literal("efi:"), case _ = s.skipSpaces(), s.literal("mem"), s.decimal() != nil, s.literal(": [") else { s.index = save; return nil }
        let typeStart = s.index
        guard s.skip(past: "|") || s.skip(past: "]") else { s.index = save; return nil }
        let type = LogScanner.string(s.bytes[typeStart..<(s.index - 1)]).trimmingSpaces
        guard s.skip(past: "range=["), let a = s.hex(), s.literal("-"), let b = s.hex() else { s.index = save; return nil }
        return .efiMemory(base: a, last: b, type: type)
    }

    /// EFI memory types that Linux adds to memblock as usable RAM.
    static let efiUsable: Set<String> = ["Conventional Memory", "Loader Code", "Loader Data", "Boot Code", "Boot Data", "Persistent Memory"]
}

extension String {
    /// Without leading and trailing characters of `set`.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

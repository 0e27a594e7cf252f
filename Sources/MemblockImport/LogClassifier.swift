// Turning log messages into events. Unknown lines are not events; memblock lines that cannot
// be read are `.malformed`.

enum LogClassifier {
    /// The events of a whole log, in order.
    static func events(_ lines: [LogLine]) -> [LocatedEvent] {
        var out: [LocatedEvent] = []
        var debugfsOpen = false
        for line in lines {
            let e = classify(line.text, debugfsOpen: debugfsOpen)
            switch e {
            case .debugfsHeader?: debugfsOpen = true
            case .debugfsLine?: break
            default:
                // Another section (`=== mbdump: /proc/iomem ===`) or kernel line ends the listing.
                if debugfsOpen && (e != nil || LogScanner.hasPrefix(line.text, "=")) { debugfsOpen = false }
            }
            if let e { out.append(LocatedEvent(line: line.number, event: e)) }
        }
        return out
    }

    /// The event one message stands for, or nil.
    static func classify(_ text: ArraySlice<UInt8>, debugfsOpen: Bool) -> LogEvent? {
        var s = LogScanner(text)
        s.skipSpaces()
        guard let first = s.atEnd ? nil : text[s.index] else { return nil }
        switch first {
        case UInt8(ascii: "m"):
            if let e = MemblockLineReader.read(&s) { return e }
            if s.literal("memory size = ") { return dumpSizes(&s) }
            if let e = MessageLines.promMemory(&s) { return e }
            if s.literal("memory") { return dumpTypeLine(&s, type: "memory") }
        case UInt8(ascii: "_"):
            if let e = MemblockLineReader.read(&s) { return e }
        case UInt8(ascii: "r"):
            if s.literal("reserved") { return dumpTypeLine(&s, type: "reserved") }
            if s.literal("reserve setup_data") { return nil }
        case UInt8(ascii: "p"):
            if s.literal("physmem") { return dumpTypeLine(&s, type: "physmem") }
        case UInt8(ascii: "M"):
            if s.literal("MEMBLOCK configuration:") { return .dumpHeader }
            if s.literal("Memory: "), s.decimal() != nil, s.literal("K/") { return .memoryAvailable }
            if s.literal("Machine model:") { return .archHint("dt") }
        case UInt8(ascii: "B"):
            if s.literal("BIOS-e820: ") { return e820(&s, user: false) }
            if s.literal("Booting Linux on physical CPU") { return .archHint("arm64") }
        case UInt8(ascii: "u"):
            if s.literal("user: ") { return e820(&s, user: true) }
        case UInt8(ascii: "e"):
            if s.literal("e820: ") { return e820Change(&s) }
            if let e = MessageLines.efiMemory(&s) { return e }
            if s.literal("efi: ") {
                if s.literal("UEFI not found") { return .efi(found: false) }
                if s.literal("EFI v") { return .efi(found: true) }
            }
        case UInt8(ascii: "C"):
            if s.literal("Command line: ") { return .commandLine(s.rest()) }
        case UInt8(ascii: "K"):
            if s.literal("Kernel command line: ") { return .commandLine(s.rest()) }
        case UInt8(ascii: "L"):
            if s.literal("Linux version ") { return .version(s.rest()) }
        case UInt8(ascii: "D"), UInt8(ascii: "N"), UInt8(ascii: "A"), UInt8(ascii: "S"), UInt8(ascii: "F"):
            if let e = numaLine(&s) ?? MessageLines.acpiTable(&s) { return e }
            if s.literal("DMA") { return zone(&s, name: "DMA") }
            if s.literal("Normal") { return zone(&s, name: "Normal") }
        case UInt8(ascii: "H"):
            if s.literal("HighMem") { return zone(&s, name: "HighMem") }
        case UInt8(ascii: "c"):
            if s.literal("cma: Reserved "), let mib = s.decimal(), mib < 1 << 40, s.literal(" MiB at "), let a = s.hex() {
                return .cmaReserved(base: a, size: mib << 20)
            }
            if LogScanner.hasPrefix(text, "crashkernel") { return MessageLines.crashKernel(text) }
        case UInt8(ascii: "R"):
            if LogScanner.contains(text, "for crashkernel") { return MessageLines.crashKernel(text) }
            if let e = MessageLines.ramdisk(&s) ?? MessageLines.reservedPool(&s) { return e }
        case UInt8(ascii: "O"):
            if let e = MessageLines.ofReservedMem(&s) { return e }
        case UInt8(ascii: "n"):
            if let e = MessageLines.nodeRange(&s) { return e }
        case UInt8(ascii: "="):
            if LogScanner.contains(text, "memblock/memory") { return .debugfsHeader(type: "memory") }
            if LogScanner.contains(text, "memblock/reserved") { return .debugfsHeader(type: "reserved") }
            if s.literal("==> memory <==") { return .debugfsHeader(type: "memory") }
            if s.literal("==> reserved <==") { return .debugfsHeader(type: "reserved") }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if debugfsOpen, let i = s.decimal(), s.literal(": "), let a = s.hex(), s.literal(".."), let b = s.hex(),
               s.atEnd || s.bytes[s.index] == 0x20 {
                return .debugfsLine(index: Int(clamping: i), base: a, last: b, tail: s.rest())
            }
        default:
            break
        }
        if LogScanner.contains(text, "NR_CPUS") { return nrCpus(text) }
        return nil
    }

    // MARK: memblock=debug lines

    /// True for a memblock debug line that ends before its `%pS` caller: cut by a mail
    /// client or a terminal (the rest may be on the next line).
    static func lacksCaller(_ text: ArraySlice<UInt8>) -> Bool {
        var s = LogScanner(text)
        s.skipSpaces()
        let name = s.word()
        guard name.hasPrefix("memblock_") || name.hasPrefix("__memblock_"), name.hasSuffix(":") else { return false }
        let words = LogScanner.string(text).split(separator: " ")
        guard words.count >= 3, let last = words.last else { return true }
        if last.hasSuffix("]") || last.hasSuffix("-") || last == "flags" || last == "bytes" || last.hasPrefix("0x") { return true }
        for key in ["max_addr=", "from=", "nid=", "align="] where last.hasPrefix(key) { return true }
        return false
    }

    static func dumpSizes(_ s: inout LogScanner) -> LogEvent? {
        guard let m = s.hex(), s.literal(" reserved size = "), let r = s.hex() else { return .malformed("memory size") }
        return .dumpSizes(memory: m, reserved: r)
    }

    /// ` TYPE.cnt  = 0xN` or ` TYPE[0xI]\t[A-B], 0xS bytes[ on node N] flags: 0xF`.
    static func dumpTypeLine(_ s: inout LogScanner, type: String) -> LogEvent? {
        if s.literal(".cnt") {
            s.skipSpaces()
            guard s.literal("="), case _ = s.skipSpaces(), let n = s.hex(), n <= 1 << 30 else { return .malformed("\(type).cnt") }
            return .dumpCount(type: type, count: Int(n))
        }
        guard s.literal("[") else { return nil }
        guard let i = s.hex(), i <= 1 << 30, s.literal("]") else { return .malformed("\(type)[") }
        s.skipSpaces()
        guard let r = s.bracketRange(), s.literal(", "), let size = s.hex(), s.literal(" bytes") else {
            return .malformed("\(type)[\(i)]")
        }
        var nid: Int32?
        if s.literal(" on node ") {
            guard let n = s.int32() else { return .malformed("\(type)[\(i)]") }
            nid = n
        }
        guard s.literal(" flags: "), let f = s.hex(), f <= UInt64(UInt32.max) else { return .malformed("\(type)[\(i)]") }
        _ = r
        return .dumpRegion(type: type, index: Int(i), region: DumpRegion(base: r.base, size: size, nid: nid, flags: UInt32(f)))
    }

    // MARK: firmware map

    static func e820(_ s: inout LogScanner, user: Bool) -> LogEvent? {
        guard let r = s.memRange() else { return nil }
        return .e820(base: r.base, last: r.end, type: s.rest(), user: user)
    }

    static func e820Change(_ s: inout LogScanner) -> LogEvent? {
        if s.literal("update "), let r = s.memRange() {
            s.skipSpaces()
            let from = s.index
            guard s.skip(past: " ==> ") else { return nil }
            let fromText = LogScanner.string(s.bytes[from..<(s.index - 5)])
            return .e820Update(base: r.base, last: r.end, from: fromText, to: s.rest())
        }
        if s.literal("remove "), let r = s.memRange() {
            return .e820Remove(base: r.base, last: r.end, type: s.rest())
        }
        return nil
    }

    // MARK: NUMA, zones, CPUs

    static func numaLine(_ s: inout LogScanner) -> LogEvent? {
        let start = s.index
        if s.literal("NUMA: ") {
            if s.literal("NODE_DATA "), let r = s.memRange() { return .nodeData(nid: nil, base: r.base, last: r.end) }
            if s.literal("Faking a node at "), let r = s.memRange() { return .fakeNode(base: r.base, last: r.end) }
            if s.literal("Node "), let nid = s.int32(), s.skip(past: "-> "), let r = s.memRange() {
                return .numaMerge(nid: nid, base: r.base, last: r.end)
            }
            s.index = start
            return .numaMarker(s.rest())
        }
        if s.literal("NODE_DATA("), let nid = s.int32(), s.literal(") allocated "), let r = s.memRange() {
            return .nodeData(nid: nid, base: r.base, last: r.end)
        }
        s.index = start
        if s.literal("ACPI: SRAT: Node "), let nid = s.int32(), s.literal(" PXM "), s.decimal() != nil, s.literal(" "), let r = s.memRange() {
            let tail = s.rest()
            return .sratMemory(nid: nid, base: r.base, last: r.end, hotplug: tail.contains("hotplug"))
        }
        s.index = start
        if s.literal("SRAT: ") || s.literal("No NUMA configuration found") || s.literal("NUMA turned off") {
            s.index = start
            return .numaMarker(s.rest())
        }
        if s.literal("Faking a node at "), let r = s.memRange() { return .fakeNode(base: r.base, last: r.end) }
        if s.literal("Faking node "), let nid = s.int32(), s.literal(" at "), let r = s.memRange() {
            return .emulatedNode(nid: nid, base: r.base, last: r.end)
        }
        s.index = start
        return nil
    }

    static func zone(_ s: inout LogScanner, name: String) -> LogEvent? {
        var zoneName = name
        if s.literal("32") { zoneName += "32" }
        guard s.literal(" ") else { return nil }
        s.skipSpaces()
        guard let r = s.memRange() else { return nil }
        return .zone(name: zoneName, base: r.base, last: r.end)
    }

    static func nrCpus(_ text: ArraySlice<UInt8>) -> LogEvent? {
        var s = LogScanner(text)
        guard s.skip(past: "NR_CPUS") else { return nil }
        guard s.literal("=") || s.literal(":") else { return nil }
        guard let n = s.decimal(), n > 0, n <= 1 << 20 else { return nil }
        return .nrCpus(Int(n))
    }
}

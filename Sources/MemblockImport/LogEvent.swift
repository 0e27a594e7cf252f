// What one kernel-log line says about memory, as data.

/// The memblock calls that print `NAME: [BASE-END] CALLER`.
enum RangeCall: String, Sendable {
    case add = "memblock_add"
    case remove = "memblock_remove"
    case reserve = "memblock_reserve"
    case physFree = "memblock_phys_free"
    case freeLate = "memblock_free_late"
    case physmemAdd = "memblock_physmem_add"
}

/// The allocation calls that print a request line.
enum RequestCall: String, Sendable {
    case tryNid = "memblock_alloc_try_nid"
    case tryNidRaw = "memblock_alloc_try_nid_raw"
    case exactNidRaw = "memblock_alloc_exact_nid_raw"
    case physAllocRange = "memblock_phys_alloc_range"
}

/// A printed allocation request: `SIZE bytes align=A [nid=N] from=F max_addr=M CALLER`.
struct AllocRequest: Sendable {
    var call: RequestCall
    var size: UInt64
    var align: UInt64
    var nid: Int32
    var from: UInt64
    var maxAddr: UInt64
    var caller: String
    /// A `_nopanic` variant: a failure is a `NULL` return, not a panic.
    var nopanic = false
    /// The function name as printed (`memblock_virt_alloc_try_nid_nopanic`).
    var printedName = ""
    /// The era of the name.
    var dialect: MemblockDialect = .v6
}

/// One region line of a `MEMBLOCK configuration:` dump.
struct DumpRegion: Hashable, Sendable {
    var base: UInt64
    var size: UInt64
    /// nil when the dump prints no `on node`.
    var nid: Int32?
    var flags: UInt32
    var end: UInt64 { base &+ size }
}

/// One line's worth of information; lines that say nothing of memory are not events.
enum LogEvent: Sendable {
    /// `memblock_add/remove/reserve/phys_free/free_late/physmem_add: [BASE-END] CALLER` (and
    /// the 4.x/5.x names of the same calls); `dialect` is the era the line's shape shows.
    case range(RangeCall, base: UInt64, last: UInt64, caller: String, dialect: MemblockDialect)
    /// `memblock_add_node: [BASE-END] nid=N flags=F CALLER`.
    case addNode(base: UInt64, last: UInt64, nid: Int32, flags: UInt32, caller: String)
    /// An allocation request line.
    case request(AllocRequest)
    /// `memblock: TYPE is doubled to N at [BASE-END]`.
    case doubled(type: String, count: Int, base: UInt64, last: UInt64)
    /// `MEMBLOCK configuration:`.
    case dumpHeader
    /// ` memory size = X reserved size = Y`.
    case dumpSizes(memory: UInt64, reserved: UInt64)
    /// ` TYPE.cnt  = N`.
    case dumpCount(type: String, count: Int)
    /// ` TYPE[IDX]\t[BASE-END], SIZE bytes[ on node N] flags: F`.
    case dumpRegion(type: String, index: Int, region: DumpRegion)
    /// A firmware memory map entry (`BIOS-e820:`, `user:`); `user` marks the user-defined map.
    case e820(base: UInt64, last: UInt64, type: String, user: Bool)
    /// `e820: update [mem A-B] FROM ==> TO`.
    case e820Update(base: UInt64, last: UInt64, from: String, to: String)
    /// `e820: remove [mem A-B] TYPE`.
    case e820Remove(base: UInt64, last: UInt64, type: String)
    /// `Command line: …` / `Kernel command line: …`.
    case commandLine(String)
    /// `Linux version …`.
    case version(String)
    /// `… NR_CPUS=N …` / `NR_CPUS:N`.
    case nrCpus(Int)
    /// `Booting Linux on physical CPU` (arm64) and other architecture hints.
    case archHint(String)
    /// A NUMA line without its own data (`No NUMA configuration found`, `SRAT: PXM …`).
    case numaMarker(String)
    /// `ACPI: SRAT: Node N PXM P [mem A-B][ hotplug]`.
    case sratMemory(nid: Int32, base: UInt64, last: UInt64, hotplug: Bool)
    /// `NUMA: Node N [mem A-B] + [mem C-D] -> [mem E-F]`.
    case numaMerge(nid: Int32, base: UInt64, last: UInt64)
    /// `Faking a node at [mem A-B]` (x86 and arm64 dummy NUMA).
    case fakeNode(base: UInt64, last: UInt64)
    /// `Faking node N at [mem A-B]` (x86 `numa=fake=`).
    case emulatedNode(nid: Int32, base: UInt64, last: UInt64)
    /// `NODE_DATA(N) allocated [mem A-B]` (x86) or `NUMA: NODE_DATA [mem A-B]` (arm64).
    case nodeData(nid: Int32?, base: UInt64, last: UInt64)
    /// `cma: Reserved N MiB at 0x…`.
    case cmaReserved(base: UInt64, size: UInt64)
    /// A crash kernel reservation message, with its range when it prints one.
    case crashKernel(String, range: AddrRange?)
    /// `  node   N: [mem A-B]` under `Early memory node ranges` (memblock.memory, per node).
    case nodeRange(nid: Int32, base: UInt64, last: UInt64)
    /// `OF: reserved mem: A..B (…) map|nomap reusable|non-reusable NAME`.
    case reservedMem(base: UInt64, last: UInt64, nomap: Bool, reusable: Bool, name: String)
    /// `Reserved memory: created CMA|DMA memory pool at A, size N MiB`.
    case reservedPool(cma: Bool, base: UInt64, size: UInt64)
    /// `RAMDISK: [mem A-B]`.
    case ramdisk(base: UInt64, last: UInt64)
    /// `ACPI: Reserving NAME table memory at [mem A-B]`.
    case acpiTable(name: String, base: UInt64, last: UInt64)
    /// ` memory: SIZE @ BASE (TYPE)`: the MIPS firmware map.
    case promMemory(base: UInt64, size: UInt64, type: String)
    /// `efi: memN: [TYPE|…] range=[A-B]`: the EFI memory map (efi=debug).
    case efiMemory(base: UInt64, last: UInt64, type: String)
    /// `Memory: …K/…K available`: printed right after `memblock_free_all()`.
    case memoryAvailable
    /// `  DMA      [mem A-B]` (and DMA32) under `Zone ranges:`.
    case zone(name: String, base: UInt64, last: UInt64)
    /// `efi: …`: UEFI found or not.
    case efi(found: Bool)
    /// A debugfs header: the next `N: A..B` lines belong to `type`.
    case debugfsHeader(type: String)
    /// `   N: 0xA..0xB` (a debugfs line; 6.12 adds `   NID FLAGS`, kept in `tail`).
    case debugfsLine(index: Int, base: UInt64, last: UInt64, tail: String)
    /// A line that starts like a memblock debug line but could not be read.
    case malformed(String)
}

/// An event with the line it came from.
struct LocatedEvent: Sendable {
    /// 1-based line number in the input.
    var line: Int
    var event: LogEvent
}

extension LogEvent {
    /// True for memblock=debug lines (the calls, doubling and dumps).
    var isMemblockLine: Bool {
        switch self {
        case .range, .addNode, .request, .doubled, .dumpHeader, .dumpSizes, .dumpCount, .dumpRegion: return true
        default: return false
        }
    }

    /// True for the lines of a `MEMBLOCK configuration:` block after its header.
    var isDumpBody: Bool {
        switch self {
        case .dumpSizes, .dumpCount, .dumpRegion: return true
        default: return false
        }
    }

    /// The `%pS` caller of a memblock line, if it has one.
    var caller: String? {
        switch self {
        case .range(_, _, _, let c, _), .addNode(_, _, _, _, let c): return c
        case .request(let r): return r.caller
        default: return nil
        }
    }
}

/// The function part of a `%pS` caller: `setup_arch+0x7e0/0xd4f` → `setup_arch`.
func callerFunction(_ caller: String) -> String {
    var s = Substring(caller)
    if let plus = s.firstIndex(of: "+") { s = s[..<plus] }
    if let space = s.firstIndex(of: " ") { s = s[..<space] }
    return String(s)
}

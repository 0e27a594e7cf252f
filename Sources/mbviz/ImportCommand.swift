import ArgumentParser
import MemblockImport
import MemblockTrace

/// `mbviz import dmesg|dtb|live`: real data into a trace on standard output.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn real data into a trace on standard output.",
        discussion: """
            Notes about what could not be read or had to be inferred go to standard error as \
            `mbviz: note: …`; inferred steps carry a comment in the trace.
            """,
        subcommands: [ImportDmesg.self, ImportDTB.self, ImportLive.self]
    )
}

/// Prints an import's trace and notes.
func emit(_ result: ImportResult) {
    for note in result.notes { printError("mbviz: note: \(note)") }
    for line in result.report?.lines ?? [] { printError("mbviz: import: \(line)") }
    print(result.text, terminator: result.text.hasSuffix("\n") ? "" : "\n")
}

/// `mbviz import dmesg FILE`.
struct ImportDmesg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmesg",
        abstract: "A kernel log (dmesg or a serial capture, ideally booted with memblock=debug) → a trace.",
        discussion: """
            Reads the e820 or device-tree memory map, every memblock=debug line, NUMA and \
            crashkernel lines and the MEMBLOCK configuration dumps; reconstructs what the log \
            leaves out (early reservations, set_node, limits, silent allocations such as \
            NODE_DATA); records each allocation's result as `=> ADDRESS`. The architecture is \
            detected from the log; --config overrides build settings.
            """
    )

    @ArgumentParser.Argument(help: "The log file (`-` reads standard input).")
    var file: String

    @Option(help: "The device tree blob the kernel booted with (arm64): completes the boot from the first memblock_add.")
    var dtb: String?

    @Option(name: .customLong("config"), help: "A build setting, KEY=VALUE: any @config key (e.g. max_numnodes=64, page_size=16K, numa=0), or bottom_up=0|1, current_limit=ADDR; repeatable. Wins over what the log and the architecture say.")
    var config: [String] = []

    func run() throws {
        let bytes = try readBytes(file)
        let blob = try dtb.map(readBytes)
        var overrides: [String: String] = [:]
        for item in config {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw CLIError("--config expects KEY=VALUE, got '\(item)'") }
            overrides[parts[0]] = parts[1]
        }
        do {
            emit(try DmesgImporter.importLog(bytes, file: file, dtb: blob, overrides: overrides))
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// `mbviz import dtb FILE`.
struct ImportDTB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dtb",
        abstract: "A flattened device tree blob → a trace: /memory, /memreserve/, /reserved-memory, NUMA node ids."
    )

    @ArgumentParser.Argument(help: "The .dtb file.")
    var file: String

    func run() throws {
        let bytes = try readBytes(file)
        do {
            emit(try DTBImporter.importBlob(bytes, file: file))
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// `mbviz import live`.
struct ImportLive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "This machine: /sys/firmware/memmap, /proc/iomem and the kernel log where readable.",
        discussion: "What cannot be read (for example without root) is named in a note, and the trace is built from the rest."
    )

    func run() throws {
        emit(LiveImporter.importMachine())
    }
}

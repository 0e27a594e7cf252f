import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `mbviz`: shows how the memblock allocator of Linux 6.1 and 6.12 manages physical memory in early boot.
struct MBViz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mbviz",
        abstract: "Watch the Linux memblock allocator (6.1 and 6.12) manage physical memory in early boot.",
        discussion: """
            With no subcommand, plays the built-in default demo (an x86_64 boot on two NUMA nodes) \
            full-screen; `mbviz FILE.mbtrace` plays a trace file (as `mbviz play FILE`). \
            Exit codes: 0 success, 1 a check failed, 2 bad usage or unreadable input.
            """,
        version: MBViz.version,
        subcommands: [
            DemoCommand.self, PlayCommand.self, CheckCommand.self, DumpCommand.self, RenderCommand.self,
            ImportCommand.self, ExportCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: DemoCommand.self
    )
}

extension MBViz {
    /// The version `mbviz --version` prints.
    static let version = "mbviz 0.2.0 (models Linux 6.1 and 6.12 memblock)"
}

/// An error the user can act on, with the exit code the CLI contract gives it.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    init(_ message: String, code: Int32 = 2) {
        self.message = message
        self.code = code
    }
    var description: String { message }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    writeAll(2, line + "\n")
}

/// Writes a whole string to a file descriptor (stdio's globals are not concurrency-safe).
func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
}

@main
enum Main {
    /// Runs the command and maps every failure to the contract's exit codes: 2 for bad usage
    /// (ArgumentParser's own default would be 64) and unreadable input, 1 for failed checks.
    static func main() {
        let command: ParsableCommand
        do {
            command = try MBViz.parseAsRoot()
        } catch {
            finish(with: error)
        }
        do {
            var command = command
            try command.run()
        } catch {
            finish(with: error)
        }
        exit(0)
    }

    static func finish(with error: Error) -> Never {
        if let e = error as? CLIError {
            printError("mbviz: \(e.message)")
            exit(e.code)
        }
        if let e = error as? ExitCode { exit(e.rawValue) }
        let code = MBViz.exitCode(for: error)
        if code == .success {
            print(MBViz.fullMessage(for: error))
            exit(0)
        }
        var message = MBViz.fullMessage(for: error)
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        printError("mbviz: \(message)")
        exit(2)
    }
}

import ArgumentParser
import Memblock
import MemblockReplay
import MemblockTrace

/// `mbviz dump FILE`: the state after a step, in the kernel's formats or JSON.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Replay a trace and print the state after the last step (or after --step N).",
        discussion: """
            --format kernel (default) is byte-identical to the trace kernel's (@kernel: 6.1 or 6.12) \
            memblock_dump_all() without printk prefixes; --format debugfs prints the \
            /sys/kernel/debug/memblock files in that kernel's format, each under a `==> NAME <==` \
            header; --format json is described in README.md. After a panic the state is that \
            before the panicking step.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case kernel, debugfs, json }

    @ArgumentParser.Argument(help: "The trace file (`-` reads standard input), or demo:NAME for a built-in demo.")
    var file: String

    @Option(help: "Print the state after step N (1-based; 0 is the state before the first step).")
    var step: Int?

    @Option(help: "kernel, debugfs or json.")
    var format: Format = .kernel

    func run() throws {
        let trace = try traceArgument(file)
        let run = HeadlessRun(trace, limit: try checkedStep(step, in: trace))
        switch format {
        case .kernel:
            print(run.state.dumpAll(), terminator: "")
        case .debugfs:
            for kind in run.state.debugfsKinds {
                print("==> \(kind.rawValue) <==")
                print(run.state.debugfs(kind), terminator: "")
            }
        case .json:
            print(StateJSON.encode(run.state, step: run.steps, steps: trace.steps.count))
        }
    }
}

/// The JSON form of a state (`mbviz dump --format json`); addresses are hex strings so no
/// JSON reader loses precision above 2^53.
enum StateJSON {
    static func encode(_ s: Memblock, step: Int, steps: Int) -> String {
        func hex(_ v: UInt64) -> String { "\"0x\(String(v, radix: 16))\"" }
        func type(_ t: MemblockType) -> String {
            let regions = t.regions.map { r in
                let flags = MemblockFlags.names.filter { r.flags.contains($0.0) }.map { "\"\($0.1)\"" }
                return "{\"base\": \(hex(r.base)), \"size\": \(hex(r.size)), \"end\": \(hex(r.base &+ r.size &- 1)), "
                    + "\"nid\": \(r.nid), \"flags\": [\(flags.joined(separator: ", "))]}"
            }
            return "{\"cnt\": \(t.cnt), \"max\": \(t.max), \"total_size\": \(hex(t.totalSize)), \"regions\": [\n      "
                + regions.joined(separator: ",\n      ") + "\n    ]}"
        }
        let c = s.config
        var out = "{\n  \"step\": \(step),\n  \"steps\": \(steps),\n"
        // 6.1 output stays as it always was; other kernels are named.
        if c.kernel != .v6_1 { out += "  \"kernel\": \"\(c.kernel)\",\n" }
        if let p = s.panic { out += "  \"panic\": \"\(p.message)\",\n" }
        out += "  \"config\": {\"numa\": \(c.numa), \"max_numnodes\": \(c.maxNumnodes), \"page_size\": \(c.pageSize), "
        out += "\"max_order\": \(c.maxOrder), \"phys_map\": \(c.physMap), \"low_limit\": \(hex(c.lowLimit)), "
        out += "\"movable_node\": \(c.movableNode), \"mirrored_kernelcore\": \(c.mirroredKernelcore)"
        if let a = c.physmemStaticArray { out += ", \"physmem_static_array\": \(hex(a))" }
        out += "},\n"
        out += "  \"bottom_up\": \(s.bottomUp),\n  \"current_limit\": \(hex(s.currentLimit)),\n"
        out += "  \"can_resize\": \(s.canResize),\n  \"memory\": \(type(s.memory)),\n  \"reserved\": \(type(s.reserved)),\n"
        if c.physMap { out += "  \"physmem\": \(type(s.physmem)),\n" }
        if let b = s.buddy {
            out += "  \"buddy\": {\"pages\": \(b.pages), \"blocks\": \(b.blockCount), \"count_per_order\": ["
            out += b.countPerOrder.map(String.init).joined(separator: ", ") + "]}\n"
        } else {
            out += "  \"buddy\": null\n"
        }
        return out + "}"
    }
}

import Foundation
import XCTest
import Memblock
@testable import MemblockTrace

/// The operation table (`OperationKind.spec`) against the kernel's function signatures, and
/// the parser and writer it drives, kind by kind.
final class OperationTableTests: XCTestCase {
    /// The modelled kernel functions as the kernels declare them (6.1 and 6.12 agree; the
    /// `__init` annotations left out).
    static let kernelSignatures = [
        "int memblock_add(phys_addr_t base, phys_addr_t size)",
        "int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid, enum memblock_flags flags)",
        "int memblock_remove(phys_addr_t base, phys_addr_t size)",
        "int memblock_physmem_add(phys_addr_t base, phys_addr_t size)",
        "int memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid)",
        "int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size)",
        "int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size)",
        "int memblock_mark_mirror(phys_addr_t base, phys_addr_t size)",
        "int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)",
        "int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)",
        "void memblock_trim_memory(phys_addr_t align)",
        "void memblock_enforce_memory_limit(phys_addr_t limit)",
        "void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)",
        "void memblock_mem_limit_remove_map(phys_addr_t limit)",
        "int memblock_reserve(phys_addr_t base, phys_addr_t size)",
        "int memblock_phys_free(phys_addr_t base, phys_addr_t size)",
        "void memblock_free(void *ptr, size_t size)",
        "void *memblock_alloc(phys_addr_t size, phys_addr_t align)",
        "void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)",
        "void *memblock_alloc_from(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr)",
        "void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)",
        "void *memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid)",
        "void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr, phys_addr_t max_addr, int nid)",
        "void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr, phys_addr_t max_addr, int nid)",
        "void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr, phys_addr_t max_addr, int nid)",
        "phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)",
        "phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start, phys_addr_t end)",
        "phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align, int nid)",
        "phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align, phys_addr_t start, phys_addr_t end, int nid, bool exact_nid)",
        "void memblock_set_bottom_up(bool enable)",
        "void memblock_set_current_limit(phys_addr_t limit)",
        "void memblock_allow_resize(void)",
        "void memblock_free_all(void)",
        "void memblock_free_late(phys_addr_t base, phys_addr_t size)",
        "void memblock_dump_all(void)",
        "int memblock_reserved_mark_noinit(phys_addr_t base, phys_addr_t size)",
    ]

    /// Kernel parameter names a trace spells shorter.
    static let traceSpellings = ["exact_nid": "exact"]

    /// A C declaration split into return type, name and `(type, name)` parameters.
    struct Signature: Equatable {
        var returns: String, name: String, parameters: [(type: String, name: String)]

        init(_ c: String) {
            let open = c.firstIndex(of: "(")!, close = c.lastIndex(of: ")")!
            var head = c[..<open].split(separator: " ").map(String.init)
            name = head.removeLast()
            if name.hasPrefix("*") { name.removeFirst(); head.append("*") }
            returns = head.joined(separator: " ")
            let list = c[c.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            parameters = list == "void" ? [] : list.split(separator: ",").map { part in
                var words = part.split(separator: " ").map(String.init)
                var last = words.removeLast()
                if last.hasPrefix("*") { last.removeFirst(); words.append("*") }
                return (words.joined(separator: " "), last)
            }
        }

        static func == (a: Signature, b: Signature) -> Bool {
            a.returns == b.returns && a.name == b.name && a.parameters.map(\.type) == b.parameters.map(\.type)
                && a.parameters.map(\.name) == b.parameters.map(\.name)
        }
    }

    func test_table_matchesTheKernelSignatures_namesKindsAndReturns() {
        let signatures = Self.kernelSignatures.map(Signature.init)
        XCTAssertEqual(signatures.map(\.name), OperationKind.allCases.map(\.kernelName), "one signature per kind, in order")
        for (kind, sig) in zip(OperationKind.allCases, signatures) {
            let spec = kind.spec
            XCTAssertEqual(spec.parameters.map(\.name), sig.parameters.map { Self.traceSpellings[$0.name] ?? $0.name }, sig.name)
            for (p, c) in zip(spec.parameters, sig.parameters) {
                XCTAssertEqual(p.kind.isAddressLike, c.type == "phys_addr_t" || c.type == "size_t" || c.type == "void *", "\(sig.name) \(c.name)")
                XCTAssertEqual(p.kind == .nid, c.type == "int", "\(sig.name) \(c.name)")
                XCTAssertEqual(p.kind == .flags, c.type == "enum memblock_flags", "\(sig.name) \(c.name)")
                XCTAssertEqual(p.kind == .type, c.type == "struct memblock_type *", "\(sig.name) \(c.name)")
                XCTAssertEqual(p.kind == .bool, c.type == "bool", "\(sig.name) \(c.name)")
            }
            let returns: [String: ReturnKind] = ["int": .errno, "void *": .virtualAddress, "phys_addr_t": .physicalAddress, "void": .void]
            XCTAssertEqual(spec.returns, returns[sig.returns], sig.name)
        }
    }

    /// The kernel sources next to the repository (`../kernel/6.1`, `../kernel/6.12`), when present.
    private func kernelSource(_ version: KernelVersion) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("kernel/\(version)")
        let files = ["mm/memblock.c", "include/linux/memblock.h"].map { root.appendingPathComponent($0) }
        guard files.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else {
            throw XCTSkip("no kernel sources at \(root.path)")
        }
        return try files.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// A function's definition in `source`, with its `__init` annotations and `static inline` left out.
    private func definition(of name: String, in source: String) -> Signature? {
        let pattern = "\\n([^\\n;#]*?)\\b\(name)\\s*\\(([^;{)]*)\\)\\s*\\{"
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)),
              let head = Range(m.range(at: 1), in: source), let list = Range(m.range(at: 2), in: source) else { return nil }
        let noise: Set<String> = ["static", "inline", "__always_inline", "__init", "__init_memblock"]
        let returns = source[head].split(whereSeparator: \.isWhitespace).filter { !noise.contains(String($0)) }.joined(separator: " ")
        let params = source[list].split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return Signature("\(returns) \(name)(\(params))")
    }

    func test_kernelSignatures_areTheKernelSourcesOwn_andIntroducedInSaysWhichKernelHasThem() throws {
        for version in KernelVersion.allCases {
            let source = try kernelSource(version)
            for (kind, c) in zip(OperationKind.allCases, Self.kernelSignatures) {
                let found = definition(of: kind.kernelName, in: source)
                let inThisKernel = kind.introducedIn == .v6_1 || version == kind.introducedIn
                XCTAssertEqual(found != nil, inThisKernel, "\(kind.kernelName) in \(version)")
                if let found { XCTAssertEqual(found, Signature(c), "\(kind.kernelName) in \(version)") }
            }
        }
    }

    func test_kindOrdinal_isItsPositionInAllCases() {
        for (i, kind) in OperationKind.allCases.enumerated() { XCTAssertEqual(kind.ordinal, i, kind.kernelName) }
    }

    /// A step of `kind` whose every argument differs from its field's default: distinct
    /// addresses (one a `$label`), node 3, flags, `reserved`, `true`.
    static func exercised(_ kind: OperationKind) -> MemblockTrace.Operation {
        let values: [ArgumentValue] = kind.parameters.enumerated().map { i, p in
            switch p.kind {
            case .address, .size, .end: return .address(i == 1 ? .label("p") : .literal(0x10_0000 * UInt64(i + 1) + 0x1000))
            case .nid: return .nid(3)
            case .flags: return .flags([.hotplug, .mirror])
            case .type: return .type(.reserved)
            case .bool: return .bool(true)
            }
        }
        return MemblockTrace.Operation(kind: kind, values: values)!
    }

    func test_everyKind_writtenAndParsedBack_isTheSameStep_withEveryArgumentSlotExercised() {
        let unset = MemblockTrace.Operation.dumpAll
        for kind in OperationKind.allCases {
            let op = Self.exercised(kind)
            XCTAssertEqual(op.argumentValues.count, kind.parameterCount, kind.kernelName)
            for i in 0..<op.addressCount { XCTAssertNotEqual(op.address(i), .literal(0), "\(kind.kernelName) slot \(i)") }
            let kinds = Set(kind.parameters.map(\.kind))
            XCTAssertEqual(op.nid != unset.nid, kinds.contains(.nid), kind.kernelName)
            XCTAssertEqual(op.flags != unset.flags, kinds.contains(.flags), kind.kernelName)
            XCTAssertEqual(op.type != unset.type, kinds.contains(.type), kind.kernelName)
            XCTAssertEqual(op.boolean != unset.boolean, kinds.contains(.bool), kind.kernelName)

            let define = TraceStep(operation: .alloc(size: .literal(4096), align: .literal(4096)), label: "p")
            let config = MemblockConfig(numa: true, physMap: true, kernel: .v6_12)
            let trace = Trace(file: "t.mbtrace", config: config, steps: [define, TraceStep(operation: op)])
            let text = TraceWriter.write(trace)
            guard let again = parseOK(text) else { XCTFail(text); continue }
            XCTAssertEqual(again.steps.last?.operation, op, TraceWriter.line(again.steps.last!))
        }
    }

    func test_namedAccess_readsTheSlotTheKernelNameSays() {
        let op = MemblockTrace.Operation.allocTryNid(size: .literal(1), align: .literal(2), minAddr: .literal(3),
                                                     maxAddr: .label("top"), nid: 4)
        XCTAssertEqual(op[.size], .literal(1))
        XCTAssertEqual(op[.align], .literal(2))
        XCTAssertEqual(op[.minAddr], .literal(3))
        XCTAssertEqual(op[.maxAddr], .label("top"))
        XCTAssertNil(op[.base], "allocations have no base")
        XCTAssertNil(op[.nid], "a node id is not an address: read op.nid")
        XCTAssertEqual(op.nid, 4)
        XCTAssertEqual(op.firstAddress, .literal(1))
        XCTAssertNil(MemblockTrace.Operation.freeAll.firstAddress)
    }

    func test_operation_keepsItsArgumentsInline_noLargerThanTheEnumItReplaced() {
        // The enum with a case per kind was 104 bytes (its largest payload, allocRangeNid).
        XCTAssertLessThanOrEqual(MemoryLayout<MemblockTrace.Operation>.stride, 104)
    }
}

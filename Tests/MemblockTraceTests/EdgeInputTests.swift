import Foundation
import XCTest
import Memblock
@testable import MemblockTrace

/// Inputs at the edges: line ends, byte order marks, bad bytes, huge lines. Each is either
/// accepted or reported with a location; none may crash or hang.
final class EdgeInputTests: XCTestCase {
    func test_crlfLineEnds_areAccepted() {
        let t = parseOK("@mbtrace 1\r\n@note \"x\"\r\nmemblock_add 0 4K by=me\r\n\r\n")
        XCTAssertEqual(t?.steps.first?.by, "me")
        XCTAssertEqual(t?.steps.first?.note, "x")
        XCTAssertEqual(t?.steps.first?.location, SourceLocation(file: "t.mbtrace", line: 3, column: 1))
    }

    func test_tabs_separateTokens_andCountAsOneColumn() {
        let t = parseOK("\tmemblock_add\t0\t4K\t# tabbed\n")
        XCTAssertEqual(t?.steps.first?.operation, .add(base: .literal(0), size: .literal(4096)))
        XCTAssertEqual(t?.steps.first?.location.column, 2)
        XCTAssertEqual(errorLines("\t\tmemblock_add\t0"), ["t.mbtrace:1:16: memblock_add expects 2 arguments (base size), got 1"])
    }

    func test_byteOrderMark_atTheStart_isSkipped_andNotCounted() {
        let bytes: [UInt8] = [0xef, 0xbb, 0xbf] + Array("@mbtrace 1\nmemblock_add 0\n".utf8)
        XCTAssertEqual(errorLines(bytes: bytes), ["t.mbtrace:2:14: memblock_add expects 2 arguments (base size), got 1"])
        let ok = try? TraceParser.parse([0xef, 0xbb, 0xbf] + Array("@mbtrace 1\n".utf8), file: "t.mbtrace")
        XCTAssertEqual(ok?.version, 1)
        XCTAssertEqual(errorLines(bytes: [0xef, 0xbb, 0xbf, 0x62, 0x61, 0x64]),
                       ["t.mbtrace:1:1: unknown operation bad: expected a memblock_* step or an @directive"])
    }

    func test_byteOrderMark_laterInTheFile_isAnError() {
        let bytes: [UInt8] = Array("memblock_allow_resize\n".utf8) + [0xef, 0xbb, 0xbf] + Array("memblock_dump_all\n".utf8)
        XCTAssertEqual(errorLines(bytes: bytes),
                       ["t.mbtrace:2:1: unknown operation \u{FEFF}memblock_dump_all (did you mean memblock_dump_all?)"])
    }

    func test_invalidUTF8_isReportedWithItsLocation() {
        XCTAssertEqual(errorLines(bytes: Array("memblock_add 0 4K by=a".utf8) + [0xff] + Array("\n".utf8)),
                       ["t.mbtrace:1:23: invalid UTF-8 byte 0xff"])
        XCTAssertEqual(errorLines(bytes: Array("@note \"é".utf8) + [0xc3] + Array("\"\n".utf8)),
                       ["t.mbtrace:1:9: invalid UTF-8 byte 0xc3"])
        XCTAssertEqual(errorLines(bytes: Array("# comment ".utf8) + [0xed, 0xa0, 0x80] + Array("\n".utf8)),
                       ["t.mbtrace:1:11: invalid UTF-8 byte 0xed"], "a surrogate is invalid, even in a comment")
        XCTAssertEqual(errorLines(bytes: [0xc0, 0xaf]), ["t.mbtrace:1:1: invalid UTF-8 byte 0xc0"], "overlong")
    }

    func test_validNonASCII_isAcceptedInStringsAndNames_andColumnsCountCharacters() {
        let t = parseOK("@node 0 \"nœud zéro ☃\"\nmemblock_add 0 4K by=café\n")
        XCTAssertEqual(t?.nodeNames[0], "nœud zéro ☃")
        XCTAssertEqual(t?.steps.first?.by, "café")
        XCTAssertEqual(errorLines("@note \"☃☃\" x"), ["t.mbtrace:1:12: @note expects 1 argument (\"TEXT\"), got 2"])
    }

    func test_nulBytes_areReportedWithTheirLocation() {
        XCTAssertEqual(errorLines(bytes: Array("memblock_add 0 4K".utf8) + [0] + Array("\nmemblock_dump_all\n".utf8)),
                       ["t.mbtrace:1:18: NUL byte: a trace is UTF-8 text"])
        XCTAssertEqual(errorLines(bytes: [0, 0, 0]), ["t.mbtrace:1:1: NUL byte: a trace is UTF-8 text"])
        XCTAssertEqual(errorLines(bytes: Array("# x".utf8) + [0]), ["t.mbtrace:1:4: NUL byte: a trace is UTF-8 text"])
    }

    func test_megabyteLongValidLine_parses() {
        let note = String(repeating: "abcdefgh", count: 1 << 17)
        let t = parseOK("@note \"\(note)\"\nmemblock_dump_all\n")
        XCTAssertEqual(t?.steps.first?.note?.utf8.count, 1 << 20)
    }

    func test_megabyteLongInvalidLine_reportsShortErrors() {
        let junk = String(repeating: "x", count: 1 << 20)
        let lines = errorLines("memblock_add 0 \(junk)\nmemblock_add \(junk) 4K \(junk)")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count < 300 }, "messages cut long tokens")
        XCTAssertEqual(lines[1], "t.mbtrace:2:\(junk.count + 18): memblock_add expects 2 arguments (base size), got 3")
    }

    func test_megabyteLineOfTokens_stopsAtTheTokenLimit() {
        let many = String(repeating: "1 ", count: 1 << 19)
        XCTAssertEqual(errorLines("memblock_add \(many)"), ["t.mbtrace:1:524: line has more than 256 tokens"])
    }

    func test_tenMegabyteLine_isHandledInLinearTime() {
        let junk = String(repeating: "ab ", count: 3_500_000)
        let start = Date()
        XCTAssertEqual(errorLines("@note \(junk)").count, 1)
        XCTAssertEqual(errorLines("# \(junk)\n").count, 0)
        XCTAssertEqual(errorLines("\"\(junk)").count, 1)
        // A generous bound that only a quadratic algorithm would exceed (about 30 MB read).
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    func test_manyErrorsOnOneLongLine_doNotRescanTheLine() {
        let key = String(repeating: "k", count: 20_000)
        let bad = "@config " + (0..<200).map { "\(key)\($0)=1" }.joined(separator: " ")
        let lines = errorLines(bad)
        XCTAssertEqual(lines.count, TraceErrors.limit + 1)
        XCTAssertTrue(lines[1].hasPrefix("t.mbtrace:1:\(9 + key.utf8.count + 4): unknown @config key kkk"), lines[1])
    }

    func test_fileWithoutFinalNewline_parsesItsLastLine() {
        XCTAssertEqual(parseOK("memblock_add 0 4K\nmemblock_dump_all")?.steps.count, 2)
    }

    func test_textAndBytesAndFileEntryPoints_agree() throws {
        let text = Fixtures.x86Numa.text
        let path = NSTemporaryDirectory() + "mbtrace-edge-\(getpid()).mbtrace"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromText = try TraceParser.parse(text, file: path)
        XCTAssertEqual(try TraceParser.parse(Array(text.utf8), file: path), fromText)
        XCTAssertEqual(try TraceParser.parse(contentsOf: path), fromText)
    }

    func test_unreadableFile_isOneErrorWithoutALine() {
        do {
            _ = try TraceParser.parse(contentsOf: "/nonexistent/boot.mbtrace")
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.description, "/nonexistent/boot.mbtrace: cannot read: No such file or directory")
            XCTAssertEqual(error.errors.first?.location.line, 0)
        }
        do {
            _ = try TraceParser.parse(contentsOf: NSTemporaryDirectory())
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.errors.first?.message, "cannot read: Is a directory")
        }
    }

    func test_readingPastTheSizeLimit_isAnError_soEndlessDevicesCannotHang() {
        guard case .failure(let e) = TraceParser.readFile("/dev/zero", limit: 1 << 20) else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(e.description, "larger than 1048576 bytes")
    }

    func test_fuzzSeeds_neverCrash() throws {
        let seeds = Support.packageRoot.appendingPathComponent("Tests/Fuzz/seeds")
        let files = try FileManager.default.contentsOfDirectory(at: seeds, includingPropertiesForKeys: nil)
        XCTAssertFalse(files.isEmpty)
        for url in files {
            let bytes = [UInt8](try Data(contentsOf: url))
            if let t = try? TraceParser.parse(bytes, file: url.lastPathComponent) { assertRoundTrips(t) }
        }
    }

    func test_everyStepSeed_parsesAndRoundTrips() throws {
        let url = Support.packageRoot.appendingPathComponent("Tests/Fuzz/seeds/every-step.mbtrace")
        let t = try TraceParser.parse(contentsOf: url.path)
        XCTAssertEqual(Set(t.steps.map(\.operation.kind)), Set(OperationKind.allCases.filter { $0.introducedIn == .v6_1 }))
        assertRoundTrips(t)
        // The 6.12-only step, in a 6.12 trace.
        let t612 = try TraceParser.parse("@kernel 6.12\nmemblock_reserve 0 8K\nmemblock_reserved_mark_noinit 4K 4K\n", file: "t")
        XCTAssertEqual(t612.steps.last?.operation.kind, .reservedMarkNoinit)
        assertRoundTrips(t612)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// `mbviz export svg|cast`: files written atomically, `--force`, exit codes, and outputs that
/// real parsers (XMLParser, xmllint, JSONSerialization) accept.
final class ExportCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// The directory's file names, hidden ones (temporary files) included.
    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    /// Runs a tool from PATH; nil when it is not installed.
    func tool(_ args: [String]) throws -> MBViz.Result? {
        guard (try? Tmux.shell(["sh", "-c", "command -v \(args[0])"]).status) == 0 else { return nil }
        return try Tmux.shell(args)
    }

    func test_svg_ofTheDefaultDemo_isWellFormedSVG_withBandNodesLegendAndCaption() throws {
        let out = path("demo.svg")
        let r = try MBViz.run(["export", "svg", "demo:x86-numa2", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        let parser = XMLParser(data: data)
        let collector = ElementCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        XCTAssertEqual(collector.names.first, "svg")
        XCTAssertEqual(collector.root["viewBox"].map { $0.hasPrefix("0 0 1200 ") }, true)
        XCTAssertEqual(collector.ids.filter { $0.hasPrefix("node-") }, ["node-0", "node-1"])
        for id in ["header", "band", "lane-machine", "lane-buddy", "axis", "legend", "nodes", "caption"] {
            XCTAssertTrue(collector.ids.contains(id), id)
        }
        XCTAssertTrue(collector.text.contains("memblock_free_all"))
        XCTAssertEqual(try files(), ["demo.svg"], "no temporary file left behind")
        if let lint = try tool(["xmllint", "--noout", out]) {
            XCTAssertEqual(lint.status, 0, lint.stderr)
        } else if let py = try tool(["python3", "-c", "import sys, xml.etree.ElementTree as E; "
                                     + "assert E.parse(sys.argv[1]).getroot().tag.endswith('svg')", out]) {
            XCTAssertEqual(py.status, 0, py.stderr)
        }
    }

    func test_svg_options_stepThemeWidthScale() throws {
        let out = path("s.svg")
        let r = try MBViz.run(["export", "svg", "demo:x86-numa2", "-o", out, "--step", "10", "--theme", "light",
                               "--width", "800", "--scale", "holes"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(svg.contains("width=\"800\""))
        XCTAssertTrue(svg.contains("<title>mbviz: step 10 of 94"), String(svg.prefix(400)))
        XCTAssertTrue(svg.contains("holes compressed"))
        XCTAssertTrue(svg.contains("fill=\"#ffffff\""), "the light theme's canvas")
    }

    func test_svg_fromStandardInput() throws {
        let out = path("stdin.svg")
        let r = try MBViz.run(["export", "svg", "-", "-o", out], stdin: "memblock_add 0 1G\nmemblock_reserve 1M 1M\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains("mb:kind=\"reserved\""))
    }

    func test_cast_ofTheDefaultDemo_parsesAsAsciicastV2_withAMarkerPerPhase() throws {
        let out = path("demo.cast")
        let r = try MBViz.run(["export", "cast", "demo:x86-numa2", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(header["version"] as? Int, 2)
        XCTAssertEqual(header["width"] as? Int, 120)
        XCTAssertEqual(header["height"] as? Int, 40)
        XCTAssertNotNil(header["timestamp"] as? Int)
        XCTAssertEqual((header["env"] as? [String: String])?["TERM"], "xterm-256color")
        XCTAssertEqual((header["theme"] as? [String: String])?["palette"]?.split(separator: ":").count, 16)
        var last = 0.0, markers: [String] = []
        for line in lines.dropFirst() {
            let e = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let t = try XCTUnwrap((e[0] as? NSNumber)?.doubleValue)
            XCTAssertGreaterThanOrEqual(t, last)
            last = t
            if e[1] as? String == "m" { markers.append(e[2] as? String ?? "") }
        }
        let demo = try MBViz.run(["demo", "--print", "x86-numa2"]).stdout
        let phases = demo.split(separator: "\n").filter { $0.hasPrefix("@phase ") }.map { $0.dropFirst(8).dropLast() }
        XCTAssertEqual(markers, phases.map(String.init))
        // 94 steps at 10 per second, a second before play and holds at the end.
        XCTAssertEqual(last, 1 + 9.4 + 3, accuracy: 1e-6)
    }

    func test_cast_isReproducible_withSourceDateEpoch() throws {
        var outputs: [String] = []
        for name in ["a.cast", "b.cast"] {
            // Through env(1): MBViz.run passes the test's own environment.
            let r = try Tmux.shell(["SOURCE_DATE_EPOCH=1700000000", "SHELL=/bin/sh", MBViz.path,
                                    "export", "cast", "demo:first-fit", "-o", path(name)])
            XCTAssertEqual(r.status, 0, r.stderr)
            outputs.append(try String(contentsOfFile: path(name), encoding: .utf8))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertTrue(outputs[0].hasPrefix("{\"version\": 2, \"width\": 120, \"height\": 40, \"timestamp\": 1700000000,"))
    }

    func test_cast_sizeSpeedAndLecture() throws {
        let out = path("l.cast")
        let r = try MBViz.run(["export", "cast", "demo:x86-numa2", "-o", out, "--size", "100x30", "--speed", "50", "--lecture"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.prefix { $0 != "\n" }.utf8)) as? [String: Any])
        XCTAssertEqual(header["width"] as? Int, 100)
        XCTAssertEqual(header["height"] as? Int, 30)
        XCTAssertTrue(text.contains("lecture"), "the status line says lecture")
        XCTAssertTrue(text.contains("phase 1 begins"))
    }

    func test_existingOutput_isReplacedOnlyWithForce() throws {
        for form in ["svg", "cast"] {
            let out = path("out.\(form)")
            try "old".write(toFile: out, atomically: true, encoding: .utf8)
            let refused = try MBViz.run(["export", form, "demo:x86-numa2", "-o", out])
            XCTAssertEqual(refused.status, 2)
            XCTAssertEqual(refused.stderr, "mbviz: \(out) already exists (add --force to replace it)\n")
            XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "old")
            let forced = try MBViz.run(["export", form, "demo:x86-numa2", "-o", out, "--force"])
            XCTAssertEqual(forced.status, 0, forced.stderr)
            XCTAssertNotEqual(try String(contentsOfFile: out, encoding: .utf8), "old")
            let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
            XCTAssertEqual((mode ?? 0) & 0o044, 0o044, "readable like any new file, not private like a temporary one")
        }
        XCTAssertEqual(try files(), ["out.cast", "out.svg"])
    }

    func test_badUsage_andUnreadableInput_exit2_withAMessage_andWriteNothing() throws {
        let out = path("x.svg")
        let cases: [[String]] = [
            ["export"],
            ["export", "png", "demo:x86-numa2", "-o", out],
            ["export", "svg", "demo:x86-numa2"],
            ["export", "svg", path("missing.mbtrace"), "-o", out],
            ["export", "svg", "demo:nonesuch", "-o", out],
            ["export", "svg", "demo:x86-numa2", "-o", out, "--step", "9999"],
            ["export", "svg", "demo:x86-numa2", "-o", out, "--width", "10"],
            ["export", "svg", "demo:x86-numa2", "-o", out, "--theme", "nonesuch"],
            ["export", "svg", "demo:x86-numa2", "-o", path("no/such/dir/x.svg")],
            ["export", "svg", "demo:x86-numa2", "-o", dir.path],
            ["export", "cast", "demo:x86-numa2", "-o", path("x.cast"), "--size", "0x0"],
            ["export", "cast", "demo:x86-numa2", "-o", path("x.cast"), "--speed", "0"],
            ["export", "cast", "demo:x86-numa2", "-o", path("x.cast"), "--fps", "0"],
        ]
        for args in cases {
            let r = try MBViz.run(args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("mbviz: "), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try files(), [])
    }

    func test_help_listsBothForms() throws {
        let r = try MBViz.run(["export", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("mbviz export svg FILE -o OUT.svg"), r.stdout)
        XCTAssertTrue(r.stdout.contains("mbviz export cast FILE -o OUT.cast"), r.stdout)
        for form in ["svg", "cast"] {
            let h = try MBViz.run(["export", form, "--help"])
            XCTAssertEqual(h.status, 0)
            XCTAssertTrue(h.stdout.contains("--force"), h.stdout)
        }
    }
}

/// Collects element names, ids, the root's attributes and all text of a document.
final class ElementCollector: NSObject, XMLParserDelegate {
    var names: [String] = []
    var ids: [String] = []
    var root: [String: String] = [:]
    var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if names.isEmpty { root = attributeDict }
        names.append(elementName)
        if let id = attributeDict["id"] { ids.append(id) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

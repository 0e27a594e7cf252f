import Foundation
import Memblock
import XCTest
@testable import MemblockView

/// `SVGExport`: a well-formed SVG 1.1 document whose structure says what the picture shows.
final class ExportTestsSVG: XCTestCase {
    func theme(_ name: String = "default") throws -> Theme { try XCTUnwrap(ThemeLoader.builtin(name)) }

    func svg(_ scene: Scene = .demoBoot(), theme name: String = "default",
             options: SVGExport.Options = SVGExport.Options()) throws -> XMLNode {
        try XMLNode.parse(SVGExport.render(scene, theme: try theme(name), options: options))
    }

    func test_root_isSvg11_withNamespace_sizeAndMatchingViewBox() throws {
        let text = SVGExport.render(.demoBoot(), theme: try theme(), options: SVGExport.Options(width: 1000))
        XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let root = try XMLNode.parse(text)
        XCTAssertEqual(root.name, "svg")
        XCTAssertEqual(root.attributes["xmlns"], "http://www.w3.org/2000/svg")
        XCTAssertEqual(root.attributes["xmlns:mb"], SVGWriter.dataNamespace)
        XCTAssertEqual(root.attributes["version"], "1.1")
        XCTAssertEqual(root.attributes["width"], "1000")
        let height = try XCTUnwrap(root.number("height"))
        XCTAssertGreaterThan(height, 200)
        XCTAssertEqual(root.attributes["viewBox"], "0 0 1000 \(root.attributes["height"]!)")
        XCTAssertTrue(root.children.contains { $0.name == "title" && $0.text.contains("step 12 of 40") })
        // Everything drawn lies inside the picture.
        for node in root.all({ $0.name == "rect" || $0.name == "text" }) {
            if let y = node.number("y") { XCTAssertLessThanOrEqual(y, height, "\(node.attributes)") }
            if let x = node.number("x"), let w = node.number("width") { XCTAssertLessThanOrEqual(x + w, 1000.001) }
        }
    }

    func test_band_hasAGroupPerLane_andARectPerVisibleRegionKind() throws {
        let root = try svg()
        let band = try XCTUnwrap(root.byID("band"))
        XCTAssertEqual(band.byClass("lane").map { $0.attributes["id"] }, ["lane-machine"])
        let machine = try XCTUnwrap(band.byID("lane-machine"))
        let kinds = Set(machine.byClass("span").compactMap { $0.attributes["mb:kind"] })
        // The BIOS area lies outside memory; the kernel and the allocations inside it.
        XCTAssertEqual(kinds, ["free", "reserved", "reserved-no-memory"])
        for kind in kinds {
            XCTAssertFalse(machine.byClass(kind).isEmpty, kind)
        }
    }

    func test_extraLanes_forPhysmemAndBuddy() throws {
        var mb = Scene.recordingMemblock(MemblockConfig(physMap: true))
        mb.add(0, 0x4000_0000)
        mb.physmemAdd(0, 0x4000_0000)
        mb.reserve(0x10_0000, 0x10_0000)
        mb.freeAll()
        let band = try XCTUnwrap(try svg(Scene(state: mb)).byID("band"))
        XCTAssertEqual(band.byClass("lane").compactMap { $0.attributes["id"] }, ["lane-machine", "lane-physmem", "lane-buddy"])
        XCTAssertEqual(band.byID("lane-physmem")?.byClass("span").count, 1)
        XCTAssertFalse(band.byID("lane-buddy")?.byClass("buddy").isEmpty ?? true)
    }

    func test_spans_sitAtTheirExactAddresses_onTheLinearScale() throws {
        let scene = Scene.demoBoot()
        let root = try svg(scene)
        let band = try XCTUnwrap(root.byID("band"))
        let background = try XCTUnwrap(band.byID("lane-machine")?.byClass("lane-background").first)
        let x0 = try XCTUnwrap(background.number("x")), width = try XCTUnwrap(background.number("width"))
        let window = AddressScale.fitWindow(scene.state)
        let spans = try XCTUnwrap(band.byID("lane-machine")).byClass("span")
        var covered = 0.0
        for s in spans {
            let lo = try XCTUnwrap(parseHex(s.attributes["mb:lo"])), hi = try XCTUnwrap(parseHex(s.attributes["mb:hi"]))
            let expectedX = x0 + Double(lo - window.lo) / Double(window.length) * width
            let expectedW = Double(hi - lo) / Double(window.length) * width
            XCTAssertEqual(try XCTUnwrap(s.number("x")), expectedX, accuracy: 2e-6, "\(s.attributes)")
            XCTAssertEqual(try XCTUnwrap(s.number("width")), expectedW, accuracy: 2e-6, "\(s.attributes)")
            covered += expectedW
        }
        // The kernel image: 32 MiB reserved at 16 MiB, one span of its own.
        XCTAssertTrue(spans.contains { $0.attributes["mb:lo"] == "0x100_0000" && $0.attributes["mb:hi"] == "0x300_0000"
                && $0.attributes["mb:kind"] == "reserved" })
        // Memory and the BIOS area cover everything but the holes (below 4K, 3G–4G).
        let memoryBytes = Double(scene.state.memory.regions.reduce(0) { $0 + $1.size } + 0x61000 - 0x1000)
        XCTAssertEqual(covered, memoryBytes / Double(window.length) * width, accuracy: 1e-3)
    }

    func test_tinySpans_getAOnePixelTick() throws {
        var mb = Scene.recordingMemblock()
        mb.add(0, 0x10_0000_0000)  // 64 GiB
        mb.reserve(0x8_0000_0000, 0x1000)
        let lane = try XCTUnwrap(try svg(Scene(state: mb)).byID("lane-machine"))
        let tiny = try XCTUnwrap(lane.byClass("reserved").first)
        XCTAssertLessThan(try XCTUnwrap(tiny.number("width")), 0.001)
        XCTAssertGreaterThan(try XCTUnwrap(tiny.number("width")), 0)
        let tick = try XCTUnwrap(lane.byClass("tick-mark").first)
        XCTAssertEqual(tick.number("width"), 1)
        XCTAssertEqual(tick.number("x") ?? -1, tiny.number("x") ?? 0, accuracy: 1e-6)
        XCTAssertGreaterThan(tick.number("y") ?? 0, tiny.number("y") ?? 0, "along the lane's bottom edge")
        XCTAssertEqual(lane.byClass("tick-mark").count, 1, "free memory gets no tick")
    }

    func test_axis_labelsAreTheTerminalsTicks() throws {
        let scene = Scene.demoBoot()
        let root = try svg(scene)
        let labels = try XCTUnwrap(root.byID("axis")).byClass("tick-label").map(\.text)
        let band = try XCTUnwrap(root.byID("lane-machine")?.byClass("lane-background").first)
        let px = PixelScale(state: scene.state, window: nil, mode: .linear, x0: band.number("x")!, width: band.number("width")!)
        XCTAssertEqual(labels, px.ticks.map(\.label))
        XCTAssertEqual(labels.first, "0")
        XCTAssertTrue(labels.contains("4G"), "\(labels)")
        XCTAssertGreaterThanOrEqual(labels.count, 5)
    }

    func test_legend_namesEveryKindShown_andTheMarkers() throws {
        let root = try svg()
        let entries = try XCTUnwrap(root.byID("legend")).byClass("legend-entry")
        let kinds = entries.compactMap { $0.attributes["mb:kind"] }
        XCTAssertEqual(kinds, ["reserved", "free", "reserved-no-memory", "changed", "current_limit"])
        XCTAssertEqual(entries.map { $0.allText.trimmingCharacters(in: .whitespacesAndNewlines) }, ["reserved", "free", "reserved, no memory", "changed", "current_limit"])
        for e in entries { XCTAssertEqual(e.children.first?.name, "rect") }
        XCTAssertEqual(root.byClass("changed").filter { $0.name == "path" }.count, 1)
        XCTAssertEqual(root.byClass("current-limit").count, 1)
    }

    func test_nodePanes_oneGroupPerNode_withTitleBandAndTotals() throws {
        let root = try svg()
        let panes = try XCTUnwrap(root.byID("nodes")).byClass("node-pane")
        XCTAssertEqual(panes.map { $0.attributes["mb:nid"] }, ["0", "1"])
        XCTAssertTrue(panes[0].byClass("node-title").first?.allText.hasPrefix("node 0 · ") ?? false)
        XCTAssertTrue(panes[1].byClass("node-title").first?.allText.hasPrefix("node 1 socket1 · 50% of memory") ?? false)
        // Node 1 has memory only: one free span over its whole band.
        XCTAssertEqual(panes[1].byClass("span").map { $0.attributes["mb:kind"] }, ["free"])
        XCTAssertEqual(panes[1].byClass("node-totals").first?.allText, "mem 4G rsv 0 free 4G · 1 region")
        XCTAssertFalse(panes[0].byClass("tick-label").isEmpty)
    }

    func test_header_showsStepPhaseOperationAndResult() throws {
        let header = try XCTUnwrap(try svg().byID("header"))
        XCTAssertEqual(header.byClass("step").first?.allText, "mbviz  step 12/40 · phase 2/4 setup_arch · x86_64")
        let op = try XCTUnwrap(header.byClass("operation").first?.allText)
        XCTAssertTrue(op.hasPrefix("memblock_alloc 2M 2M label=pgtable  → 0x"), op)
        XCTAssertTrue(header.byClass("totals").first?.allText.contains("limit 4G") ?? false)
    }

    func test_caption_isShown_andHostileTextIsEscaped() throws {
        var scene = Scene.demoBoot()
        scene.caption = "a <b>bold</b> & \"quoted\" 'claim' ]]> \u{1}\u{7f}\nsecond line"
        scene.operationText = "memblock_alloc 4K 4K label=<x&y>"
        let text = SVGExport.render(scene, theme: try theme(), options: SVGExport.Options())
        XCTAssertFalse(text.contains("<b>"))
        let root = try XMLNode.parse(text)
        let lines = try XCTUnwrap(root.byID("caption")).byClass("caption").map(\.text)
        XCTAssertEqual(lines, ["a <b>bold</b> & \"quoted\" 'claim' ]]> \u{fffd}\u{7f}", "second line"])
        XCTAssertTrue(root.byClass("operation").first?.allText.hasPrefix("memblock_alloc 4K 4K label=<x&y>") ?? false)
        // Without a caption there is no caption group.
        scene.caption = nil
        XCTAssertNil(try svg(scene).byID("caption"))
    }

    func test_longCaption_wrapsInsideThePicture() throws {
        var scene = Scene.demoBoot()
        scene.caption = String(repeating: "memblock reserves early memory ", count: 20)
        let lines = try XCTUnwrap(try svg(scene, options: SVGExport.Options(width: 600)).byID("caption")).byClass("caption")
        XCTAssertGreaterThan(lines.count, 5)
        for l in lines { XCTAssertLessThanOrEqual(Double(l.text.count) * SVGPainter.charWidth, 600 - 2 * SVGPainter.margin) }
    }

    func test_holesCompressed_marksTheHoles_andKeepsSpansInOrder() throws {
        let root = try svg(options: SVGExport.Options(scaleMode: .holesCompressed))
        XCTAssertTrue(root.byID("band")?.allText.contains("holes compressed") ?? false)
        XCTAssertTrue(root.byID("legend")?.byClass("legend-entry").contains { $0.attributes["mb:kind"] == "hole" } ?? false)
        XCTAssertFalse(root.byClass("gaps").isEmpty)
        let xs = try XCTUnwrap(root.byID("lane-machine")).byClass("span").compactMap { $0.number("x") }
        XCTAssertEqual(xs, xs.sorted())
    }

    func test_colours_comeFromTheTheme() throws {
        let projector = try theme("projector")
        let root = try svg(theme: "projector")
        XCTAssertEqual(root.byClass("canvas").first?.attributes["fill"], "#000000")
        let reserved = try XCTUnwrap(root.byID("lane-machine")?.byClass("reserved").first)
        XCTAssertEqual(reserved.attributes["fill"], projector.style(.reserved).foreground?.description)
        XCTAssertNil(reserved.attributes["fill-opacity"])
        // A theme that leaves colours to the terminal still gets distinct fills (by opacity).
        let mono = try svg(theme: "mono")
        let free = try XCTUnwrap(mono.byID("lane-machine")?.byClass("free").first)
        let rsv = try XCTUnwrap(mono.byID("lane-machine")?.byClass("reserved").first)
        XCTAssertNotEqual(free.attributes["fill-opacity"], rsv.attributes["fill-opacity"])
        // The light theme's canvas is light.
        XCTAssertEqual(try svg(theme: "light").byClass("canvas").first?.attributes["fill"], "#ffffff")
    }

    func test_emptyState_isStillAPicture() throws {
        let root = try svg(Scene(state: Memblock()))
        XCTAssertEqual(root.name, "svg")
        XCTAssertTrue(root.byClass("span").isEmpty)
        XCTAssertNil(root.byID("nodes"))
        XCTAssertEqual(root.byID("legend")?.byClass("legend-entry").count, 2)
    }

    func test_number_hasNoExponent_andKeepsMillionths() {
        XCTAssertEqual(SVGWriter.number(0), "0")
        XCTAssertEqual(SVGWriter.number(12.5), "12.5")
        XCTAssertEqual(SVGWriter.number(-3.25), "-3.25")
        XCTAssertEqual(SVGWriter.number(0.0000671), "0.000067")
        XCTAssertEqual(SVGWriter.number(1e-9), "0")
        XCTAssertEqual(SVGWriter.number(1200), "1200")
        XCTAssertEqual(SVGWriter.number(.nan), "0")
    }

    func test_escape_entitiesAndForbiddenCharacters() {
        XCTAssertEqual(SVGWriter.escape("a<b>&\"c\"'"), "a&lt;b&gt;&amp;\"c\"'")
        XCTAssertEqual(SVGWriter.escape("a\"'\n\t", attribute: true), "a&quot;&apos;&#10;&#9;")
        XCTAssertEqual(SVGWriter.escape("x\u{0}\u{1b}\u{fffe}y"), "x\u{fffd}\u{fffd}\u{fffd}y")
    }

    func parseHex(_ s: String?) -> UInt64? {
        guard let s, s.hasPrefix("0x") else { return nil }
        return UInt64(s.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16)
    }
}

import Memblock
import MemblockReplay
import MemblockTrace
import XCTest
@testable import MemblockView

/// Every key concept is on screen when its caption names it: at each stop of the lecture,
/// the frame the audience sees shows what the caption talks about.
final class LectureConceptTests: XCTestCase {
    /// A concept: when a caption names it (and the state has it), what the frame must show.
    struct Rule: Sendable {
        var name: String
        var named: @Sendable (String) -> Bool
        var applies: @Sendable (Memblock) -> Bool = { _ in true }
        var shown: @Sendable (_ frame: String, _ layout: Layout) -> Bool
    }

    static let rules: [Rule] = [
        Rule(name: "the two arrays", named: { $0.contains("memory") && $0.contains("reserved") },
             shown: { f, _ in
                 let totals = f.split(separator: "\n").dropFirst().first ?? ""
                 return totals.contains("│ memory ") && totals.contains("· reserved ") && totals.contains("/")
             }),
        Rule(name: "bottom-up", named: { $0.contains("bottom-up") && !$0.contains("top-down") },
             shown: { f, _ in f.split(separator: "\n").first?.contains("bottom-up") ?? false }),
        Rule(name: "top-down", named: { $0.contains("top-down") && !$0.contains("bottom-up") },
             shown: { f, _ in f.split(separator: "\n").first?.contains("top-down") ?? false }),
        Rule(name: "current_limit", named: { $0.contains("current_limit") },
             applies: { $0.currentLimit < AddressScale.fitWindow($0).hi && $0.currentLimit > 0 },
             shown: { f, _ in f.contains("▕ current_limit") }),
        Rule(name: "array doubling", named: { $0.contains("memblock_double_array") || $0.contains("doubles it") },
             applies: { $0.reserved.max > $0.config.initReservedRegions || $0.memory.max > $0.config.initMemoryRegions },
             shown: { f, _ in f.contains("×2") || f.contains("×4") }),
        Rule(name: "NUMA nodes", named: { $0.contains("node 1") || $0.contains("NUMA") },
             applies: { s in Set(s.memory.regions.map(\.nid)).filter { $0 >= 0 && $0 < s.config.maxNumnodes }.count >= 2 },
             shown: { _, l in l.nodePanes.count >= 2 }),
        Rule(name: "buddy blocks", named: { $0.contains("buddy") }, applies: { $0.buddy != nil },
             shown: { f, _ in f.contains("buddy block") }),
        Rule(name: "mirror", named: { $0.lowercased().contains("mirror") },
             applies: { s in s.memory.regions.contains { $0.flags.contains(.mirror) } },
             shown: { f, _ in f.contains("═ mirror") }),
        Rule(name: "NOMAP", named: { $0.contains("NOMAP") }, applies: { s in s.memory.regions.contains { $0.flags.contains(.nomap) } },
             shown: { f, _ in f.contains("▒ nomap") }),
    ]

    func test_everyConcept_isOnScreen_whenItsCaptionNamesIt() throws {
        var checked: [String: Int] = [:]
        for part in Lecture.parts {
            let trace = try part.demo.trace()
            let controller = Controller(timeline: Timeline(trace: trace), lectureMode: true)
            let builder = SceneBuilder(controller: controller, showsCaptions: true)
            for stop in Lecture.stops(trace) {
                guard let caption = stop.caption else { continue }
                controller.seek(to: stop.position)
                var scene = builder.scene(ui: UIState())
                scene.playback.lecture = true
                let layout = Layout.compute(scene, width: 120, height: 40)
                let frame = renderScreen(scene, width: 120, height: 40).text
                for rule in Self.rules where rule.named(caption) && rule.applies(scene.state) {
                    checked[rule.name, default: 0] += 1
                    XCTAssertTrue(rule.shown(frame, layout), "\(part.demo.name) step \(stop.position): '\(rule.name)' named but not shown\n\(caption)\n\(frame)")
                }
            }
        }
        for rule in Self.rules { XCTAssertGreaterThan(checked[rule.name] ?? 0, 0, "no caption exercised '\(rule.name)'") }
        print("concepts checked on screen: \(checked.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
    }
}

import Memblock
import MemblockApp
import MemblockReplay
import MemblockTrace
import MemblockView
import XCTest

/// Every key and message, in every pane, on traces at the bottom and the top of the
/// address space and on tiny and huge terminals: update never traps, the view always
/// fills the screen exactly, and the position stays within the trace.
final class SweepUpdateTests: XCTestCase {
    /// Every key the app binds, plus a few it ignores.
    static let keys: [AppKey] = [
        " ", "l", "n", "N", "h", "p", "]", "[", "G", "+", "=", "-", "_", "z", "Z", "0", "c", "j", "k", "1", "2", "3",
        "b", "B", ">", "<", "m", "M", "x", ".", ",", "L", "?", "a", "d", "e", "y",
    ].map { AppKey.character(Character($0)) } + [
        .right, .left, .up, .down, .pageUp, .pageDown, .home, .end, .tab, .backTab, .enter, .escape, .backspace,
        .function(1),
    ]

    static let edgeTrace = """
    @mbtrace 1
    memblock_add 0 0x1000
    memblock_add 0xfffffffffff00000 0xfffff
    memblock_reserve 0xfffffffffff00000 0x1000 label=top by=edge_test
    memblock_reserve 0 0x1000 label=bottom by=edge_test
    memblock_alloc 0x1000 0x1000 label=a
    memblock_alloc 0x100000 0x1000 label=b

    """

    func test_everyKey_inEveryPane_atTheEdgesOfTheSpace_andEverySize() throws {
        for text in [sampleTrace, Self.edgeTrace] {
            for (c, r) in [(10, 3), (80, 24), (140, 40), (300, 100)] {
                var m = try model(text, columns: c, rows: r, start: 3)
                m.compare([.bottomUp(true)])
                for round in 0..<3 {
                    for key in Self.keys {
                        send(&m, .key(key))
                        if m.prompt != nil { send(&m, .key(.escape)) }
                        XCTAssertTrue((0...m.stepCount).contains(m.position))
                        if let z = m.ui.zoom { XCTAssertLessThan(z.lo, z.hi) }
                    }
                    send(&m, .tick(elapsed: 0.3), .mouse(AppMouse(x: round * 7, y: round * 5, kind: .press)),
                         .mouse(AppMouse(x: 3, y: r - 3, kind: .wheelUp)), .mouse(AppMouse(x: 3, y: r - 3, kind: .wheelDown)))
                    let b = view(m)
                    XCTAssertEqual(b.width, c)
                    XCTAssertEqual(b.height, r)
                }
            }
        }
    }

    func test_breakpointKey_e_togglesLikeEnter() throws {
        var m = try model()
        send(&m, .key(.character("B")), .key(.character("a")))
        type(&m, "failure")
        send(&m, .key(.enter), .key(.character("e")))
        XCTAssertFalse(m.breakpoints[0].enabled)
        XCTAssertEqual(scene(m).breakpointList, [BreakpointInfo(text: "on failure", enabled: false)])
        send(&m, .key(.character("e")))
        XCTAssertTrue(m.breakpoints[0].enabled)
    }

    func test_ignoredKeys_changeNothing() throws {
        var m = try model(start: 4)
        let before = (m.position, m.ui)
        send(&m, .key(.function(5)), .key(.character("y")), .mouse(AppMouse(x: 0, y: 0, kind: .other)))
        XCTAssertEqual(m.position, before.0)
        XCTAssertEqual(m.ui, before.1)
    }
}

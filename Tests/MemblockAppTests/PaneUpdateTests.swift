import Memblock
import MemblockApp
import MemblockReplay
import MemblockTrace
import MemblockView
import XCTest

/// The steps pane, breakpoints, focus, overlays, themes, mouse, resize and quit.
final class PaneUpdateTests: XCTestCase {
    /// A trace of `n` reservations, one page apart.
    func longTrace(_ n: Int) -> String {
        var s = "@mbtrace 1\nmemblock_add 0 0x100000000\n"
        for i in 0..<n { s += "memblock_reserve 0x\(String(0x10_0000 + i * 0x2000, radix: 16)) 0x1000 label=r\(i)\n" }
        return s
    }

    func test_stepsPane_scrollsTheWholeTraceBothWays_withinBounds() throws {
        var m = try model(longTrace(300), start: 150)
        send(&m, .key(.tab), .key(.tab))
        XCTAssertEqual(m.ui.focus, .log)
        XCTAssertEqual(m.ui.logCursor, 150)
        send(&m, .key(.character("k")), .key(.up))
        XCTAssertEqual(m.ui.logCursor, 148)
        send(&m, .key(.pageDown))
        XCTAssertEqual(m.ui.logCursor, 161)
        send(&m, .key(.home))
        XCTAssertEqual(m.ui.logCursor, 1)
        XCTAssertEqual(m.ui.logTop, 1)
        send(&m, .key(.pageUp), .key(.character("k")))
        XCTAssertEqual(m.ui.logCursor, 1, "never above the first step")
        let top = renderScreen(scene(m), width: 120, height: 40).text
        XCTAssertTrue(top.contains("      2 memblock_reserve"), top)
        send(&m, .key(.escape))
        XCTAssertNil(m.ui.logTop, "Esc follows the current step again")
        XCTAssertEqual(m.ui.logCursor, 150)
        send(&m, .key(.end), .key(.character("j")), .key(.pageDown))
        XCTAssertEqual(m.ui.logCursor, 301, "never past the last step")
        XCTAssertTrue(renderScreen(scene(m), width: 120, height: 40).text.contains("›  301 memblock_reserve"), "the cursor's step is in view")
        send(&m, .key(.enter))
        XCTAssertEqual(m.position, 301)
        XCTAssertNil(m.ui.logTop, "back to following the current step")
    }

    func test_stepsPane_keepsTheCurrentStepInView_whilePlaying() throws {
        var m = try model(longTrace(300))
        send(&m, .key(.character(" ")), .tick(elapsed: 20))
        XCTAssertEqual(m.position, 160)
        XCTAssertTrue(renderScreen(scene(m), width: 120, height: 40).text.contains("▶  160 memblock_reserve"))
    }

    func test_breakpoints_addListDisableDelete_andPlayToOne() throws {
        var m = try model()
        send(&m, .key(.character("B")))
        XCTAssertTrue(m.ui.breakpointsVisible)
        XCTAssertEqual(m.ui.focus, .breakpoints)
        for text in ["0x3000000-0x3000fff", "by=sparse_init", "$huge", "memblock_set_bottom_up", "failure", "mismatch", "phase 3"] {
            send(&m, .key(.character("a")))
            type(&m, text)
            send(&m, .key(.enter))
        }
        XCTAssertEqual(scene(m).breakpointList.map(\.text), [
            "on [0x0000000003000000-0x0000000003000fff]", "on by=sparse_init…", "on $huge", "on memblock_set_bottom_up",
            "on failure", "on expectation mismatch", "at phase 3",
        ])
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 1, "memblock_add 0 0x10000000 covers the range")
        XCTAssertEqual(m.stopReason, "breakpoint on [0x0000000003000000-0x0000000003000fff]")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 4, "the reservation of the range")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 5)
        XCTAssertEqual(m.stopReason, "breakpoint on by=sparse_init…")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.stopReason, "breakpoint on $huge")
        // Disable the caller breakpoint; delete the label one.
        send(&m, .key(.home), .key(.character("j")), .key(.enter))
        XCTAssertFalse(m.breakpoints[1].enabled)
        send(&m, .key(.character("j")), .key(.character("d")))
        XCTAssertEqual(m.breakpoints.count, 6)
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 7, "the caller breakpoint is off")
        XCTAssertEqual(m.stopReason, "breakpoint on expectation mismatch")
        send(&m, .key(.character(" ")), .tick(elapsed: 10))
        XCTAssertEqual(m.position, 8)
        XCTAssertEqual(m.stopReason, "breakpoint on memblock_set_bottom_up")
        send(&m, .key(.character("a")))
        type(&m, "nonsense here")
        send(&m, .key(.enter))
        XCTAssertTrue(m.ui.message?.hasPrefix("not a breakpoint") ?? false)
        send(&m, .key(.character("B")))
        XCTAssertFalse(m.ui.breakpointsVisible)
        XCTAssertEqual(m.ui.focus, .band)
    }

    func test_b_togglesABreakpointOnTheCurrentOperationKind() throws {
        var m = try model()
        send(&m, .key(.character("b")))
        XCTAssertEqual(m.ui.message, "no operation at step 0: step forward first")
        send(&m, .key(.character("l")), .key(.character("b")))
        XCTAssertEqual(m.breakpoints.map(\.breakpoint), [.replay(.operation(.add))])
        send(&m, .key(.character("b")))
        XCTAssertTrue(m.breakpoints.isEmpty)
    }

    func test_focusCycle_tabAndBackTab_visitOnlyShownPanes() throws {
        var m = try model(columns: 200, rows: 60)
        var seen: [UIState.Pane] = []
        for _ in 0..<4 { send(&m, .key(.tab)); seen.append(m.ui.focus) }
        XCTAssertEqual(seen, [.table, .details, .log, .band])
        send(&m, .key(.backTab))
        XCTAssertEqual(m.ui.focus, .log)
    }

    func test_overlayAndViewKeys() throws {
        var m = try model(start: 5)
        send(&m, .key(.character("?")))
        XCTAssertTrue(m.ui.helpVisible)
        send(&m, .key(.escape))
        XCTAssertFalse(m.ui.helpVisible)
        send(&m, .key(.character("x")))
        XCTAssertTrue(m.ui.explainVisible)
        send(&m, .key(.character(".")))
        XCTAssertEqual(m.ui.explainCandidate, 0)
        send(&m, .key(.character(",")))
        XCTAssertNil(m.ui.explainCandidate, "before the first candidate: the whole search")
        send(&m, .key(.escape))
        XCTAssertFalse(m.ui.explainVisible)
        send(&m, .key(.character("c")))
        XCTAssertEqual(m.ui.scaleMode, .holesCompressed)
        send(&m, .key(.character("1")))
        XCTAssertEqual(m.ui.tableTab, .memory)
        send(&m, .key(.character("3")))
        XCTAssertEqual(m.ui.message, "this trace has no physmem array")
        send(&m, .key(.character("2")))
        XCTAssertEqual(m.ui.tableTab, .reserved)
        send(&m, .key(.character("j")))
        XCTAssertNotNil(m.ui.tableScroll)
    }

    func test_themeKey_asksForTheNextTheme_andShowsTheResult() throws {
        var m = try model()
        XCTAssertEqual(send(&m, .key(.character("t"))), [.loadTheme("light")])
        send(&m, .themeLoaded("light"))
        XCTAssertEqual(m.ui.themeName, "light")
        XCTAssertEqual(send(&m, .key(.character("t"))), [.loadTheme("projector")])
        send(&m, .themeFailed("theme projector: unreadable"))
        XCTAssertEqual(m.ui.message, "theme projector: unreadable")
    }

    func test_q_quits() throws {
        var m = try model()
        XCTAssertEqual(send(&m, .key(.character("q"))), [.quit])
        XCTAssertFalse(m.running)
        var m2 = try model()
        XCTAssertEqual(send(&m2, .key(.character("Q"))), [.quit])
    }

    func test_mouse_selectsUnderThePointer_wheelScrolls() throws {
        var m = try model(start: 9)
        let layout = Layout.compute(scene(m), width: 120, height: 40)
        send(&m, .mouse(AppMouse(x: 3, y: layout.table.y + 2, kind: .press)))
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 0))
        XCTAssertEqual(m.ui.focus, .table)
        send(&m, .mouse(AppMouse(x: 3, y: layout.table.y + 2, kind: .wheelDown)))
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 1))
        send(&m, .mouse(AppMouse(x: 3, y: layout.table.y + 2, kind: .wheelUp)))
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 0), "the wheel moves the focused table's selection back")
        send(&m, .mouse(AppMouse(x: 1, y: 0, kind: .press)), .mouse(AppMouse(x: 1, y: 0, kind: .other)))
        XCTAssertEqual(m.ui.focus, .table, "the status line is not a pane")
    }

    func test_resize_tinyAndHugeTerminals_drawWithoutTrouble() throws {
        var m = try model(start: 4)
        for (c, r) in [(0, 0), (1, 1), (10, 3), (79, 23), (80, 24), (1000, 400)] {
            send(&m, .resize(columns: c, rows: r))
            let b = view(m)
            XCTAssertEqual(b.width, c)
            XCTAssertEqual(b.height, r)
            for key: AppKey in [.tab, .character("j"), .character("z"), .enter, .pageDown] { send(&m, .key(key)) }
            _ = view(m)
        }
        send(&m, .resize(columns: -5, rows: -1))
        XCTAssertEqual(m.columns, 0)
        let before = m.position
        send(&m, .progress(computed: 3))
        XCTAssertEqual(m.position, before, "progress changes nothing the user sees but the percentage")
    }

    func test_aDoubledArray_isOwnedByMemblockDoubleArray() throws {
        let demo = try XCTUnwrap(Demos.named("array-doubling"))
        var m = AppModel(env: AppEnvironment(trace: try demo.trace()))
        send(&m, .key(.character("G")))
        let owners = scene(m).owners.filter { $0.label.hasPrefix("memblock_double_array") }
        XCTAssertFalse(owners.isEmpty)
        XCTAssertTrue(owners.allSatisfy { $0.step != nil && $0.by == nil })
    }
}

/// A chained lecture part's ends, and the buddy hand-off's animation.
final class LectureUpdateTests: XCTestCase {
    func test_chainedPart_movesOnPastTheLastStep_andBackBeforeTheFirst() throws {
        var m = try model()
        m.chained = true
        XCTAssertEqual(send(&m, .key(.character("h"))), [.quit])
        XCTAssertEqual(m.ended, .previous)
        var n = try model(start: 9)
        n.chained = true
        send(&n, .key(.character("q")))
        XCTAssertEqual(n.ended, .quit)
        var o = try model(start: 9)
        o.chained = true
        XCTAssertEqual(send(&o, .key(.character(" "))), [.quit])
        XCTAssertEqual(o.ended, .next)
        var unchained = try model(start: 9)
        XCTAssertEqual(send(&unchained, .key(.character("l"))), [])
        XCTAssertTrue(unchained.running)
    }

    func test_handOff_animatesOverTicks_andAKeyFinishesIt() throws {
        let demo = try XCTUnwrap(Demos.named("buddy-handoff"))
        let trace = try demo.trace()
        let free = try XCTUnwrap(trace.steps.firstIndex { $0.operation.kind == .freeAll }) + 1
        var m = AppModel(env: AppEnvironment(trace: trace), start: free - 1)
        send(&m, .key(.character("l")))
        XCTAssertEqual(m.ui.buddyProgress, 0)
        XCTAssertTrue(m.isAnimating)
        send(&m, .tick(elapsed: 1))
        XCTAssertEqual(m.ui.buddyProgress ?? -1, 0.25, accuracy: 1e-9)
        send(&m, .tick(elapsed: 3.5))
        XCTAssertNil(m.ui.buddyProgress, "done after four seconds")
        send(&m, .key(.character("h")), .key(.character("l")))
        XCTAssertNotNil(m.ui.buddyProgress)
        send(&m, .key(.character("c")))
        XCTAssertNil(m.ui.buddyProgress, "any key shows it done")
        send(&m, .key(.character("G")))
        XCTAssertNil(m.ui.buddyProgress, "seeking past it does not animate")
    }
}

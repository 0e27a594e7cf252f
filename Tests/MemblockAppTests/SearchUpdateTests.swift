import Memblock
import MemblockApp
import MemblockReplay
import MemblockTrace
import MemblockView
import XCTest

/// `/` search (label, caller, address, step), `n`/`N`, Enter on results and rows.
final class SearchUpdateTests: XCTestCase {
    func search(_ m: inout AppModel, _ q: String) {
        send(&m, .key(.character("/")))
        type(&m, q)
        send(&m, .key(.enter))
    }

    func test_label_goesToTheStepThatSetIt_andSelectsItsRegion() throws {
        var m = try model(start: 9)
        search(&m, "kernel_image")
        XCTAssertEqual(m.position, 3)
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 0))
        XCTAssertEqual(m.ui.message, "kernel_image: match 1 of 1, step 3 · n next · N previous · esc done")
    }

    func test_caller_prefix_andNextPrevious_wrap() throws {
        var m = try model()
        search(&m, "by=sparse_init")
        XCTAssertEqual(m.search?.steps, [5, 7])
        XCTAssertEqual(m.position, 5)
        send(&m, .key(.character("n")))
        XCTAssertEqual(m.position, 7, "n is the next match while a search is active")
        send(&m, .key(.character("n")))
        XCTAssertEqual(m.position, 5, "wraps")
        send(&m, .key(.character("N")))
        XCTAssertEqual(m.position, 7)
        send(&m, .key(.escape))
        send(&m, .key(.character("n")))
        XCTAssertEqual(m.position, 8, "without a search n steps forward again")
    }

    func test_bareWord_triesLabelsThenCallers() throws {
        var m = try model()
        search(&m, "setup_arch")
        XCTAssertEqual(m.search?.steps, [3, 4])
        search(&m, "pgd")
        XCTAssertEqual(m.search?.steps, [5, 7])
        search(&m, "$brk")
        XCTAssertEqual(m.search?.steps, [4])
        search(&m, "memblock_add")
        XCTAssertEqual(m.search?.steps, [1, 2], "an operation's name")
        search(&m, "nothing_like_it")
        XCTAssertNil(m.search)
        XCTAssertEqual(m.ui.message, "no step with label or caller 'nothing_like_it'")
    }

    func test_stepNumber() throws {
        var m = try model()
        search(&m, "#6")
        XCTAssertEqual(m.position, 6)
        search(&m, "step 2")
        XCTAssertEqual(m.position, 2)
        search(&m, "#60")
        XCTAssertEqual(m.ui.message, "no step #60 (the trace has 9)")
    }

    func test_address_selectsTheRegion_andNGoesToItsOwner() throws {
        var m = try model(start: 9)
        search(&m, "0x3000800")
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 1), "kernel_image and brk merged into one region")
        XCTAssertEqual(m.ui.message, "0x3000800: reserved[1]: reserved by step 4 (n goes there)")
        XCTAssertEqual(m.ui.ownerCursor, 1, "the owner of the address, not the region's first")
        var viaEnter = m
        send(&viaEnter, .key(.enter))
        XCTAssertEqual(viaEnter.position, 4, "Enter goes to the step that reserved the address")
        send(&m, .key(.character("n")))
        XCTAssertEqual(m.position, 4)
        search(&m, "0x18000000")
        XCTAssertEqual(m.ui.message, "0x18000000 = 0x1800_0000: not in memory or reserved at step 4")
    }

    func test_addressesAtZeroAndNearTheTop_searchAndZoomExactly() throws {
        let text = "@mbtrace 1\nmemblock_add 0xfffffffffff00000 0xfffff\nmemblock_add 0 0x1000\n"
        var m = try model(text)
        send(&m, .key(.character("G")))
        search(&m, "0xfffffffffff00800")
        XCTAssertEqual(m.ui.selection, RegionRef(.memory, 1))
        for _ in 0..<40 { send(&m, .key(.character("z"))) }
        let w = try XCTUnwrap(m.ui.zoom)
        XCTAssertEqual(w.hi - w.lo, Zoom.minimumWidth)
        XCTAssertTrue(w.contains(0xffff_ffff_fff7_ffff), "centred on the region")
        for _ in 0..<1000 { send(&m, .key(.right)) }
        XCTAssertEqual(m.ui.zoom?.hi, .max, "panning stops at the top of the space")
        search(&m, "0")
        XCTAssertEqual(m.ui.selection, RegionRef(.memory, 0))
        send(&m, .key(.character("z")))
        XCTAssertEqual(m.ui.zoom?.lo, 0)
        for _ in 0..<1000 { send(&m, .key(.left)) }
        XCTAssertEqual(m.ui.zoom?.lo, 0, "panning stops at 0")
        for _ in 0..<40 { send(&m, .key(.character("Z"))) }
        XCTAssertNil(m.ui.zoom, "zooming out past half the space fits everything")
        _ = view(m)
    }

    func test_z_zoomsOnTheLastChange_notTheMiddle() throws {
        var m = try model(start: 5)  // step 5 allocated 4K at 0x2ffff000
        send(&m, .key(.character("z")), .key(.character("z")), .key(.character("z")))
        let w = try XCTUnwrap(m.ui.zoom)
        XCTAssertTrue(w.contains(0x2fff_f000))
        send(&m, .key(.character("0")))
        XCTAssertNil(m.ui.zoom)
    }

    func test_enterOnATableRow_goesToTheStepThatMadeIt_detailsListEveryOwner() throws {
        var m = try model(columns: 200, rows: 50, start: 9)
        send(&m, .key(.tab))
        XCTAssertEqual(m.ui.focus, .table)
        send(&m, .key(.character("j")), .key(.character("j")))
        XCTAssertEqual(m.ui.selection, RegionRef(.reserved, 1))
        let owners = scene(m).selectedOwners
        XCTAssertEqual(owners.map(\.step), [3, 4], "the merged region lists both owners with their steps")
        send(&m, .key(.enter))
        XCTAssertEqual(m.position, 3)
        XCTAssertEqual(m.ui.message, "step 3 made kernel_image #3 (setup_arch+0x10/0x20)")
        send(&m, .key(.character("G")), .key(.tab))
        XCTAssertEqual(m.ui.focus, .details)
        send(&m, .key(.character("j")), .key(.enter))
        XCTAssertEqual(m.position, 4, "the second owner")
        send(&m, .key(.character("k")))
        XCTAssertEqual(m.ui.ownerCursor, 0)
    }

    func test_tableKeys_moveTheSelectionWithinBounds() throws {
        var m = try model(start: 9)
        send(&m, .key(.tab))
        for _ in 0..<10 { send(&m, .key(.down)) }
        let count = m.state.reserved.cnt
        XCTAssertEqual(m.ui.selection?.index, count - 1)
        send(&m, .key(.pageUp), .key(.character("k")), .key(.up))
        XCTAssertEqual(m.ui.selection?.index, 0)
        send(&m, .key(.pageDown))
        XCTAssertEqual(m.ui.selection?.index, count - 1)
    }

    func test_memoryRegionDetails_showMemoryFacts() throws {
        var m = try model(start: 9)
        send(&m, .key(.character("1")), .key(.tab), .key(.character("j")))
        XCTAssertEqual(m.ui.selection, RegionRef(.memory, 0))
        XCTAssertTrue(scene(m).selectedOwners.isEmpty)
        let text = renderScreen(scene(m), width: 200, height: 50).text
        XCTAssertTrue(text.contains("details · memory[0]"), text)
        XCTAssertTrue(text.contains("reserved 32M of 256M (13%) in 2 regions"), text.split(separator: "\n").filter { $0.contains("reserved") }.joined(separator: "\n"))
    }
}

/// The details pane on narrower screens.
final class NarrowDetailsTests: XCTestCase {
    func test_at120x40_aSelectedMergedRegion_listsEveryOwner_betweenTableAndSteps() throws {
        var m = try model(columns: 120, rows: 40, start: 9)
        send(&m, .key(.tab), .key(.character("j")), .key(.character("j")))
        let layout = Layout.compute(scene(m), width: 120, height: 40)
        let details = try XCTUnwrap(layout.details)
        XCTAssertEqual(details.y, layout.table.maxY)
        XCTAssertEqual(layout.log?.y, details.maxY)
        let text = view(m).text
        XCTAssertTrue(text.contains("2 owners:"), text)
        XCTAssertTrue(text.contains("step 3  kernel_image #3"), text)
        XCTAssertTrue(text.contains("step 4  brk #4"), text)
        send(&m, .key(.escape))
        XCTAssertNil(Layout.compute(scene(m), width: 120, height: 40).details, "no selection, no pane")
    }
}

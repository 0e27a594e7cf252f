import Memblock
import MemblockApp
import MemblockReplay
import MemblockTrace
import MemblockView
import XCTest

/// A small trace with phases, labels, callers, a failure, a mismatch and a pause.
let sampleTrace = """
@mbtrace 1
@phase "memory"
@note "RAM arrives."
memblock_add 0 0x10000000 by=e820__memblock_setup+0x65/0x7d
memblock_add 0x20000000 0x10000000 by=e820__memblock_setup+0x65/0x7d
@phase "reservations"
@note "The kernel image is reserved first."
memblock_reserve 0x1000000 0x2000000 by=setup_arch+0x10/0x20 label=kernel_image
memblock_reserve 0x3000000 0x1000 by=setup_arch+0x30/0x40 label=brk
@pause
memblock_alloc 0x1000 0x1000 by=sparse_init+0x1/0x2 label=pgd
memblock_alloc 0x100000000000 0x1000 label=huge
memblock_alloc 0x2000 0x1000 by=sparse_init+0x5/0x6 label=pgd => 0x1
@phase "late"
memblock_set_bottom_up 1
memblock_alloc 0x1000 0x1000 by=late_alloc+0x1/0x2 label=low

"""

/// A model over `text` on a `columns × rows` screen, at `start`.
func model(_ text: String = sampleTrace, columns: Int = 120, rows: Int = 40, start: Int = 0,
           lecture: Bool = false) throws -> AppModel {
    let trace = try TraceParser.parse(text, file: "t.mbtrace")
    return AppModel(env: AppEnvironment(trace: trace), columns: columns, rows: rows, start: start, lecture: lecture,
                    themeNames: ["default", "light", "projector"])
}

/// Sends messages in order, collecting every effect.
@discardableResult
func send(_ m: inout AppModel, _ messages: Message...) -> [Effect] {
    var all: [Effect] = []
    for message in messages {
        let (next, effects) = update(m, message)
        m = next
        all += effects
    }
    return all
}

/// Sends one key per character of `text`.
func type(_ m: inout AppModel, _ text: String) {
    for c in text { send(&m, .key(.character(c))) }
}


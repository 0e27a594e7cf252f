import Memblock
@testable import MemblockView

/// Scenes built by calling the Memblock API directly, as the stepping controller will.
extension Scene {
    /// A fresh allocator that records messages and searches.
    static func recordingMemblock(_ config: MemblockConfig = MemblockConfig()) -> Memblock {
        var mb = Memblock(config: config)
        mb.log = MemblockLog(isEnabled: true, recordsSearches: true)
        return mb
    }

    /// An x86_64-like machine on two nodes: low memory, memory up to 3 GiB and from 4 GiB
    /// on node 0, 4 GiB on node 1; the BIOS area reserved outside memory, the kernel image
    /// and a few allocations.
    static func demoBootState() -> Memblock {
        var mb = recordingMemblock()
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0xbff0_0000, nid: 0)
        mb.addNode(0x1_0000_0000, 0x4000_0000, nid: 0)
        mb.addNode(0x1_4000_0000, 0x1_0000_0000, nid: 1)
        mb.reserve(0x9f000, 0x61000)
        mb.reserve(0x100_0000, 0x200_0000)
        mb.reserve(0x3fe0_0000, 0x20_0000)
        mb.setCurrentLimit(0x1_0000_0000)
        _ = mb.alloc(0x1000, 0x1000)
        _ = mb.alloc(0x4000, 0x1000)
        return mb
    }

    /// The boot machine after one more allocation (`memblock_alloc 2M 2M label=pgtable`),
    /// with the step's outcome, events, changes, owners and searches filled as the
    /// controller would.
    static func demoBoot(ui: UIState = UIState()) -> Scene {
        var mb = demoBootState()
        let before = mb
        mb.log.removeAll()
        let addr = mb.alloc(0x20_0000, 0x20_0000) ?? 0
        let messages = mb.log.messages
        let searches = mb.log.searches
        var scene = Scene(state: mb, step: 12, stepCount: 40, arch: "x86_64", nodeNames: [1: "socket1"],
                          phase: PhaseInfo(name: "setup_arch", index: 1, count: 4, firstStep: 5, lastStep: 20),
                          caption: "The page tables come from the top of the accessible memory: top-down first fit.",
                          operationText: "memblock_alloc 2M 2M label=pgtable",
                          outcome: StepOutcomeInfo(.address(addr), messages: messages),
                          events: demoEvents(lastAddress: addr, messages: messages),
                          changes: [.reserved: diff(before.reserved, mb.reserved)],
                          owners: [OwnerSpan(base: 0x9f000, size: 0x61000, label: "BIOS"),
                                   OwnerSpan(base: 0x100_0000, size: 0x200_0000, label: "kernel", by: "setup_arch"),
                                   OwnerSpan(base: addr, size: 0x20_0000, label: "pgtable", by: "init_mem_mapping")],
                          searches: searches, ui: ui)
        scene.playback = PlaybackInfo(isPlaying: false, speed: 10)
        return scene
    }

    /// A few past events ending with the current step.
    static func demoEvents(lastAddress: PhysAddr, messages: [MemblockMessage]) -> [EventInfo] {
        [EventInfo(step: 9, text: "memblock_reserve 0x1000000 32M label=kernel"),
         EventInfo(step: 10, text: "memblock_alloc 4K 4K", outcome: StepOutcomeInfo(.address(0xffff_f000))),
         EventInfo(step: 11, text: "memblock_alloc 1T 4K label=huge",
                   outcome: StepOutcomeInfo(.failed("NULL"), messages: [MemblockMessage(.error, "memblock_alloc: Failed to allocate 1T")])),
         EventInfo(step: 12, text: "memblock_alloc 2M 2M label=pgtable",
                   outcome: StepOutcomeInfo(.address(lastAddress), messages: messages)),
         EventInfo(step: 13, text: "memblock_reserve 0x37000000 8M label=initrd"),
         EventInfo(step: 14, text: "memblock_alloc 16K 4K label=node_data")]
    }

    /// The change record between two versions of a type: indices of regions in `after` not
    /// present in `before`, and regions of `before` gone from `after`.
    static func diff(_ before: MemblockType, _ after: MemblockType) -> RegionChangeInfo {
        let old = Set(before.regions.filter { $0.size > 0 })
        let new = Set(after.regions.filter { $0.size > 0 })
        let changed = after.regions.indices.filter { after.regions[$0].size > 0 && !old.contains(after.regions[$0]) }
        let removed = before.regions.filter { old in
            old.size > 0 && !new.contains(old) && !after.regions.contains { $0.base <= old.base && old.end <= $0.end }
        }
        return RegionChangeInfo(changed: changed, removed: removed)
    }

    /// 129 separate 4 KiB reservations with resizing allowed: the reserved array has been
    /// doubled from 128 to 256 entries by the last one.
    static func demoDoubling() -> Scene {
        var mb = recordingMemblock()
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0x3ff0_0000, nid: 0)
        mb.setCurrentLimit(0x4000_0000)
        mb.allowResize()
        for i in 0..<128 { mb.reserve(0x20_0000 + PhysAddr(i) * 0x2_0000, 0x1000) }
        let before = mb
        mb.log.removeAll()
        mb.reserve(0x20_0000 + 128 * 0x2_0000, 0x1000)
        let messages = mb.log.messages
        return Scene(state: mb, step: 129, stepCount: 129, arch: "x86_64",
                     operationText: "memblock_reserve 0x1200000 4K",
                     outcome: StepOutcomeInfo(.ok, messages: messages),
                     events: [EventInfo(step: 129, text: "memblock_reserve 0x1200000 4K",
                                        outcome: StepOutcomeInfo(.ok, messages: messages))],
                     changes: [.reserved: diff(before.reserved, mb.reserved)],
                     searches: mb.log.searches)
    }

    /// An allocation on node 1 whose memory is all reserved: the search on node 1 finds
    /// nothing and the retry on any node lands on node 0.
    static func demoNumaFallback(explain: Bool = true) -> Scene {
        var mb = recordingMemblock()
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0x7ff0_0000, nid: 0)
        mb.addNode(0x8000_0000, 0x8000_0000, nid: 1)
        mb.reserve(0x8000_0000, 0x8000_0000)
        mb.reserve(0x7000_0000, 0x1000_0000)
        let before = mb
        mb.log.removeAll()
        let addr = mb.allocNode(0x10_0000, 0x1000, nid: 1) ?? 0
        let messages = mb.log.messages
        var ui = UIState()
        ui.explainVisible = explain
        return Scene(state: mb, step: 7, stepCount: 9, arch: "x86_64",
                     operationText: "memblock_alloc_node 1M 4K nid=1 label=node_data",
                     outcome: StepOutcomeInfo(.address(addr), messages: messages),
                     events: [EventInfo(step: 7, text: "memblock_alloc_node 1M 4K nid=1 label=node_data",
                                        outcome: StepOutcomeInfo(.address(addr), messages: messages))],
                     changes: [.reserved: diff(before.reserved, mb.reserved)],
                     owners: [OwnerSpan(base: addr, size: 0x10_0000, label: "node_data", by: "alloc_node_data")],
                     searches: mb.log.searches, ui: ui)
    }

    /// After `memblock_free_all`: the buddy allocator holds the free memory.
    static func demoBuddy() -> Scene {
        var mb = recordingMemblock()
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0x3ff0_0000, nid: 0)
        mb.reserve(0x100_0000, 0x180_0000)
        mb.reserve(0x3ff0_0000, 0x3_1000)
        mb.freeAll()
        return Scene(state: mb, step: 20, stepCount: 20, operationText: "memblock_free_all",
                     events: [EventInfo(step: 20, text: "memblock_free_all")])
    }

    /// Memory of every kind: NOMAP, HOTPLUG, MIRROR and DRIVER_MANAGED regions, a physmem
    /// map, sparse memory far above 4 GiB with a tiny reservation at 60 GiB.
    static func demoKinds() -> Scene {
        var mb = recordingMemblock(MemblockConfig(physMap: true, mirroredKernelcore: true))
        mb.addNode(0x1000, 0x9e000, nid: 0)
        mb.addNode(0x10_0000, 0x3ff0_0000, nid: 0)
        mb.markNomap(0x3000_0000, 0x800_0000)
        mb.markMirror(0x800_0000, 0x800_0000)
        mb.addNode(0xf_0000_0000, 0x1_0000_0000, nid: 1, flags: .hotplug)
        mb.addNode(0x10_0000_0000, 0x4000_0000, nid: 1, flags: .driverManaged)
        mb.physmemAdd(0, 0x4000_0000)
        mb.physmemAdd(0xf_0000_0000, 0x1_4000_0000)
        mb.reserve(0x100_0000, 0x100_0000)
        mb.reserve(0xf_0000_0000 + 0x4000, 0x1000)
        return Scene(state: mb, step: 3, stepCount: 10, arch: "arm64")
    }
}

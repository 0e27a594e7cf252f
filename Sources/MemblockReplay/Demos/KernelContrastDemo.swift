import Memblock

extension Demos {
    /// The same steps under Linux 6.1: the hand-off leaves `reserved` alone, and a full
    /// region array before `memblock_allow_resize` fails with -ENOMEM.
    static let kernelContrast61 = Demo(
        name: "kernels-6.1",
        summary: "6.1 vs 6.12, as 6.1: the hand-off keeps reserved as it is; a full array fails with -ENOMEM",
        text: kernelContrastText(.v6_1)
    )

    /// The same steps under Linux 6.12: the hand-off writes node ids into `reserved`, and the
    /// full array panics.
    static let kernelContrast612 = Demo(
        name: "kernels-6.12",
        summary: "6.1 vs 6.12, as 6.12: the hand-off splits reserved by node; a full array panics",
        text: kernelContrastText(.v6_12)
    )

    /// One trace, two kernels: the steps are identical, the captions and the expectations
    /// say what this kernel does and what the other one does instead.
    static func kernelContrastText(_ kernel: KernelVersion) -> String {
        let is612 = kernel == .v6_12
        let other = is612 ? "6.1" : "6.12"
        let handOff = is612
            ? "6.12 also runs memblock_set_node over reserved for each memory region: the crash kernel block is cut at the node boundary, each piece tagged with its node."
            : "6.1 initialises the reserved pages and leaves memblock.reserved alone: no node ids, the crash kernel block stays one region across both nodes."
        let full = is612
            ? "memory is full (4 of 4) and resizing was never allowed: 6.12's memblock_double_array panics (\\\"cannot resize memory array\\\"). 6.1 would return -ENOMEM and boot on without this RAM."
            : "memory is full (4 of 4) and resizing was never allowed: 6.1's memblock_double_array returns -1, memblock_add fails with -ENOMEM and boot goes on without this RAM. 6.12 panics here."
        return """
            @mbtrace 1
            @kernel \(kernel)
            @arch x86_64
            @config numa=1 max_numnodes=64 init_memblock_regions=4 init_memblock_reserved_regions=8
            @node 0 "node 0"
            @node 1 "node 1"

            @phase "Linux \(kernel): a two-node machine"
            @note "The same steps replay under 6.1 and 6.12 (demo kernels-\(other) is the other one). Two nodes of RAM, 128 MiB each."
            memblock_add_node 0x100000 0x7f00000 0 by=numa_init
            memblock_add_node 0x8000000 0x8000000 1 by=numa_init
            @note "The kernel image, and a crash kernel block that straddles the node boundary at 128 MiB."
            memblock_reserve 0x1000000 0x2000000 by=setup_arch
            memblock_reserve 0x7f00000 0x200000 by=reserve_crashkernel
            memblock_alloc 64K 4K label=top => 0xfff0000
            @note "Node 0's highest free 64 KiB lies just below the crash kernel block and merges with it."
            memblock_alloc_node 64K 4K 0 label=near => 0x7ef0000
            @expect reserved.cnt=3

            @phase "the hand-off: node ids in reserved"
            @note "\(handOff)"
            @pause
            memblock_free_all by=mm_core_init
            @expect reserved.cnt=\(is612 ? 4 : 3)

            @phase "a full region array before memblock_allow_resize"
            @note "Hot-added RAM after the hand-off (memblock is kept, as with CONFIG_ARCH_KEEP_MEMBLOCK), into an array of 4 entries."
            memblock_add 0x20000000 1M by=add_memory
            memblock_add 0x30000000 1M by=add_memory
            @expect memory.cnt=4
            @note "\(full)"
            @pause
            memblock_add 0x40000000 1M by=add_memory\(is612 ? " => panic" : "")
            @expect memory.cnt=4

            """
    }
}

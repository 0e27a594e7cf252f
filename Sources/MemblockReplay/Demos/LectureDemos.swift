extension Demos {
    /// First fit, top-down and bottom-up, on the same map.
    static let topDownBottomUp = Demo(
        name: "first-fit",
        summary: "first fit top-down vs bottom-up: the same requests land at opposite ends",
        text: #"""
@mbtrace 1
@arch x86_64
@node 0 "node 0"

@phase "memory and reserved: the two region arrays"
@note "memblock is the kernel's first memory manager. It keeps two arrays of regions: memory, the RAM the firmware reported, and reserved, what is already taken. What is in memory and not in reserved is free."
@note "memblock_add puts a range into the memory array: the first bank of RAM, from 4 KiB up to the legacy hole below 640 KiB."
memblock_add 0x1000 0x9e000
@note "memblock_add again: the second bank, from 1 MiB up to 1 GiB. The ranges do not touch, so memory now holds two regions (the table's memory tab)."
memblock_add 0x100000 0x3ff00000
@note "memblock_reserve puts a range into the reserved array: the kernel image, 32 MiB at 16 MiB. Nothing is allocated: the range is only marked as taken."
memblock_reserve 0x1000000 0x2000000 by=setup_arch label=kernel
@note "memblock_reserve for page 0 and the BIOS data: reserved may cover addresses that are not memory at all (the hole below 4 KiB)."
memblock_reserve 0 64K by=setup_arch

@phase "top-down (the default)"
@note "Allocation is first fit, top-down by default: memblock walks the free ranges from the highest address down and takes the first that fits. 4 KiB land at the very top of RAM."
memblock_alloc 4K 4K label=td1 => 0x3ffff000
@note "The next one goes right below it, and the two merge into one reserved region."
memblock_alloc 4K 4K label=td2 => 0x3fffe000
@note "Alignment is applied by rounding the candidate down: 1 MiB aligned to 2 MiB starts at the 2 MiB boundary below the top, leaving a gap above it."
memblock_alloc 1M 2M label=td3 => 0x3fe00000
@note "An upper limit (max_addr) makes the search start lower: below 16 MiB the highest free range is under the kernel image."
memblock_alloc_try_nid 64K 4K 0 16M NUMA_NO_NODE label=td4 => 0xff0000
@expect reserved.cnt=4

@phase "bottom-up"
@note "memblock_set_bottom_up(true) switches to bottom-up: the same first fit runs upwards and takes the lowest free range that fits. Page 0 is never returned: the search starts at PAGE_SIZE."
@pause
memblock_set_bottom_up 1
memblock_alloc 4K 4K label=bu1 => 0x10000
memblock_alloc 4K 4K label=bu2 => 0x11000
@note "The 2 MiB aligned block: the lowest 2 MiB boundary with 1 MiB free above it."
memblock_alloc 1M 2M label=bu3 => 0x200000
@note "A lower limit (min_addr) starts the upward search above it: just past the kernel image."
memblock_alloc_from 64K 4K 16M label=bu4 => 0x3000000

@phase "frees"
@note "memblock_free gives a range back: it leaves the reserved array, and first fit reuses the hole in its own direction."
memblock_free $bu1 4K
@note "Still bottom-up: the page just freed at 64 KiB is again the lowest fit."
memblock_alloc 4K 4K label=bu5 => 0x10000
@note "Back to top-down, and the top page is freed: the next allocation takes it again, the highest fit."
memblock_set_bottom_up 0
memblock_free $td1 4K
memblock_alloc 4K 4K => 0x3ffff000
"""#
    )

    /// Array doubling past 128 regions.
    static let arrayDoubling = Demo(
        name: "array-doubling",
        summary: "array doubling: the 129th reserved region moves the array to a new home twice as large",
        text: doublingText()
    )

    static func doublingText() -> String {
        var lines = [
            "@mbtrace 1", "@arch x86_64", "@node 0 \"node 0\"", "",
            "@phase \"memory and the static arrays\"",
            "@note \"memory and reserved start in static arrays of 128 entries each (INIT_MEMBLOCK_REGIONS).\"",
            "memblock_add 0x100000 0x3ff00000",
            "@note \"memblock_allow_resize(): from now on a full array is doubled instead of failing.\"",
            "memblock_allow_resize",
            "@phase \"filling reserved\"",
            "@note \"127 scattered reservations, none touching: each one is its own region.\"",
        ]
        for i in 0..<127 {
            lines.append(String(format0x: 0x1000000 + UInt64(i) * 0x20000, "memblock_reserve", "4K", "by=scatter"))
        }
        lines += [
            "@expect reserved.cnt=127 reserved.max=128",
            "@phase \"the doubling\"",
            "@note \"The 128th region fits: the array is now exactly full.\"",
            "memblock_reserve 0x2000000 4K by=scatter",
            "@expect reserved.cnt=128 reserved.max=128",
            "@note \"The 129th does not. memblock_double_array() finds 2 × 128 × 24 bytes (8 KiB after page rounding) with the normal search, avoiding the range being reserved, copies the array there and reserves it. The old array was static, so nothing is freed.\"",
            "@pause",
            "memblock_reserve 0x2100000 4K by=scatter",
            "@expect reserved.cnt=130 reserved.max=256",
            "@phase \"and again\"",
            "@note \"126 more fill the new array up to 256 entries…\"",
        ]
        for i in 0..<126 {
            lines.append(String(format0x: 0x4000000 + UInt64(i) * 0x20000, "memblock_reserve", "4K", "by=scatter"))
        }
        lines += [
            "@expect reserved.cnt=256 reserved.max=256",
            "@note \"…and the next doubles it to 512: this time the old array was itself reserved memory, so it is freed (memblock_phys_free) before the new one is reserved.\"",
            "memblock_reserve 0x8000000 4K by=scatter",
            "@expect reserved.max=512",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Node fallback for allocations.
    static let nodeFallback = Demo(
        name: "node-fallback",
        summary: "node fallback: a full node sends allocations to another one, unless the node is exact",
        text: #"""
@mbtrace 1
@arch x86_64
@node 0 "node 0"
@node 1 "node 1"

@phase "two nodes"
@note "Two NUMA nodes of very different size. memblock_add_node adds memory with its node: node 0 gets 512 MiB from 1 MiB up."
memblock_add_node 0x100000 0x1ff00000 0
@note "Node 1, right above it, has only 64 MiB."
memblock_add_node 0x20000000 0x4000000 1
memblock_reserve 0x1000000 0x1000000 by=setup_arch label=kernel

@phase "allocations on node 1"
@note "memblock_alloc_node prefers the node it is given: 16 MiB at the top of node 1."
memblock_alloc_node 16M 4K 1 label=n1a => 0x23000000
@note "48 MiB more fill node 1 completely."
memblock_alloc_node 48M 4K 1 label=n1b => 0x20000000
@expect reserved.cnt=2

@phase "node 1 is full"
@note "32 MiB more do not fit on node 1. memblock_alloc_range_nid retries with NUMA_NO_NODE: the block lands at the top of node 0. Allocations store no node, so it merges with node 1's block right above it."
@pause
memblock_alloc_node 32M 4K 1 label=fallback => 0x1e000000
@expect reserved.cnt=2

@phase "exact node"
@note "memblock_alloc_exact_nid_raw (used for the memory map) may not fall back: 32 MiB on node 1 now fails."
memblock_alloc_exact_nid_raw 32M 4K 0 ACCESSIBLE 1 => fail
@note "Freeing the first block makes room on node 1 again: the exact request is met there."
memblock_free $n1a 16M
memblock_alloc_exact_nid_raw 16M 4K 0 ACCESSIBLE 1 => 0x23000000
"""#
    )

    /// Mirrored memory and its fallback.
    static let mirrorFallback = Demo(
        name: "mirror-fallback",
        summary: "kernelcore=mirror: allocations prefer mirrored memory and fall back with a warning",
        text: #"""
@mbtrace 1
@arch x86_64
@config mirrored_kernelcore=1
@node 0 "node 0"

@phase "memory"
@note "A 2 GiB machine booted with kernelcore=mirror: some of its RAM is mirrored by the memory controller, so a copy survives an uncorrectable error. The kernel wants its own data there."
memblock_add 0x100000 0x7ff00000
memblock_reserve 0x1000000 0x2000000 by=setup_arch

@phase "efi_find_mirror"
@note "With kernelcore=mirror, the firmware's mirrored range is marked MIRROR. From this moment every allocation tries mirrored memory first."
memblock_mark_mirror 0x10000000 0x1000000
@expect memory.cnt=3

@phase "allocations"
@note "The highest free mirrored range is the top of the 16 MiB mirror, not the top of RAM."
memblock_alloc 1M 4K => 0x10f00000
memblock_alloc 8M 4K => 0x10700000
@note "7 MiB of mirror are left: a 12 MiB request cannot be mirrored. The kernel warns 'Could not allocate … bytes of mirrored memory' and retries without MIRROR: the top of RAM."
@pause
memblock_alloc 12M 4K => 0x7f400000
@note "Small requests still come from the mirror."
memblock_alloc 4K 4K => 0x106ff000
"""#
    )

    /// mem= limits on x86 and arm64.
    static let memLimits = Demo(
        name: "mem-limits",
        summary: "mem= limits: x86's enforce_memory_limit and arm64's mem_limit_remove_map",
        text: #"""
@mbtrace 1
@arch x86_64
@node 0 "node 0"

@phase "a 4 GiB machine"
@note "mem=SIZE on the command line caps the RAM the kernel uses. First the machine: 4 GiB, with the PCI hole between 3 GiB and 4 GiB, and two reservations, one of them above 4 GiB."
memblock_add 0x1000 0x9e000
memblock_add 0x100000 0xbff00000
memblock_add 0x100000000 0x40000000
memblock_reserve 0x1000000 0x2000000 by=setup_arch label=kernel
memblock_reserve 0x13f000000 0x100000 by=setup_arch label=high
@note "A firmware range that must stay out of the linear map (NOMAP)."
memblock_mark_nomap 0x80000000 0x100000

@phase "mem=2G, x86 style"
@note "memblock_enforce_memory_limit(2G) walks memory in order until 2 GiB are counted (NOMAP counts too), then removes everything above from memory and from reserved."
@pause
memblock_enforce_memory_limit 2G
@note "The limit fell inside the NOMAP range, so its first 392 KiB remain."
@expect memory.cnt=3 reserved.cnt=1

@phase "mem=1G, arm64 style"
@note "arm64 uses memblock_mem_limit_remove_map: memblock_cap_memory_range(0, limit) keeps NOMAP regions above the limit, since they describe firmware memory."
memblock_add 0x80000000 0x80000000
memblock_mark_nomap 0xc0000000 0x100000
memblock_mem_limit_remove_map 1G
@expect memory.cnt=4
"""#
    )

    /// The hand-off to the buddy allocator.
    static let buddyHandoff = Demo(
        name: "buddy-handoff",
        summary: "memblock_free_all: free ranges become naturally aligned power-of-two blocks",
        text: #"""
@mbtrace 1
@arch x86_64
@node 0 "node 0"

@phase "a 26 MiB machine"
@note "At the end of boot memblock hands every free page to the buddy allocator, the page allocator the running kernel uses. A small machine makes the blocks visible: 26 MiB from 16 MiB up."
memblock_add 0x1000000 0x1a00000
@note "The kernel and some boot data are reserved. The reservation ends in the middle of a page."
memblock_reserve 0x1000000 0x233800 by=setup_arch label=kernel
@note "A NOMAP range: never given to the buddy allocator."
memblock_mark_nomap 0x1900000 0x10000
@note "A HOTPLUG range: memblock_free_all clears the flag first, so the neighbours merge again."
memblock_mark_hotplug 0x2000000 0x200000

@phase "memblock_free_all"
@note "Every free range is rounded inward to whole pages (the half-reserved page stays reserved) and split into naturally aligned power-of-two blocks of at most order 10 (4 MiB): (0x1234,2) (0x1238,3) (0x1240,6) … (0x1400,10) …"
@pause
memblock_free_all
@expect memory.cnt=3

@phase "after the hand-off"
@note "memblock_free_late gives pages straight to the buddy allocator (EFI boot services, initrd); memblock.reserved is not changed."
memblock_free_late 0x1000000 0x100000 by=efi_free_boot_services
@expect reserved.cnt=1
"""#
    )
}

extension String {
    /// `OP 0xADDR SIZE ATTR`: one generated trace line.
    init(format0x addr: UInt64, _ op: String, _ size: String, _ attr: String) {
        self = "\(op) 0x\(String(addr, radix: 16)) \(size) \(attr)"
    }
}

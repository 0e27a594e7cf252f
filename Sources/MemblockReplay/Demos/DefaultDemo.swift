extension Demos {
    /// The default demo: Debian's 6.1 x86_64 kernel booting under QEMU with 4 GiB on two NUMA
    /// nodes (3 GiB + 1 GiB), following `setup_arch` and `start_kernel` in the kernel's order.
    /// Every logged allocation's address is the one the real kernel printed
    /// (`memblock=debug`), so `mbviz check` proves the model lands where Linux does.
    static let x86Numa2 = Demo(
        name: "x86-numa2",
        summary: "x86_64 boot on two NUMA nodes (3G + 1G): e820, early reservations, NODE_DATA, sparse, percpu, buddy",
        text: #"""
@mbtrace 1
@arch x86_64
# Debian 6.1.192 amd64: NODES_SHIFT=10, so MAX_NUMNODES is 1024.
@config numa=1 max_numnodes=1024 init_memblock_regions=128 page_size=4K
@node 0 "node 0 (3 GiB)"
@node 1 "node 1 (1 GiB)"

@phase "early_reserve_memory: before memblock=debug"
@note "Before the command line is even parsed, setup_arch() reserves what must never be handed out: the kernel image (KASLR put it at 4.2 GiB), page 0 and the BIOS area below 1 MiB. There is no RAM in memblock yet: reserved may lie outside memory."
memblock_reserve 0x10de00000 0x3400000 by=early_reserve_memory+0x2a/0x96 label=kernel_image
@note "The first 64 KiB are reserved on every x86 machine: the BIOS keeps data there."
memblock_reserve 0 64K by=early_reserve_memory+0x55/0x96
@note "reserve_bios_regions(): the EBDA and everything up to 1 MiB belongs to the firmware."
memblock_reserve 0x9f000 0x61000 by=reserve_bios_regions+0x58/0x7c
@note "From here on the log shows every call: find_smp_config() reserves the MP floating pointer and table."
memblock_reserve 0xf5ba0 16 by=smp_scan_config+0xa7/0xff
memblock_reserve 0xf5bb0 200 by=smp_scan_config+0xbe/0xff
@note "reserve_brk(): the used part of the kernel's brk area. It touches the image, so the two merge into one reserved region."
memblock_reserve 0x111200000 0x11000 by=setup_arch+0x797/0xd4f label=brk
@note "Only the first megabyte is mapped yet, so current_limit caps every ACCESSIBLE allocation at ISA end."
memblock_set_current_limit 0x100000
@expect reserved.cnt=3 current_limit=0x100000

@phase "e820__memblock_setup: the firmware memory map"
@note "Resizing the region arrays is allowed from now on: a full array will be doubled instead of failing."
memblock_allow_resize
@note "Each usable e820 entry becomes a memory region. Page 0 was turned into 'reserved' by trim_bios_range, so RAM starts at 0x1000."
memblock_add 0x1000 0x9ec00 by=e820__memblock_setup+0x65/0x7d
@note "The big block below the PCI hole: 3 GiB minus the firmware's last 128 KiB."
memblock_add 0x100000 0xbfee0000 by=e820__memblock_setup+0x65/0x7d
@note "The last GiB sits above 4 GiB, past the PCI hole."
memblock_add 0x100000000 0x40000000 by=e820__memblock_setup+0x65/0x7d
@note "memblock_trim_memory(PAGE_SIZE) rounds regions inward to whole pages: [0x1000, 0x9fc00) becomes [0x1000, 0x9f000). It does not update total_size, so 'memory size' keeps the extra 0xc00."
memblock_trim_memory 4K
memblock_dump_all
@expect memory.cnt=3 reserved.cnt=3 memory.total_size=0xfff7ec00 reserved.total_size=0x3482000

@phase "reserve_real_mode: the trampoline below 1 MiB"
@note "The real-mode trampoline must sit below 1 MiB. Top-down first fit picks the highest free 28 KiB: just under the BIOS area."
memblock_phys_alloc_range 28K 4K 0 1M by=reserve_real_mode+0x50/0x89 label=trampoline => 0x98000
@note "Then all of the first megabyte is reserved: the pieces merge into one region."
memblock_reserve 0 1M by=setup_arch+0x7e0/0xd4f
@expect reserved.cnt=2

@phase "init_mem_mapping: the direct map"
@note "A 2 MiB probe at the top of RAM (an explicit end, so current_limit does not apply), freed straight away."
memblock_phys_alloc_range 2M 2M 1M 0x140000000 by=init_mem_mapping+0x1ee/0x31f label=probe => 0x13fe00000
memblock_phys_free $probe 2M by=init_mem_mapping+0x22e/0x31f
@note "All RAM is mapped now: current_limit rises to the end of RAM."
memblock_set_current_limit 0x140000000

@phase "acpi_boot_table_init: firmware tables"
@note "Every ACPI table the kernel will read is reserved where the firmware left it."
memblock_reserve 0xbffe19eb 0x74 by=acpi_reserve_initial_tables+0x51/0x61 label=FACP
memblock_reserve 0xbffe0040 0x19ab by=acpi_reserve_initial_tables+0x51/0x61 label=DSDT
memblock_reserve 0xbffe0000 0x40 by=acpi_reserve_initial_tables+0x51/0x61 label=FACS
memblock_reserve 0xbffe1a5f 0x80 by=acpi_reserve_initial_tables+0x51/0x61 label=APIC
memblock_reserve 0xbffe1adf 0x38 by=acpi_reserve_initial_tables+0x51/0x61 label=HPET
memblock_reserve 0xbffe1b17 0xf0 by=acpi_reserve_initial_tables+0x51/0x61 label=SRAT
memblock_reserve 0xbffe1c07 0x28 by=acpi_reserve_initial_tables+0x51/0x61 label=WAET
@expect reserved.cnt=3 reserved.total_size=0x3512c2f

@phase "x86_numa_init: SRAT nodes and NODE_DATA"
@note "numa_init() starts from a clean slate: no node on any region, no HOTPLUG flag. These calls print nothing."
memblock_set_node 0 0xffffffffffffffff memory MAX_NUMNODES
memblock_set_node 0 0xffffffffffffffff reserved MAX_NUMNODES
memblock_clear_hotplug 0 0xffffffffffffffff
memblock_set_bottom_up 0
@note "The SRAT says: node 0 is [0, 3 GiB), node 1 is [4 GiB, 5 GiB). memblock_set_node tags memory with its node…"
memblock_set_node 0 0xc0000000 memory 0
memblock_set_node 0x100000000 0x40000000 memory 1
@note "…and x86 tags the reservations made so far too, so later allocations next to them will not merge with them."
memblock_set_node 0 0xc0000000 reserved 0
memblock_set_node 0x100000000 0x40000000 reserved 1
@note "NODE_DATA(0): pg_data_t, 172 KiB with NODES_SHIFT=10, allocated on its own node by memblock_phys_alloc_try_nid, which prints no request line."
memblock_phys_alloc_try_nid 0x2b000 64 0 by=alloc_node_data+0x53/0x120 label=NODE_DATA0 => 0xbffb5000
@note "NODE_DATA(1) lands at the top of node 1. Allocations reserve with no node: the kernel stores MAX_NUMNODES."
memblock_phys_alloc_try_nid 0x2b000 64 1 by=alloc_node_data+0x53/0x120 label=NODE_DATA1 => 0x13ffd5000
memblock_dump_all
@expect memory.cnt=3 reserved.cnt=5 reserved.total_size=0x3568c2f

@phase "sparse_init: the memory map (vmemmap)"
@note "sparse_init() allocates the mem_section roots: ACCESSIBLE means 'below current_limit', top-down, so the top of node 1."
memblock_alloc 32K 64 by=sparse_init+0x9f/0x23c label=mem_section => 0x13ffcd000
memblock_alloc_node 4K 64 0 by=sparse_index_alloc+0x40/0x65 => 0xbffb4000
@note "The usemap goes near NODE_DATA: a window of 128 MiB below the end of node 0."
memblock_alloc_try_nid 1344 64 0xb8000000 0xc0000000 0 by=sparse_init_nid+0x8d/0x34d => 0xbffb3ac0
@note "The struct page array for node 0: 48 MiB, 2 MiB aligned, and exact_nid: it must be on node 0."
memblock_alloc_exact_nid_raw 48M 2M 16M ACCESSIBLE 0 by=sparse_init_nid+0x11f/0x34d label=memmap0 => 0xbce00000
memblock_alloc_try_nid_raw 4K 4K 16M ACCESSIBLE 0 by=vmemmap_alloc_block_zero.constprop.0+0xc/0x28 => 0xbffb2000
memblock_alloc_try_nid_raw 4K 4K 16M ACCESSIBLE 0 by=vmemmap_alloc_block_zero.constprop.0+0xc/0x28 => 0xbffb1000
memblock_alloc_try_nid 448 64 0x138000000 0x140000000 1 by=sparse_init_nid+0x8d/0x34d => 0x13ffcce40
@note "Node 1's struct pages: 16 MiB on node 1."
memblock_alloc_exact_nid_raw 16M 2M 16M ACCESSIBLE 1 by=sparse_init_nid+0x11f/0x34d label=memmap1 => 0x13ee00000

@phase "setup_arch: resources and tables"
@note "Small allocations pack downwards at the top of RAM, 64-byte aligned: each new one merges with the one above it."
memblock_alloc 73 64 by=acpi_parse_hpet+0xc3/0x132 => 0x13ffccdc0
memblock_alloc 75 64 by=io_apic_init_mappings+0x37/0x1d9 => 0x13ffccd40
memblock_alloc 576 64 by=e820__reserve_resources+0x2a/0x1b0 => 0x13ffccb00
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcca80
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcca00
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc980
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc900
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc880
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc800
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc780
memblock_alloc 104 64 by=firmware_map_add_early+0x29/0x53 => 0x13ffcc700
memblock_alloc 32 64 by=register_nosave_region+0x53/0xd5 => 0x13ffcc6c0
memblock_alloc 32 64 by=register_nosave_region+0x53/0xd5 => 0x13ffcc680
memblock_alloc 32 64 by=register_nosave_region+0x53/0xd5 => 0x13ffcc640
memblock_alloc 84 64 by=start_kernel+0x14f/0x70f label=saved_command_line => 0x13ffcc5c0
memblock_alloc 84 64 by=start_kernel+0x17c/0x70f label=static_command_line => 0x13ffcc540

@phase "setup_per_cpu_areas: the first percpu chunk"
@note "pcpu_embed_first_chunk(): temporary allocation info first…"
memblock_alloc 4K 4K by=pcpu_build_alloc_info+0x346/0x488 label=pcpu_ai => 0x13ffcb000
memblock_alloc 4K 64 by=pcpu_embed_first_chunk+0x69/0x70f label=pcpu_areas => 0x13ffca000
@note "…then one 2 MiB group of units per node, each asked for on its own node, 2 MiB aligned, above 16 MiB."
memblock_alloc_try_nid 2M 2M 16M ACCESSIBLE 0 by=pcpu_fc_alloc+0xf2/0x148 label=pcpu_node0 => 0xbcc00000
memblock_alloc_try_nid 2M 2M 16M ACCESSIBLE 1 by=pcpu_fc_alloc+0xf2/0x148 label=pcpu_node1 => 0x13ec00000
@note "Each unit only needs 248 KiB: the tail of each group goes back to memblock."
memblock_phys_free 0xbcc3e000 0x1c2000 by=pcpu_embed_first_chunk+0x216/0x70f
memblock_phys_free 0x13ec3e000 0x1c2000 by=pcpu_embed_first_chunk+0x216/0x70f
memblock_alloc 16 64 by=pcpu_setup_first_chunk+0x2ff/0x7af => 0x13ffcc500
memblock_alloc 16 64 by=pcpu_setup_first_chunk+0x324/0x7af => 0x13ffcc4c0
memblock_alloc 8 64 by=pcpu_setup_first_chunk+0x34d/0x7af => 0x13ffcc480
memblock_alloc 16 64 by=pcpu_setup_first_chunk+0x38c/0x7af => 0x13ffcc440
memblock_alloc 368 64 by=pcpu_setup_first_chunk+0x696/0x7af => 0x13ffcc2c0
memblock_alloc 144 64 by=pcpu_alloc_first_chunk+0x80/0x251 => 0x13ffcc200
memblock_alloc 256 64 by=pcpu_alloc_first_chunk+0xf2/0x251 => 0x13ffcc100
@note "264 bytes no longer fit in the gap left at the top: first fit moves down, below the percpu info pages."
memblock_alloc 264 64 by=pcpu_alloc_first_chunk+0x11b/0x251 => 0x13ffc9ec0
@note "But 64 bytes still fit up there: top-down first fit always tries the highest free range first."
memblock_alloc 64 64 by=pcpu_alloc_first_chunk+0x141/0x251 => 0x13ffcc0c0
memblock_alloc 144 64 by=pcpu_alloc_first_chunk+0x80/0x251 => 0x13ffcc000
memblock_alloc 896 64 by=pcpu_alloc_first_chunk+0xf2/0x251 => 0x13ffc9b40
memblock_alloc 904 64 by=pcpu_alloc_first_chunk+0x11b/0x251 => 0x13ffc9780
memblock_alloc 224 64 by=pcpu_alloc_first_chunk+0x141/0x251 => 0x13ffc9680
@note "The temporary info is freed: two 4 KiB holes open near the top."
memblock_free $pcpu_ai 4K by=pcpu_embed_first_chunk+0x285/0x70f
memblock_free $pcpu_areas 4K by=pcpu_embed_first_chunk+0x2cf/0x70f
@note "…and the next small allocations fill them again, from the top."
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbfc0
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbf80
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbf40
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbf00
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbec0
memblock_alloc 8 64 by=alloc_bootmem_cpumask_var+0x28/0x5b => 0x13ffcbe80
memblock_alloc 4K 4K by=spp_getpage+0x4e/0x97 => 0x13ffca000
memblock_alloc 4K 4K by=spp_getpage+0x4e/0x97 => 0x13ffc8000
memblock_alloc 4K 4K by=spp_getpage+0x4e/0x97 => 0x13ffc7000

@phase "mm_init: swiotlb"
@note "With RAM above 4 GiB, swiotlb needs a 64 MiB bounce buffer that 32-bit DMA can reach: memblock_alloc_low ends below 4 GiB (exclusive), so it lands under the PCI hole on node 0."
memblock_alloc_low 64M 4K by=swiotlb_init_remap+0x8a/0x22d label=io_tlb => 0xb8c00000
memblock_alloc 768K 4K by=swiotlb_init_remap+0x152/0x22d => 0x13ff07000
memblock_alloc 32 64 by=swiotlb_init_remap+0x1a8/0x22d => 0x13ffcbe40
@expect current_limit=0x140000000

@phase "mem_init: memblock_free_all hands over to the buddy allocator"
@note "memblock_free_all(): every free range becomes naturally aligned blocks of up to 4 MiB (order 10) in the buddy allocator. memblock's job is done."
@pause
memblock_free_all
"""#
    )
}

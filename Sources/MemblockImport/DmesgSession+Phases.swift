// Boot phases from the structure of the log: the function that asked, in boot order.

extension DmesgSession {
    /// The phase a caller's function belongs to, if it names one.
    static func phaseName(forFunction f: String, arch: Arch) -> String? {
        switch f {
        case "smp_scan_config": return "setup_arch: MP table, brk"
        case "e820__memblock_setup", "memblock_x86_fill": return "e820__memblock_setup: RAM from the firmware map"
        case "reserve_real_mode": return "reserve_real_mode: real-mode trampoline below 1 MiB"
        case "init_mem_mapping", "alloc_low_pages": return "init_mem_mapping: direct-map page tables"
        case "acpi_reserve_initial_tables", "acpi_table_upgrade": return "acpi_boot_table_init: ACPI tables"
        case "numa_alloc_distance", "numa_init", "numa_free_distance":
            return arch == .arm64 ? "bootmem_init: NUMA nodes and NODE_DATA" : "initmem_init: NUMA nodes and NODE_DATA"
        case "reserve_crashkernel", "reserve_crashkernel_low", "reserve_crashkernel_generic": return "reserve_crashkernel"
        case "sparse_init", "sparse_index_alloc", "sparse_init_nid", "vmemmap_alloc_block_zero", "memmap_alloc",
             "__earlyonly_bootmem_alloc", "sparse_buffer_init", "vmemmap_alloc_block":
            return "sparse_init: mem_section and memmap"
        case "acpi_parse_hpet", "io_apic_init_mappings", "e820__reserve_resources", "firmware_map_add_early",
             "register_nosave_region", "request_standard_resources":
            return "setup_arch: resources"
        case "pcpu_build_alloc_info", "pcpu_embed_first_chunk", "pcpu_fc_alloc", "pcpu_setup_first_chunk",
             "pcpu_alloc_first_chunk", "pcpu_free_alloc_info", "alloc_bootmem_cpumask_var":
            return "setup_per_cpu_areas: percpu first chunk"
        case "alloc_large_system_hash": return "vfs_caches_init_early: hash tables"
        case "swiotlb_init_remap", "swiotlb_memblock_alloc": return "mem_init: swiotlb"
        case "arm64_memblock_init", "early_init_fdt_scan_reserved_mem", "early_init_dt_alloc_reserved_memory_arch":
            return "arm64_memblock_init: kernel, initrd, reserved-memory"
        case "early_pgtable_alloc", "paging_init": return "paging_init: linear-map page tables"
        case "early_init_dt_alloc_memory_arch": return "unflatten_device_tree"
        case "free_initrd_mem": return "after memblock_free_all"
        default: return nil
        }
    }

    /// Moves to the phase of a caller, never back to one already passed.
    mutating func phase(forCaller caller: String) {
        if walk.handedOff { return phase("after memblock_free_all") }
        if let name = Self.phaseName(forFunction: callerFunction(caller), arch: arch) { phase(name) }
    }

    /// Starts a phase unless it was already passed.
    mutating func phase(_ name: String) {
        if em.currentPhase == name { return }
        if walk.phasesSeen.contains(name) { return }
        walk.phasesSeen.insert(name)
        em.phase(name)
    }
}

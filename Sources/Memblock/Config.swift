/// Build and boot settings of the modelled kernel (the trace format's `@config` keys).
public struct MemblockConfig: Hashable, Sendable {
    /// The kernel whose memblock is modelled (`@kernel`); see `KernelBehaviour`.
    public var kernel: KernelVersion
    /// `CONFIG_NUMA`: without it node ids are not stored and `set_node` does nothing.
    public var numa: Bool
    /// `MAX_NUMNODES`: the stored "no node" value.
    public var maxNumnodes: Int32
    /// `PAGE_SIZE`.
    public var pageSize: PhysAddr
    /// The largest block order handed to the buddy allocator (6.1's `MAX_ORDER - 1`).
    public var maxOrder: Int
    /// `INIT_MEMBLOCK_MEMORY_REGIONS`: the initial capacity of `memory`.
    public var initMemoryRegions: Int
    /// `INIT_MEMBLOCK_RESERVED_REGIONS`: the initial capacity of `reserved`.
    public var initReservedRegions: Int
    /// `INIT_PHYSMEM_REGIONS`: the initial capacity of `physmem`.
    public var initPhysmemRegions: Int
    /// `CONFIG_HAVE_MEMBLOCK_PHYS_MAP`: the `physmem` type exists.
    public var physMap: Bool
    /// `SMP_CACHE_BYTES`: the alignment used for an allocation that asks for 0.
    public var smpCacheBytes: PhysAddr
    /// `ARCH_LOW_ADDRESS_LIMIT`: the (exclusive) end used by `memblock_alloc_low`.
    public var lowLimit: PhysAddr
    /// The `movable_node` boot option: allocations skip HOTPLUG memory.
    public var movableNode: Bool
    /// `kernelcore=mirror`: `memblock_mark_mirror` takes effect.
    public var mirroredKernelcore: Bool
    /// The physical address of the static `physmem` array (`memblock_physmem_init_regions`,
    /// in the kernel image), which `memblock_double_array` frees from `reserved` when
    /// `physmem` first doubles: only the static `memory` and `reserved` arrays are spared.
    /// nil when not known: the array is then taken to lie outside every reserved range,
    /// where that free changes nothing.
    public var physmemStaticArray: PhysAddr?

    /// The trace format's defaults (an x86_64-like NUMA build).
    public init(
        numa: Bool = true, maxNumnodes: Int32? = nil, pageSize: PhysAddr = 4096, maxOrder: Int = 10,
        initMemoryRegions: Int = 128, initReservedRegions: Int? = nil, initPhysmemRegions: Int = 4,
        physMap: Bool = false, smpCacheBytes: PhysAddr = 64, lowLimit: PhysAddr = 0xffff_ffff,
        movableNode: Bool = false, mirroredKernelcore: Bool = false, kernel: KernelVersion = .v6_1,
        physmemStaticArray: PhysAddr? = nil
    ) {
        self.kernel = kernel
        self.numa = numa
        self.maxNumnodes = maxNumnodes ?? (numa ? 64 : 1)
        self.pageSize = pageSize
        self.maxOrder = maxOrder
        self.initMemoryRegions = initMemoryRegions
        self.initReservedRegions = initReservedRegions ?? initMemoryRegions
        self.initPhysmemRegions = initPhysmemRegions
        self.physMap = physMap
        self.smpCacheBytes = smpCacheBytes
        self.lowLimit = lowLimit
        self.movableNode = movableNode
        self.mirroredKernelcore = mirroredKernelcore
        self.physmemStaticArray = physmemStaticArray
    }

    /// What the modelled kernel does where 6.1 and 6.12 differ.
    @inlinable public var behaviour: KernelBehaviour { kernel.behaviour }

    /// The stored "no node" value (`MAX_NUMNODES`).
    @inlinable public var noNode: Int32 { maxNumnodes }
}

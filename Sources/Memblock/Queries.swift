// Read-only questions about the state.

extension Memblock {
    /// `memblock_phys_mem_size`: `memory.total_size` (stale after trim).
    public var physMemSize: PhysAddr { memory.totalSize }
    /// `memblock_reserved_size`.
    public var reservedSize: PhysAddr { reserved.totalSize }
    /// `memblock_start_of_DRAM`: the base of the first memory region (0 when empty).
    public var startOfDRAM: PhysAddr { memory.regions[0].base }
    /// `memblock_end_of_DRAM`: the end of the last memory region (0 when empty).
    public var endOfDRAM: PhysAddr { memory.regions[memory.cnt - 1].end }

    /// `memblock_search`: the index of the region containing `addr`, or nil.
    public static func search(_ type: MemblockType, _ addr: PhysAddr) -> Int? {
        var left = 0, right = type.cnt
        repeat {
            let mid = (left + right) / 2
            let r = type.regions[mid]
            if addr < r.base {
                right = mid
            } else if addr >= r.base &+ r.size {
                left = mid + 1
            } else {
                return mid
            }
        } while left < right
        return nil
    }

    /// `memblock_is_memory`.
    public func isMemory(_ addr: PhysAddr) -> Bool { Self.search(memory, addr) != nil }
    /// `memblock_is_reserved`.
    public func isReserved(_ addr: PhysAddr) -> Bool { Self.search(reserved, addr) != nil }
    /// `memblock_is_map_memory`: memory that is not NOMAP.
    public func isMapMemory(_ addr: PhysAddr) -> Bool {
        guard let i = Self.search(memory, addr) else { return false }
        return !memory.regions[i].flags.contains(.nomap)
    }

    /// `memblock_is_region_memory`: the region holding `base` also holds the capped end.
    public func isRegionMemory(_ base: PhysAddr, _ size: PhysAddr) -> Bool {
        guard let i = Self.search(memory, base) else { return false }
        return memory.regions[i].end >= base &+ capSize(base, size)
    }

    /// `memblock_overlaps_region`.
    public static func overlapsRegion(_ type: MemblockType, _ base: PhysAddr, _ size: PhysAddr) -> Bool {
        let size = capSize(base, size)
        return type.regions.contains { base < $0.base &+ $0.size && $0.base < base &+ size }
    }

    /// `memblock_is_region_reserved`: any reserved region overlaps the range.
    public func isRegionReserved(_ base: PhysAddr, _ size: PhysAddr) -> Bool {
        Self.overlapsRegion(reserved, base, size)
    }

    /// `memblock_search_pfn_nid`: the node of the memory region holding a page frame, with
    /// the region's pfn span; nil when the page is not memory.
    public func searchPfnNid(_ pfn: UInt64) -> (nid: Int32, startPfn: UInt64, endPfn: UInt64)? {
        let shift = UInt64(config.pageSize.trailingZeroBitCount)
        guard let i = Self.search(memory, pfn << shift) else { return nil }
        let r = memory.regions[i]
        return (regionNode(r), r.base >> shift, r.end >> shift)
    }
}

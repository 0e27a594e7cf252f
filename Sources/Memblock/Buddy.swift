// The hand-off to the buddy allocator: memblock_free_all and memblock_free_late.

/// A block handed to the buddy allocator: `2^order` pages starting at page frame `pfn`.
public struct BuddyBlock: Hashable, Sendable {
    /// The first page frame.
    public var pfn: UInt64
    /// log2 of the number of pages.
    public var order: Int
    public init(pfn: UInt64, order: Int) {
        self.pfn = pfn
        self.order = order
    }
}

/// What the buddy allocator has been given: the blocks in the order they were freed (the
/// first `recordedBlockLimit` of them), and the count per order.
public struct BuddyAllocator: Hashable, Sendable {
    /// How many blocks are kept in `blocks`: a memory map near 2^64 hands over ~2^42 blocks,
    /// which are counted (`blockCount`, `countPerOrder`, `pages`) but not all listed.
    public static let recordedBlockLimit = 1 << 18
    /// The blocks, in the order they were freed, up to `recordedBlockLimit`.
    public internal(set) var blocks: [BuddyBlock] = []
    /// Blocks handed over in all.
    public internal(set) var blockCount = 0
    /// `countPerOrder[k]`: blocks of order k.
    public internal(set) var countPerOrder: [Int]
    /// Pages handed over in all (`totalram_pages`).
    public internal(set) var pages: UInt64 = 0

    init(maxOrder: Int) { countPerOrder = Array(repeating: 0, count: maxOrder + 1) }

    mutating func free(pfn: UInt64, order: Int) { freeRun(pfn: pfn, order: order, count: 1) }

    /// `count` consecutive blocks of one order from page frame `pfn`.
    mutating func freeRun(pfn: UInt64, order: Int, count: UInt64) {
        if order >= countPerOrder.count {
            countPerOrder += Array(repeating: 0, count: order + 1 - countPerOrder.count)
        }
        countPerOrder[order] += Int(count)
        blockCount += Int(count)
        pages &+= count << UInt64(order)
        var i: UInt64 = 0
        while i < count && blocks.count < Self.recordedBlockLimit {
            blocks.append(BuddyBlock(pfn: pfn + (i << UInt64(order)), order: order))
            i += 1
        }
    }

    /// `__free_pages_memory`: naturally aligned power-of-two blocks of at most `maxOrder`
    /// covering page frames `[start, end)`. A run of largest blocks is counted in one go
    /// (the same blocks the kernel's loop frees one by one).
    mutating func freePagesMemory(_ start: UInt64, _ end: UInt64, maxOrder: Int) {
        var start = start
        let top = UInt64(1) << UInt64(maxOrder)
        while start < end {
            var order = start == 0 ? maxOrder : Swift.min(maxOrder, start.trailingZeroBitCount)
            if order == maxOrder && end - start >= top {
                let n = (end - start) >> UInt64(maxOrder)
                freeRun(pfn: start, order: order, count: n)
                start += n << UInt64(maxOrder)
                continue
            }
            while start + (1 << UInt64(order)) > end { order -= 1 }
            free(pfn: start, order: order)
            start += 1 << UInt64(order)
        }
    }
}

extension Memblock {
    /// `memblock_free_all`: clears HOTPLUG on all memory (re-merging neighbours), in 6.12
    /// sets the node ids of `reserved` from `memory` (`memmap_init_reserved_pages`), then
    /// gives every free range (memory minus reserved, NOMAP and DRIVER_MANAGED skipped),
    /// rounded inward to whole pages, to the buddy allocator. Returns the number of pages freed.
    @discardableResult
    public mutating func freeAll() -> UInt64 {
        guarded(0) { m throws(KernelPanic) in try m.freeAllBody() }
    }

    /// `memmap_init_reserved_pages` of 6.12: `memblock_set_node` over `reserved` with each
    /// memory region's node, repeated while doing so doubled `reserved` (a doubled array is a
    /// new reserved region that may lie before the regions already done).
    mutating func memmapInitReservedPages() throws(KernelPanic) {
        var maxReserved: Int
        repeat {
            maxReserved = reserved.max
            var i = 0
            while i < memory.cnt {
                let r = memory.regions[i]
                _ = try setNodeRange(r.base, r.size, .reserved, nid: regionNode(r))
                i += 1
            }
        } while reserved.max != maxReserved
    }

    /// The body of `memblock_free_all`.
    mutating func freeAllBody() throws(KernelPanic) -> UInt64 {
        _ = try setClearFlag(.memory, 0, physAddrMax, set: false, .hotplug)
        if config.behaviour.freeAllSetsReservedNodes { try memmapInitReservedPages() }
        var buddy = self.buddy ?? BuddyAllocator(maxOrder: config.maxOrder)
        let before = buddy.pages
        let shift = UInt64(config.pageSize.trailingZeroBitCount)
        let pageSize = config.pageSize
        let maxOrder = config.maxOrder
        forEachFreeRange(nid: numaNoNode, flags: .none, reverse: false) { start, end, _ in
            // __free_memory_core: PFN_UP(start) wraps to a low page for a start in the last
            // page below 2^64, as in C, and the pages from there to PFN_DOWN(end) are freed.
            let spfn = (start &+ pageSize &- 1) >> shift
            let epfn = end >> shift
            if spfn < epfn { buddy.freePagesMemory(spfn, epfn, maxOrder: maxOrder) }
            return false
        }
        self.buddy = buddy
        return buddy.pages - before
    }

    /// `memblock_free_late`: after the hand-off, gives the whole pages of a range to the
    /// buddy allocator one at a time; `reserved` is left as it is.
    public mutating func freeLate(_ base: PhysAddr, _ size: PhysAddr) {
        logRange("memblock_free_late", base, size)
        let shift = UInt64(config.pageSize.trailingZeroBitCount)
        var buddy = self.buddy ?? BuddyAllocator(maxOrder: config.maxOrder)
        let cursor = (base &+ config.pageSize &- 1) >> shift
        let end = (base &+ size) >> shift
        if cursor < end { buddy.freeRun(pfn: cursor, order: 0, count: end - cursor) }
        self.buddy = buddy
    }
}

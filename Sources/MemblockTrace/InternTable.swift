#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Interned names (labels and `by=` callers) keyed by their bytes in the file, so a name
/// seen a thousand times becomes one String, and lookups make no String at all.
struct InternTable {
    struct Entry {
        var hash: UInt64
        /// The name's first occurrence in the file.
        var start: Int
        var length: Int
        var string: String
        /// Some step so far had `label=` with this name.
        var definedAsLabel = false
    }

    private(set) var entries: [Entry] = []
    /// Open addressing: entry index + 1, or 0 for an empty slot. Always a power of two long.
    private var slots = [Int32](repeating: 0, count: 256)

    /// The index of the entry for bytes `[start, end)` of `b`, adding it if new.
    mutating func intern(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let length = end - start
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<end {
            hash = (hash ^ UInt64(b[i])) &* 0x100_0000_01b3
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let index = Int(slots[slot]) - 1
            if index < 0 { break }
            let e = entries[index]
            if e.hash == hash && e.length == length && memcmp(b + e.start, b + start, length) == 0 {
                return index
            }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: UnsafeBufferPointer(start: b + start, count: length), as: UTF8.self)
        entries.append(Entry(hash: hash, start: start, length: length, string: string))
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return entries.count - 1
    }

    /// Marks an entry as defined by `label=`.
    mutating func define(_ index: Int) {
        entries[index].definedAsLabel = true
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, e) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: e.hash ^ (e.hash >> 29)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}

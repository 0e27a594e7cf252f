#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Interned names (labels and `by=` callers) keyed by their bytes in the file, so a name
/// seen a thousand times becomes one String, and lookups make no String at all.
///
/// In big traces lookups are dominated by cache misses, so the hash table proper is small
/// (8 bytes a slot: 32 bits of hash and an entry number), names of up to 8 bytes are
/// compared as one integer without touching the file, and entries are stored in order of
/// first use (labels are mostly used soon after they are defined, so recent entries are
/// hot in the cache).
struct InternTable {
    struct Entry {
        /// Names of up to 8 bytes: the bytes, packed; longer ones: their hash.
        var key: UInt64
        /// The name's first occurrence in the file.
        var start: Int
        var length: Int
        /// Some step so far had `label=` with this name.
        var definedAsLabel: Bool
        var string: String
    }

    private var entries: [Entry] = []
    /// Open addressing, linear probing: hash bits 32-63, entry index + 1 in bits 0-31 (0 for
    /// an empty slot). A power of two long, at most half full.
    private var slots = [UInt64](repeating: 0, count: 1024)

    /// The entry of the name in bytes `[start, end)` of `b`, adding it if new.
    mutating func intern(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let length = end - start
        let key = Self.key(b, start, length)
        let hash = key &* 0x9e37_79b9_7f4a_7c15
        let tag = hash & 0xffff_ffff_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash >> 20) & mask
        while true {
            let s = slots[slot]
            if s == 0 { break }
            if s & 0xffff_ffff_0000_0000 == tag {
                let index = Int(truncatingIfNeeded: s & 0xffff_ffff) - 1
                if entries[index].key == key && entries[index].length == length
                    && (length <= 8 || memcmp(b + entries[index].start, b + start, length) == 0) {
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: UnsafeBufferPointer(start: b + start, count: length), as: UTF8.self)
        entries.append(Entry(key: key, start: start, length: length, definedAsLabel: false, string: string))
        slots[slot] = tag | UInt64(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return entries.count - 1
    }

    /// The name of an entry.
    @inline(__always) func string(_ index: Int) -> String { entries[index].string }

    /// Whether a name has been defined by `label=`.
    @inline(__always) func isDefinedAsLabel(_ index: Int) -> Bool { entries[index].definedAsLabel }

    /// Marks a name as defined by `label=`.
    mutating func defineLabel(_ b: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        let index = intern(b, start, end)
        entries[index].definedAsLabel = true
    }

    /// Packs names of up to 8 bytes; hashes longer ones (FNV-1a).
    private static func key(_ b: UnsafePointer<UInt8>, _ start: Int, _ length: Int) -> UInt64 {
        var key: UInt64 = 0
        if length <= 8 {
            for i in 0..<length { key |= UInt64(b[start + i]) << UInt64(8 * i) }
            return key
        }
        key = 0xcbf2_9ce4_8422_2325
        for i in 0..<length { key = (key ^ UInt64(b[start + i])) &* 0x100_0000_01b3 }
        return key ^ (key >> 29)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, e) in entries.enumerated() {
            let hash = e.key &* 0x9e37_79b9_7f4a_7c15
            var slot = Int(truncatingIfNeeded: hash >> 20) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xffff_ffff_0000_0000 | UInt64(index + 1)
        }
    }
}

// Which architecture a log comes from: the words only one architecture's boot prints.

extension Arch {
    /// Phrases of the early boot that name an architecture (version strings, CPU and
    /// firmware lines, memblock callers), with a weight each.
    static let clues: [(String, Arch, Int)] = [
        ("x86_64", .x86_64, 5), ("amd64", .x86_64, 5), ("BIOS-e820:", .x86_64, 3), ("x86/fpu:", .x86_64, 3),
        ("e820__memblock_setup", .x86_64, 3), ("memblock_x86_fill", .x86_64, 3), ("reserve_real_mode", .x86_64, 3),
        ("aarch64", .arm64, 5), ("-arm64", .arm64, 5), ("arm64_memblock_init", .arm64, 4), ("CPU features:", .arm64, 3),
        ("early_pgtable_alloc", .arm64, 1),
        ("riscv64", .riscv64, 5), ("riscv:", .riscv64, 4), ("SBI specification", .riscv64, 4), ("RISC-V", .riscv64, 3),
        ("setup_bootmem", .riscv64, 3), ("alloc_pmd_fixmap", .riscv64, 2), ("earlycon=sbi", .riscv64, 3),
        ("CPU: ARMv", .arm, 6), ("arm_memblock_init", .arm, 4), ("Memory policy:", .arm, 3), ("armv7l", .arm, 5),
        ("mips64", .mips, 5), ("CPU0 revision is:", .mips, 4), ("Determined physical RAM map:", .mips, 3),
        ("sgi-ip27", .mips, 4), ("prom_meminit", .mips, 3), ("arch_mem_init", .mips, 2),
        ("loongarch", .loongarch64, 5), ("LoongArch", .loongarch64, 5), ("Loongson", .loongarch64, 3),
        ("ppc64", .powerpc64, 5), ("powerpc", .powerpc64, 4), ("PowerPC", .powerpc64, 3), ("hash-mmu:", .powerpc64, 3),
        ("radix-mmu:", .powerpc64, 3), ("early_init_devtree", .powerpc64, 3),
        ("s390", .s390, 5), ("setup_memory_end", .s390, 3), ("memblock_physmem_add", .s390, 2),
        ("alpha", .alpha, 3), ("machine vector", .alpha, 4), ("memcluster", .alpha, 4), ("SRM", .alpha, 1),
    ]

    /// The clues as bytes, for a search without String conversions.
    static let clueBytes: [([UInt8], Arch, Int, String)] = clues.map { (Array($0.0.utf8), $0.1, $0.2, $0.0) }

    /// The architecture a log shows: the clues of its first `linesScanned` messages (the
    /// early boot, where every architecture names itself), weighed; nil when there are none.
    static func detect(_ lines: [LogLine]) -> (arch: Arch, clue: String)? {
        var votes: [Arch: Int] = [:]
        var first: [Arch: String] = [:]
        for line in lines.prefix(linesScanned) {
            for (needle, arch, weight, word) in clueBytes where contains(line.text.prefix(512), needle) {
                votes[arch, default: 0] += weight
                if first[arch] == nil { first[arch] = "`\(word)` at line \(line.number)" }
            }
        }
        return best(votes, first)
    }

    /// Messages scanned for clues.
    static let linesScanned = 1500

    static func best(_ votes: [Arch: Int], _ first: [Arch: String]) -> (arch: Arch, clue: String)? {
        guard let best = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }) else { return nil }
        return (best.key, first[best.key] ?? "")
    }

    /// True when `needle` occurs in `hay`.
    static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let f = needle.first, hay.count >= needle.count else { return false }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == f {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// "Did you mean" suggestions for misspelt names.
enum Suggest {
    /// The candidate closest to `word` (ignoring ASCII case), if it is close enough to be a
    /// likely typo: at most a third of the word's length away, and at most 4 edits.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.utf8).map(lower)
        guard !w.isEmpty, w.count <= 64 else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.utf8).map(lower)
            let d = distance(w, c)
            if d <= min(4, max(1, max(w.count, c.count) / 3)), best == nil || d < best!.1 {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// ` (did you mean NAME?)`, or an empty string when nothing is close.
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    private static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5a ? c | 0x20 : c }

    /// The Levenshtein distance, with transpositions counted as one edit.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, prev2[j - 2] + 1) }
                cur[j] = d
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}

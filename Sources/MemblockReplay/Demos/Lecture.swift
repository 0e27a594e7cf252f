import MemblockTrace

/// One part of the lecture: a built-in demo with a title card.
public struct LecturePart: Sendable {
    /// The title card's heading.
    public var title: String
    /// What the part shows, one line for the title card.
    public var subtitle: String
    /// The demo played.
    public var demo: Demo
}

/// The lecture: the built-in demos in the order that tells memblock's story, from the two
/// region arrays to the hand-off to the buddy allocator (`mbviz demo --lecture`,
/// `mbviz export cast --lecture`).
///
/// Played in lecture mode, each part stops after the first step of every phase and before
/// every `@pause`; the demos pause after each step that carries a caption, so the lecturer
/// talks through every caption and moves on with `space`. `seconds(speed:)` estimates the
/// length: the steps at the given speed, plus a title card and, at every stop, the time a
/// lecturer takes to read out and explain its caption (`holdSeconds`).
public enum Lecture {
    /// The parts, in order.
    public static let parts: [LecturePart] = [
        LecturePart(title: "The two region arrays and first fit",
                    subtitle: "memory and reserved · memblock_add · memblock_reserve · top-down and bottom-up",
                    demo: Demos.topDownBottomUp),
        LecturePart(title: "A real boot: x86_64 on two NUMA nodes",
                    subtitle: "early reservations · e820 · current_limit · NUMA nodes · allocation variants · the hand-off",
                    demo: Demos.x86Numa2),
        LecturePart(title: "When a region array is full",
                    subtitle: "memblock_double_array: 128 → 256 → 512 entries",
                    demo: Demos.arrayDoubling),
        LecturePart(title: "NUMA fallbacks",
                    subtitle: "memblock_alloc_node falls back to any node; exact_nid does not",
                    demo: Demos.nodeFallback),
        LecturePart(title: "Mirrored memory",
                    subtitle: "kernelcore=mirror: mirrored first, then anything, with a warning",
                    demo: Demos.mirrorFallback),
        LecturePart(title: "mem=: cutting memory down",
                    subtitle: "x86's memblock_enforce_memory_limit and arm64's memblock_mem_limit_remove_map",
                    demo: Demos.memLimits),
        LecturePart(title: "The hand-off to the buddy allocator",
                    subtitle: "memblock_free_all: free ranges become power-of-two blocks",
                    demo: Demos.buddyHandoff),
        LecturePart(title: "Two kernels, one story: Linux 6.1",
                    subtitle: "the same steps as 6.1 replays them: reserved kept as it is, a full array fails",
                    demo: Demos.kernelContrast61),
        LecturePart(title: "Two kernels, one story: Linux 6.12",
                    subtitle: "the same steps as 6.12 replays them: reserved split by node, a full array panics",
                    demo: Demos.kernelContrast612),
    ]

    /// The speed the lecture is played at by default (`mbviz demo`'s), in steps per second.
    public static let defaultSpeed = 4.0
    /// Seconds a title card is shown.
    public static let titleCardSeconds = 6.0

    /// Seconds a lecturer spends at a stop showing `caption`: a few seconds to point at the
    /// screen, plus reading it out and explaining it at about 230 words a minute.
    public static func holdSeconds(caption: String?) -> Double {
        let words = caption?.split(whereSeparator: { $0 == " " || $0 == "\n" }).count ?? 0
        return 2.5 + Double(words) * 0.26
    }

    /// Where lecture mode stops in `trace`: after the first step of each phase, before each
    /// step with `@pause` (so after the step before it), and at the end, with the caption
    /// shown there. Positions are 1-based steps (the stop shows the state after that step),
    /// ascending.
    public static func stops(_ trace: Trace) -> [(position: Int, caption: String?)] {
        var positions: [Int] = trace.steps.isEmpty ? [] : [trace.steps.count]
        for p in trace.phases where p.firstStep < trace.steps.count { positions.append(p.firstStep + 1) }
        for (i, s) in trace.steps.enumerated() where s.pauseBefore { positions.append(i) }
        let sorted = Array(Set(positions)).sorted()
        return sorted.map { ($0, caption(trace, at: $0)) }
    }

    /// The caption shown after step `p` (1-based): the latest note in the same phase.
    public static func caption(_ trace: Trace, at p: Int) -> String? {
        guard p >= 1 && p <= trace.steps.count else { return trace.steps.first?.note }
        let phase = trace.steps[p - 1].phase
        var i = p - 1
        while i >= 0 && trace.steps[i].phase == phase {
            if let n = trace.steps[i].note { return n }
            i -= 1
        }
        return nil
    }

    /// The estimated length of one part, in seconds, at `speed` steps per second.
    public static func seconds(_ part: LecturePart, speed: Double = defaultSpeed) throws(TraceErrors) -> Double {
        let trace = try part.demo.trace()
        let holds = stops(trace).reduce(0) { $0 + holdSeconds(caption: $1.caption) }
        return titleCardSeconds + Double(trace.steps.count) / speed + holds
    }

    /// The estimated length of the whole lecture, in seconds.
    public static func seconds(speed: Double = defaultSpeed) throws(TraceErrors) -> Double {
        var total = 0.0
        for part in parts { total += try seconds(part, speed: speed) }
        return total
    }
}

extension Demos {
    /// A demo's text paced for a lecture: a `@pause` before the step after every step that
    /// carries a caption, so play stops with the caption on screen. Not after a phase's
    /// first step (lecture mode stops there anyway), and never twice in a row.
    static func paced(_ text: String) -> String {
        var out: [Substring] = []
        var previousNoted = false, previousFirstOfPhase = false
        var pendingNote = false, pendingPhase = false, pendingPause = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.drop { $0 == " " }
            if t.hasPrefix("@note") { pendingNote = true } else if t.hasPrefix("@phase") { pendingPhase = true }
            if t.hasPrefix("@pause") { pendingPause = true }
            let isStep = !t.isEmpty && !t.hasPrefix("@") && !t.hasPrefix("#")
            if isStep {
                if previousNoted && !previousFirstOfPhase && !pendingPause { out.append("@pause") }
                previousNoted = pendingNote
                previousFirstOfPhase = pendingPhase
                pendingNote = false
                pendingPhase = false
                pendingPause = false
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}

import MemblockReplay
import MemblockTrace

extension CastRecorder {
    /// Records the chained lecture (`mbviz export cast --lecture` without a file): for each
    /// part a marker `part K/N: TITLE` and its title card held `Lecture.titleCardSeconds`,
    /// then the part in lecture mode with every stop held as long as a lecturer takes over
    /// its caption, and its phases marked. `options.lecture` and `captionHolds` are implied.
    @discardableResult
    public static func recordLecture(_ parts: [LecturePart], theme: Theme, options: Options,
                                     emit line: (String) throws -> Void) throws -> Summary {
        var o = options
        o.lecture = true
        o.captionHolds = true
        o.startHold = 0
        var plans: [(trace: Trace, items: [Item], duration: Double)] = []
        for part in parts {
            let trace = try part.demo.trace()
            let (items, duration) = plan(trace, o)
            plans.append((trace, items, duration))
        }
        let total = plans.reduce(0) { $0 + Lecture.titleCardSeconds + $1.duration }
        var bytes = 0
        func counted(_ s: String) throws {
            bytes += s.utf8.count + 1
            try line(s)
        }
        try counted(headerLine(o, theme: theme, duration: total, defaultTitle: "mbviz: the memblock lecture"))
        var encoder = ANSIFrameEncoder(theme: theme, colorDepth: o.colorDepth)
        var counts = (frames: 0, markers: 0)
        var t = 0.0
        for (k, part) in parts.enumerated() {
            let p = plans[k]
            try counted(CastWriter.marker(t, "part \(k + 1)/\(parts.count): \(part.title)"))
            counts.markers += 1
            let card = LectureCardView.render(part, index: k, count: parts.count, steps: p.trace.steps.count,
                                              minutes: (Lecture.titleCardSeconds + p.duration) / 60,
                                              width: o.columns, height: o.rows)
            try counted(CastWriter.output(t, encoder.encode(card)))
            counts.frames += 1
            t += Lecture.titleCardSeconds
            try emitFrames(p.trace, p.items, offset: t, theme: theme, options: o, encoder: &encoder, counts: &counts, line: counted)
            t += p.duration
        }
        try counted(CastWriter.output(total, "\u{1b}[0m\u{1b}[?25h"))
        return Summary(frames: counts.frames, markers: counts.markers, duration: total, bytes: bytes)
    }
}

import MemblockReplay
import MemblockTrace

/// The presenter's screen, for a second terminal (`mbviz demo --presenter FILE`): where the
/// lecture is, the caption on the audience's screen, the caption the next stop will show,
/// and the keys. The lecture session writes a `PresenterState` to a small file after every
/// frame it draws (`mbviz demo --lecture --presenter-file FILE`); the presenter reads it.
public struct PresenterState: Hashable, Sendable {
    /// 1-based part, and how many there are (1 of 1 outside the chained lecture).
    public var part: Int, parts: Int
    /// The part's title (or the trace's name).
    public var title: String
    /// The current step and the trace's step count.
    public var step: Int, steps: Int
    /// The phase, if any.
    public var phase: String?
    /// The caption the audience sees now.
    public var caption: String?
    /// The caption of the next stop, and its step; nil at the end of the part.
    public var nextCaption: String?, nextStop: Int?
    /// True while playing.
    public var playing: Bool

    /// A state.
    public init(part: Int, parts: Int, title: String, step: Int, steps: Int, phase: String?, caption: String?,
                nextCaption: String?, nextStop: Int?, playing: Bool) {
        self.part = part
        self.parts = parts
        self.title = title
        self.step = step
        self.steps = steps
        self.phase = phase
        self.caption = caption
        self.nextCaption = nextCaption
        self.nextStop = nextStop
        self.playing = playing
    }

    /// The state at step `step` of `trace` (1-based; 0 before the first), with the next
    /// stop lecture mode makes after it.
    public init(trace: Trace, step: Int, part: Int, parts: Int, title: String, playing: Bool) {
        let next = Lecture.stops(trace).first { $0.position > step }
        let phase = step >= 1 && step <= trace.steps.count ? trace.steps[step - 1].phase.map { trace.phases[$0].name } : nil
        self.init(part: part, parts: parts, title: title, step: step, steps: trace.steps.count, phase: phase,
                  caption: Lecture.caption(trace, at: step), nextCaption: next?.caption, nextStop: next?.position,
                  playing: playing)
    }

    /// The file format: `key: value` lines (values on one line, newlines as `\n`).
    public var text: String {
        func esc(_ s: String?) -> String { (s ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n") }
        return """
            part: \(part)/\(parts)
            title: \(esc(title))
            step: \(step)/\(steps)
            phase: \(esc(phase))
            caption: \(esc(caption))
            next: \(nextStop.map(String.init) ?? "")
            next caption: \(esc(nextCaption))
            playing: \(playing ? 1 : 0)

            """
    }

    /// Parses `text`; nil when a field is missing or malformed (a half-written file).
    public init?(text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop { $0 == " " }
            fields[String(line[..<colon])] = String(value)
        }
        func unesc(_ s: String?) -> String? {
            guard let s, !s.isEmpty else { return nil }
            var out = "", escaped = false
            for ch in s {
                if escaped { out.append(ch == "n" ? "\n" : ch); escaped = false } else if ch == "\\" { escaped = true } else { out.append(ch) }
            }
            return out
        }
        func pair(_ key: String) -> (Int, Int)? {
            let p = fields[key]?.split(separator: "/").compactMap { Int($0) } ?? []
            return p.count == 2 ? (p[0], p[1]) : nil
        }
        guard let (part, parts) = pair("part"), let (step, steps) = pair("step"), let title = unesc(fields["title"]),
              let playing = fields["playing"] else { return nil }
        self.init(part: part, parts: parts, title: title, step: step, steps: steps, phase: unesc(fields["phase"]),
                  caption: unesc(fields["caption"]), nextCaption: unesc(fields["next caption"]),
                  nextStop: fields["next"].flatMap { Int($0) }, playing: playing == "1")
    }
}

/// Draws the presenter's screen.
public enum PresenterView {
    /// The keys a lecturer uses, as shown on the presenter's screen.
    static let keys: [(String, String)] = [
        ("space", "play / go on at a stop"), ("→ ←", "one step"), ("] [", "next / previous phase"),
        ("x . ,", "explain the search, one candidate at a time"), ("z", "zoom on the change"),
        ("L", "lecture mode and captions"),
        ("t", "theme"), ("q", "quit"),
    ]

    /// The presenter's screen for `state` (nil: waiting for the lecture to start).
    public static func render(_ state: PresenterState?, width: Int, height: Int) -> Buffer {
        var b = Buffer(width: width, height: height)
        b.fill(b.area, with: Cell(" ", .normal))
        guard let s = state else {
            b.putCentered("waiting for the lecture (mbviz demo --lecture --presenter-file FILE)", in: b.area,
                          y: height / 2, role: .dim)
            return b
        }
        var status = " part \(s.part)/\(s.parts) · \(s.title) · step \(s.step)/\(s.steps)"
        if let p = s.phase { status += " · \(p)" }
        status += s.playing ? " · ▶ playing" : " · stopped"
        b.fill(Rect(x: 0, y: 0, width: width, height: 1), with: Cell(" ", .status))
        b.put(status, x: 0, y: 0, role: .status, bold: true, maxWidth: width)
        var y = 2
        b.put("on screen now", x: 1, y: y, role: .dim)
        y += 1
        for line in CaptionView.lines(s.caption ?? "—", width: width - 4).prefix(Swift.max(1, (height - 8) / 3)) {
            b.put(line, x: 3, y: y, role: .normal, maxWidth: width - 4)
            y += 1
        }
        y += 1
        let keysRows = Swift.min(keys.count, Swift.max(0, height - y - 4))
        let nextRect = Rect(x: 0, y: y, width: width, height: Swift.max(3, height - y - keysRows - 1))
        let title = s.nextStop.map { "next stop · step \($0)" } ?? "end of the part: space goes on"
        CaptionView.draw(s.nextCaption ?? (s.nextStop == nil ? "the next part's title card" : "(no caption)"),
                         title: title, mode: .large, nextRect, &b)
        y = nextRect.maxY
        for (key, what) in keys.prefix(keysRows) {
            b.putRuns([(" " + ViewFormat.pad(key, 7), .key), (what, .dim)], x: 1, y: y, maxX: width)
            y += 1
        }
        return b
    }
}

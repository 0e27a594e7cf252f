import MemblockReplay
import MemblockTrace

/// Records a replay as an asciicast v2 file (`mbviz export cast`): the visualizer's frames
/// as the full-screen player would show them while playing, at `speed` steps per second,
/// with a marker at every phase start.
public enum CastRecorder {
    /// What to record and how.
    public struct Options: Sendable {
        /// Terminal columns.
        public var columns: Int
        /// Terminal rows.
        public var rows: Int
        /// Steps per second of recording time.
        public var speed: Double
        /// Lecture mode: captions on, and the recording holds at each `@pause` and phase start
        /// (as `mbviz play --lecture` stops there).
        public var lecture: Bool
        /// The most frames per second of recording time. Faster playback shows, like a
        /// player at this rate, only the last step of each frame interval (plus every phase
        /// start and hold), which keeps a long recording small.
        public var framesPerSecond: Double
        /// Seconds the first frame is held before play starts.
        public var startHold: Double
        /// Seconds held before a step with `@pause` (lecture mode).
        public var pauseHold: Double
        /// Seconds held on the first step of each phase (lecture mode).
        public var phaseHold: Double
        /// Seconds the last frame is held.
        public var endHold: Double
        /// Lecture mode only: hold each stop as long as a lecturer takes over its caption
        /// (`Lecture.holdSeconds`) instead of `pauseHold`/`phaseHold`/`endHold`.
        public var captionHolds: Bool = false
        /// The player's title.
        public var title: String?
        /// When the recording was made (seconds since 1970), for the header.
        public var timestamp: Int?
        /// The `SHELL` the header's `env` names.
        public var shell: String
        /// How colours are written.
        public var colorDepth: ANSIFrameEncoder.ColorDepth

        /// Options; the defaults match `mbviz export cast` without flags.
        public init(columns: Int = 120, rows: Int = 40, speed: Double = 10, lecture: Bool = false,
                    framesPerSecond: Double = 30, startHold: Double = 1, pauseHold: Double = 3, phaseHold: Double = 2,
                    endHold: Double = 3, title: String? = nil, timestamp: Int? = nil, shell: String = "/bin/sh",
                    colorDepth: ANSIFrameEncoder.ColorDepth = .xterm256) {
            self.columns = columns
            self.rows = rows
            self.speed = speed
            self.lecture = lecture
            self.framesPerSecond = framesPerSecond
            self.startHold = startHold
            self.pauseHold = pauseHold
            self.phaseHold = phaseHold
            self.endHold = endHold
            self.title = title
            self.timestamp = timestamp
            self.shell = shell
            self.colorDepth = colorDepth
        }
    }

    /// What a recording holds.
    public struct Summary: Hashable, Sendable {
        /// Frames drawn (output events carrying a frame).
        public var frames: Int
        /// Marker events.
        public var markers: Int
        /// Length in seconds.
        public var duration: Double
        /// Bytes written, newlines included.
        public var bytes: Int
    }

    /// One planned event: a frame of a step, or a marker.
    enum Item: Equatable {
        /// The screen at `step`, playing or stopped (with the reason shown in the status line).
        case frame(step: Int, time: Double, playing: Bool, stop: String?)
        /// A phase starts.
        case marker(time: Double, label: String)
    }

    /// Plans the recording: which steps get a frame, when, and where the markers go. Pure
    /// timing, no drawing, so the header can give the duration before any frame is drawn.
    static func plan(_ trace: Trace, _ o: Options) -> (items: [Item], duration: Double) {
        let n = trace.steps.count
        let dt = 1 / Swift.max(o.speed, 1e-3)
        let fps = Swift.max(o.framesPerSecond, 1)
        func slot(_ t: Double) -> Int { Int((t * fps + 1e-9).rounded(.down)) }
        var startsAt: [Int: [Int]] = [:]  // 0-based first step -> phases starting there
        let captionHold = { (p: Int) in Lecture.holdSeconds(caption: Lecture.caption(trace, at: p)) }
        let pauseHold = { (k: Int) in o.lecture && o.captionHolds ? captionHold(k - 1) : o.pauseHold }
        let phaseHold = { (k: Int) in o.lecture && o.captionHolds ? captionHold(k) : o.phaseHold }
        for (i, p) in trace.phases.enumerated() { startsAt[p.firstStep, default: []].append(i) }

        var items: [Item] = [.frame(step: 0, time: 0, playing: n > 0, stop: nil)]
        var t = o.startHold
        for k in stride(from: 1, through: n, by: 1) {
            if o.lecture && trace.steps[k - 1].pauseBefore {
                items.append(.frame(step: k - 1, time: t, playing: false, stop: "paused (@pause)"))
                t += pauseHold(k)
            }
            t += dt
            let phases = startsAt[k - 1] ?? []
            let nextPauses = k < n && o.lecture && trace.steps[k].pauseBefore
            if o.lecture, let first = phases.first {
                items.append(.frame(step: k, time: t, playing: false, stop: "phase \(first + 1) begins"))
            } else if k == n {
                items.append(.frame(step: k, time: t, playing: false, stop: nil))
            } else if !phases.isEmpty || nextPauses || slot(t) != slot(t + dt) {
                items.append(.frame(step: k, time: t, playing: true, stop: nil))
            }
            // After the frame, so a player that pauses at a marker shows the phase's first step.
            for p in phases { items.append(.marker(time: t, label: trace.phases[p].name)) }
            if o.lecture && !phases.isEmpty { t += phaseHold(k) }
        }
        // Phases that no step follows start at the end.
        for (i, p) in trace.phases.enumerated() where p.firstStep >= n {
            items.append(.marker(time: t, label: trace.phases[i].name))
        }
        let lastIsPhaseStop = o.lecture && n > 0 && startsAt[n - 1] != nil
        let endHold = o.lecture && o.captionHolds ? (lastIsPhaseStop ? 0 : captionHold(n)) : o.endHold
        return (items, t + endHold)
    }

    /// The recording's header line: the screen size and theme colours of `o`, its duration,
    /// and `o.title` or `defaultTitle`.
    static func headerLine(_ o: Options, theme: Theme, duration: Double, defaultTitle: String) -> String {
        CastWriter.headerLine(CastWriter.Header(width: o.columns, height: o.rows, timestamp: o.timestamp, duration: duration,
                                                title: o.title ?? defaultTitle,
                                                env: ["TERM": "xterm-256color", "SHELL": o.shell],
                                                colors: ExportColors(theme: theme)))
    }

    /// Records `trace` in `theme`'s colours, handing each line (the header, then one event
    /// per line, without newlines) to `emit` as soon as it is ready, so a long recording
    /// never sits in memory whole.
    @discardableResult
    public static func record(_ trace: Trace, theme: Theme, options o: Options,
                              emit: (String) throws -> Void) rethrows -> Summary {
        let (items, duration) = plan(trace, o)
        var bytes = 0
        func line(_ s: String) throws {
            bytes += s.utf8.count + 1
            try emit(s)
        }
        try line(headerLine(o, theme: theme, duration: duration, defaultTitle: "mbviz: \(trace.file)"))
        var encoder = ANSIFrameEncoder(theme: theme, colorDepth: o.colorDepth)
        var counts = (frames: 0, markers: 0)
        try emitFrames(trace, items, offset: 0, theme: theme, options: o, encoder: &encoder, counts: &counts, line: line)
        // Leave a terminal that plays the file back as it was: default style, cursor shown.
        try line(CastWriter.output(duration, "\u{1b}[0m\u{1b}[?25h"))
        return Summary(frames: counts.frames, markers: counts.markers, duration: duration, bytes: bytes)
    }

    /// Draws and writes the planned `items` of `trace`, `offset` seconds into the recording.
    static func emitFrames(_ trace: Trace, _ items: [Item], offset: Double, theme: Theme, options o: Options,
                     encoder: inout ANSIFrameEncoder, counts: inout (frames: Int, markers: Int),
                     line: (String) throws -> Void) rethrows {
        let controller = Controller(timeline: Timeline(trace: trace), speed: o.speed, lectureMode: o.lecture)
        var ui = UIState()
        ui.themeName = theme.name
        for item in items {
            switch item {
            case .marker(let time, let label):
                try line(CastWriter.marker(offset + time, label))
                counts.markers += 1
            case .frame(let step, let time, let playing, let stop):
                controller.seek(to: step)
                // A fresh builder per frame: its cache of recent steps would otherwise decide
                // which log lines show their kernel messages, and a frame would depend on the
                // frames before it rather than on its step alone (as `mbviz render` draws it).
                var scene = SceneBuilder(controller: controller, showsCaptions: o.lecture).scene(ui: ui)
                scene.playback = PlaybackInfo(isPlaying: playing, speed: o.speed, lecture: o.lecture, breakpointHit: stop)
                let data = encoder.encode(renderScreen(scene, width: o.columns, height: o.rows))
                if !data.isEmpty {
                    try line(CastWriter.output(offset + time, data))
                    counts.frames += 1
                }
            }
        }
    }
}

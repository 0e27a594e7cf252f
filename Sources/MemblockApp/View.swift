import Memblock
import MemblockReplay
import MemblockView

/// The scene the model shows: the replay at the model's position, with the model's view
/// settings, playback, breakpoints, stop reason and what-if. A function of the model (the
/// environment only caches).
public func scene(_ model: AppModel) -> Scene {
    var ui = model.ui
    if let p = model.prompt { ui.searchPrompt = p.label + p.text }
    let builder = model.env.builder
    builder.showsCaptions = model.captions
    var s = builder.scene(at: model.position, ui: ui)
    s.playback = PlaybackInfo(isPlaying: model.clock.isPlaying, speed: model.clock.speed, lecture: model.lecture,
                              breakpointHit: nil,
                              breakpoints: model.breakpoints.filter(\.enabled).map(\.breakpoint.description))
    s.stopReason = model.stopReason
    s.breakpointList = model.breakpoints.map { BreakpointInfo(text: $0.breakpoint.description, enabled: $0.enabled) }
    if model.whatIf == nil { s.whatIf = nil }
    let t = model.env.timeline
    if !t.isComplete && s.ui.message == nil {
        s.ui.message = "replaying… \(t.computed * 100 / Swift.max(1, t.count))%"
    }
    return s
}

/// The screen for the model: `renderScreen` of its scene at its size.
public func view(_ model: AppModel) -> Buffer {
    renderScreen(scene(model), width: model.columns, height: model.rows)
}

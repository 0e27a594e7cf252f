#if canImport(Glibc)
import Glibc
#endif
import MemblockReplay
import MemblockTrace
import MemblockView
import TerminalUI

/// `mbviz demo --lecture`: the built-in demos chained into one lecture, each part after a
/// title card. On a card `space` (or `→`, `n`, Enter) starts the part, `[` goes back a
/// part, `]` skips it, `q` quits. Inside a part, moving on past its last step goes to the
/// next card, moving back before its first step to the previous one.
@MainActor
func runLecture(themeName: String, speed: Double, startPart: Int, presenterFile: String? = nil) throws {
    let theme = try loadTheme(themeName)
    let parts = Lecture.parts
    var traces: [Trace] = []
    for part in parts {
        do { traces.append(try part.demo.trace()) } catch { throw CLIError("\(error)") }
    }
    let terminal: Terminal
    do { terminal = try Terminal.open() } catch { throw CLIError("\(error)") }
    var index = Swift.min(Swift.max(0, startPart), parts.count - 1)
    var currentTheme = theme
    do {
        lecture: while true {
            let part = index
            let publish = { (step: Int, playing: Bool) in
                guard let presenterFile else { return }
                let state = PresenterState(trace: traces[part], step: step, part: part + 1, parts: parts.count,
                                           title: parts[part].title, playing: playing)
                writeAtomically(presenterFile, state.text)
            }
            publish(0, false)
            switch showCard(terminal, parts, traces, index, speed: speed, theme: currentTheme) {
            case .quit: break lecture
            case .previous: index = Swift.max(0, index - 1); continue
            case .skip:
                index += 1
                if index >= parts.count { break lecture }
                continue
            case .start: break
            }
            let options = AppOptions(themeName: currentTheme.name, speed: speed, lecture: true, captions: true,
                                     autoplay: true, chained: true)
            let app = try App(terminal: terminal, trace: traces[index], options: options)
            app.theme = currentTheme
            app.model.ui.themeName = currentTheme.name
            if presenterFile != nil { app.afterDraw = { publish($0.position, $0.clock.isPlaying) } }
            app.run()
            currentTheme = app.theme
            switch app.ended {
            case .quit: break lecture
            case .previous: index = Swift.max(0, index - 1)
            case .next:
                index += 1
                if index >= parts.count { break lecture }
            }
        }
        terminal.close()
    } catch {
        terminal.close()
        throw error
    }
}

/// What the lecturer chose on a title card.
private enum CardChoice {
    case start, skip, previous, quit
}

/// Shows part `index`'s title card until a key decides.
@MainActor
private func showCard(_ terminal: Terminal, _ parts: [LecturePart], _ traces: [Trace], _ index: Int,
                      speed: Double, theme: Theme) -> CardChoice {
    let part = parts[index]
    let minutes = (try? Lecture.seconds(part, speed: speed)).map { $0 / 60 }
    while true {
        let size = terminal.size
        terminal.draw(LectureCardView.render(part, index: index, count: parts.count, steps: traces[index].steps.count,
                                             minutes: minutes, width: size.columns, height: size.rows), theme: theme)
        guard let key = terminal.readKey(timeoutMilliseconds: -1) else { continue }
        switch key {
        case .character(" "), .right, .enter, .character("n"), .character("l"):
            return .start
        case .character("]"):
            return .skip
        case .character("["), .left, .character("p"), .character("h"):
            return .previous
        case .character("q"), .character("Q"):
            return .quit
        default:
            continue
        }
    }
}

/// Writes `text` to `path` through a temporary file and a rename, so a reader never sees
/// half of it. Failures are ignored: the presenter's screen is a convenience.
func writeAtomically(_ path: String, _ text: String) {
    let temporary = path + ".tmp"
    writeFile(temporary, text)
    rename(temporary, path)
}

/// `mbviz demo --presenter FILE`: the presenter's screen on a second terminal, following
/// the lecture session that writes FILE (`--presenter-file`). `q` quits.
@MainActor
func runPresenter(file: String, themeName: String) throws {
    let theme = try loadTheme(themeName)
    let terminal: Terminal
    do { terminal = try Terminal.open() } catch { throw CLIError("\(error)") }
    var last: String?
    var state: PresenterState?
    var dirty = true
    while true {
        let text = (try? readBytes(file)).map { String(decoding: $0, as: UTF8.self) }
        if text != last, let text, let parsed = PresenterState(text: text) {
            state = parsed
            last = text
            dirty = true
        }
        if dirty {
            let size = terminal.size
            terminal.draw(PresenterView.render(state, width: size.columns, height: size.rows), theme: theme)
            dirty = false
        }
        if let key = terminal.readKey(timeoutMilliseconds: 200) {
            if key == .character("q") || key == .character("Q") { break }
            dirty = true
        }
    }
    terminal.close()
}

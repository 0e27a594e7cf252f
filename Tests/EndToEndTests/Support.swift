import Foundation
import XCTest

/// Runs the real `mbviz` binary, built next to this test bundle.
enum MBViz {
    /// The binary's path.
    static var path: String {
        if let env = ProcessInfo.processInfo.environment["MBVIZ_BIN"] { return env }
        let bundle = Bundle(for: Marker.self).bundleURL
        // The test bundle sits next to the products (on Linux it may be the products directory itself).
        for dir in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("mbviz").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("mbviz").path
    }
    final class Marker {}

    /// The repository root.
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/corpus`, if present.
    static var corpus: URL? {
        let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The result of a run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs mbviz with arguments and optional standard input; waits at most `timeout` seconds.
    /// Output goes to temporary files, so a large output can never block the child.
    static func run(_ args: [String], stdin: String? = nil, timeout: Double = 60) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        let inURL = dir.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
        let status = spawnAndWait([path] + args, stdin: inURL.path, stdout: outURL.path, stderr: errURL.path, timeout: timeout)
        return Result(status: status,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Writes text to a temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "t.mbtrace") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// A tmux session running a command, for full-screen tests.
struct Tmux {
    let name: String

    static var available: Bool { (try? shell(["tmux", "-V"]).status) == 0 }

    /// Runs a command and waits for it. Output goes to temporary files, not pipes: the first
    /// `tmux new-session` starts the tmux server, which inherits the output descriptors and
    /// would keep a pipe open, and a reader waiting for its end, forever.
    @discardableResult
    static func shell(_ args: [String]) throws -> MBViz.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mbviz-sh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let status = spawnAndWait(["/usr/bin/env"] + args, stdin: "/dev/null", stdout: outURL.path, stderr: errURL.path, timeout: 60)
        return MBViz.Result(status: status,
                            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// Starts a shell in a new detached session of the given size.
    init(width: Int, height: Int) throws {
        name = "mbviz-e2e-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        try Tmux.shell(["tmux", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                        "env", "-u", "NO_COLOR", "TERM=xterm-256color", "PS1=$ ", "bash", "--norc", "--noprofile"])
        try Tmux.shell(["tmux", "set-option", "-t", name, "remain-on-exit", "on"])
    }

    func send(_ keys: String...) throws { try Tmux.shell(["tmux", "send-keys", "-t", name] + keys) }
    func type(_ text: String) throws { try Tmux.shell(["tmux", "send-keys", "-t", name, "-l", text]) }
    func capture() throws -> String { try Tmux.shell(["tmux", "capture-pane", "-p", "-t", name]).stdout }
    func resize(_ w: Int, _ h: Int) throws { try Tmux.shell(["tmux", "resize-window", "-t", name, "-x", "\(w)", "-y", "\(h)"]) }
    func kill() { _ = try? Tmux.shell(["tmux", "kill-session", "-t", name]) }

    /// Waits until the screen contains `text` (or fails after `timeout` seconds).
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return screen }
            usleep(100_000)
        }
        XCTFail("screen never showed '\(text)':\n\(screen)", file: file, line: line)
        return screen
    }

    /// The pid of the program running in the pane's shell (the shell's child).
    func childPid() throws -> Int32? {
        let shellPid = try Tmux.shell(["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try Tmux.shell(["pgrep", "-P", shellPid]).stdout.split(separator: "\n")
        return children.first.flatMap { Int32($0) }
    }

    /// Checks that the pane is back to a usable shell: echo on, canonical mode.
    func assertShellRestored(file: StaticString = #filePath, line: UInt = #line) throws {
        try send("clear", "Enter")
        try send("stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo END", "Enter")
        let screen = try waitFor("END", file: file, line: line)
        XCTAssertTrue(screen.contains("echo icanon") || (screen.contains("icanon") && screen.contains("echo ") && !screen.contains("-echo ")),
                      "terminal not restored:\n\(screen)", file: file, line: line)
        XCTAssertFalse(screen.contains("-echo "), "echo is off:\n\(screen)", file: file, line: line)
        XCTAssertFalse(screen.contains("-icanon"), "still in raw mode:\n\(screen)", file: file, line: line)
        let cursor = try Tmux.shell(["tmux", "display-message", "-p", "-t", name, "#{cursor_flag} #{alternate_on}"]).stdout
        XCTAssertEqual(cursor.trimmingCharacters(in: .whitespacesAndNewlines), "1 0", "cursor hidden or still on the alternate screen", file: file, line: line)
    }
}

/// Runs a program with its standard streams on files and waits at most `timeout` seconds
/// (then TERM, then KILL, and the test fails). posix_spawn and waitpid, not Foundation's
/// Process, whose `isRunning` was seen never turning false on Linux, hanging the suite.
func spawnAndWait(_ argv: [String], stdin: String, stdout: String, stderr: String, timeout: Double) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in cArgs { free(a) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else {
        XCTFail("cannot start \(argv[0])")
        return -1
    }
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    var killed = false
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r < 0 && errno != EINTR { return -1 }
        if Date() > deadline && !killed {
            XCTFail("\(argv) did not finish within \(Int(timeout)) s")
            kill(pid, SIGTERM)
            usleep(500_000)
            kill(pid, SIGKILL)
            killed = true
        }
        usleep(5_000)
    }
    // WIFEXITED / WEXITSTATUS, and 128 + signal otherwise, as a shell reports it.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
}

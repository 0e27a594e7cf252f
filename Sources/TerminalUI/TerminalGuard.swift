import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Restores the terminal on every way out of the program: `close()`, `exit()` (atexit),
/// the polite signals (INT, TERM, HUP, QUIT) and crashes (SEGV, BUS, ILL, TRAP, ABRT, FPE;
/// a Swift trap is SIGILL on x86_64, SIGTRAP on arm64). A shell left without echo and
/// with the cursor hidden is the worst thing a full-screen program can do to its user.
///
/// While the screen is up, standard error (when it is the terminal) goes to a temporary
/// file and is written out after the screen is restored: otherwise a `fatalError` message,
/// printed just before the trap, would be drawn on the alternate screen and vanish with it.
///
/// `Terminal.open` calls all of this; apps don't need to. The handlers call `endwin()`,
/// which is not formally async-signal-safe; htop's CRT.c makes the same trade, since the
/// alternative is leaving the terminal broken.
public enum TerminalGuard {
    /// Termination signals: restored, then re-raised with the default action so the
    /// exit status says which signal ended the program (130 for ^C in a shell).
    static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Crash signals: restored, then handed on to whoever handled them before (the Swift
    /// runtime's backtracer, or the default action and its core dump).
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Installs the signal handlers and the atexit hook. Idempotent. A signal the
    /// program was started with ignored (`nohup` ignores HUP) stays ignored.
    public static func installSignalHandlers() {
        registerAtExitOnce()
        guard !guardState.handlersInstalled else { return }
        guardState.handlersInstalled = true
        installAlternateStack()
        var action = makeAction(handleSignal)
        sigemptyset(&action.sa_mask)
        // Block the others while one is handled, so two signals never restore at once.
        for sig in terminationSignals + crashSignals { sigaddset(&action.sa_mask, sig) }
        for sig in terminationSignals + crashSignals {
            var previous = makeAction(nil)
            sigaction(sig, nil, &previous)
            previousActions[Int(sig)] = previous
            installedSignals[Int(sig)] = false
            if terminationSignals.contains(sig) && isIgnored(previous) { continue }
            sigaction(sig, &action, nil)
            installedSignals[Int(sig)] = true
        }
    }

    /// Puts back the handlers that were there before `installSignalHandlers`.
    public static func removeSignalHandlers() {
        guard guardState.handlersInstalled else { return }
        guardState.handlersInstalled = false
        for sig in terminationSignals + crashSignals where installedSignals[Int(sig)] {
            sigaction(sig, &previousActions[Int(sig)], nil)
            installedSignals[Int(sig)] = false
        }
    }

    /// Leaves curses mode (echo on, cursor visible, cooked mode, main screen) and writes
    /// out what standard error received meanwhile. Safe to call any number of times, from
    /// any thread, and from a signal handler; does nothing when no screen is up.
    public static func restoreTerminal() {
        guard guardState.screenActive else { return }
        guardState.screenActive = false
        endwin()
        stopCapturingStandardError()
    }

    /// Marks the screen as up and starts capturing standard error (called by `open`).
    static func activate() {
        installSignalHandlers()
        startCapturingStandardError()
        guardState.screenActive = true
    }

    /// Restores the terminal and puts the old handlers back (called by `close`).
    static func deactivate() {
        restoreTerminal()
        removeSignalHandlers()
    }

    // MARK: - Standard error

    private static func startCapturingStandardError() {
        guard guardState.savedStandardError < 0, isatty(STDERR_FILENO) == 1 else { return }
        // tmpfile() unlinks the file at once: nothing is left behind if we are killed.
        guard let file = tmpfile() else { return }
        let capture = dup(fileno(file))
        fclose(file)
        guard capture >= 0 else { return }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(capture, STDERR_FILENO) >= 0 else {
            close(capture)
            if saved >= 0 { close(saved) }
            return
        }
        guardState.savedStandardError = saved
        guardState.captureFile = capture
    }

    /// Async-signal-safe: only dup2, close and the shim's read/write copy.
    private static func stopCapturingStandardError() {
        let saved = guardState.savedStandardError, capture = guardState.captureFile
        guard saved >= 0 else { return }
        guardState.savedStandardError = -1
        guardState.captureFile = -1
        dup2(saved, STDERR_FILENO)
        close(saved)
        if capture >= 0 {
            mbviz_copy_fd(capture, STDERR_FILENO)
            close(capture)
        }
    }

    // MARK: - Plumbing

    private static func registerAtExitOnce() {
        guard !guardState.atExitRegistered else { return }
        guardState.atExitRegistered = true
        atexit { TerminalGuard.restoreTerminal() }
    }

    /// A stack overflow is a SIGSEGV with no stack left to run the handler on; give the
    /// main thread a spare one unless someone (the Swift runtime) already did.
    private static func installAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        guard let memory = malloc(size) else { return }
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = size
        stack.ss_flags = 0
        if sigaltstack(&stack, nil) != 0 { free(memory) }
    }

    fileprivate static func isTermination(_ sig: Int32) -> Bool {
        sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
        let handler = action.__sigaction_u.__sa_handler
        #else
        let handler = action.__sigaction_handler.sa_handler
        #endif
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN is (void (*)(int))1
    }
}

/// The handler for every guarded signal.
///
/// A termination signal is restored, then re-raised with the default action. A crash
/// signal is restored, then handed to the handler that was there before (the Swift
/// runtime's backtracer prints the trace now that the screen is gone) by calling it
/// directly: chaining by re-raising would let the program carry on whenever that handler
/// returns for a signal that was sent rather than caused (`kill -SEGV`, `raise`). Then
/// the default action ends the process: a real fault re-faults on return, a sent
/// signal is re-raised and delivered on return (it is blocked while we run).
private let handleSignal: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?)
    -> Void = { sig, info, context in
    TerminalGuard.restoreTerminal()
    if !TerminalGuard.isTermination(sig) { callPrevious(sig, info, context) }
    var fallback = makeAction(nil)
    sigaction(sig, &fallback, nil)
    let sent = (info?.pointee.si_code ?? 0) <= 0  // SI_USER, SI_TKILL, SI_QUEUE: from kill/raise
    if TerminalGuard.isTermination(sig) || sent { raise(sig) }
}

/// Runs the handler that was installed before ours, if it was a function.
private func callPrevious(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let previous = previousActions[Int(sig)]
    #if canImport(Darwin)
    let handler = previous.__sigaction_u.__sa_handler
    let withInfo = previous.__sigaction_u.__sa_sigaction
    #else
    let handler = previous.__sigaction_handler.sa_handler
    let withInfo = previous.__sigaction_handler.sa_sigaction
    #endif
    guard let handler, unsafeBitCast(handler, to: Int.self) > 1 else { return }  // SIG_DFL 0, SIG_IGN 1
    if previous.sa_flags & Int32(SA_SIGINFO) != 0 {
        withInfo?(sig, info, context)
    } else {
        handler(sig)
    }
}

/// A `sigaction` running `handler` with SA_SIGINFO (nil: SIG_DFL), on the alternate stack.
private func makeAction(_ handler: (@convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?,
                                                    UnsafeMutableRawPointer?) -> Void)?) -> sigaction {
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_sigaction = handler
    #else
    action.__sigaction_handler.sa_sigaction = handler
    #endif
    action.sa_flags = Int32(SA_ONSTACK) | (handler == nil ? 0 : Int32(SA_SIGINFO))
    return action
}

/// What the handlers share. Signal handlers can't be actor-isolated, so these are plain
/// globals; they are written on the main thread while the handlers they concern are not
/// installed (or, for `screenActive`, read and cleared by whichever path restores first).
private struct GuardState {
    var screenActive = false
    var handlersInstalled = false
    var atExitRegistered = false
    var savedStandardError: Int32 = -1
    var captureFile: Int32 = -1
}

nonisolated(unsafe) private var guardState = GuardState()

/// Indexed by signal number; allocated once and never freed, so a handler can read it.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    p.initialize(repeating: sigaction(), count: 65)
    return p
}()

nonisolated(unsafe) private let installedSignals: UnsafeMutablePointer<Bool> = {
    let p = UnsafeMutablePointer<Bool>.allocate(capacity: 65)
    p.initialize(repeating: false, count: 65)
    return p
}()

// The kernel a log comes from, and the modelled kernel that replays it.

/// `major.minor[.patch]` from a `Linux version …` line.
struct LogKernelVersion: Comparable, Sendable, CustomStringConvertible {
    var major: Int
    var minor: Int
    var patch: Int?

    init(_ major: Int, _ minor: Int, _ patch: Int? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Reads the leading `6.12.16` of `6.12.16-generic (root@host) …`; nil when it is not there.
    init?(versionLine text: String) {
        let head = text.prefix { $0.isNumber || $0 == "." }
        let parts = head.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count >= 2, let a = parts[0], let b = parts[1], a < 100, b < 1000 else { return nil }
        self.init(a, b, parts.count > 2 ? parts[2].flatMap { $0 < 100_000 ? $0 : nil } : nil)
    }

    static func < (a: LogKernelVersion, b: LogKernelVersion) -> Bool {
        (a.major, a.minor, a.patch ?? 0) < (b.major, b.minor, b.patch ?? 0)
    }

    static func == (a: LogKernelVersion, b: LogKernelVersion) -> Bool {
        a.major == b.major && a.minor == b.minor && (a.patch ?? 0) == (b.patch ?? 0)
    }

    var description: String { patch.map { "\(major).\(minor).\($0)" } ?? "\(major).\(minor)" }

    /// The modelled kernel that replays this one: 6.12 for 6.7 and later (the memblock code
    /// of 6.7–6.18 is 6.12's in everything the model covers), 6.1 for earlier kernels.
    var modelled: ModelledKernel { self >= LogKernelVersion(6, 7) ? .v6_12 : .v6_1 }

    /// True when this is a release of the modelled kernel itself.
    var isModelled: Bool { (major, minor) == (6, 1) || (major, minor) == (6, 12) }
}

/// The kernels the model replays (`@kernel`).
public enum ModelledKernel: String, Sendable {
    /// Linux 6.1 (the model's first kernel).
    case v6_1 = "6.1"
    /// Linux 6.12.
    case v6_12 = "6.12"

    /// True when the trace parser of this build reads `@kernel` (format 1.1).
    static let parserReadsDirective: Bool = {
        (try? TraceParser.parse("@kernel 6.12\n", file: "probe")) != nil
    }()

    /// The same, for tests that need the model's 6.12 support.
    public static var parserReadsDirectiveForTests: Bool { parserReadsDirective }
}

import MemblockTrace

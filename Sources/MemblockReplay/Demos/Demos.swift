import MemblockTrace

/// A built-in demo trace.
public struct Demo: Sendable {
    /// The name `mbviz demo NAME` takes.
    public var name: String
    /// One line for `mbviz demo --list`.
    public var summary: String
    /// The trace text.
    public var text: String

    /// A demo. Built-in demos are lectures: `paced` (the default) adds a `@pause` after
    /// every captioned step (`Demos.paced`), so play stops with each caption on screen.
    public init(name: String, summary: String, text: String, paced: Bool = true) {
        self.name = name
        self.summary = summary
        self.text = paced ? Demos.paced(text) : text
    }

    /// The parsed trace.
    public func trace() throws(TraceErrors) -> Trace { try TraceParser.parse(text, file: "demo:\(name)") }
}

/// The demos built into the binary, so it works anywhere without files.
public enum Demos {
    /// Every demo, the default first.
    public static let all: [Demo] = [x86Numa2, topDownBottomUp, arrayDoubling, nodeFallback, mirrorFallback, memLimits, buddyHandoff, kernelContrast61, kernelContrast612]
    /// What a bare `mbviz` plays.
    public static var `default`: Demo { x86Numa2 }
    /// The demo with this name.
    public static func named(_ name: String) -> Demo? { all.first { $0.name == name } }
}

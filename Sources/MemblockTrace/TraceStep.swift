/// One step with everything the trace says about it.
///
/// Traces hold up to millions of steps, so a step is stored compactly (184 bytes instead
/// of 248): the rarely used note, settings and expectations live in a shared, immutable
/// box, and the location and phase in 32-bit fields (lines, columns and phase indices
/// beyond 2^31 are clamped). The properties read and write like plain stored ones.
public struct TraceStep: Hashable, Sendable {
    /// The memblock call.
    public var operation: Operation
    /// `by=`: who asked (the kernel's caller).
    public var by: String?
    /// `label=`: the name later steps use as `$NAME`.
    public var label: String?
    /// `=> ADDRESS|fail` (allocation steps only).
    public var result: ResultExpectation?
    /// An `@pause` just before this step: auto-play stops here.
    public var pauseBefore: Bool
    /// `phase + 1`, or 0 for no phase.
    private var phaseStorage: Int32
    private var line: Int32
    private var column: Int32
    private var file: String
    /// Note, settings and expectations; nil when all are empty.
    private var extras: StepExtras?

    /// A step; everything but the operation is optional.
    public init(
        operation: Operation, by: String? = nil, label: String? = nil, result: ResultExpectation? = nil,
        note: String? = nil, pauseBefore: Bool = false, settings: [SettingChange] = [],
        expectations: [StateExpectation] = [], phase: Int? = nil, location: SourceLocation = .unknown
    ) {
        self.operation = operation
        self.by = by
        self.label = label
        self.result = result
        self.pauseBefore = pauseBefore
        self.phaseStorage = Self.store(phase)
        self.line = Int32(clamping: location.line)
        self.column = Int32(clamping: location.column)
        self.file = location.file
        if note != nil || !settings.isEmpty || !expectations.isEmpty {
            extras = StepExtras(note: note, settings: settings, expectations: expectations)
        }
    }

    /// The `@note`s just before this step, joined with `"\n"`.
    public var note: String? {
        get { extras?.note }
        set { setExtras(note: newValue, settings: settings, expectations: expectations) }
    }

    /// `@config` changes that apply just before this step.
    public var settings: [SettingChange] {
        get { extras?.settings ?? [] }
        set { setExtras(note: note, settings: newValue, expectations: expectations) }
    }

    /// The `@expect` checks after this step (before the next).
    public var expectations: [StateExpectation] {
        get { extras?.expectations ?? [] }
        set { setExtras(note: note, settings: settings, expectations: newValue) }
    }

    /// The index in `Trace.phases` of the phase this step belongs to.
    public var phase: Int? {
        get { phaseStorage == 0 ? nil : Int(phaseStorage) - 1 }
        set { phaseStorage = Self.store(newValue) }
    }

    /// Where the operation name is.
    public var location: SourceLocation {
        get { SourceLocation(file: file, line: Int(line), column: Int(column)) }
        set {
            file = newValue.file
            line = Int32(clamping: newValue.line)
            column = Int32(clamping: newValue.column)
        }
    }

    public static func == (a: TraceStep, b: TraceStep) -> Bool {
        a.operation == b.operation && a.by == b.by && a.label == b.label && a.result == b.result
            && a.pauseBefore == b.pauseBefore && a.phaseStorage == b.phaseStorage && a.line == b.line
            && a.column == b.column && a.file == b.file && a.note == b.note && a.settings == b.settings
            && a.expectations == b.expectations
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(operation)
        hasher.combine(by)
        hasher.combine(label)
        hasher.combine(result)
        hasher.combine(pauseBefore)
        hasher.combine(phaseStorage)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(file)
        hasher.combine(note)
        hasher.combine(settings)
        hasher.combine(expectations)
    }

    private static func store(_ phase: Int?) -> Int32 {
        guard let phase, phase >= 0 else { return 0 }
        return phase >= Int(Int32.max) ? Int32.max : Int32(phase) + 1
    }

    /// Replaces the extras box (an immutable value shared between copies); nil when all
    /// of it is empty.
    private mutating func setExtras(note: String?, settings: [SettingChange], expectations: [StateExpectation]) {
        extras = note == nil && settings.isEmpty && expectations.isEmpty
            ? nil : StepExtras(note: note, settings: settings, expectations: expectations)
    }
}

/// The rarely used parts of a step: immutable, so sharing it between copies of a step is
/// safe (a change makes a new box).
private final class StepExtras: Sendable {
    let note: String?
    let settings: [SettingChange]
    let expectations: [StateExpectation]

    init(note: String?, settings: [SettingChange], expectations: [StateExpectation]) {
        self.note = note
        self.settings = settings
        self.expectations = expectations
    }
}

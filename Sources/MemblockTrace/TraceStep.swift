/// One step with everything the trace says about it.
///
/// Traces hold up to millions of steps, so a step is stored compactly (192 bytes instead
/// of 248): the rarely used note, settings and expectations live in a shared, copy-on-write
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
        set { uniqueExtras().note = newValue; dropEmptyExtras() }
    }

    /// `@config` changes that apply just before this step.
    public var settings: [SettingChange] {
        get { extras?.settings ?? [] }
        set { uniqueExtras().settings = newValue; dropEmptyExtras() }
        _modify {
            let box = uniqueExtras()
            defer { dropEmptyExtras() }
            yield &box.settings
        }
    }

    /// The `@expect` checks after this step (before the next).
    public var expectations: [StateExpectation] {
        get { extras?.expectations ?? [] }
        set { uniqueExtras().expectations = newValue; dropEmptyExtras() }
        _modify {
            let box = uniqueExtras()
            defer { dropEmptyExtras() }
            yield &box.expectations
        }
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

    /// The extras box, created or copied so that this step owns it alone.
    private mutating func uniqueExtras() -> StepExtras {
        if extras == nil {
            extras = StepExtras(note: nil, settings: [], expectations: [])
        } else if !isKnownUniquelyReferenced(&extras) {
            extras = extras!.copy()
        }
        return extras!
    }

    /// Keeps `extras` nil when everything in it is empty.
    private mutating func dropEmptyExtras() {
        if let box = extras, box.note == nil, box.settings.isEmpty, box.expectations.isEmpty { extras = nil }
    }
}

/// The rarely used parts of a step. Mutated only through `TraceStep`, and only when the
/// step holds the sole reference (copy-on-write), which is what makes it safe to share.
private final class StepExtras: @unchecked Sendable {
    var note: String?
    var settings: [SettingChange]
    var expectations: [StateExpectation]

    init(note: String?, settings: [SettingChange], expectations: [StateExpectation]) {
        self.note = note
        self.settings = settings
        self.expectations = expectations
    }

    func copy() -> StepExtras { StepExtras(note: note, settings: settings, expectations: expectations) }
}

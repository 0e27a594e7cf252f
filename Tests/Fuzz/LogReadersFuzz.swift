// libFuzzer entry point for the importer's readers on their own: the normaliser (stage 1)
// and the line classifier with its dialect and message units (stage 2). Built by
// .ci/fuzz-import against MemblockImport compiled with -enable-testing (so it reaches the
// internal stages), not by SwiftPM (this folder is not a target).
//
// Beyond "no crash, no hang": every message keeps a real line number (increasing, within
// the input), no message holds a line end or exceeds the line cap, a transform is named at
// most once, and every event points at a message the normaliser produced.
@testable import MemblockImport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func logReadersFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let physical = bytes.reduce(0) { $0 + ($1 == 0x0a ? 1 : 0) } + 1
    let n = LogNormalizer.normalize(bytes)
    var last = 0
    for line in n.lines {
        precondition(line.number > last && line.number <= physical, "line numbers must increase within the input")
        precondition(!line.text.contains(0x0a), "a message holds a line end")
        precondition(line.text.count <= 2 * LogNormalizer.maxLineBytes + 1, "a message exceeds the line cap")
        last = line.number
    }
    precondition(Set(n.transforms).count == n.transforms.count)
    precondition(n.skipped.allSatisfy { $0.line >= 1 && $0.line <= physical })
    let numbers = Set(n.lines.map(\.number))
    for e in LogClassifier.events(n.lines) {
        precondition(numbers.contains(e.line), "an event without its message")
        if case .request(let r) = e.event { precondition(!r.printedName.isEmpty) }
        _ = e.event.isMemblockLine
    }
    for line in n.lines.prefix(64) { _ = LogClassifier.lacksCaller(line.text) }
    _ = Arch.detect(n.lines)
    return 0
}

import Foundation
import MemblockTrace

/// Where test data lives: `../shared/corpus` beside the repository, and the fixtures copied
/// into this test target so the core tests run without it.
enum Corpus {
    /// The repository root (found from this file's path).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/corpus`, if present.
    static var shared: URL? {
        let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
    /// This target's fixtures.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The differential traces: all 100 from the shared corpus, else the copied fixtures.
    static func differentialTraces() -> [URL] {
        let dir = shared?.appendingPathComponent("differential") ?? fixtures
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".mbtrace") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The traces of a shared corpus folder, or else the fixtures of `fixtureFolder` whose
    /// names start with `fixturePrefix`.
    static func traces(in folder: String, fixturePrefix: String, fixtureFolder: String) -> [URL] {
        let dir = shared?.appendingPathComponent(folder) ?? fixtures.appendingPathComponent(fixtureFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".mbtrace") && $0.hasPrefix(fixturePrefix) }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// Parses a trace file, failing the test with the parser's errors.
    static func load(_ url: URL) throws -> Trace {
        do {
            return try TraceParser.parse(contentsOf: url.path)
        } catch {
            throw NSError(domain: "corpus", code: 1, userInfo: [NSLocalizedDescriptionKey: error.description])
        }
    }
}

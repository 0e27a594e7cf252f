import Foundation
import MemblockImport
import XCTest

/// Where the test inputs are: `../shared/corpus/boot` beside the repository (skipped when
/// absent), and the real logs and blobs copied into `Fixtures/` so the core tests always run.
enum ImportFixtures {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures")
    static let repoRoot = here.deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpus/boot`, or a skip.
    static func boot() throws -> URL {
        let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/boot")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/corpus/boot is not beside the repository") }
        return url
    }

    /// `../shared/corpus/NAME`, or a skip.
    static func corpus(_ name: String) throws -> URL {
        let url = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/" + name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/corpus/\(name) is not beside the repository") }
        return url
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: url.path) else {
            throw NSError(domain: "fixtures", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot read \(url.path)"])
        }
        return [UInt8](d)
    }

    static func fixture(_ name: String) throws -> [UInt8] { try bytes(fixtures.appendingPathComponent(name)) }

    /// Imports a log (with the DTB beside it when `dtb`), failing the test on an error.
    static func importLog(_ url: URL, dtb: Bool, file: StaticString = #filePath, line: UInt = #line) throws -> ImportResult {
        let blob = dtb ? try bytes(url.deletingPathExtension().appendingPathExtension("dtb")) : nil
        do {
            return try DmesgImporter.importLog(try bytes(url), file: url.lastPathComponent, dtb: blob)
        } catch {
            XCTFail("import failed: \(error)", file: file, line: line)
            throw error
        }
    }
}

import Foundation
import XCTest
@testable import MemblockView

final class ThemeTests: XCTestCase {
    /// The repository's themes/ directory.
    static let themesDir = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    func parse(_ text: String, file: String = "t.theme") throws -> Theme {
        try ThemeFormat.parse(text, name: "t", file: file)
    }

    func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    func test_builtins_areTheFiveThemes_andEachSetsEveryRole() throws {
        XCTAssertEqual(ThemeLoader.builtinNames, ["default", "light", "projector", "mono", "colorblind"])
        for name in ThemeLoader.builtinNames {
            let theme = try XCTUnwrap(ThemeLoader.builtin(name))
            XCTAssertEqual(theme.name, name)
            XCTAssertEqual(Set(theme.styles.keys), Set(StyleRole.allCases), name)
        }
    }

    func test_themeFiles_areIdenticalToTheEmbeddedText() throws {
        for name in ThemeLoader.builtinNames {
            let path = (Self.themesDir as NSString).appendingPathComponent(name + ".theme")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertEqual(text, ThemeLoader.builtinText(name), "\(path) differs from BuiltinThemes.swift: run themes/generate-builtin.sh")
        }
    }

    func test_monoTheme_usesNoColour() throws {
        let mono = try XCTUnwrap(ThemeLoader.builtin("mono"))
        XCTAssertTrue(mono.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
        XCTAssertTrue(mono.style(.selected).reverse)
    }

    func test_parse_readsColoursAttributesAndComments() throws {
        let theme = try parse("""
            # a comment

            normal = default
            reserved = #ff0000 on #000000 bold underline   # trailing comment
            memory-free = #00FF00 reverse
            status = default on #303030
            """)
        XCTAssertEqual(theme.style(.reserved), Style(foreground: RGB(255, 0, 0), background: RGB(0, 0, 0), bold: true, underline: true))
        XCTAssertEqual(theme.style(.memoryFree), Style(foreground: RGB(0, 255, 0), reverse: true))
        XCTAssertEqual(theme.style(.status), Style(background: RGB(0x30, 0x30, 0x30)))
        XCTAssertEqual(theme.style(.error), theme.style(.normal), "a role not set falls back to normal")
    }

    func test_parse_errorsNameTheFileAndLine() {
        assertError("normal = default\nreserve = #ff0000", "t.theme:2: unknown role 'reserve' (known roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        assertError("\n\nreserved = #ff00", "t.theme:3: bad colour '#ff00': use #rrggbb or default")
        assertError("reserved = red", "t.theme:1: bad colour 'red': use #rrggbb or default")
        assertError("reserved #ff0000", "t.theme:1: expected `role = colour [on colour] [bold] [underline] [reverse]`, found 'reserved #ff0000'")
        assertError("reserved = #ff0000 blink", "t.theme:1: unknown attribute 'blink' (use bold, underline or reverse)")
        assertError("reserved = #ff0000 on", "t.theme:1: expected a colour after 'on': use #rrggbb or default")
        assertError("reserved =", "t.theme:1: missing colour after '=': use #rrggbb or default")
        assertError("dim = default\ndim = #111111", "t.theme:2: role 'dim' is already set on line 1")
        assertError(" = #111111", "t.theme:1: missing role name before '='")
    }

    func test_format_roundTrips() throws {
        for name in ThemeLoader.builtinNames {
            let theme = try XCTUnwrap(ThemeLoader.builtin(name))
            XCTAssertEqual(try ThemeFormat.parse(ThemeFormat.format(theme), name: name, file: "x"), theme)
        }
    }

    func temporaryDirectory() throws -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("mbviz-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func test_load_byPath_byName_andFallingBackToTheBuiltins() throws {
        let dir = try temporaryDirectory()
        let path = (dir as NSString).appendingPathComponent("mine.theme")
        try "reserved = #123456\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try ThemeLoader.load(nameOrPath: path).style(.reserved).foreground, RGB(0x12, 0x34, 0x56))
        XCTAssertEqual(try ThemeLoader.load(nameOrPath: path).name, "mine")
        XCTAssertEqual(try ThemeLoader.load(nameOrPath: "mine", searchDirectories: [dir]).name, "mine")
        // A file in a search directory shadows the built-in theme of the same name.
        try "normal = #010203\n".write(toFile: (dir as NSString).appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try ThemeLoader.load(nameOrPath: "light", searchDirectories: [dir]).style(.normal).foreground, RGB(1, 2, 3))
        XCTAssertEqual(try ThemeLoader.load(nameOrPath: "projector", searchDirectories: [dir]), ThemeLoader.builtin("projector"))
        XCTAssertEqual(ThemeLoader.availableNames(searchDirectories: [dir]), ThemeLoader.builtinNames + ["mine"])
    }

    func test_load_reportsBadFilesAndUnknownNames() throws {
        let dir = try temporaryDirectory()
        let path = (dir as NSString).appendingPathComponent("bad.theme")
        try "normal = default\nwarning = #ggg000\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ThemeLoader.load(nameOrPath: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2: bad colour '#ggg000': use #rrggbb or default")
        }
        XCTAssertThrowsError(try ThemeLoader.load(nameOrPath: "bad", searchDirectories: [dir])) { error in
            XCTAssertEqual((error as? ThemeError)?.line, 2)
        }
        XCTAssertThrowsError(try ThemeLoader.load(nameOrPath: "nosuch", searchDirectories: [])) { error in
            XCTAssertEqual("\(error)", "nosuch: no such theme (built in: default, light, projector, mono, colorblind)")
        }
        XCTAssertThrowsError(try ThemeLoader.load(nameOrPath: dir + "/missing.theme")) { error in
            XCTAssertEqual((error as? ThemeError)?.line, 0)
        }
    }

    func test_searchDirectories_packageRootThenCurrentDirectoryThenEnvironment() throws {
        let root = try temporaryDirectory()
        let fm = FileManager.default
        try "".write(toFile: (root as NSString).appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
        for d in ["themes", ".build/debug", "cwd/themes", "env1", "env2"] {
            try fm.createDirectory(atPath: (root as NSString).appendingPathComponent(d), withIntermediateDirectories: true)
        }
        let exe = (root as NSString).appendingPathComponent(".build/debug/mbviz")
        let dirs = ThemeLoader.searchDirectories(executable: exe, currentDirectory: root + "/cwd",
                                                 environment: "\(root)/env1:\(root)/nope:\(root)/env2")
        XCTAssertEqual(dirs, [root + "/themes", root + "/cwd/themes", root + "/env1", root + "/env2"])
    }

    func test_theRepositoryThemesDirectory_loadsEveryFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDir).filter { $0.hasSuffix(".theme") }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for f in files { XCTAssertNoThrow(try ThemeLoader.load(nameOrPath: Self.themesDir + "/" + f), f) }
    }
}

/// Every built-in theme is legible: text against its background at WCAG AA.
final class ThemeContrastTests: XCTestCase {
    /// Roles that draw only glyphs (band cells, rules): WCAG's 3:1 for graphics applies.
    /// `hole` draws blanks and is not checked.
    static let graphicRoles: Set<StyleRole> = [.border, .nomap, .hotplug, .mirror, .driverManaged, .physmem, .buddy]

    /// The terminals a theme that leaves colours to the terminal is read on: dark themes
    /// on black and on a dark grey, with a light grey default foreground.
    static let darkTerminals: [(foreground: RGB, background: RGB)] = [
        (RGB(0xd0, 0xd0, 0xd0), RGB(0, 0, 0)), (RGB(0xd0, 0xd0, 0xd0), RGB(0x1c, 0x1c, 0x1c)),
    ]

    /// The lowest ratio of each theme's text roles, over the terminals it may meet.
    static func lowest(_ theme: Theme) -> (ratio: Double, role: StyleRole)? {
        var worst: (Double, StyleRole)?
        for role in StyleRole.allCases where role != .hole && !graphicRoles.contains(role) {
            for t in darkTerminals {
                guard let (fg, bg) = theme.textColours(role, terminal: t) else { continue }
                let ratio = fg.contrast(with: bg)
                if worst == nil || ratio < worst!.0 { worst = (ratio, role) }
            }
        }
        return worst
    }

    func test_contrast_isWCAG_AA_forEveryTextRole_ofEveryBuiltinTheme() throws {
        for name in ThemeLoader.builtinNames {
            let theme = try XCTUnwrap(ThemeLoader.builtin(name))
            for role in StyleRole.allCases where role != .hole {
                let needed = Self.graphicRoles.contains(role) ? 3.0 : 4.5
                for t in Self.darkTerminals {
                    guard let (fg, bg) = theme.textColours(role, terminal: t) else { continue }
                    let ratio = fg.contrast(with: bg)
                    XCTAssertGreaterThanOrEqual(ratio, needed, "\(name).\(role.rawValue): \(fg) on \(bg) is \(ratio):1")
                }
            }
            if let w = Self.lowest(theme) {
                print("contrast \(name): lowest \(String(format: "%.2f", w.ratio)):1 (\(w.role.rawValue))")
            }
        }
    }

    func test_contrastRatio_matchesWCAGReferenceValues() {
        XCTAssertEqual(RGB(0, 0, 0).contrast(with: RGB(255, 255, 255)), 21, accuracy: 0.01)
        XCTAssertEqual(RGB(0x77, 0x77, 0x77).contrast(with: RGB(255, 255, 255)), 4.48, accuracy: 0.01)
        XCTAssertEqual(RGB(0x12, 0x34, 0x56).contrast(with: RGB(0x12, 0x34, 0x56)), 1, accuracy: 1e-9)
    }

    func test_projectorAndLight_paintEveryCellsBackground_soTheyReadOnAnyTerminal() throws {
        for name in ["projector", "light"] {
            let theme = try XCTUnwrap(ThemeLoader.builtin(name))
            XCTAssertTrue(theme.ownsBackground, name)
        }
        XCTAssertFalse(try XCTUnwrap(ThemeLoader.builtin("default")).ownsBackground)
    }

    func test_lightTheme_onADarkTerminal_keepsTitlesVisible() throws {
        let light = try XCTUnwrap(ThemeLoader.builtin("light"))
        let dark = (foreground: RGB(0xd0, 0xd0, 0xd0), background: RGB(0, 0, 0))
        for role in [StyleRole.title, .normal, .key, .dim] {
            let (fg, bg) = try XCTUnwrap(light.textColours(role, terminal: dark))
            XCTAssertNotEqual(bg, dark.background, "\(role) paints its own background")
            XCTAssertGreaterThanOrEqual(fg.contrast(with: bg), 4.5, "\(role)")
        }
    }
}

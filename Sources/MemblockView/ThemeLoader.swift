import Foundation

/// Finds and loads themes: by path, or by name from the themes directories and the
/// built-in themes. The file format is `ThemeFormat`'s (and `themes/README.md`'s).
public enum ThemeLoader {
    /// The themes compiled into the binary, in cycling order.
    public static let builtinNames: [String] = BuiltinThemes.texts.map(\.name)

    /// The text of a built-in theme.
    public static func builtinText(_ name: String) -> String? {
        BuiltinThemes.texts.first { $0.name == name }?.text
    }

    /// A built-in theme, parsed (nil for an unknown name).
    public static func builtin(_ name: String) -> Theme? {
        guard let text = builtinText(name) else { return nil }
        return try? ThemeFormat.parse(text, name: name, file: "<builtin \(name)>")
    }

    /// Loads a theme by path (anything containing `/` or ending in `.theme`) or by name,
    /// looked up as `NAME.theme` in `searchDirectories()` and then among the built-in
    /// themes. Throws a `ThemeError` (`FILE:LINE: message`) for a bad file, an unreadable
    /// path or an unknown name.
    public static func load(nameOrPath: String) throws -> Theme {
        try load(nameOrPath: nameOrPath, searchDirectories: searchDirectories())
    }

    /// As `load(nameOrPath:)`, looking names up in the given directories.
    public static func load(nameOrPath: String, searchDirectories: [String]) throws -> Theme {
        if isPath(nameOrPath) { return try loadFile(nameOrPath) }
        for dir in searchDirectories {
            let path = (dir as NSString).appendingPathComponent(nameOrPath + ".theme")
            if FileManager.default.isReadableFile(atPath: path) { return try loadFile(path) }
        }
        if let text = builtinText(nameOrPath) {
            return try ThemeFormat.parse(text, name: nameOrPath, file: "<builtin \(nameOrPath)>")
        }
        let searched = searchDirectories.isEmpty ? "" : "; looked in \(searchDirectories.joined(separator: ", "))"
        throw ThemeError(file: nameOrPath, line: 0,
                         message: "no such theme (built in: \(builtinNames.joined(separator: ", "))\(searched))")
    }

    /// True when `nameOrPath` names a file rather than a theme.
    static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme")
    }

    /// Reads and parses a theme file; its name is the file name without `.theme`.
    public static func loadFile(_ path: String) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: 0, message: "cannot read the theme file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: 0, message: "the theme file is not UTF-8 text")
        }
        var name = (path as NSString).lastPathComponent
        if name.hasSuffix(".theme") { name = String(name.dropLast(6)) }
        return try ThemeFormat.parse(text, name: name, file: path)
    }

    /// Where names are looked up, in order: `themes/` in the package root of the running
    /// executable, `themes/` in the current directory, then each directory of
    /// `$MBVIZ_THEMES` (separated by `:`). Directories that do not exist are left out.
    public static func searchDirectories() -> [String] {
        let env = ProcessInfo.processInfo.environment
        let cwd = FileManager.default.currentDirectoryPath
        return searchDirectories(executable: ProcessInfo.processInfo.arguments.first, currentDirectory: cwd,
                                 environment: env["MBVIZ_THEMES"])
    }

    /// The search directories for a given executable path, current directory and
    /// `$MBVIZ_THEMES` value.
    public static func searchDirectories(executable: String?, currentDirectory: String, environment: String?) -> [String] {
        var dirs: [String] = []
        if let root = packageRoot(executable: executable, currentDirectory: currentDirectory) {
            dirs.append((root as NSString).appendingPathComponent("themes"))
        }
        dirs.append((currentDirectory as NSString).appendingPathComponent("themes"))
        if let env = environment {
            dirs += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        var seen = Set<String>()
        return dirs.filter { dir in
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) && isDir.boolValue
            return exists && seen.insert((dir as NSString).standardizingPath).inserted
        }
    }

    /// The package the executable was built in: the nearest ancestor directory of the
    /// executable (symlinks resolved) that holds `Package.swift` and `themes/`.
    static func packageRoot(executable: String?, currentDirectory: String) -> String? {
        guard let exe = executable, !exe.isEmpty else { return nil }
        let absolute = exe.hasPrefix("/") ? exe : (currentDirectory as NSString).appendingPathComponent(exe)
        var dir = ((absolute as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
        for _ in 0..<10 {
            let fm = FileManager.default
            if fm.fileExists(atPath: (dir as NSString).appendingPathComponent("Package.swift"))
                && fm.fileExists(atPath: (dir as NSString).appendingPathComponent("themes")) {
                return dir
            }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { break }
            dir = parent
        }
        return nil
    }

    /// Theme names for cycling (`t`): the built-in ones, then any other `*.theme` in the
    /// search directories, sorted.
    public static func availableNames(searchDirectories dirs: [String] = searchDirectories()) -> [String] {
        var names = builtinNames
        var extra = Set<String>()
        for dir in dirs {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files where f.hasSuffix(".theme") {
                let n = String(f.dropLast(6))
                if !names.contains(n) { extra.insert(n) }
            }
        }
        names += extra.sorted()
        return names
    }
}

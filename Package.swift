// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mbviz",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mbviz", targets: ["mbviz"]),
        .library(name: "Memblock", targets: ["Memblock"]),
        .library(name: "MemblockTrace", targets: ["MemblockTrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The allocator model: no dependencies, no I/O.
        .target(name: "Memblock"),
        // The trace format: model, parser, writer, importers.
        .target(name: "MemblockTrace", dependencies: ["Memblock"]),
        // libfdt (Debian's libfdt-dev has no pkg-config file).
        .systemLibrary(name: "CLibfdt", providers: [.apt(["libfdt-dev"])]),
        // Importers of real data: kernel logs, device tree blobs, this machine.
        .target(name: "MemblockImport", dependencies: ["Memblock", "MemblockTrace", "MemblockReplay", "CLibfdt"]),
        // The stepping controller.
        .target(name: "MemblockReplay", dependencies: ["Memblock", "MemblockTrace"]),
        // Pure drawing into a cell buffer.
        .target(name: "MemblockView", dependencies: ["Memblock", "MemblockTrace", "MemblockReplay"]),
        // The app core: model, messages, a pure update, the view of the model.
        .target(name: "MemblockApp", dependencies: ["Memblock", "MemblockTrace", "MemblockReplay", "MemblockView"]),
        // ncursesw, found through pkg-config.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The only code that touches ncurses.
        .target(name: "TerminalUI", dependencies: ["CNcursesw", "MemblockView"]),
        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "mbviz",
            dependencies: [
                "Memblock", "MemblockTrace", "MemblockReplay", "MemblockView", "MemblockApp", "TerminalUI", "MemblockImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MemblockTests", dependencies: ["Memblock"]),
        .testTarget(name: "MemblockTraceTests", dependencies: ["MemblockTrace", "Memblock"]),
        .testTarget(name: "MemblockReplayTests", dependencies: ["MemblockReplay", "MemblockTrace", "Memblock"], exclude: ["Fixtures"]),
        .testTarget(name: "MemblockViewTests", dependencies: ["MemblockView", "MemblockReplay", "MemblockTrace", "Memblock"], exclude: ["Snapshots"]),
        .testTarget(name: "MemblockImportTests", dependencies: ["MemblockImport", "MemblockReplay", "MemblockTrace", "Memblock", "CLibfdt"], exclude: ["Fixtures"]),
        .testTarget(name: "MemblockAppTests", dependencies: ["MemblockApp", "MemblockView", "MemblockReplay", "MemblockTrace", "Memblock"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "MemblockView"]),
        .testTarget(name: "EndToEndTests", dependencies: ["mbviz"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

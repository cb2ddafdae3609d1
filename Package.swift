// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "termlabel",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "termlabel", targets: ["termlabel"]),
        .executable(name: "termlabel-bench", targets: ["termlabel-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // C libraries, through system-library targets.
        .systemLibrary(name: "CNCursesw", providers: [.apt(["libncursesw5-dev"])]),

        // Pure model: annotations, sidecar codec, edits, history, documents. No I/O.
        .target(name: "LabelCore"),
        // Big-file text buffer: records, display model, words, search.
        .target(name: "LabelText", dependencies: ["LabelCore"]),
        // Picture headers, decoders, scaling, colour and half-block cells.
        .target(name: "LabelImaging", dependencies: ["LabelCore"]),
        // termlabel.toml, keymaps and themes (TOML through TOMLKit).
        .target(name: "LabelConfig", dependencies: ["LabelCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Sidecars on disk: atomic writes, locks, journal; datasets; validation.
        .target(name: "LabelStore", dependencies: ["LabelCore", "LabelText", "LabelConfig"]),
        // Statistics and agreement over documents.
        .target(name: "LabelQuality", dependencies: ["LabelCore"]),
        // The terminal: the only importer of ncurses.
        .target(name: "LabelTerminal", dependencies: ["CNCursesw"]),

        .executableTarget(name: "termlabel", dependencies: [
            "LabelCore", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelQuality", "LabelTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "termlabel-bench", dependencies: [
            "LabelCore", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelQuality",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets (temporary folders, running the binary).
        .target(name: "TestSupport", dependencies: ["LabelCore"], path: "Tests/TestSupport"),
        .testTarget(name: "LabelCoreTests", dependencies: ["LabelCore", "TestSupport"]),
        .testTarget(name: "LabelTextTests", dependencies: ["LabelText", "TestSupport"]),
        .testTarget(name: "LabelConfigTests", dependencies: ["LabelConfig", "TestSupport"]),
        .testTarget(name: "LabelStoreTests", dependencies: ["LabelStore", "TestSupport", "termlabel-bench"]),
        .testTarget(name: "LabelQualityTests", dependencies: ["LabelQuality", "TestSupport"]),
        .testTarget(name: "LabelImagingTests", dependencies: ["LabelImaging", "TestSupport"]),
        .testTarget(name: "LabelTerminalTests", dependencies: ["LabelTerminal", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "termlabel"]),
    ]
)

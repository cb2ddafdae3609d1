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
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
    ],
    targets: [
        // C libraries, through system-library targets.
        .systemLibrary(name: "CNCursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CLibPNG", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CLibJPEG", providers: [.apt(["libjpeg62-turbo-dev"])]),
        // libpng and libjpeg report errors by longjmp, which Swift cannot catch: C wrappers do.
        .target(name: "CImageCodecs", dependencies: ["CLibPNG", "CLibJPEG"]),
        // Colours, cells and cell grids: what views render into and terminals draw.
        .target(name: "LabelCells"),
        // The input vocabulary (keys, mouse, resize, wake-ups) and the screen protocol: what the
        // terminal produces and the editor consumes, so neither depends on the other.
        .target(name: "LabelInput", dependencies: ["LabelCells"]),

        // Pure model: annotations, sidecar codec, edits, history, documents. No I/O.
        .target(name: "LabelCore"),
        // Big-file text buffer: records, display model, words, search.
        .target(name: "LabelText", dependencies: ["LabelCore"]),
        // Picture headers, decoders, scaling, colour and half-block cells.
        .target(name: "LabelImaging", dependencies: ["LabelCore", "LabelCells", "CImageCodecs", "CLibPNG", "CLibJPEG"]),
        // termlabel.toml, keymaps and themes (TOML through TOMLKit).
        .target(name: "LabelConfig", dependencies: ["LabelCore", "LabelCells", "LabelInput", .product(name: "TOMLKit", package: "TOMLKit")],
                plugins: ["EmbedResourcesPlugin"]),
        // Keymaps/ and Themes/ are compiled into LabelConfig, so one binary carries them.
        .executableTarget(name: "embed-resources", path: "Sources/EmbedResourcesTool"),
        .plugin(name: "EmbedResourcesPlugin", capability: .buildTool(), dependencies: ["embed-resources"],
                path: "Sources/EmbedResourcesPlugin"),
        // Sidecars on disk: atomic writes, locks, journal, reading without opening.
        // Linux file calls Glibc's Swift module does not export (syncfs).
        .target(name: "CFileSupport"),
        .target(name: "LabelStore", dependencies: ["CFileSupport", "LabelCore"]),
        // Datasets: the data files under the paths given, the project file, validation.
        .target(name: "LabelDataset", dependencies: ["LabelCore", "LabelText", "LabelConfig", "LabelStore", "LabelQuality"]),
        // Export and import in the formats people train with.
        .target(name: "LabelInterchange", dependencies: ["LabelCore", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelDataset",
                                                        .product(name: "Yams", package: "Yams")]),
        // Assisted labeling: models and patterns that suggest (DESIGN §12).
        .target(name: "LabelAssist", dependencies: ["LabelCore", "LabelText", "LabelImaging", "LabelStore", "LabelDataset"]),
        // Statistics and agreement over documents.
        .target(name: "LabelQuality", dependencies: ["LabelCore"]),
        // Modes, commands, counts, items, views rendered into cell grids. No ncurses.
        .target(name: "LabelEditor", dependencies: ["LabelCore", "LabelCells", "LabelInput", "LabelAssist", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelDataset", "LabelQuality"]),
        // The terminal: the only importer of ncurses.
        .target(name: "CTerminalSupport"),
        .target(name: "LabelTerminal", dependencies: ["CNCursesw", "CTerminalSupport", "LabelCells", "LabelInput", "LabelImaging"]),

        // A TUI session: opening what it works on, the editor on the terminal, and its end.
        .target(name: "LabelSession", dependencies: ["LabelCore", "LabelCells", "LabelConfig", "LabelStore", "LabelDataset", "LabelEditor", "LabelTerminal", "LabelInterchange"]),

        .executableTarget(name: "termlabel", dependencies: [
            "LabelCore", "LabelCells", "LabelInput", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelDataset", "LabelQuality", "LabelEditor", "LabelTerminal", "LabelInterchange", "LabelSession", "LabelAssist",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "termlabel-bench", dependencies: [
            "LabelCore", "LabelCells", "LabelText", "LabelImaging", "LabelConfig", "LabelStore", "LabelDataset", "LabelQuality", "LabelInterchange", "LabelAssist",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets (temporary folders, running the binary).
        .target(name: "TestSupport", dependencies: ["LabelCore"], path: "Tests/TestSupport"),
        .testTarget(name: "LabelCoreTests", dependencies: ["LabelCore", "TestSupport"]),
        .testTarget(name: "LabelTextTests", dependencies: ["LabelText", "TestSupport"]),
        .testTarget(name: "LabelConfigTests", dependencies: ["LabelConfig", "LabelInput", "TestSupport"]),
        .testTarget(name: "LabelStoreTests", dependencies: ["LabelStore", "LabelDataset", "LabelQuality", "TestSupport", "termlabel-bench"]),
        .testTarget(name: "LabelQualityTests", dependencies: ["LabelQuality", "TestSupport"]),
        .testTarget(name: "LabelInterchangeTests", dependencies: ["LabelInterchange", "LabelImaging", "TestSupport"]),
        .testTarget(name: "LabelImagingTests", dependencies: ["LabelImaging", "LabelCells", "TestSupport"]),
        .testTarget(name: "LabelCellsTests", dependencies: ["LabelCells", "TestSupport"]),
        .testTarget(name: "LabelTerminalTests", dependencies: ["LabelTerminal", "LabelInput", "TestSupport"]),
        .testTarget(name: "LabelEditorTests", dependencies: ["LabelEditor", "LabelInput", "TestSupport"]),
        .testTarget(name: "LabelAssistTests", dependencies: ["LabelAssist", "LabelStore", "LabelDataset", "TestSupport"]),
        .testTarget(name: "LabelSessionTests", dependencies: ["LabelSession", "LabelEditor", "LabelStore", "LabelDataset", "LabelConfig", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "LabelStore", "LabelDataset", "LabelInterchange", "termlabel"]),
    ]
)

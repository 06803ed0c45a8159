// swift-tools-version:6.0
import PackageDescription

/// Storefront: a terminal storefront for the Bitrefill API v2.
///
/// Dependencies point down the list of targets, never up. Heavy libraries stay at the edges:
/// AsyncHTTPClient in BitrefillAPI and in SandboxServer's webhook dispatcher; Hummingbird in SandboxServer,
/// WebhookReceiver and the `storefront` command that serves them; GRDB only in the stores (CatalogStore,
/// Checkout, SandboxStorage), which open their files through one owner-only opener (OwnerOnlyFiles); PostgresNIO
/// only in TeamJournal (on top of Checkout, never under it); NIOSSH only in SSHServer, and Crypto in SSHServer
/// and TeamJournal (codes sealed at rest); each C library behind one `[system]` module with one importer.
let package = Package(
    name: "Storefront",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "storefront", targets: ["storefront"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.9.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // The values and rules every other target shares: no third-party import, no file or environment access.
        .target(name: "StorefrontDomain"),
        // The full-screen storefront as pure reduce and render: state, actions, views, the screen buffer, keys, QR
        // drawing and themes as values. Nothing below it knows it exists.
        .target(name: "StorefrontTUI", dependencies: ["StorefrontDomain"]),
        // Theme files read at the edge: the TOML decoder, the search path and the environment that names a theme.
        .target(
            name: "ThemeFiles",
            dependencies: ["StorefrontTUI", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "TerminalBackend",
            dependencies: ["CNcurses", "StorefrontTUI"]
        ),
        .target(
            name: "QREncoding",
            dependencies: ["CQRencode", "StorefrontDomain"]
        ),
        .target(
            name: "BitrefillAPI",
            dependencies: [
                "StorefrontDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SandboxServer",
            dependencies: [
                "StorefrontDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SandboxStorage",
            dependencies: ["OwnerOnlyFiles", "SandboxServer", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "OwnerOnlyFiles"),
        .target(
            name: "CatalogStore",
            dependencies: [
                "OwnerOnlyFiles",
                "StorefrontDomain",
                "BitrefillAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for reading a listing's cells without a String per cell (CatalogDatabase+Listing).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Checkout",
            dependencies: [
                "OwnerOnlyFiles",
                "StorefrontDomain",
                "BitrefillAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The account's whole history from the server (every invoice, whoever made it), cached page by page in
        // SQLite and marked with what this journal made.
        .target(
            name: "AccountHistory",
            dependencies: [
                "BitrefillAPI",
                "Checkout",
                "OwnerOnlyFiles",
                "StorefrontDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "TeamJournal",
            dependencies: [
                "BitrefillAPI",
                "CatalogStore",
                "Checkout",
                "StorefrontDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WebhookReceiver",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // What the command line prints: tables, reports and JSON, as text from values.
        .target(
            name: "CommandReports",
            dependencies: ["BitrefillAPI", "CatalogStore", "StorefrontDomain"]
        ),
        .target(
            name: "StorefrontApp",
            dependencies: [
                "AccountHistory",
                "CommandReports",
                "StorefrontDomain", "StorefrontTUI", "ThemeFiles",
                "BitrefillAPI",
                "CatalogStore",
                "Checkout",
                "QREncoding",
                "SandboxServer",
                "SandboxStorage",
                "TerminalBackend",
                "WebhookReceiver",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "CSessionProcess"),
        .target(
            name: "SSHServer",
            dependencies: [
                "CSessionProcess",
                "StorefrontDomain",
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "storefront",
            dependencies: [
                "AccountHistory",
                "CommandReports",
                "StorefrontApp",
                "SSHServer",
                "BitrefillAPI",
                "SandboxServer",
                "StorefrontDomain",
                "StorefrontTUI",
                "CatalogStore",
                "TerminalBackend",
                "QREncoding",
                "Checkout",
                "TeamJournal",
                "WebhookReceiver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // Programs run by the tests and the benchmark (never by the shipped `storefront`): output to files, a
        // timeout that kills, the child's peak memory. No Swift Testing, so the static release bench can use it.
        .target(name: "ChildProcesses"),
        .executableTarget(
            name: "storefront-bench",
            dependencies: ["ChildProcesses", "StorefrontApp", "CatalogStore", "Checkout", "TeamJournal", "BitrefillAPI", "SandboxServer", "StorefrontDomain", "StorefrontTUI"]
        ),
        .target(
            name: "StorefrontTestSupport",
            dependencies: ["BitrefillAPI", "ChildProcesses", "StorefrontDomain", "StorefrontTUI"]
        ),
        .testTarget(name: "ChildProcessesTests", dependencies: ["StorefrontTestSupport"]),
        .testTarget(name: "StorefrontDomainTests", dependencies: ["StorefrontDomain", "StorefrontTestSupport"]),
        .testTarget(name: "StorefrontTUITests", dependencies: ["StorefrontDomain", "StorefrontTUI", "ThemeFiles", "StorefrontTestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "StorefrontDomain", "StorefrontTUI"]),
        .testTarget(name: "ThemeFilesTests", dependencies: ["ThemeFiles", "StorefrontTUI", "StorefrontTestSupport"]),
        .testTarget(name: "QREncodingTests", dependencies: ["QREncoding", "StorefrontDomain", "StorefrontTestSupport"]),
        .testTarget(
            name: "BitrefillAPITests",
            dependencies: [
                "BitrefillAPI",
                "StorefrontTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "BitrefillAPI",
                "CatalogStore",
                "Checkout",
                "CommandReports",
                "StorefrontApp",
                "StorefrontDomain",
                "StorefrontTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CatalogStoreTests",
            dependencies: ["CatalogStore", "CommandReports", "StorefrontApp", "SandboxServer", "StorefrontTestSupport"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "CheckoutTests", dependencies: ["AccountHistory", "Checkout", "StorefrontDomain", "BitrefillAPI", "StorefrontTestSupport", "WebhookReceiver",
                                                     .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                     .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "TeamJournalTests",
            dependencies: ["BitrefillAPI", "CatalogStore", "Checkout", "SandboxServer", "TeamJournal", "StorefrontDomain", "StorefrontTestSupport",
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "SandboxServerTests",
            dependencies: [
                "SandboxServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SSHServerTests",
            dependencies: ["SSHServer", "StorefrontTestSupport", "StorefrontDomain",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "NIOSSH", package: "swift-nio-ssh")]
        ),
        .testTarget(
            name: "SessionTests",
            dependencies: ["StorefrontApp", "StorefrontDomain", "StorefrontTUI", "ThemeFiles", "TerminalBackend", "SandboxServer", "BitrefillAPI", "CatalogStore", "Checkout",
                           "StorefrontTestSupport", "TeamJournal"]
        ),
        .testTarget(
            name: "ContractTests",
            dependencies: ["AccountHistory", "BitrefillAPI", "SandboxServer", "SandboxStorage", "StorefrontTestSupport", "StorefrontApp", "TerminalBackend",
                           "CatalogStore", "Checkout", "StorefrontDomain", "TeamJournal"]
        ),
    ]
)

// swift-tools-version: 6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RouteLens",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "routelens", targets: ["RouteLensCLI"]),
        .executable(name: "routelens-bench", targets: ["RouteLensBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through async-http-client; named to trust a private CA (--clickhouse-ca-file).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Pure core: no I/O; no dependencies except Yams, which parses route documents kept as YAML.
        .target(name: "AccessLog", swiftSettings: swiftSettings),
        .target(name: "Routing", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .target(name: "Statistics", swiftSettings: swiftSettings),
        .target(name: "LogSynthesis", swiftSettings: swiftSettings),
        .target(name: "DailyReport", dependencies: ["Statistics"], swiftSettings: swiftSettings),

        // Pure, but reads YAML.
        .target(name: "Operations", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),

        // The operating system beneath everything else: the wall clock, threads for blocking work.
        .target(name: "Platform", swiftSettings: swiftSettings),

        // System libraries.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // Parsed, attributed requests in batches, the form ingest hands to every sink (SQLite today).
        .target(name: "RequestBatches", dependencies: ["AccessLog"], swiftSettings: swiftSettings),

        // Adapters around the core.
        .target(name: "Gzip", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        // `queries/reports/*.sql` (the reports' SQL) and `queries/named/*.sql` (queries anyone runs with `query run`)
        // ship inside the `Queries` module as copied directories, so they are found from any working directory and
        // from the Docker image, and a new file needs no line here.
        .target(name: "Queries", path: "queries", exclude: ["README.md", "SCHEMA.md"], resources: [.copy("reports"), .copy("named"), .copy("clickhouse")], swiftSettings: swiftSettings),
        .target(
            name: "Storage",
            dependencies: ["AccessLog", "Routing", "Statistics", "RequestBatches", "Platform", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reports",
            dependencies: ["AccessLog", "Storage", "Statistics", "DailyReport", "Queries", "Platform", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ingest",
            dependencies: [
                "AccessLog", "Routing", "Operations", "Gzip", "RequestBatches", "Storage", "Platform", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Follow",
            dependencies: [
                "AccessLog", "Ingest", "Routing", "Storage", "Platform",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // The application: a configuration turned into a database, an ingestor and running services. Every front
        // door (CLI, HTTP) builds on it.
        .target(
            name: "RouteLensApp",
            dependencies: [
                "Ingest", "Follow", "Routing", "Operations", "Storage", "Platform",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The fleet's store: committed requests shipped from SQLite to ClickHouse over its HTTP interface, and the
        // reports answered from there.
        .target(
            name: "ClickHouse",
            dependencies: [
                "Storage", "Reports", "Queries", "Platform", "AccessLog", "CSQLite", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A throw-away clickhouse-server on loopback (Debian's package), for the ClickHouse tests and the bench.
        .target(name: "ClickHouseLocalServer", dependencies: ["ClickHouse"], swiftSettings: swiftSettings),
        // Every report as table, CSV, JSON and NDJSON, with the same column names in each.
        .target(name: "Rendering", dependencies: ["Reports", "Follow"], swiftSettings: swiftSettings),

        // `routelens serve`: the HTTP front door (JSON API, Grafana data source, Prometheus, rollout gates).
        .target(
            name: "HTTPEndpoint",
            dependencies: [
                "AccessLog", "Storage", "Reports", "Statistics", "Queries", "Rendering", "Platform", "RouteLensApp", "DailyReport", "ClickHouse",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings
        ),

        // Executables.
        .executableTarget(
            name: "RouteLensCLI",
            dependencies: [
                "AccessLog", "Routing", "Operations", "Gzip", "Storage", "Ingest", "Reports", "Follow", "Platform", "RouteLensApp", "Rendering",
                "DailyReport",
                "HTTPEndpoint",
                "ClickHouse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "RouteLensBench",
            dependencies: [
                "AccessLog", "Routing", "Storage", "Ingest", "LogSynthesis", "Reports", "ClickHouse", "ClickHouseLocalServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests, and what several test targets share.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "AccessLogTests", dependencies: ["AccessLog"], swiftSettings: swiftSettings),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], swiftSettings: swiftSettings),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: swiftSettings),
        .testTarget(name: "DailyReportTests", dependencies: ["DailyReport", "Statistics", "CZlib"], swiftSettings: swiftSettings),
        .testTarget(name: "GzipTests", dependencies: ["Gzip", "CZlib"], swiftSettings: swiftSettings),
        .testTarget(name: "LogSynthesisTests", dependencies: ["LogSynthesis"], swiftSettings: swiftSettings),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "LogSynthesis"], swiftSettings: swiftSettings),
        .testTarget(name: "FollowPlannerTests", dependencies: ["Follow"], swiftSettings: swiftSettings),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"], swiftSettings: swiftSettings),
        .testTarget(name: "RequestBatchesTests", dependencies: ["RequestBatches", "AccessLog"], swiftSettings: swiftSettings),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Reports"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["AccessLog", "Routing", "RequestBatches", "Storage", "Statistics", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["AccessLog", "Routing", "RequestBatches", "Storage", "Ingest", "LogSynthesis", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AccessLog", "Routing", "Storage", "Ingest", "Reports", "LogSynthesis", "Gzip", "TestSupport", "Statistics",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPEndpointTests",
            dependencies: [
                "HTTPEndpoint", "Storage", "Ingest", "Reports", "Rendering", "Routing", "AccessLog", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The Python contract check (.ci/run) and the wrk load script live beside the Swift tests they complement.
            exclude: ["contract", "load"],
            swiftSettings: swiftSettings
        ),
        // Starts a throw-away clickhouse-server on loopback (Debian's `clickhouse-server`); runs the built `routelens`.
        .testTarget(
            name: "ClickHouseTests",
            dependencies: [
                "ClickHouse", "ClickHouseLocalServer", "Storage", "Reports", "Ingest", "Platform", "LogSynthesis", "TestSupport", "HTTPEndpoint",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // The chDB check of the same SQL on a current engine, run by CurrentEngineTests.
            exclude: ["current-engine"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `routelens ingest --follow` as a child process against real logrotate, kill -9 and
        // hostile files; needs `logrotate` and `gzip` on the machine.
        .testTarget(
            name: "FollowTests",
            dependencies: ["LogSynthesis", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
    ]
)

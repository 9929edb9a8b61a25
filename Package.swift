// swift-tools-version: 6.2
import Foundation
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Every `queries/*.sql` ships inside the `Queries` module, so `routelens report NAME` works from any
/// working directory and from the Docker image without a separate install step.
let namedReports = (try? FileManager.default.contentsOfDirectory(atPath: Context.packageDirectory + "/queries"))?
    .filter { $0.hasSuffix(".sql") }
    .sorted() ?? []

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
    ],
    targets: [
        // Pure core: no I/O; no dependencies except Yams, which parses route documents kept as YAML.
        .target(name: "AccessLog", swiftSettings: swiftSettings),
        .target(name: "Routing", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .target(name: "Statistics", swiftSettings: swiftSettings),
        .target(name: "LogSynthesis", swiftSettings: swiftSettings),

        // Pure, but reads YAML.
        .target(name: "Operations", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),

        // System libraries.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // Adapters around the core.
        .target(name: "Gzip", dependencies: ["CZlib"], swiftSettings: swiftSettings),
        .target(name: "Queries", path: "queries", resources: namedReports.map { .copy($0) }, swiftSettings: swiftSettings),
        .target(
            name: "Storage",
            dependencies: ["AccessLog", "Routing", "Statistics", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Reports",
            dependencies: ["AccessLog", "Storage", "Statistics", "Queries", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Ingest",
            dependencies: ["AccessLog", "Routing", "Operations", "Gzip", "Storage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "Follow",
            dependencies: [
                "AccessLog", "Ingest", "Routing", "Storage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // `routelens serve`: the HTTP front door (JSON API, Grafana data source, Prometheus, rollout gates).
        .target(
            name: "HTTPEndpoint",
            dependencies: [
                "AccessLog", "Storage", "Reports", "Statistics", "Queries",
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
                "AccessLog", "Routing", "Operations", "Gzip", "Storage", "Ingest", "Reports", "Follow",
                "HTTPEndpoint",
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
                "AccessLog", "Routing", "Storage", "Ingest", "LogSynthesis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tests, and what several test targets share.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "AccessLogTests", dependencies: ["AccessLog"], swiftSettings: swiftSettings),
        .testTarget(name: "RoutingTests", dependencies: ["Routing"], swiftSettings: swiftSettings),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"], swiftSettings: swiftSettings),
        .testTarget(name: "GzipTests", dependencies: ["Gzip", "CZlib"], swiftSettings: swiftSettings),
        .testTarget(name: "LogSynthesisTests", dependencies: ["LogSynthesis"], swiftSettings: swiftSettings),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "LogSynthesis"], swiftSettings: swiftSettings),
        .testTarget(name: "FollowPlannerTests", dependencies: ["Follow"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StorageTests",
            dependencies: ["AccessLog", "Routing", "Storage", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IngestTests",
            dependencies: ["AccessLog", "Routing", "Storage", "Ingest", "LogSynthesis", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AccessLog", "Routing", "Storage", "Ingest", "Reports", "LogSynthesis", "Gzip", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPEndpointTests",
            dependencies: [
                "HTTPEndpoint", "Storage", "Ingest", "Reports", "Routing", "AccessLog", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The Python contract check (.ci/run) and the wrk load script live beside the Swift tests they complement.
            exclude: ["contract", "load"],
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

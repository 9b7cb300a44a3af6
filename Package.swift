// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Waymark",
    // macOS 15: Synchronization's Mutex and swift-configuration's ConfigReader need it.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
        // For the curriculum fuzz target in Fuzz/, a package of its own that depends on this one.
        .library(name: "WaymarkCurriculum", targets: ["WaymarkCurriculum"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        // Already resolved through Hummingbird; the commands read the environment through it.
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev). Only WaymarkXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib from the system (Debian: zlib1g-dev), for the GZIP inside W3C Bitstring Status Lists.
        // Only WaymarkCredentials imports it. The system's own zlib rather than a package
        // (compress-nio wraps the same library behind NIO's ByteBuffer): nothing new to resolve,
        // and the pure credentials module stays free of NIO.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // Safe parsing, schema validation and file:line:col diagnostics over libxml2.
        .target(name: "WaymarkXML", dependencies: ["CLibXML2"]),
        // The typed curriculum model, its loader and the cross-file checks. Pure: no HTTP, no database.
        .target(
            name: "WaymarkCurriculum",
            dependencies: ["WaymarkXML"],
            resources: [.embedInCode("Resources/curriculum-1.xsd")]
        ),
        // Importers for Moodle XML and QTI question banks, and the canonical assessment writer.
        .target(name: "WaymarkImport", dependencies: ["WaymarkXML", "WaymarkCurriculum", "WaymarkProgress"]),
        // Pure progression: a programme + a trainee's events + now -> stage, next steps, scores.
        // No I/O, no clocks, no HTTP.
        .target(name: "WaymarkProgress", dependencies: ["WaymarkCurriculum"]),
        // Certificates as the domain sees them: records, states, status lists, and which change
        // is allowed from which state. Pure: no database, no HTTP, no signing.
        .target(name: "WaymarkCertificates", dependencies: ["WaymarkCurriculum", "WaymarkProgress"]),
        // bcrypt password hashing, kept apart so only the web module knows Hummingbird itself.
        .target(
            name: "WaymarkPasswords",
            dependencies: [.product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            resources: [.copy("Resources/common-passwords.txt")]
        ),
        // People, enrolments, the event log, projections, sessions, certificates, audit.
        // SQLite through GRDB, or PostgreSQL through PostgresNIO. Only this module speaks SQL.
        .target(
            name: "WaymarkStore",
            dependencies: [
                "WaymarkProgress",
                "WaymarkCertificates",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Certificate codes, Ed25519 signing keys, Open Badges 3.0 credentials signed as VC-JWT,
        // and their verification. Works on certificate records as the domain describes them;
        // knows no database, no SQL, no HTTP.
        .target(
            name: "WaymarkCredentials",
            dependencies: [
                "CZlib", "WaymarkCurriculum", "WaymarkProgress", "WaymarkCertificates", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What happens when a person acts, between the domain and the store, called alike by the
        // web routes and the commands: one type per kind of use case (recruitment, training,
        // reflections, practice, supervision, enrolments, certificates, personal data), each
        // recording through `TraineeRecords`. The store below only reads and writes rows.
        .target(
            name: "WaymarkActions",
            dependencies: ["WaymarkCertificates", "WaymarkCredentials", "WaymarkCurriculum", "WaymarkProgress", "WaymarkStore"]
        ),
        // Email: the message a person receives, and the transport that hands it to a mail server.
        // Knows nothing of the database or the web app. Its SMTP client is its own, over SwiftNIO
        // and swift-nio-ssl (already resolved through postgres-nio): no SMTP library is mirrored.
        .target(
            name: "WaymarkMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The web app: routes, roles, sessions, CSRF, Mustache templates -> plain HTML.
        // The only module that knows Hummingbird.
        .target(
            name: "WaymarkWeb",
            dependencies: [
                "WaymarkXML", "WaymarkCurriculum", "WaymarkProgress", "WaymarkCertificates", "WaymarkStore", "WaymarkPasswords", "WaymarkCredentials", "WaymarkActions", "WaymarkMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        // The commands, as a library so tests run them the way a person does.
        .target(
            name: "WaymarkCLI",
            dependencies: [
                "WaymarkCurriculum",
                "WaymarkImport",
                "WaymarkProgress",
                "WaymarkCertificates",
                "WaymarkStore",
                "WaymarkPasswords",
                "WaymarkCredentials",
                "WaymarkActions",
                "WaymarkWeb",
                "WaymarkMail",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .executableTarget(name: "waymark", dependencies: ["WaymarkCLI"]),
        // Benchmarks (not tests): the floor for Benchmarks/load_web.py.
        .executableTarget(
            name: "waymark-bare-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/BareServer"
        ),
        // Benchmarks (not tests): the sign-in storm's floor for Benchmarks/quiz_day.py.
        .executableTarget(name: "waymark-bcrypt-floor", dependencies: ["WaymarkPasswords"], path: "Benchmarks/BcryptFloor"),
        // Benchmarks (not tests): swift run -c release waymark-store-bench
        .executableTarget(
            name: "waymark-store-bench",
            dependencies: ["WaymarkStore", "WaymarkCurriculum", "WaymarkProgress", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/StoreBenchmarks"
        ),
        // Benchmarks (not tests): taskset -c 0 .build/release/waymark-render-bench
        .executableTarget(
            name: "waymark-render-bench",
            dependencies: ["WaymarkWeb", "WaymarkStore", "WaymarkCurriculum", "WaymarkProgress"],
            path: "Benchmarks/RenderBenchmarks"
        ),
        // Fresh stores on SQLite or PostgreSQL for the test targets (not shipped).
        .target(name: "WaymarkTestSupport", dependencies: ["WaymarkStore", "WaymarkCurriculum"], path: "Tests/Support"),
        .testTarget(name: "WaymarkXMLTests", dependencies: ["WaymarkXML"]),
        .testTarget(name: "WaymarkCurriculumTests", dependencies: ["WaymarkCurriculum", "WaymarkTestSupport"]),
        .testTarget(name: "WaymarkImportTests", dependencies: ["WaymarkImport", "WaymarkProgress", "WaymarkCurriculum", "WaymarkXML", "WaymarkTestSupport"]),
        .testTarget(name: "WaymarkProgressTests", dependencies: ["WaymarkProgress"]),
        .testTarget(name: "WaymarkCertificatesTests", dependencies: ["WaymarkCertificates"]),
        // The store's checks record events through WaymarkActions, as the app does.
        .testTarget(
            name: "WaymarkStoreTests",
            dependencies: ["WaymarkStore", "WaymarkActions", "WaymarkCertificates", "WaymarkTestSupport", "WaymarkPasswords", "WaymarkCurriculum"]
        ),
        .testTarget(
            name: "WaymarkActionsTests",
            dependencies: ["WaymarkActions", "WaymarkStore", "WaymarkCurriculum", "WaymarkProgress", "WaymarkTestSupport"]
        ),
        .testTarget(name: "WaymarkCredentialsTests", dependencies: ["WaymarkCredentials", "WaymarkActions", "WaymarkCertificates", "WaymarkStore", "WaymarkCurriculum", "WaymarkProgress", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkWebTests",
            dependencies: [
                "WaymarkWeb", "WaymarkStore", "WaymarkActions", "WaymarkCertificates", "WaymarkTestSupport", "WaymarkCurriculum", "WaymarkMail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "WaymarkCLITests", dependencies: ["WaymarkCLI", "WaymarkTestSupport"]),
        .testTarget(
            name: "WaymarkMailTests",
            dependencies: [
                "WaymarkMail",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
    ]
)

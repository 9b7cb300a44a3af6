// swift-tools-version:6.0
// Fuzz targets, kept in their own package so `swift build` and `swift test` at the root never
// build them. See "Fuzzing" in the root README for how to run them.
import PackageDescription

// The targets define LLVMFuzzerTestOneInput and no main: libFuzzer's runtime brings main.
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "WaymarkFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Waymark", path: "..")],
    targets: [
        // Bytes as a programme, unit or assessment file, through the loader `waymark validate` uses.
        .executableTarget(
            name: "FuzzCurriculumLoader",
            dependencies: [.product(name: "WaymarkCurriculum", package: "Waymark")],
            swiftSettings: fuzzTarget
        ),
        // Bytes as a submitted form, then every value through the bounded number and date readers.
        // Its FormFields, RequestNumbers and WebDates files are links to WaymarkWeb's.
        .executableTarget(name: "FuzzFormDecoding", swiftSettings: fuzzTarget),
    ]
)

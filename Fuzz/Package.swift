// swift-tools-version:6.0
// libFuzzer targets for the code that reads students' files (docs/fuzzing.md). A package of its own so
// that the tool and its tests never build with the fuzzer runtime, which brings its own `main`.
// Build and run with scripts/fuzz.
import PackageDescription

let package = Package(
    name: "PortfolioExportFuzz",
    dependencies: [.package(name: "PortfolioExport", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "fuzz-pdfreader",
            dependencies: ["CFuzzerDriver", .product(name: "PDFReader", package: "PortfolioExport")]),
        .executableTarget(
            name: "fuzz-png", dependencies: ["CFuzzerDriver", .product(name: "PDFWriter", package: "PortfolioExport")]),
        .executableTarget(
            name: "fuzz-jpeg", dependencies: ["CFuzzerDriver", .product(name: "PDFWriter", package: "PortfolioExport")]),
    ]
)

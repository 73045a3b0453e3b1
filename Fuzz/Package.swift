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
        // The whole packet around one input: the record reader (fuzz-record) and the attachment stage
        // (fuzz-attachment), through the exporter's public API.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "PacketExport", package: "PortfolioExport"),
                .product(name: "PacketLayout", package: "PortfolioExport"),
                .product(name: "PacketXML", package: "PortfolioExport"),
                .product(name: "PDFWriter", package: "PortfolioExport"),
                .product(name: "ReviewPacket", package: "PortfolioExport"),
                .product(name: "Typesetting", package: "PortfolioExport"),
            ]),
        .executableTarget(
            name: "fuzz-record",
            dependencies: [
                "CFuzzerDriver", "FuzzSupport", .product(name: "PacketExport", package: "PortfolioExport"),
                .product(name: "PacketXML", package: "PortfolioExport"),
                .product(name: "ReviewPacket", package: "PortfolioExport"),
            ]),
        .executableTarget(
            name: "fuzz-attachment",
            dependencies: [
                "CFuzzerDriver", "FuzzSupport", .product(name: "PacketExport", package: "PortfolioExport"),
                .product(name: "ReviewPacket", package: "PortfolioExport"),
            ]),
    ]
)

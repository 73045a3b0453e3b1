// swift-tools-version:6.0
import Foundation
import PackageDescription

// The benchmark lives in its own package so that the product's build and test suite never carry it.
// A path dependency's identity is its folder's name (`main`, a worktree's name…), not the manifest's
// `name`, so it is computed rather than written down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "PortfolioExportBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "typst-export", targets: ["TypstExportTool"])
    ],
    dependencies: [
        .package(path: "..")
    ],
    targets: [
        // The packet's content model (PacketContent.sections) as a Typst document.
        .target(name: "TypstExport", dependencies: [.product(name: "PacketContent", package: rootIdentity)]),
        // Reads and assembles each applicant of a batch root as `render` does, writes one .typ per packet.
        .executableTarget(
            name: "TypstExportTool",
            dependencies: [
                "TypstExport",
                .product(name: "PacketContent", package: rootIdentity),
                .product(name: "ReviewPacket", package: rootIdentity),
                .product(name: "PortfolioRecord", package: rootIdentity),
            ]),
    ]
)

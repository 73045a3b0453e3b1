// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PortfolioExport",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portfolio-export", targets: ["PortfolioExportCLI"]),
        .library(name: "PortfolioRecord", targets: ["PortfolioRecord"]),
        .library(name: "ReviewPacket", targets: ["ReviewPacket"]),
        .library(name: "PacketXML", targets: ["PacketXML"]),
        .library(name: "PacketExport", targets: ["PacketExport"]),
        // Read-only access to the packet's content model, for the benchmark's Typst emitter.
        .library(name: "PacketContent", targets: ["PacketContent"]),
        .library(name: "PacketLayout", targets: ["PacketLayout"]),
        // For the fuzz targets in Fuzz/ (a package of their own, built with -sanitize=fuzzer).
        .library(name: "PDFReader", targets: ["PDFReader"]),
        .library(name: "PDFWriter", targets: ["PDFWriter"]),
        .library(name: "PDFAVerify", targets: ["PDFAVerify"]),
        .library(name: "Typesetting", targets: ["Typesetting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Named because PreviewServer imports them itself; Hummingbird brings the same versions.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // System-library shims: headers and link flags come from pkg-config.
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),

        .systemLibrary(
            name: "CHarfBuzz", path: "Sources/CHarfBuzz", pkgConfig: "harfbuzz-subset",
            providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Flate for the PDF writer: libdeflate compresses as well as zlib at the same level, faster.
        .systemLibrary(
            name: "CDeflate", path: "Sources/CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(
            name: "CFontconfig", path: "Sources/CFontconfig", pkgConfig: "fontconfig",
            providers: [.apt(["libfontconfig-dev"])]),

        // Diagnostics: the typed problems every stage reports, and their messages (zh-Hant / en).
        .target(name: "Diagnostics"),

        // Reading an applicant folder into typed values.
        .target(
            name: "PortfolioRecord",
            dependencies: [
                "Diagnostics",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // Where the tool's data is at run time: installed beside the executable
        // (<prefix>/share/portfolio-export/), named by PORTFOLIO_EXPORT_DATA, or in the build tree.
        .target(name: "InstalledData"),

        // Data the code reads: review-item tables per 招生學年度, the XSD, layouts.
        .target(
            name: "PacketTemplates", dependencies: ["InstalledData"], path: "Templates",
            exclude: ["README.md"],
            resources: [.copy("rules"), .copy("schema"), .copy("layouts")]),

        // Profiles, rule tables, assembly by review item, caps, 推估相對表現, masking.
        .target(
            name: "ReviewPacket",
            dependencies: ["Diagnostics", "PortfolioRecord", "PacketTemplates"]),

        // Writing an output so that a killed run never leaves half a file.
        .target(name: "OutputFiles"),

        // The XML package: writing with libxml2, validation against the XSD.
        .target(
            name: "PacketXML", dependencies: ["CLibXML2", "Diagnostics", "ReviewPacket", "PacketTemplates", "OutputFiles"]),

        // The font configuration (fallback chain) in Fonts/, bundled with the tool.
        .target(
            name: "BundledFonts", dependencies: ["InstalledData"], path: "Fonts", exclude: ["README.md"], resources: [.copy("fallback.json")]),

        // A font face loaded once (the file mapped, the face chosen in a collection), shared by the
        // shaper and the PDF writer: knows nothing of shaping or PDF.
        .target(name: "FontFiles", dependencies: ["CHarfBuzz", "CFontconfig"]),

        // Fonts and fallback, HarfBuzz shaping, Chinese line breaking and justification, paragraphs,
        // tables: knows nothing of students or PDF syntax.
        .target(name: "Typesetting", dependencies: ["CHarfBuzz", "FontFiles"]),

        // PDF objects, CID fonts and subsets, ToUnicode, outlines, links, metadata: knows nothing of
        // students or line breaking.
        .target(
            name: "PDFWriter",
            dependencies: ["CHarfBuzz", "CDeflate", "CPNG", "FontFiles", .product(name: "Crypto", package: "swift-crypto")]),
        // Students' PDFs, read safely; owner-password-only encrypted ones decrypted (MD5, SHA-2, AES from
        // swift-crypto; RC4 our own).
        .target(
            name: "PDFReader",
            dependencies: [
                "CZlib", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),

        // PDF/A-3b checked, not claimed: a written PDF read back with PDFReader and checked rule by
        // rule against what ISO 19005-3 asks that its objects and bytes can show (docs/pdfa.md); each
        // finding in both languages (Diagnostics' MessageLanguage).
        .target(name: "PDFAVerify", dependencies: ["Diagnostics", "PDFReader", "CHarfBuzz", "CLibXML2"]),

        // Attached files made placeable from the bytes read: images decoded and checked, students'
        // PDFs read into imported pages, media entries; each problem a diagnostic. Knows nothing of
        // packets or pages.
        .target(
            name: "Attachments",
            dependencies: ["Diagnostics", "PortfolioRecord", "PDFWriter", "PDFReader", "PDFAVerify", "FontFiles", "CHarfBuzz"]),

        // What a reader sees, as blocks: cover, index, one section per review item, the preview's
        // page of things to fix. Knows nothing of fonts or PDF.
        .target(name: "PacketContent", dependencies: ["Diagnostics", "PortfolioRecord", "ReviewPacket"]),

        // Blocks laid out as positioned pages (output-neutral) with Typesetting and the layouts of
        // Templates/; the text's warnings (characters no font has, Kangxi radicals) before layout.
        .target(
            name: "PacketLayout",
            dependencies: [
                "Attachments", "Diagnostics", "PacketContent", "ReviewPacket", "PortfolioRecord", "Typesetting",
                "FontFiles", "PacketTemplates",
            ]),

        // Laid-out pages as the PDF writer's document (the shaper's glyphs as the writer's, fonts,
        // images, imported pages, outline, links, metadata, associated files), written once.
        .target(
            name: "PacketPDF",
            dependencies: ["Attachments", "Diagnostics", "PacketLayout", "PDFWriter", "ReviewPacket", "Typesetting"]),

        // One applicant's packet made in memory, and the batch: discovery, shards, resume, workers,
        // report.json.
        .target(
            name: "PacketExport",
            dependencies: [
                "Diagnostics", "PortfolioRecord", "ReviewPacket", "Attachments", "PacketContent", "PacketLayout",
                "PacketPDF", "PacketXML", "PDFWriter", "PDFAVerify", "Typesetting", "OutputFiles", "InstalledData",
            ]),

        // The student's preview in the browser (`serve`): a local web app over the same session code.
        .target(
            name: "PreviewServer",
            dependencies: [
                "Diagnostics", "PortfolioRecord", "ReviewPacket", "PacketExport", "OutputFiles", "InstalledData", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),

        // The thin command line.
        .executableTarget(
            name: "PortfolioExportCLI",
            dependencies: [
                "Diagnostics", "PortfolioRecord", "ReviewPacket", "PacketXML", "PDFWriter",
                "Typesetting", "BundledFonts", "OutputFiles", "PacketExport", "PDFAVerify", "PreviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "InstalledDataTests", dependencies: ["InstalledData"]),
        .testTarget(
            name: "PortfolioRecordTests",
            dependencies: ["PortfolioRecord", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "ReviewPacketTests", dependencies: ["ReviewPacket"]),
        .testTarget(name: "PacketXMLTests", dependencies: ["PacketXML"]),
        .testTarget(name: "FontFilesTests", dependencies: ["FontFiles"]),
        .testTarget(name: "TypesettingTests", dependencies: ["Typesetting", "FontFiles"]),
        .testTarget(
            name: "PDFWriterTests",
            dependencies: ["PDFWriter", "FontFiles", "CHarfBuzz", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "PDFReaderTests", dependencies: ["PDFReader", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "PDFAVerifyTests", dependencies: ["PDFAVerify", "PDFReader", "PDFWriter", "FontFiles"]),
        .testTarget(name: "AttachmentsTests", dependencies: ["Attachments", "PDFWriter", "PDFReader", "PortfolioRecord"]),
        .testTarget(name: "PacketContentTests", dependencies: ["PacketContent", "PortfolioRecord", "ReviewPacket"]),
        .testTarget(name: "PacketLayoutTests", dependencies: ["PacketLayout", "PacketContent", "Attachments", "Typesetting"]),
        .testTarget(
            name: "PacketExportTests",
            dependencies: [
                "PacketExport", "OutputFiles", "PortfolioRecord", "ReviewPacket", "PacketXML", "Attachments",
                "PacketContent", "PacketLayout", "PacketPDF", "PDFWriter", "Typesetting", "InstalledData",
            ]),
        .testTarget(
            name: "PreviewServerTests",
            dependencies: [
                "PreviewServer", "PacketExport", "ReviewPacket", "PortfolioRecord", "BundledFonts", "Diagnostics",
                "CZlib", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)

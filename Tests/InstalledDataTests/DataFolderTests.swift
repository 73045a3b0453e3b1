import Foundation
import InstalledData
import Testing

@Suite("Where the tool's data is found")
struct DataFolderTests {
    /// `<temp>/bin/portfolio-export` and, when `data`, `<temp>/share/portfolio-export/` laid out as
    /// `scripts/install` lays it out.
    static func prefix(_ name: String, data: Bool) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("datafolder-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("bin/portfolio-export"))
        if data {
            let share = root.appendingPathComponent("share/portfolio-export")
            for folder in ["rules", "layouts", "schema", "fonts"] {
                try manager.createDirectory(at: share.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            try Data("{}".utf8).write(to: share.appendingPathComponent("fonts/fallback.json"))
        }
        return root
    }

    @Test func theTestsFindTheBuildTreesBundles() throws {
        let folder = try DataFolder.current.get()
        #expect(folder.origin == .buildTree)
        #expect(folder.isComplete)
        #expect(FileManager.default.fileExists(atPath: folder.rules.appendingPathComponent("115.json").path))
        #expect(FileManager.default.fileExists(atPath: folder.schema.appendingPathComponent("portfolio-packet.xsd").path))
        #expect(folder.fontConfiguration.lastPathComponent == "fallback.json")
    }

    @Test func anInstalledToolFindsShareBesideBin() throws {
        let root = try Self.prefix("installed", data: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try DataFolder.locate(
            environment: [:], executable: root.appendingPathComponent("bin/portfolio-export")
        ).get()
        #expect(found.origin == .installed)
        #expect(found.rules.path == root.appendingPathComponent("share/portfolio-export/rules").path)
        #expect(found.fontConfiguration.path == root.appendingPathComponent("share/portfolio-export/fonts/fallback.json").path)
    }

    @Test func theEnvironmentOverridesAndIsNotPassedOver() throws {
        let installed = try Self.prefix("override-installed", data: true)
        let other = try Self.prefix("override-other", data: true)
        defer {
            try? FileManager.default.removeItem(at: installed)
            try? FileManager.default.removeItem(at: other)
        }
        let executable = installed.appendingPathComponent("bin/portfolio-export")
        let named = other.appendingPathComponent("share/portfolio-export").path
        let found = try DataFolder.locate(environment: [DataFolder.environmentVariable: named], executable: executable).get()
        #expect(found.origin == .environment)
        #expect(found.layouts.path == named + "/layouts")

        // A wrong override is said, even though an installed copy is there.
        let wrong = DataFolder.locate(environment: [DataFolder.environmentVariable: "/nonexistent-data"], executable: executable)
        guard case .failure(let missing) = wrong else {
            Issue.record("an incomplete override was used: \(wrong)")
            return
        }
        #expect(missing.fromEnvironment && missing.searched == ["/nonexistent-data"])
        #expect(missing.englishDescription.contains("PORTFOLIO_EXPORT_DATA"))
        #expect(missing.chineseDescription.contains("/nonexistent-data"))

        // An empty value is no override.
        #expect(
            (try? DataFolder.locate(environment: [DataFolder.environmentVariable: ""], executable: executable).get())?.origin
                == .installed)
    }

    @Test func aMissingFolderIsABrokenInstallationNamingWhereItLooked() throws {
        let root = try Self.prefix("missing", data: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = DataFolder.locate(environment: [:], executable: root.appendingPathComponent("bin/portfolio-export"))
        guard case .failure(let missing) = result else {
            Issue.record("found data where there is none: \(result)")
            return
        }
        let share = root.appendingPathComponent("share/portfolio-export").path
        #expect(missing.searched.first == share)
        #expect(missing.expected.rules.path == share + "/rules")
        #expect(missing.englishDescription.hasPrefix("broken installation") && missing.englishDescription.contains(share))
        #expect(missing.chineseDescription.hasPrefix("安裝不完整") && missing.chineseDescription.contains(share))

        // Half an installation is no installation.
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("share/portfolio-export/rules"), withIntermediateDirectories: true)
        #expect((try? DataFolder.locate(environment: [:], executable: root.appendingPathComponent("bin/portfolio-export")).get()) == nil)
    }
}

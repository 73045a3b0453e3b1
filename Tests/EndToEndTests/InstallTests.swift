import Foundation
import Testing

/// The tool as an administrator installs it (docs/install.md): the `.deb` of `scripts/package-deb`
/// unpacked into a clean root, and `scripts/install` into a prefix, each run from another working
/// directory with no build folder on `PATH`, giving the build tree's bytes. The scripts are given
/// the built binary (`PORTFOLIO_EXPORT_BIN`): SwiftPM's build folder is locked while the tests run.
@Suite("Installation")
struct InstallTests {
    static let sample = Harness.root.appendingPathComponent("samples/001012/01000101").path
    static let profile = Harness.root.appendingPathComponent("samples/profiles/001012.json").path
    static let epoch = "1700000000"
    /// What the installed tool runs with: no build folder on `PATH`, no data override.
    static let clean = ["PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch, "PORTFOLIO_EXPORT_DATA": ""]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func script(_ name: String, _ arguments: [String]) throws -> Harness.Result {
        try Harness.run(
            arguments, executable: Harness.root.appendingPathComponent("scripts/\(name)"),
            environment: ["PORTFOLIO_EXPORT_BIN": Harness.executable.path], timeout: 600, profile: nil)
    }

    /// The sample rendered by `executable` from `directory` into `directory/out`: its PDF and XML.
    static func render(
        with executable: URL, in directory: URL, environment: [String: String] = clean
    ) throws -> (result: Harness.Result, pdf: Data?, xml: Data?) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try Harness.run(
            ["render", sample, "--profile", profile, "--out", "out"], executable: executable,
            environment: environment, profile: nil, directory: directory)
        let out = directory.appendingPathComponent("out")
        return (
            result, try? Data(contentsOf: out.appendingPathComponent("01000101.pdf")),
            try? Data(contentsOf: out.appendingPathComponent("01000101.xml"))
        )
    }

    /// The build tree's packet, the reference every installed copy must match byte for byte.
    static func reference(in work: URL) throws -> (pdf: Data, xml: Data) {
        var environment = clean
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let built = try render(with: Harness.executable, in: work.appendingPathComponent("build-tree"), environment: environment)
        guard built.result.status == 0, let pdf = built.pdf, let xml = built.xml else {
            throw Failure(description: "the build tree's binary did not render the sample: \(built.result.output)")
        }
        return (pdf, xml)
    }

    @Test func theDebianPackageRunsFromACleanRoot() throws {
        let work = try Harness.temporaryFolder("deb")
        defer { try? FileManager.default.removeItem(at: work) }
        let packaged = try Self.script("package-deb", ["--out", work.appendingPathComponent("deb").path, "--compression", "gzip"])
        try #require(packaged.status == 0, "scripts/package-deb: \(packaged.output)")
        let deb = try #require(packaged.stdout.split(separator: "\n").last.map(String.init))
        #expect(deb.hasSuffix(".deb") && FileManager.default.fileExists(atPath: deb))

        // The control file: the libraries the binary links, the fonts the configuration requires, and
        // what replacing students' unembedded fonts reads.
        let depends = try Harness.tool("/usr/bin/dpkg-deb", ["-f", deb, "Depends"]).stdout
        for package in ["libxml2", "libharfbuzz0b", "libharfbuzz-subset0", "libpng16-16", "zlib1g", "libdeflate0", "libfontconfig1",
            "fonts-noto-cjk", "fonts-cns11643-sung", "fonts-urw-base35", "fonts-liberation2", "poppler-data"]
        {
            #expect(depends.contains(package), "Depends lacks \(package): \(depends)")
        }
        #expect(!depends.contains("fonts-cns11643-kai") && !depends.lowercased().contains("swift"), "\(depends)")
        #expect(try Harness.tool("/usr/bin/dpkg-deb", ["-f", deb, "Suggests"]).stdout.contains("fonts-cns11643-kai"))

        let root = work.appendingPathComponent("root")
        let extracted = try Harness.tool("/usr/bin/dpkg-deb", ["-x", deb, root.path])
        try #require(extracted.status == 0, "\(extracted.output)")
        let tool = root.appendingPathComponent("usr/bin/portfolio-export")
        for path in ["usr/share/portfolio-export/rules/115.json", "usr/share/portfolio-export/schema/portfolio-packet.xsd",
            "usr/share/portfolio-export/fonts/fallback.json", "usr/share/man/man1/portfolio-export.1"]
        {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), "\(path)")
        }
        // No Swift runtime from the toolchain.
        let linked = try Harness.tool("/usr/bin/ldd", [tool.path]).stdout
        #expect(!linked.contains("libswift") && !linked.contains("libFoundation") && !linked.contains("/opt/swift"), "\(linked)")

        let version = try Harness.tool("/usr/bin/dpkg-deb", ["-f", deb, "Version"]).stdout
        #expect(try Harness.run(["--version"], executable: tool, environment: Self.clean, profile: nil).stdout == version)

        let installed = try Self.render(with: tool, in: work.appendingPathComponent("elsewhere"))
        #expect(installed.result.status == 0, "\(installed.result.output)")
        let reference = try Self.reference(in: work)
        #expect(installed.pdf == reference.pdf, "the packaged tool's PDF differs from the build tree's")
        #expect(installed.xml == reference.xml, "the packaged tool's XML differs from the build tree's")
    }

    @Test func anInstalledPrefixRunsFromAnywhereWithItsManualAndCompletions() throws {
        let work = try Harness.temporaryFolder("prefix")
        defer { try? FileManager.default.removeItem(at: work) }
        let prefix = work.appendingPathComponent("prefix")
        let installedBy = try Self.script("install", ["--prefix", prefix.path])
        try #require(installedBy.status == 0, "scripts/install: \(installedBy.output)")
        let tool = prefix.appendingPathComponent("bin/portfolio-export")

        // The man page keeps both languages and lists the environment; the completions know the commands.
        let manual = try String(contentsOf: prefix.appendingPathComponent("share/man/man1/portfolio-export.1"), encoding: .utf8)
        for text in [".TH PORTFOLIO\\-EXPORT 1", ".SH ENVIRONMENT", "PORTFOLIO_EXPORT_DATA", "PORTFOLIO_EXPORT_FONT_PATH",
            "SOURCE_DATE_EPOCH", "portfolio\\-export render", "\\-\\-profile", "產生一位申請生的備審資料", "\\-V"]
        {
            #expect(manual.contains(text), "the man page lacks \(text)")
        }
        let completions = [
            "share/bash-completion/completions/portfolio-export": ["complete", "render", "batch", "--profile"],
            "share/zsh/site-functions/_portfolio-export": ["#compdef portfolio-export", "batch", "--profile"],
            "share/fish/vendor_completions.d/portfolio-export.fish": ["complete -c 'portfolio-export'", "batch", "-l 'profile'"],
        ]
        for (path, words) in completions {
            let script = (try? String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)) ?? ""
            for word in words { #expect(script.contains(word), "\(path) lacks \(word)") }
        }

        let reference = try Self.reference(in: work)
        let installed = try Self.render(with: tool, in: work.appendingPathComponent("elsewhere"))
        #expect(installed.result.status == 0, "\(installed.result.output)")
        #expect(installed.pdf == reference.pdf && installed.xml == reference.xml, "the installed tool's packet differs")

        // Through a symbolic link on PATH: the data is found from the real path.
        let links = work.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: links.appendingPathComponent("portfolio-export"), withDestinationURL: tool)
        var onPath = Self.clean
        onPath["PATH"] = links.path + ":/usr/bin:/bin"
        let linked = try Harness.run(
            ["portfolio-export", "check", Self.sample, "--profile", Self.profile], executable: URL(fileURLWithPath: "/usr/bin/env"),
            environment: onPath, profile: nil, directory: work)
        #expect(linked.status == 0, "\(linked.output)")

        // -V and --version.
        let short = try Harness.run(["-V"], executable: tool, environment: Self.clean, profile: nil)
        #expect(short.status == 0 && !short.stdout.isEmpty)
        #expect(try Harness.run(["--version"], executable: tool, environment: Self.clean, profile: nil).stdout == short.stdout)

        // The binary without its data: a broken installation, said in both languages, exit 70.
        let lonely = work.appendingPathComponent("lonely/portfolio-export")
        try FileManager.default.createDirectory(at: lonely.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: tool, to: lonely)
        let broken = try Harness.run(
            ["check", Self.sample, "--profile", Self.profile], executable: lonely, environment: Self.clean, profile: nil,
            directory: work)
        #expect(broken.status == 70)
        #expect(broken.stderr.contains("安裝不完整") && broken.stderr.contains(work.appendingPathComponent("share/portfolio-export").path), "\(broken.stderr)")
        var english = Self.clean
        english["LANG"] = "en_US.UTF-8"
        let brokenEnglish = try Harness.run(
            ["render", Self.sample, "--profile", Self.profile, "--out", "out"], executable: lonely, environment: english,
            profile: nil, directory: work)
        #expect(brokenEnglish.status == 70 && brokenEnglish.stderr.contains("broken installation"), "\(brokenEnglish.stderr)")
        #expect(!brokenEnglish.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path))
        // … and PORTFOLIO_EXPORT_DATA names it.
        var named = Self.clean
        named["PORTFOLIO_EXPORT_DATA"] = prefix.appendingPathComponent("share/portfolio-export").path
        let found = try Harness.run(
            ["check", Self.sample, "--profile", Self.profile], executable: lonely, environment: named, profile: nil,
            directory: work)
        #expect(found.status == 0, "\(found.output)")
    }

    /// A copy of the data of the repository with the font configuration edited by `edit`.
    static func dataFolder(in work: URL, edit: (inout [[String: Any]]) -> Void) throws -> URL {
        let data = work.appendingPathComponent("data")
        let manager = FileManager.default
        try manager.createDirectory(at: data.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        for folder in ["rules", "layouts", "schema"] {
            try manager.copyItem(
                at: Harness.root.appendingPathComponent("Templates/\(folder)"), to: data.appendingPathComponent(folder))
        }
        let original = try Data(contentsOf: Harness.root.appendingPathComponent("Fonts/fallback.json"))
        var configuration = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        var faces = try #require(configuration["faces"] as? [[String: Any]])
        edit(&faces)
        configuration["faces"] = faces
        try JSONSerialization.data(withJSONObject: configuration).write(to: data.appendingPathComponent("fonts/fallback.json"))
        return data
    }

    @Test func aMissingFontIsNamedWithItsPackageAndTWKaiIsOptional() throws {
        let work = try Harness.temporaryFolder("fonts")
        defer { try? FileManager.default.removeItem(at: work) }
        let reference = try Self.reference(in: work)

        // Without TW-Kai (no layout uses the kai role) the packet is the same.
        let withoutKai = try Self.dataFolder(in: work.appendingPathComponent("kai")) { faces in
            for i in faces.indices where (faces[i]["id"] as? String)?.hasPrefix("tw-kai") == true {
                faces[i]["file"] = "Missing-\(i).ttf"
                faces[i]["postScriptName"] = "Missing-\(i)"
            }
        }
        var environment = Self.clean
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        environment["PORTFOLIO_EXPORT_DATA"] = withoutKai.path
        let kailess = try Self.render(with: Harness.executable, in: work.appendingPathComponent("kailess"), environment: environment)
        #expect(kailess.result.status == 0, "\(kailess.result.output)")
        #expect(kailess.pdf == reference.pdf && kailess.xml == reference.xml)

        // A required face that fontconfig and the folders do not have: 69, naming it and its package.
        let withoutNoto = try Self.dataFolder(in: work.appendingPathComponent("noto")) { faces in
            for i in faces.indices where faces[i]["id"] as? String == "noto-sans-tc" {
                faces[i]["file"] = "NoSuchSans-Regular.otf"
                faces[i]["postScriptName"] = "NoSuchSans-Regular"
            }
        }
        environment["PORTFOLIO_EXPORT_DATA"] = withoutNoto.path
        let checked = try Harness.run(
            ["check", Self.sample, "--profile", Self.profile], environment: environment, profile: nil, directory: work)
        #expect(checked.status == 69)
        #expect(checked.stderr.contains("NoSuchSans-Regular") && checked.stderr.contains("apt-get install fonts-noto-cjk"), "\(checked.stderr)")
        #expect(checked.stdout.contains("01000101"), "check still reports what it checked: \(checked.stdout)")
        environment["LANG"] = "en_US.UTF-8"
        let rendered = try Self.render(with: Harness.executable, in: work.appendingPathComponent("noto-out"), environment: environment)
        #expect(rendered.result.status == 69)
        #expect(rendered.result.stderr.contains("fonts not installed: Noto Sans CJK TC (NoSuchSans-Regular"), "\(rendered.result.stderr)")
        #expect(rendered.pdf == nil && rendered.xml == nil)
    }
}

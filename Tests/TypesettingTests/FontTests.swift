import FontFiles
import Foundation
import Testing
import Typesetting

@Suite("Fonts and fallback (T10)")
struct FontTests {
    @Test func loadsEveryConfiguredFace() throws {
        let fonts = try fonts()
        #expect(fonts.faces.count == 10)
        let sans = try #require(fonts.primaryFace(for: .sans))
        let face = fonts.faces[sans]
        // The TC face is chosen inside the collection by its name table, not by a fixed index.
        #expect(face.postScriptName == "NotoSansCJKtc-Regular")
        #expect(face.path.hasSuffix("NotoSansCJK-Regular.ttc"))
        #expect(face.faceIndex == 3)
        #expect(face.hasTable("CFF "))
        #expect(face.unitsPerEm == 1000)
        let kai = try #require(fonts.primaryFace(for: .kai))
        #expect(fonts.faces[kai].postScriptName == "TW-Kai-98_1")
        #expect(!fonts.faces[kai].hasTable("CFF ") && fonts.faces[kai].hasTable("glyf"))
        #expect(fonts.faces[kai].unitsPerEm == 1024)
    }

    @Test func unknownRoleFallsBackToDefault() throws {
        let fonts = try fonts()
        #expect(fonts.chain(for: "no-such-role") == fonts.chain(for: .sans))
    }

    @Test func missingFontsAreNamedWithTheirPackages() throws {
        // A machine without the fonts: fontconfig knows none, the fixed directories do not exist.
        var configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        configuration.searchDirectories = ["/nonexistent-font-directory"]
        do {
            _ = try FontSet.load(configuration, environment: [:], systemFonts: .none)
            Issue.record("loading should fail")
        } catch {
            guard case .facesNotFound(let faces, let searched) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            // Every required face at once; TW-Kai is optional and not reported.
            #expect(faces.map(\.postScriptName) == [
                "NotoSansCJKtc-Regular", "NotoSansCJKtc-Bold", "NotoSerifCJKtc-Regular", "NotoSerifCJKtc-Bold",
                "TW-Sung-98_1", "TW-Sung-Ext-B-98_1", "TW-Sung-Plus-98_1",
            ])
            #expect(error.packages == ["fonts-noto-cjk", "fonts-cns11643-sung"])
            #expect(searched == ["fontconfig", "/nonexistent-font-directory"])
            for text in [error.description, error.chineseDescription] {
                #expect(text.contains("NotoSansCJKtc-Regular") && text.contains("NotoSansCJK-Regular.ttc"))
                #expect(text.contains("apt-get install fonts-noto-cjk fonts-cns11643-sung"))
                #expect(!text.contains("TW-Kai"))
            }
        }
    }

    @Test func fontconfigFindsFacesByPostScriptName() throws {
        let places = SystemFonts.fontconfig.places(postScriptNames: ["NotoSansCJKtc-Regular", "TW-Sung-98_1", "No-Such-Face"])
        let noto = try #require(places["NotoSansCJKtc-Regular"]?.first)
        #expect(noto.path.hasSuffix("NotoSansCJK-Regular.ttc") && noto.index == 3)
        #expect(places["TW-Sung-98_1"]?.first?.path.hasSuffix("TW-Sung-98_1.ttf") == true)
        #expect(places["No-Such-Face"] == nil)

        // With no fixed directory at all, fontconfig alone finds every face.
        var configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        configuration.searchDirectories = []
        let fonts = try FontSet.load(configuration, environment: [:], systemFonts: .fontconfig)
        #expect(fonts.faces.count == configuration.faces.count)
        let sans = try #require(fonts.primaryFace(for: .sans))
        #expect(fonts.faces[sans].path == noto.path && fonts.faces[sans].postScriptName == "NotoSansCJKtc-Regular")
    }

    @Test func theFixedDirectoriesAreTheLastResort() throws {
        // Without fontconfig, the Debian paths of the configuration still find every face.
        let configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        let fonts = try FontSet.load(configuration, environment: [:], systemFonts: .none)
        #expect(fonts.faces.count == configuration.faces.count)
        #expect(fonts.faceIDs == configuration.faces.map(\.id))
    }

    @Test func optionalFacesMayBeMissing() throws {
        // A machine without fonts-cns11643-kai: the kai role falls back to Noto Serif CJK TC, and
        // the other faces keep their places.
        var configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        for i in configuration.faces.indices where configuration.faces[i].package == "fonts-cns11643-kai" {
            #expect(configuration.faces[i].isOptional)
            configuration.faces[i].file = "Missing-" + configuration.faces[i].file
            configuration.faces[i].postScriptName = "Missing-" + configuration.faces[i].postScriptName
        }
        let fonts = try FontSet.load(configuration, environment: [:])
        #expect(fonts.faceIDs == ["noto-sans-tc", "noto-sans-tc-bold", "noto-serif-tc", "noto-serif-tc-bold", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"])
        #expect(fonts.chain(for: .kai).map { fonts.faceIDs[$0] } == ["noto-serif-tc"])
        #expect(fonts.chain(for: .sans).map { fonts.faceIDs[$0] } == ["noto-sans-tc", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"])

        // A role must keep a face that is required.
        configuration.roles["kai"] = ["tw-kai"]
        #expect(throws: FontError.self) { try FontSet.load(configuration, environment: [:]) }
    }

    @Test func wrongFaceNameIsReported() throws {
        var configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        configuration.faces[0].postScriptName = "NotoSansCJKxx-Regular"
        do {
            _ = try FontSet.load(configuration, environment: [:])
            Issue.record("loading should fail")
        } catch {
            guard case .faceNotFound(_, let name, let package) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == "NotoSansCJKxx-Regular")
            #expect(package == "fonts-noto-cjk")
        }
    }

    @Test func roleNamingAnUnknownFaceIsInvalid() throws {
        var configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        configuration.roles["sans"] = ["noto-sans-tc", "no-such-face"]
        #expect(throws: FontError.unknownFaceInRole(role: "sans", face: "no-such-face")) {
            try FontSet.load(configuration, environment: [:])
        }
    }

    @Test func environmentDirectoriesAreSearchedFirst() throws {
        let configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        let directories = configuration.directories(environment: ["PORTFOLIO_EXPORT_FONT_PATH": "/a:/b"])
        #expect(directories == ["/a", "/b", "/usr/share/fonts", "/usr/local/share/fonts"])
        #expect(configuration.overrideDirectories(environment: ["PORTFOLIO_EXPORT_FONT_PATH": "/a:/b"]) == ["/a", "/b"])

        // A directory named by the variable wins over the system one.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("typesetting-fonts-\(getpid())")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let link = temporary.appendingPathComponent("TW-Kai-98_1.ttf")
        try FileManager.default.createSymbolicLink(
            atPath: link.path, withDestinationPath: "/usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf")
        let fonts = try FontSet.load(configuration, environment: ["PORTFOLIO_EXPORT_FONT_PATH": temporary.path])
        let kai = try #require(fonts.primaryFace(for: .kai))
        #expect(fonts.faces[kai].path == link.path)
    }

    @Test func fallbackCoverage() throws {
        let fonts = try fonts()
        func face(_ v: UInt32, _ role: FontRole) -> String? {
            guard let scalar = Unicode.Scalar(v), let index = fonts.faceIndex(covering: scalar, role: role) else {
                return nil
            }
            return fonts.faceIDs[index]
        }
        // 𠮷 is in Noto Sans/Serif CJK TC itself; 𪚥 only in 全字庫 Ext-B; Plane 15 only in 全字庫 Plus.
        #expect(face(0x20BB7, .sans) == "noto-sans-tc")
        #expect(face(0x20BB7, .serif) == "noto-serif-tc")
        #expect(face(0x20BB7, .kai) == "tw-kai-ext-b")
        #expect(face(0x2A6A5, .sans) == "tw-sung-ext-b")
        #expect(face(0x2A6A5, .kai) == "tw-kai-ext-b")
        #expect(face(0xF0000, .sans) == "tw-sung-plus")
        #expect(face(0xF0000, .kai) == "tw-kai-plus")
        #expect(face(0x10FFFD, .sans) == nil)
        #expect(face(0x0378, .sans) == nil)  // unassigned
    }

    @Test func unmappedCharactersBecomeReportedPlaceholders() throws {
        let fonts = try fonts()
        let text = "姓名𠮷田、𪚥與\u{F0000}和\u{10FFFD}及\u{0378}。"
        let layout = layoutParagraph([StyledText(text)], measure: .infinity, style: .label(fontSize: 10), fonts: fonts)
        #expect(layout.missingCharacters == ["\u{10FFFD}", "\u{0378}"])
        let line = try #require(layout.lines.first)
        #expect(line.placeholders.map(\.text) == ["\u{10FFFD}", "\u{0378}"])
        for box in line.placeholders {
            #expect(abs(box.width - 10) < 1e-9)  // 1 em
            #expect(box.top > 0 && box.bottom > 0)
        }
        // Never a silent .notdef.
        for (_, glyph) in line.allGlyphs { #expect(glyph.glyphID != 0) }
        let faceOf: [String: String] = Dictionary(
            line.allGlyphs.filter(\.glyph.startsCluster).map { ($0.glyph.text, fonts.faceIDs[$0.run.faceIndex]) },
            uniquingKeysWith: { a, _ in a })
        #expect(faceOf["𠮷"] == "noto-sans-tc")
        #expect(faceOf["𪚥"] == "tw-sung-ext-b")
        #expect(faceOf["\u{F0000}"] == "tw-sung-plus")
        #expect(faceOf["姓"] == "noto-sans-tc")
        // The boxes take their place in the line: 13 clusters of 1 em (the label is not justified).
        #expect(abs(line.width - 10 * 13) < 1e-6)
    }

    @Test func clusterTextRoundTrips() throws {
        let fonts = try fonts()
        let text = "第4章介紹API——𠮷與𪚥……克里斯多福·諾蘭「e\u{301}」"
        let layout = layoutParagraph([StyledText(text)], measure: .infinity, style: .label(), fonts: fonts)
        let line = try #require(layout.lines.first)
        #expect(line.allGlyphs.map(\.glyph.text).joined() == text)
        #expect(line.text == text)
    }

    @Test func verticalMetricsCentreTheEmBox() throws {
        let fonts = try fonts()
        let metrics = fonts.lineMetrics(role: .sans, fontSize: 10, lineHeight: 1.6)
        #expect(abs(metrics.lineHeight - 16) < 1e-9)
        // Noto CJK's em box is 880 above and 120 below the baseline; 3 pt of leading each side.
        #expect(abs(metrics.ascent - 11.8) < 1e-9)
        #expect(abs(metrics.descent - 4.2) < 1e-9)
        let sans = try #require(fonts.primaryFace(for: .sans))
        #expect(fonts.metrics[sans].ascender == 1160)
        #expect(fonts.metrics[sans].descender == -288)
    }
}

@Suite("Font configuration")
struct FontConfigurationTests {
    @Test func theShippedConfigurationLoads() throws {
        let configuration = try FontConfiguration.read(from: Fixtures.configurationPath)
        let fonts = try FontSet.load(configuration, environment: [:])
        #expect(fonts.faces.count == configuration.faces.count)
    }

    @Test func unreadableConfigurationIsReported() {
        #expect(throws: FontError.self) { try FontConfiguration.read(from: "/nonexistent/fallback.json") }
    }
}

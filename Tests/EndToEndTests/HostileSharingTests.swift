import Foundation
import Testing

/// Attachments whose pages share objects (issue 10): a content stream or a resource dictionary that
/// hundreds of pages name is decoded, copied and written once, and the tool's peak memory stays near
/// one copy. Each render runs in a child process of its own, whose peak resident size is read from /proc.
@Suite(.serialized) struct HostileSharingTests {
    /// A PDF of `pages` A4 pages. Every page's content is object 4 (`contentBytes` of drawing, starting
    /// with `% shared content`) unless `distinctContent`, and every page names the resource dictionary 5:
    /// `fonts` Helvetica fonts and, when `imageBytes` > 0, one gray image of that many bytes (pseudo-random,
    /// so it does not compress). With `nested`, object 4 is also a Form XObject the resources name, inside
    /// another form. Streams are compressed by qpdf (Flate), as a student's PDF would be.
    static func hostilePDF(
        pages: Int, contentBytes: Int, fonts: Int = 1, imageBytes: Int = 0, nested: Bool = false,
        distinctContent: Bool = false, in folder: URL
    ) throws -> [UInt8] {
        func drawing(_ marker: String) -> String {
            let line = "0 0 m 100 100 l S\n"
            return "% \(marker)\n" + String(repeating: line, count: max(1, contentBytes / line.utf8.count))
        }
        // Written object by object, so that the test runner never holds the whole file (300 MB for the
        // budget test).
        let plain = folder.appendingPathComponent("plain.pdf")
        try Data("%PDF-1.7\n".utf8).write(to: plain)
        let file = try FileHandle(forWritingTo: plain)
        try file.seekToEnd()
        var offset = 9
        var offsets: [Int: Int] = [:]
        func emit(_ number: Int, _ body: [UInt8]) throws {
            offsets[number] = offset
            let bytes = Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
            try file.write(contentsOf: bytes)
            offset += bytes.count
        }
        let first = 10_000
        try emit(1, Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        try emit(2, Array(
            "<< /Type /Pages /Kids [\((0..<pages).map { "\(first + $0) 0 R" }.joined(separator: " "))] /Count \(pages) >>".utf8))
        func stream(_ dict: String, _ data: [UInt8]) -> [UInt8] {
            Array("<< \(dict) /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8)
        }
        let formDict = nested ? "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 8 0 R" : ""
        try emit(4, stream(formDict, Array(drawing("shared content").utf8)))
        var xobjects = imageBytes > 0 ? "/Big 6 0 R" : ""
        if nested {
            xobjects += " /Outer 7 0 R"
            try emit(7, stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 8 0 R", Array("/Inner Do".utf8)))
            try emit(8, Array("<< /XObject << /Inner 4 0 R >> >>".utf8))
        }
        let fontNames = (0..<fonts).map { "/F\($0) \(100 + $0) 0 R" }.joined(separator: " ")
        try emit(5, Array("<< /Font << \(fontNames) >> /XObject << \(xobjects) >> >>".utf8))
        for f in 0..<fonts { try emit(100 + f, Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".utf8)) }
        if imageBytes > 0 {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let data = (0..<imageBytes).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            try emit(6, stream(
                "/Type /XObject /Subtype /Image /Width \(imageBytes / 1000) /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 8",
                data))
        }
        for page in 0..<pages {
            var content = 4
            if distinctContent {
                content = first + pages + page
                try emit(content, stream("", Array(drawing("page \(page)").utf8)))
            }
            try emit(first + page, Array(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents \(content) 0 R >>".utf8))
        }
        let size = (offsets.keys.max() ?? 0) + 1
        var table = "xref\n0 \(size)\n0000000000 65535 f \n"
        for n in 1..<size {
            table += offsets[n].map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 00000 f \n"
        }
        try file.write(contentsOf: Data((table + "trailer\n<< /Size \(size) /Root 1 0 R >>\nstartxref\n\(offset)\n%%EOF\n").utf8))
        try file.close()
        let packed = folder.appendingPathComponent("packed.pdf")
        let qpdf = try Harness.tool("/usr/bin/qpdf", ["--compress-streams=y", plain.path, packed.path])
        try #require(qpdf.status == 0, "\(qpdf.output)")
        try FileManager.default.removeItem(at: plain)
        return Array(try Data(contentsOf: packed))
    }

    struct Measured {
        var status: Int32
        var stderr: String
        var peakMiB: Int
    }

    /// Runs the tool in a child process and returns its exit status, stderr and peak resident size. The
    /// child may not map more than 12 GiB, so a regression fails the test instead of exhausting a
    /// shared machine. The peak is the child's `VmHWM`, read while it runs: `wait4`'s `ru_maxrss` would
    /// also count this test runner's own peak, because posix_spawn runs the child in the runner's memory
    /// until exec. A peak reached in the last few milliseconds may be missed, never overstated.
    static func measured(_ arguments: [String], timeout: TimeInterval = 300) throws -> Measured {
        let folder = try Harness.temporaryFolder("measured")
        defer { try? FileManager.default.removeItem(at: folder) }
        let errPath = folder.appendingPathComponent("stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The shell sets the limit and then becomes the tool (exec), so the pid is the tool's.
        let argv = ["/bin/sh", "-c", "ulimit -v 12582912 && exec \"$0\" \"$@\"", Harness.executable.path]
            + Harness.withProfile(arguments, fallback: Harness.everyItem)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["SOURCE_DATE_EPOCH"] = "1700000000"
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgv.forEach { free($0) }
            cEnvp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, cArgv, cEnvp)
        try #require(spawned == 0, "posix_spawn: \(spawned)")
        var status: Int32 = 0
        var peakKiB = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
            {
                peakKiB = max(peakKiB, kib)
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw HarnessError.timedOut(arguments)
            }
            usleep(5_000)
        }
        let exited = status & 0x7F == 0
        return Measured(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "",
            peakMiB: peakKiB / 1024)
    }

    /// The same applicant without the hostile attachment: the tool's own footprint (fonts, layout).
    static func baselineMiB(_ root: URL) throws -> Int {
        let folder = try AttachmentPDFTests.applicant(root.appendingPathComponent("baseline"), number: "08000030", files: [])
        let run = try measured(["render", folder.path, "--out", root.appendingPathComponent("out-baseline").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.peakMiB > 16, "the peak was not read")
        return run.peakMiB
    }

    /// The streams of the written packet, as `qpdf --json` lists their dictionaries.
    static func streamDictionaries(_ pdf: String) throws -> [[String: Any]] {
        let json = try Harness.tool("/usr/bin/qpdf", ["--json", "--json-key=qpdf", pdf])
        try #require(json.status == 0, "\(json.stderr)")
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let objects = try #require((top["qpdf"] as? [Any])?.last as? [String: Any])
        return objects.values.compactMap { (($0 as? [String: Any])?["stream"] as? [String: Any])?["dict"] as? [String: Any] }
    }

    static func render(_ files: [(String, [UInt8])], number: String, root: URL) throws -> (Measured, String) {
        let folder = try AttachmentPDFTests.applicant(root.appendingPathComponent(number), number: number, files: files)
        let out = root.appendingPathComponent("out-\(number)")
        let run = try measured(["render", folder.path, "--out", out.path])
        return (run, out.appendingPathComponent("\(number).pdf").path)
    }

    /// 500 pages drawing one content stream that inflates to 20 MB (a 120 KB file): one Form XObject in
    /// the packet, and the peak stays within a few copies of the content above the tool's own (measured:
    /// 97 MiB against 47 without the attachment; before, one inflated copy per page: 9.7 GB, then the
    /// memory limit).
    @Test func contentStreamSharedBy500Pages() throws {
        let root = try Harness.temporaryFolder("hostile-content")
        defer { try? FileManager.default.removeItem(at: root) }
        let pdf = try Self.hostilePDF(pages: 500, contentBytes: 20 << 20, in: root)
        #expect(pdf.count < 1 << 20)
        let baseline = try Self.baselineMiB(root)
        let (run, packet) = try Self.render([("files/shared.pdf", pdf)], number: "08000031", root: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", packet]).status == 0)
        #expect(try AttachmentPDFTests.pageCount(packet) >= 500)
        let forms = try Self.streamDictionaries(packet).filter { $0["/Subtype"] as? String == "/Form" }
        #expect(forms.count == 1, "\(forms.count) forms")
        #expect(run.peakMiB - baseline < 400, "peak \(run.peakMiB) MiB, without the attachment \(baseline) MiB")
    }

    /// 500 pages naming one resource dictionary of 4,000 fonts and an 8 MB image: the image and each font
    /// are written once, the dictionary is one object, and the peak stays near the tool's own (measured:
    /// 81 MiB; before, the dictionary and its fonts copied for every page: 1.1 GB and 500 forms). The
    /// fonts are unembedded Helvetica, each replaced by the same Nimbus Sans subset: one program, one
    /// descriptor, 4,000 small dictionaries.
    @Test func resourceDictionarySharedBy500Pages() throws {
        let root = try Harness.temporaryFolder("hostile-resources")
        defer { try? FileManager.default.removeItem(at: root) }
        let image = 8_000_000
        let pdf = try Self.hostilePDF(pages: 500, contentBytes: 64, fonts: 4_000, imageBytes: image, in: root)
        let baseline = try Self.baselineMiB(root)
        let (run, packet) = try Self.render([("files/resources.pdf", pdf)], number: "08000032", root: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", packet]).status == 0)
        let streams = try Self.streamDictionaries(packet)
        #expect(streams.filter { $0["/Subtype"] as? String == "/Image" }.count == 1)
        #expect(streams.filter { $0["/Subtype"] as? String == "/Form" }.count == 1)
        let size = try FileManager.default.attributesOfItem(atPath: packet)[.size] as? Int ?? 0
        #expect(size < image + (4 << 20), "packet of \(size) bytes")
        let show = try Harness.tool("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", packet, "-"]).stdout
        #expect(show.components(separatedBy: "+NimbusSans-Regular\n").count - 1 == 4_000 + 1)
        #expect(show.components(separatedBy: "/Subtype /Type1C").count - 1 == 1)
        #expect(show.components(separatedBy: "/F3999 ").count - 1 == 1)
        #expect(run.peakMiB - baseline < 300, "peak \(run.peakMiB) MiB, without the attachment \(baseline) MiB")
    }

    /// One stream both the pages' content and a nested Form XObject of their resources: the packet is
    /// valid and holds the stream's drawing twice (the pages' form and the nested form), not per page
    /// (measured: 64 MiB; before, 300 copies: 2.4 GB).
    @Test func streamSharedByPagesAndNestedForm() throws {
        let root = try Harness.temporaryFolder("hostile-nested")
        defer { try? FileManager.default.removeItem(at: root) }
        let pdf = try Self.hostilePDF(pages: 300, contentBytes: 4 << 20, nested: true, in: root)
        let baseline = try Self.baselineMiB(root)
        let (run, packet) = try Self.render([("files/nested.pdf", pdf)], number: "08000033", root: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", packet]).status == 0)
        let forms = try Self.streamDictionaries(packet).filter { $0["/Subtype"] as? String == "/Form" }
        #expect(forms.count == 3, "\(forms.count) forms")
        let decoded = root.appendingPathComponent("decoded.pdf").path
        #expect(try Harness.tool("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", packet, decoded]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: decoded))
        var hits = 0
        var range = bytes.startIndex..<bytes.endIndex
        while let found = bytes.range(of: Data("% shared content".utf8), in: range) {
            hits += 1
            range = found.upperBound..<bytes.endIndex
        }
        #expect(hits == 2)
        #expect(run.peakMiB - baseline < 300, "peak \(run.peakMiB) MiB, without the attachment \(baseline) MiB")
    }

    /// 300 pages each drawing a 1 MB stream of its own pass the 256 MB decode budget of one document
    /// (each page alone would fit): the attachment is refused with the budget named, the packet is
    /// still written.
    @Test func distinctStreamsOverTheDocumentBudgetAreRefused() throws {
        let root = try Harness.temporaryFolder("hostile-budget")
        defer { try? FileManager.default.removeItem(at: root) }
        let pdf = try Self.hostilePDF(pages: 300, contentBytes: 1 << 20, distinctContent: true, in: root)
        let (run, packet) = try Self.render([("files/distinct.pdf", pdf)], number: "08000034", root: root)
        #expect(
            run.stderr.contains("files/distinct.pdf") && run.stderr.contains("PDF 內容超過單一附件可處理的上限"),
            "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: packet))
        #expect(try Harness.tool("/usr/bin/qpdf", ["--check", packet]).status == 0)
        #expect(try AttachmentPDFTests.pageCount(packet) < 300)
        // What was decoded before the budget ran out, not more (the budget per page let all 300 MB through).
        #expect(run.peakMiB < 1_500, "peak \(run.peakMiB) MiB")
    }
}

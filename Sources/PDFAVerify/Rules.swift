import Diagnostics

/// The rules `PDFAVerifier` checks, each once, in the order of ISO 19005-3's clauses. A closed set:
/// every report lists every rule. The clause is the one of ISO 19005-3:2012 the rule follows, or
/// `nil` for a rule of this project's own (its basis is in `basis`); see docs/pdfa.md.
public enum PDFARule: String, CaseIterable, Sendable, Codable, Hashable {
    case fileHeader = "file-header"
    case binaryComment = "binary-comment"
    case trailerID = "trailer-id"
    case noEncryption = "no-encryption"
    case nothingAfterEOF = "nothing-after-eof"
    case crossReference = "cross-reference"
    case streamLength = "stream-length"
    case streamKeywords = "stream-keywords"
    case noExternalStreams = "no-external-streams"
    case standardFilters = "standard-filters"
    case objectKeywords = "object-keywords"
    case implementationLimits = "implementation-limits"
    case outputIntent = "output-intent"
    case extGState = "extgstate"
    case renderingIntents = "rendering-intents"
    case images = "images"
    case xObjects = "xobjects"
    case blendModes = "blend-modes"
    case transparencyColourSpace = "transparency-colour-space"
    case fontDictionaries = "font-dictionaries"
    case cidFonts = "cid-fonts"
    case cmapsEmbedded = "cmaps-embedded"
    case fontsEmbedded = "fonts-embedded"
    case fontWidths = "font-widths"
    case trueTypeEncodings = "truetype-encodings"
    case subsetNames = "subset-names"
    case toUnicode = "tounicode"
    case annotationTypes = "annotation-types"
    case annotationFlags = "annotation-flags"
    case annotationAppearances = "annotation-appearances"
    case interactiveForms = "interactive-forms"
    case actions = "actions"
    case additionalActions = "additional-actions"
    case metadataStream = "metadata-stream"
    case metadataUnfiltered = "metadata-unfiltered"
    case xmpIdentification = "xmp-identification"
    case xmpExtensionSchemas = "xmp-extension-schemas"
    case infoMatchesXMP = "info-matches-xmp"
    case embeddedFileTypes = "embedded-file-types"
    case fileSpecifications = "file-specifications"
    case associatedFiles = "associated-files"
    case embeddedFileDates = "embedded-file-dates"
    case optionalContent = "optional-content"
    case alternatePresentations = "alternate-presentations"
    case requirements = "requirements"

    /// The clause of ISO 19005-3:2012, or nil for a project rule.
    public var clause: String? {
        switch self {
        case .fileHeader, .binaryComment: "6.1.2"
        case .trailerID, .noEncryption, .nothingAfterEOF: "6.1.3"
        case .crossReference: nil
        case .streamLength, .streamKeywords, .noExternalStreams, .standardFilters: "6.1.7"
        case .objectKeywords: "6.1.9"
        case .implementationLimits: "6.1.13"
        case .outputIntent: "6.2.3"
        case .extGState: "6.2.5"
        case .renderingIntents: "6.2.6"
        case .images: "6.2.8"
        case .xObjects: "6.2.9"
        case .blendModes, .transparencyColourSpace: "6.2.10"
        case .fontDictionaries: "6.2.11.2"
        case .cidFonts, .cmapsEmbedded: "6.2.11.3"
        case .fontsEmbedded: "6.2.11.4"
        case .fontWidths: "6.2.11.5"
        case .trueTypeEncodings: "6.2.11.6"
        case .subsetNames, .toUnicode: nil
        case .annotationTypes: "6.3.1"
        case .annotationFlags: "6.3.2"
        case .annotationAppearances: "6.3.3"
        case .interactiveForms: "6.4"
        case .actions: "6.5.1"
        case .additionalActions: "6.5.2"
        case .metadataStream: "6.6.2.1"
        case .metadataUnfiltered: nil
        case .xmpIdentification: "6.6.4"
        case .xmpExtensionSchemas: "6.6.2.3"
        case .infoMatchesXMP: nil
        case .embeddedFileTypes, .fileSpecifications, .associatedFiles: "6.8"
        case .embeddedFileDates: nil
        case .optionalContent: "6.9"
        case .alternatePresentations: "6.10"
        case .requirements: "6.11"
        }
    }

    /// For a project rule: why we hold our packets to it (English; docs/pdfa.md says more).
    public var basis: String? {
        switch self {
        case .crossReference: "our reader must read the cross-reference data as written (ISO 32000-1 7.5.4, 7.5.8), no repair"
        case .subsetNames: "ISO 32000-1 9.6.4: a subset font's name is a six-letter tag of A–Z, '+', the font's name"
        case .toUnicode: "ISO 19005-3 6.2.11.7 asks this of level U and A only; our packets must keep their text extractable"
        case .metadataUnfiltered: "ISO 19005-1 6.7.2 asked it; 19005-3 does not; our writer keeps XMP readable"
        case .infoMatchesXMP: "ISO 19005-1 6.7.3 asked it; we keep Info and XMP equal so no reader sees two titles"
        case .embeddedFileDates: "ISO 32000-1 7.11.4 Table 46 makes /Params optional; PDF/A-3 archives (ZUGFeRD) expect /ModDate"
        default: nil
        }
    }

    /// What the rule asks, in Traditional Chinese and in English.
    public var summary: (zh: String, en: String) {
        switch self {
        case .fileHeader: ("檔頭在第 0 位元組，為 %PDF-1.0 至 %PDF-1.7 並接一個換行", "the header %PDF-1.n (n 0–7) starts at byte 0 and is followed by an EOL")
        case .binaryComment: ("檔頭下一行是 % 與至少四個大於 127 的位元組", "the header is followed by a comment of % and four bytes above 127")
        case .trailerID: ("trailer 有 /ID（兩個字串）", "the trailer has an /ID of two strings")
        case .noEncryption: ("沒有加密（trailer 無 /Encrypt）", "no encryption (no /Encrypt in the trailer)")
        case .nothingAfterEOF: ("最後的 %%EOF 之後至多一個換行", "nothing but one EOL after the last %%EOF")
        case .crossReference: ("交互參照表可照原樣讀取，不需修復", "the cross-reference data reads as written, without repair")
        case .streamLength: ("每個 stream 的 /Length 等於實際位元組數", "each stream's /Length is its byte count")
        case .streamKeywords: ("stream 之後接 CRLF 或 LF，endstream 之前有換行", "stream is followed by CRLF or LF, endstream is preceded by an EOL")
        case .noExternalStreams: ("stream 字典沒有 /F、/FFilter、/FDecodeParms", "no stream dictionary has /F, /FFilter or /FDecodeParms")
        case .standardFilters: ("只用標準篩選器，不用 LZWDecode，Crypt 只能是 Identity", "only standard filters, no LZWDecode, Crypt only as Identity")
        case .objectKeywords: ("obj／endobj 前後的空白與換行合乎規定", "white space and EOLs around obj and endobj as required")
        case .implementationLimits: ("整數、實數、字串、名稱、頁面邊界不超過限制", "integers, reals, strings, names and page boundaries within the limits")
        case .outputIntent: ("有 GTS_PDFA1 輸出意圖，ICC 設定檔有效且 /N 與色彩空間相符", "a GTS_PDFA1 output intent with a valid ICC profile whose /N matches its colour space")
        case .extGState: ("圖形狀態沒有 /TR、/HTP，/TR2 只能是 Default，網屏類型為 1 或 5", "no /TR or /HTP, /TR2 only Default, halftones of type 1 or 5 without /HalftoneName")
        case .renderingIntents: ("演算意圖只用四種標準值", "rendering intents only of the four standard values")
        case .images: ("影像沒有 /Alternates、/OPI，/Interpolate 不是 true", "images have no /Alternates or /OPI and /Interpolate is not true")
        case .xObjects: ("沒有 PostScript XObject、參照 XObject 或 OPI", "no PostScript or reference XObjects, no OPI")
        case .blendModes: ("混合模式只用 ISO 32000-1 定義的", "only the blend modes ISO 32000-1 defines")
        case .transparencyColourSpace: ("沒有輸出意圖時，含透明的頁面要有群組色彩空間", "without an output intent, a page with transparency has a group colour space")
        case .fontDictionaries: ("字型字典有 /Type /Font、正確的 /Subtype、/BaseFont、/FirstChar、/LastChar、/Widths", "font dictionaries have /Type /Font, a valid /Subtype, /BaseFont, and /FirstChar, /LastChar, /Widths")
        case .cidFonts: ("CIDFontType2 有 /CIDToGIDMap，CIDSystemInfo 與 CMap 相容", "a CIDFontType2 has /CIDToGIDMap; CIDSystemInfo agrees with the CMap")
        case .cmapsEmbedded: ("非預設的 CMap 都已內嵌", "every CMap that is not predefined is embedded")
        case .fontsEmbedded: ("每個字型（Type 3 除外）都內嵌字型程式", "every font but Type 3 has its font program embedded")
        case .fontWidths: ("字型字典的字寬與內嵌字型程式一致（可檢查者）", "widths in the font dictionary agree with the embedded program (where checkable)")
        case .trueTypeEncodings: ("符號 TrueType 字型沒有 /Encoding；非符號者用 WinAnsi 或 MacRoman", "symbolic TrueType fonts have no /Encoding; non-symbolic ones use WinAnsi or MacRoman")
        case .subsetNames: ("子集字型名稱以六個大寫字母加 + 開頭", "subset font names begin with six capital letters and +")
        case .toUnicode: ("每個字型都有 ToUnicode（標準編碼的簡單字型與 Type 3 除外）", "every font has a ToUnicode map (simple fonts of standard encodings and Type 3 aside)")
        case .annotationTypes: ("只用允許的註解類型", "only permitted annotation types")
        case .annotationFlags: ("註解有 /F：列印旗標開、隱藏與不顯示旗標關", "annotations have /F with Print set and Hidden, Invisible, NoView, ToggleNoView clear")
        case .annotationAppearances: ("註解有外觀串流，外觀字典只有 /N", "annotations have an appearance stream, appearance dictionaries only /N")
        case .interactiveForms: ("表單沒有 /A、/AA、NeedAppearances、XFA；目錄沒有 NeedsRendering", "forms have no /A, /AA, NeedAppearances or XFA; no NeedsRendering")
        case .actions: ("沒有 JavaScript、Launch 等禁用動作，命名動作只有四種", "no JavaScript, Launch or other forbidden actions; named actions only the four allowed")
        case .additionalActions: ("文件目錄與頁面沒有 /AA", "no /AA on the catalog or any page")
        case .metadataStream: ("目錄有 XMP 中繼資料串流，格式正確，UTF-8，xpacket 不含 bytes、encoding", "the catalog has a well-formed UTF-8 XMP stream, no bytes or encoding in xpacket")
        case .metadataUnfiltered: ("XMP 中繼資料串流不壓縮", "the XMP stream is not compressed")
        case .xmpIdentification: ("XMP 宣告 pdfaid:part 3、pdfaid:conformance B", "XMP identifies pdfaid:part 3, pdfaid:conformance B")
        case .xmpExtensionSchemas: ("XMP 屬性皆屬預先定義的結構描述，或已以延伸結構描述宣告", "every XMP property is in a predefined schema or declared in an extension schema")
        case .infoMatchesXMP: ("Info 字典與 XMP 的標題、作者、主旨、關鍵字、建立工具、產生器、日期一致", "Info and XMP agree on title, author, subject, keywords, creator, producer and dates")
        case .embeddedFileTypes: ("內嵌檔案有 MIME 類型（/Subtype）", "embedded files have a MIME type (/Subtype)")
        case .fileSpecifications: ("內嵌檔案的檔案規格有 /F、/UF、/AFRelationship", "file specifications of embedded files have /F, /UF and /AFRelationship")
        case .associatedFiles: ("每個內嵌檔案都由 /AF 關聯到文件或其部分", "every embedded file is associated through an /AF array")
        case .embeddedFileDates: ("內嵌檔案有 /Params /ModDate", "embedded files have /Params /ModDate")
        case .optionalContent: ("選用內容設定有不重複的 /Name，沒有 /AS", "optional content configurations have unique /Name and no /AS")
        case .alternatePresentations: ("沒有 AlternatePresentations 與 PresSteps", "no AlternatePresentations or PresSteps")
        case .requirements: ("目錄沒有 /Requirements", "the catalog has no /Requirements")
        }
    }
}

/// One thing a rule found: where and what, in Traditional Chinese and in English. PDF names (`/Type`),
/// object numbers, values and font names are the file's own and the same in both.
public struct PDFAFinding: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: MessageLanguage) -> String { language == .english ? en : zh }
}

/// One rule's outcome: passed when nothing failed. `findings` name where and what.
public struct PDFARuleResult: Sendable, Hashable, Codable {
    public var rule: PDFARule
    /// How many objects (or places) the rule looked at; 0 when the file has nothing it applies to.
    public var checked: Int
    public var findings: [PDFAFinding]
    public var passed: Bool { findings.isEmpty }
}

/// Every rule's outcome for one file, in `PDFARule.allCases` order.
public struct PDFAReport: Sendable, Hashable {
    public var results: [PDFARuleResult]
    /// True when the file's XMP identifies it as PDF/A-3 (`pdfaid:part` 3), whatever its conformance.
    public var claimsPDFA3: Bool = false
    public var passed: Bool { results.allSatisfy(\.passed) }
    public var failed: [PDFARuleResult] { results.filter { !$0.passed } }

    public func result(_ rule: PDFARule) -> PDFARuleResult {
        results.first { $0.rule == rule } ?? PDFARuleResult(rule: rule, checked: 0, findings: [])
    }
}

/// The self-written items and the school-sent extras that live as files named after the 應試號碼.
public enum SelfWrittenKind: String, Sendable, Hashable, CaseIterable, ClosedSet {
    case performanceSummary = "多元表現綜整心得"
    case reflection = "高中學習歷程反思"
    case motivation = "就讀動機"
    case plan = "未來學習計畫與生涯規劃"
    /// O+P+Q in one PDF.
    case combinedStatement = "學習歷程自述"
    case other = "其他有利審查資料"

    /// The extensions accepted, in order of preference when several are present: the PDF is what
    /// the central database itself holds, Markdown carries more structure than plain text.
    public var acceptedExtensions: [String] {
        self == .combinedStatement ? ["pdf"] : ["pdf", "md", "txt"]
    }
}

/// One self-written file.
public struct SelfWrittenDocument: Sendable, Equatable {
    public var kind: SelfWrittenKind
    /// File name relative to the applicant folder.
    public var file: String
    public var content: Content

    public enum Content: Sendable, Equatable {
        case text(TextDocument)
        case pdf(AttachmentFile)
        /// The file exists and could not be read (encoding); the item shows 「無法讀取」.
        case unreadable
    }

    public init(kind: SelfWrittenKind, file: String, content: Content) {
        self.kind = kind
        self.file = file
        self.content = content
    }
}

/// Text from a .txt or .md file, as blocks the layout can typeset.
public struct TextDocument: Sendable, Equatable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    public enum Block: Sendable, Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        /// `ordinal` is the number written for `1.` lists, nil for `-` lists.
        case listItem(ordinal: Int?, [Inline])
    }

    public enum Inline: Sendable, Equatable {
        case text(String)
        case strong(String)
    }

    /// The plain text, blocks separated by newlines (for character counts and round-trip tests).
    public var plainText: String {
        blocks.map { block in
            let inlines: [Inline]
            switch block {
            case .heading(_, let i), .paragraph(let i), .listItem(_, let i): inlines = i
            }
            return inlines.map { inline in
                switch inline {
                case .text(let s), .strong(let s): s
                }
            }.joined()
        }.joined(separator: "\n")
    }
}

extension FontConfiguration {
    /// The configuration of `Fonts/fallback.json`, compiled in so a deployed binary needs no data
    /// file; a test keeps the two identical. Edit the JSON and this together.
    public static let standard = FontConfiguration(
        version: 1, searchDirectories: ["/usr/share/fonts", "/usr/local/share/fonts"],
        environmentVariable: "PORTFOLIO_EXPORT_FONT_PATH", defaultRole: "sans",
        faces: [
            Face(
                id: "noto-sans-tc", file: "NotoSansCJK-Regular.ttc", postScriptName: "NotoSansCJKtc-Regular",
                family: "Noto Sans CJK TC", package: "fonts-noto-cjk"),
            Face(
                id: "noto-sans-tc-bold", file: "NotoSansCJK-Bold.ttc", postScriptName: "NotoSansCJKtc-Bold",
                family: "Noto Sans CJK TC", package: "fonts-noto-cjk"),
            Face(
                id: "noto-serif-tc", file: "NotoSerifCJK-Regular.ttc", postScriptName: "NotoSerifCJKtc-Regular",
                family: "Noto Serif CJK TC", package: "fonts-noto-cjk"),
            Face(
                id: "noto-serif-tc-bold", file: "NotoSerifCJK-Bold.ttc", postScriptName: "NotoSerifCJKtc-Bold",
                family: "Noto Serif CJK TC", package: "fonts-noto-cjk"),
            Face(
                id: "tw-sung", file: "TW-Sung-98_1.ttf", postScriptName: "TW-Sung-98_1", family: "TW-Sung",
                package: "fonts-cns11643-sung"),
            Face(
                id: "tw-sung-ext-b", file: "TW-Sung-Ext-B-98_1.ttf", postScriptName: "TW-Sung-Ext-B-98_1",
                family: "TW-Sung-Ext-B", package: "fonts-cns11643-sung"),
            Face(
                id: "tw-sung-plus", file: "TW-Sung-Plus-98_1.ttf", postScriptName: "TW-Sung-Plus-98_1",
                family: "TW-Sung-Plus", package: "fonts-cns11643-sung"),
            Face(
                id: "tw-kai", file: "TW-Kai-98_1.ttf", postScriptName: "TW-Kai-98_1", family: "TW-Kai",
                package: "fonts-cns11643-kai"),
            Face(
                id: "tw-kai-ext-b", file: "TW-Kai-Ext-B-98_1.ttf", postScriptName: "TW-Kai-Ext-B-98_1",
                family: "TW-Kai-Ext-B", package: "fonts-cns11643-kai"),
            Face(
                id: "tw-kai-plus", file: "TW-Kai-Plus-98_1.ttf", postScriptName: "TW-Kai-Plus-98_1",
                family: "TW-Kai-Plus", package: "fonts-cns11643-kai"),
        ],
        roles: [
            "sans": ["noto-sans-tc", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"],
            "sansBold": ["noto-sans-tc-bold", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"],
            "serif": ["noto-serif-tc", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"],
            "serifBold": ["noto-serif-tc-bold", "tw-sung", "tw-sung-ext-b", "tw-sung-plus"],
            "kai": ["tw-kai", "tw-kai-ext-b", "tw-kai-plus", "noto-serif-tc"],
        ])
}

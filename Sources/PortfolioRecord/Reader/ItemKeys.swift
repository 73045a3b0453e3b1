import Diagnostics

/// Where the record states its keys, and the folder a student's tick lists may sit in.
public enum ItemKeys {
    /// The field of every outcome and 多元表現 record that holds its key in the central database.
    public static let statedKeyField = "項目編號"
    /// A student's record folder may keep its tick lists in `勾選/` (docs/input.md §6): not record
    /// files, so the reader neither reads nor reports them.
    public static let tickListFolder = "勾選"
}

extension ReadSession {
    /// Gives every outcome and 多元表現 record its key (`ItemKey`): its 項目編號, else its position.
    ///
    /// Positional keys are unique by construction (a category and a position each), so they are
    /// claimed first; then each 項目編號 in reading order (outcomes, then 多元表現 by category, the
    /// school's cadre records of `_多元表現.json` before those of `_基本資料.json`). A 項目編號 that
    /// another record already holds is an error naming both, and its record keeps its positional
    /// key: every record stays tickable, and no key names two records.
    func assignKeys(_ record: inout ApplicantRecord) {
        let basicFile = fileName("基本資料.json")
        var outcomes = record.outcomes.value ?? []
        var performances = record.performances.value ?? []

        for index in performances.indices where performances[index].sourceFile == basicFile {
            let position = schoolCadreArrayLength + performances[index].index + 1
            performances[index].key = .positional(PerformanceCategory.schoolCadre.rawValue, position: position)
        }

        // Reading order of the performances: category, then the file's own array before 基本資料's.
        let performanceOrder = performances.indices.sorted { a, b in
            let (x, y) = (performances[a], performances[b])
            return (x.category, x.sourceFile == basicFile ? 1 : 0, x.index) < (y.category, y.sourceFile == basicFile ? 1 : 0, y.index)
        }

        var holders: [ItemKey: String] = [:]
        let outcomesFile = record.outcomes.file
        func place(_ file: String, _ path: String) -> String { "\(file) › \(path)" }
        for outcome in outcomes where outcome.statedKey.value == nil {
            holders[outcome.key] = place(outcomesFile, "[\(outcome.index)]")
        }
        for performance in performances where performance.statedKey.value == nil {
            holders[performance.key] = place(performance.sourceFile, recordPath(performance, basicFile: basicFile))
        }

        /// The stated key if it is free, else (reported) the positional one.
        func claim(_ stated: String, positional: ItemKey, file: String, path: String) -> ItemKey {
            let key = ItemKey(stated)
            guard let first = holders[key] else {
                holders[key] = place(file, path)
                return key
            }
            // Only a 項目編號 shaped like another record's positional key can take this one too.
            var fallback = positional
            var suffix = 2
            while holders[fallback] != nil {
                fallback = ItemKey("\(positional.rawValue)#\(suffix)")
                suffix += 1
            }
            holders[fallback] = place(file, path)
            log.error(
                .itemKeyDuplicate(key: stated, first: first, using: fallback.rawValue), file: file,
                field: path + "." + ItemKeys.statedKeyField)
            return fallback
        }

        for index in outcomes.indices {
            guard let stated = outcomes[index].statedKey.value else { continue }
            outcomes[index].key = claim(
                stated, positional: outcomes[index].key, file: outcomesFile, path: "[\(outcomes[index].index)]")
        }
        for index in performanceOrder {
            guard let stated = performances[index].statedKey.value else { continue }
            let performance = performances[index]
            performances[index].key = claim(
                stated, positional: performance.key, file: performance.sourceFile,
                path: recordPath(performance, basicFile: basicFile))
        }

        if case .present(let file, _) = record.outcomes { record.outcomes = .present(file: file, outcomes) }
        if case .present(let file, _) = record.performances { record.performances = .present(file: file, performances) }
    }

    /// `[3]`-style path of a 多元表現 record in its file, as its diagnostics name it.
    private func recordPath(_ performance: PerformanceRecord, basicFile: String) -> String {
        let array = performance.sourceFile == basicFile ? "擔任學校幹部經歷紀錄" : performance.category.rawValue
        return "\(array)[\(performance.index)]"
    }
}

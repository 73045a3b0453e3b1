import FontFiles
import Foundation

/// Derives each face's font program once (table reads; the face itself was loaded by its owner,
/// the file mapped once) and shares it across documents, and decides when a face is worth
/// preparing for subsetting (its working face, `FontProgram.prepared()`).
///
/// Preparing a Noto CJK face takes a few tenths of a second and about 55 MB, once per face (so the
/// memory is bounded by the faces, never by the batch); it then makes most subsets of that face
/// about twice as fast. A batch of a hundred packets gains, a batch of ten loses, and a face
/// only a few packets fall back to never pays back. `.whenWorthIt` therefore prepares a face once
/// it has been subset unprepared a number of times whose cost is about that of preparing it (the
/// rent-or-buy rule: never worse than twice the better choice), on a thread of its own while
/// documents go on with the plain face. A count, not a clock, so the writer reads no time; and
/// subsets of the prepared and plain face are byte-identical, so output never depends on when the
/// preparation lands.
///
/// Thread-safe: one lock guards the table of slots, and each slot has its own lock so two threads
/// asking for the same face wait for one derivation while other faces go on in parallel. A face
/// that cannot be embedded is not remembered (each document that uses it is refused the same way).
public final class FontProgramCache: @unchecked Sendable {
    public enum Preparation: Sendable, Equatable {
        /// Subset the plain faces (one document).
        case never
        /// Prepare each face when it is first loaded.
        case always
        /// Prepare a face once it has been subset this many times unprepared.
        case whenWorthIt(afterSubsets: Int)
    }

    private let lock = NSLock()
    // Looked up by key only; its iteration order never reaches any output.
    private var slots: [FontFace: Slot] = [:]

    public let preparation: Preparation

    /// `preprocess: true` prepares every face as it loads; false never does.
    public convenience init(preprocess: Bool = true) {
        self.init(preparation: preprocess ? .always : .never)
    }

    public init(preparation: Preparation) {
        self.preparation = preparation
    }

    /// Derives the face's program now, so a batch can report a font it cannot embed before
    /// rendering anything.
    public func preload(_ face: FontFace) throws(PDFWriterError) {
        _ = try program(for: face)
    }

    /// How many faces have their program made and kept.
    public var loadedFaceCount: Int {
        allSlots.reduce(0) { $0 + ($1.isLoaded ? 1 : 0) }
    }

    /// How many faces are prepared for subsetting (for tests and the benchmark).
    public var preparedFaceCount: Int {
        allSlots.reduce(0) { $0 + ($1.isPrepared ? 1 : 0) }
    }

    /// Waits until no preparation is running (tests, and a benchmark that wants steady state).
    public func waitForPreparations() {
        for slot in allSlots { slot.waitForPreparation() }
    }

    private var allSlots: [Slot] {
        lock.lock()
        defer { lock.unlock() }
        return Array(slots.values)
    }

    func program(for face: FontFace) throws(PDFWriterError) -> FontProgram {
        try slot(for: face).get(face, prepare: preparation == .always)
    }

    /// Called after each subset of an unprepared program.
    func noteUnpreparedSubset(of program: FontProgram) {
        guard case .whenWorthIt(let budget) = preparation, !program.isPrepared else { return }
        slot(for: program.face).countUnpreparedSubset(budget: budget)
    }

    private func slot(for face: FontFace) -> Slot {
        lock.lock()
        defer { lock.unlock() }
        if let existing = slots[face] { return existing }
        let slot = Slot()
        slots[face] = slot
        return slot
    }
}

private final class Slot: @unchecked Sendable {
    private let lock = NSLock()
    private var plain: FontProgram?
    private var prepared: FontProgram?
    private var unpreparedSubsets = 0
    /// Set while a preparation thread runs, and after it if it failed (never tried twice).
    private var preparationStarted = false
    private let preparationDone = DispatchGroup()

    var isLoaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return plain != nil || prepared != nil
    }

    var isPrepared: Bool {
        lock.lock()
        defer { lock.unlock() }
        return prepared != nil
    }

    func get(_ face: FontFace, prepare: Bool) throws(PDFWriterError) -> FontProgram {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return prepared }
        if let plain { return plain }
        let loaded = try FontProgram.make(face, preprocess: prepare)
        if prepare { prepared = loaded } else { plain = loaded }
        return loaded
    }

    func countUnpreparedSubset(budget: Int) {
        lock.lock()
        unpreparedSubsets += 1
        guard unpreparedSubsets >= budget, !preparationStarted, prepared == nil, let plain else {
            lock.unlock()
            return
        }
        preparationStarted = true
        preparationDone.enter()
        lock.unlock()
        let thread = Thread { [self] in
            let made = try? plain.prepared()
            lock.lock()
            if let made { prepared = made }
            lock.unlock()
            preparationDone.leave()
        }
        thread.start()
    }

    func waitForPreparation() {
        preparationDone.wait()
    }
}

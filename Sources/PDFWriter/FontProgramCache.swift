import Foundation

/// Loads each font face once (file mapping, table reads, `hb_subset_preprocess`) and shares it
/// across documents, so a batch pays the preprocessing cost per face, not per packet.
///
/// Thread-safe: one lock guards the table of slots, and each slot has its own lock so two threads
/// asking for the same face wait for one load while other faces load in parallel. Failed loads are
/// not remembered: a font installed later is picked up by the next document.
public final class FontProgramCache: @unchecked Sendable {
    private let lock = NSLock()
    // Looked up by key only; its iteration order never reaches any output.
    private var slots: [FontSource: Slot] = [:]

    /// Whether faces are prepared with `hb_subset_preprocess`: yes for a batch (each face once, every
    /// later subset faster), no for a single document (the preparation would cost more than it saves).
    public let preprocess: Bool

    public init(preprocess: Bool = true) {
        self.preprocess = preprocess
    }

    /// Loads the face now, so a batch can report a bad font before rendering anything.
    public func preload(_ source: FontSource) throws(PDFWriterError) {
        _ = try face(for: source)
    }

    /// How many faces are loaded and kept.
    public var loadedFaceCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return slots.values.reduce(0) { $0 + ($1.isLoaded ? 1 : 0) }
    }

    func face(for source: FontSource) throws(PDFWriterError) -> FontFace {
        let slot: Slot
        lock.lock()
        if let existing = slots[source] {
            slot = existing
        } else {
            slot = Slot()
            slots[source] = slot
        }
        lock.unlock()
        return try slot.get(source, preprocess: preprocess)
    }
}

private final class Slot: @unchecked Sendable {
    private let lock = NSLock()
    private var face: FontFace?

    var isLoaded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return face != nil
    }

    func get(_ source: FontSource, preprocess: Bool) throws(PDFWriterError) -> FontFace {
        lock.lock()
        defer { lock.unlock() }
        if let face { return face }
        let loaded = try FontFace.load(source, preprocess: preprocess)
        face = loaded
        return loaded
    }
}

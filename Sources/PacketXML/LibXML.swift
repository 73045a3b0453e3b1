internal import CLibXML2

/// Process-wide libxml2 set-up and error capture.
enum LibXML {
    /// libxml2 asks for `xmlInitParser` once, before threads use it; a static `let` runs its
    /// initialiser exactly once, whichever thread gets there first.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}

/// Collects libxml2's structured errors for one operation instead of letting them go to stderr.
final class ErrorCollector {
    /// Enough to diagnose; a broken document can produce one message per element.
    static let limit = 50

    private(set) var messages: [String] = []
    private var dropped = 0

    var allMessages: [String] {
        dropped > 0 ? messages + ["… \(dropped) more"] : messages
    }

    /// The opaque pointer libxml2 hands back to `handler`. Only valid while `self` is alive: callers
    /// keep the collector in a local for the whole libxml2 call.
    var userData: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The C callback: a non-capturing closure, so it converts to a C function pointer.
    static let handler: xmlStructuredErrorFunc = { userData, error in
        guard let userData, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue().record(error.pointee)
    }

    func record(_ error: xmlError) {
        guard messages.count < Self.limit else {
            dropped += 1
            return
        }
        var text = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while let last = text.unicodeScalars.last, last == "\n" || last == " " {
            text.unicodeScalars.removeLast()
        }
        let level = error.level == XML_ERR_WARNING ? "warning: " : ""
        messages.append(error.line > 0 ? "line \(error.line): \(level)\(text)" : level + text)
    }

    /// Runs `body` with this collector as the calling thread's structured error handler (libxml2
    /// keeps it per thread), restoring the previous handler afterwards. Parser and writer errors
    /// only reach a handler this way.
    func capturing<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let previousHandler = __xmlStructuredError()?.pointee
        let previousContext = __xmlStructuredErrorContext()?.pointee
        xmlSetStructuredErrorFunc(userData, Self.handler)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        return try withExtendedLifetime(self) { () throws(E) -> T in try body() }
    }
}

import ReviewPacket

// Tests name review items by their codes as written; a malformed literal is a bug in the test.
extension ItemCode: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        guard let code = ItemCode(value) else { fatalError("not an item code: \"\(value)\"") }
        self = code
    }
}

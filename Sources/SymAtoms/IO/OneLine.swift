/// Error messages are one line each (issue 14), even when they quote the input: a quoted header,
/// key or count line may hold line breaks or control characters from a damaged file.
extension StringProtocol {
    /// The text with line breaks and other control characters escaped (`\n`, `\r`, `\u{1B}`),
    /// so that it prints as one line and cannot drive the terminal; tabs and printable text stay.
    public var oneLineEscaped: String {
        guard contains(where: { $0.isNewline || $0.unicodeScalars.contains(where: Self.isEscaped) }) else {
            return String(self)
        }
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where Self.isEscaped(scalar) || Character(scalar).isNewline:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 and C1 controls and DEL, except tab; line and paragraph separators.
    static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator)
    }
}

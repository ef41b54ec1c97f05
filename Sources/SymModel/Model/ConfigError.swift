import SymAtoms

/// A configuration problem: the key path, the bad value, the valid choices and a suggestion.
/// Renders as "[at `model.descriptor.rotation`] unknown value 'gram-factord'; valid: gram-factored,
/// gram-dense. Did you mean 'gram-factored'?".
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Key path from the document root, e.g. ["model", "descriptor", "rotation"].
    public var path: [String]
    /// What is wrong.
    public var message: String

    /// Creates the error.
    public init(path: [String], _ message: String) {
        self.path = path
        self.message = message
    }

    /// An unknown choice with valid choices and the nearest one.
    public static func unknownChoice(path: [String], value: String, valid: [String], what: String = "value") -> ConfigError {
        var message = "unknown \(what) '\(value)'; valid: \(valid.joined(separator: ", "))."
        if let guess = didYouMean(value, among: valid) { message += " Did you mean '\(guess)'?" }
        return ConfigError(path: path, message)
    }

    /// One line: line breaks and control characters from the input (a key, a value) are escaped.
    public var description: String { "[at `\(path.joined(separator: "."))`] \(message)".oneLineEscaped }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
public func didYouMean(_ word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, best.0.count / 3) ? best.0 : nil
}

/// Levenshtein distance.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + [Int](repeating: 0, count: y.count)
        for j in stride(from: 1, through: y.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}

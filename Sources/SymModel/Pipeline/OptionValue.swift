/// One option value as written in a config: YAML `heads: 4`, `epsilon: 0.5`, `dotr: true`,
/// `preset: small`. Encodes as the bare JSON scalar (4, 0.5, true, "small").
public enum OptionValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An integer, e.g. `heads: 4`.
    case int(Int)
    /// A real number, e.g. `epsilon: 0.5`.
    case number(Double)
    /// true or false.
    case bool(Bool)
    /// A word: a preset name or a choice.
    case string(String)

    /// Reads a scalar's text the way YAML would: integer, then number, then true/false, else text.
    public init(parsing text: String) {
        if let i = Int(text.replacingOccurrences(of: "_", with: "")) { self = .int(i) }
        else if let d = Double(text), d.isFinite { self = .number(d) }
        else if ["true", "True", "TRUE"].contains(text) { self = .bool(true) }
        else if ["false", "False", "FALSE"].contains(text) { self = .bool(false) }
        else { self = .string(text) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int.self) { self = .int(i) }
        else if let d = try? c.decode(Double.self) { self = .number(d) }
        else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .string(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .int(let i): return "\(i)"
        case .number(let d): return "\(d)"
        case .bool(let b): return "\(b)"
        case .string(let s): return s
        }
    }

    /// The integer value (numbers with an integral value count).
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .number(let d) where d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }

    /// The number value (integers count).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}

/// The options of one stage as given in a config (name → value). The reserved name `preset`
/// selects a named preset whose values the other entries override. Empty = all defaults.
public typealias OptionValues = [String: OptionValue]

/// What values an option accepts; `symlab variants KEY` and the docs print it.
public enum OptionKind: Equatable, Sendable, CustomStringConvertible {
    /// An integer in the closed range.
    case integer(ClosedRange<Int>)
    /// A real number in the closed range.
    case number(ClosedRange<Double>)
    /// true or false.
    case boolean
    /// One of the listed words.
    case choice([String])

    public var description: String {
        switch self {
        case .integer(let r): return "integer \(r.lowerBound)...\(r.upperBound)"
        case .number(let r): return "number \(r.lowerBound)...\(r.upperBound)"
        case .boolean: return "true/false"
        case .choice(let c): return c.joined(separator: "|")
        }
    }

    /// The value converted to this kind, or the reason it does not fit.
    func check(_ value: OptionValue) -> (value: OptionValue?, problem: String?) {
        switch self {
        case .integer(let r):
            guard let i = value.intValue else { return (nil, "expected an integer, got '\(value)'") }
            return r.contains(i) ? (.int(i), nil) : (nil, "must be in \(r.lowerBound)...\(r.upperBound), got \(i)")
        case .number(let r):
            guard let d = value.doubleValue else { return (nil, "expected a number, got '\(value)'") }
            return r.contains(d) ? (.number(d), nil) : (nil, "must be in \(r.lowerBound)...\(r.upperBound), got \(d)")
        case .boolean:
            guard case .bool = value else { return (nil, "expected true or false, got '\(value)'") }
            return (value, nil)
        case .choice(let words):
            guard case .string(let s) = value, words.contains(s) else {
                return (nil, ConfigError.unknownChoice(path: [], value: value.description, valid: words).message)
            }
            return (value, nil)
        }
    }
}

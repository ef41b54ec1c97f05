import SymModel
import Yams

/// Strict reading of YAML mappings: unknown keys, wrong types and out-of-range values are
/// collected as `ConfigError`s with key path, bad value, valid choices and a did-you-mean,
/// instead of stopping at the first.
public struct YAMLReader {
    /// Problems found so far, in reading order.
    public var errors: [ConfigError] = []

    /// An empty reader.
    public init() {}

    /// Text of a node for messages.
    public static func show(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        default: return "a YAML alias"
        }
    }

    /// One line for a YAML syntax error: Yams' message spans lines (position and problem, the
    /// offending source line, a caret under it); keep the first two, joined.
    public static func syntaxError(_ error: any Error) -> String {
        "not valid YAML: " + "\(error)".split(whereSeparator: \.isNewline).prefix(2).joined(separator: " ")
    }

    /// Largest document, in nodes with aliases expanded, that SymLab reads. Aliases are resolved to
    /// shared subtrees, so a few lines (`b: &b [*a, *a, ...]` nested) can stand for billions of
    /// nodes that every later walk (hashing, display, serialisation) would visit: a hang.
    public static let maximumNodes = 100_000

    /// The problem of a document that expands beyond `maximumNodes` nodes, or nil; counting stops
    /// at the limit, so this costs at most `maximumNodes` steps.
    public static func sizeProblem(_ node: Node?) -> String? {
        guard let node, !node.fits(nodes: maximumNodes) else { return nil }
        return "expands to more than \(maximumNodes) nodes through YAML aliases (*name); write the repeated values out"
    }

    /// A scalar's integer value, strictly (Yams' own `int` also reads "auto:64" as 64).
    public static func int(_ node: Node) -> Int? {
        guard case .scalar(let s) = node else { return nil }
        return Int(s.string.replacingOccurrences(of: "_", with: ""))
    }

    /// A scalar's number value, strictly ("1e-3", "0.5", "6").
    public static func double(_ node: Node) -> Double? {
        guard case .scalar(let s) = node else { return nil }
        return Double(s.string)
    }

    /// The entries of a mapping; reports unknown keys. A missing node reads as empty.
    public mutating func mapping(_ node: Node?, _ path: [String], keys: [String]) -> [String: Node] {
        guard let node else { return [:] }
        guard case .mapping(let m) = node else {
            errors.append(ConfigError(path: path, "expected a mapping with keys \(keys.joined(separator: ", ")), got \(Self.show(node))"))
            return [:]
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            let key = k.string ?? "\(k)"
            if keys.contains(key) { out[key] = v } else {
                errors.append(.unknownChoice(path: path + [key], value: key, valid: keys, what: "key"))
            }
        }
        return out
    }

    /// A number (finite) with an optional lower bound.
    public mutating func number(_ m: [String: Node], _ key: String, _ path: [String], default d: Double,
                         minimum: Double? = nil, exclusiveMinimum: Bool = false) -> Double {
        guard let node = m[key] else { return d }
        guard let v = Self.double(node), v.isFinite else {
            errors.append(ConfigError(path: path + [key], "expected a number, got \(Self.show(node))"))
            return d
        }
        if let lo = minimum, exclusiveMinimum ? !(v > lo) : !(v >= lo) {
            errors.append(ConfigError(path: path + [key], "must be \(exclusiveMinimum ? ">" : ">=") \(lo), got \(v)"))
        }
        return v
    }

    /// An integer with an optional lower bound.
    public mutating func integer(_ m: [String: Node], _ key: String, _ path: [String], default d: Int, minimum: Int? = nil) -> Int {
        guard let node = m[key] else { return d }
        guard let v = Self.int(node) else {
            errors.append(ConfigError(path: path + [key], "expected an integer, got \(Self.show(node))"))
            return d
        }
        if let lo = minimum, v < lo { errors.append(ConfigError(path: path + [key], "must be >= \(lo), got \(v)")) }
        return v
    }

    /// true or false.
    public mutating func boolean(_ m: [String: Node], _ key: String, _ path: [String], default d: Bool) -> Bool {
        guard let node = m[key] else { return d }
        guard let v = node.bool else {
            errors.append(ConfigError(path: path + [key], "expected true or false, got \(Self.show(node))"))
            return d
        }
        return v
    }

    /// A string scalar, optionally one of `choices` (did-you-mean otherwise).
    public mutating func string(_ m: [String: Node], _ key: String, _ path: [String], default d: String, choices: [String]? = nil) -> String {
        guard let node = m[key] else { return d }
        guard case .scalar(let s) = node else {
            errors.append(ConfigError(path: path + [key], "expected a string, got \(Self.show(node))"))
            return d
        }
        if let choices, !choices.contains(s.string) {
            errors.append(.unknownChoice(path: path + [key], value: s.string, valid: choices))
        }
        return s.string
    }

    /// A pluggable stage: `key` (defaults) or `{type: key, preset: name, option: value, ...}`.
    /// The key must be one of `choices`; the options are checked by `problems(key, options, path)`
    /// (names with did-you-mean, types, ranges), all reported with their key paths.
    mutating func stage(_ m: [String: Node], _ key: String, _ path: [String], default d: String, choices: [String],
                        what: String, problems: (String, OptionValues, [String]) -> [ConfigError]) -> (String, OptionValues) {
        guard let node = m[key] else { return (d, [:]) }
        let here = path + [key]
        var name = d, options: OptionValues = [:]
        switch node {
        case .scalar(let s):
            name = s.string
        case .mapping(let entries):
            for (k, v) in entries {
                let option = k.string ?? "\(k)"
                guard case .scalar(let s) = v else {
                    errors.append(ConfigError(path: here + [option], "expected a single value, got \(Self.show(v))"))
                    continue
                }
                if option == "type" { name = s.string } else { options[option] = OptionValue(parsing: s.string) }
            }
            if entries.keys.allSatisfy({ $0.string != "type" }) {
                errors.append(ConfigError(path: here + ["type"], "is required in the mapping form, e.g. {type: \(choices.last ?? d), ...}"))
                return (d, [:])
            }
        default:
            errors.append(ConfigError(path: here, "expected a \(what) key or a mapping {type: key, option: value, ...}, got \(Self.show(node))"))
            return (d, [:])
        }
        guard choices.contains(name) else {
            errors.append(.unknownChoice(path: here, value: name, valid: choices))  // "unknown value", as for every other key
            return (name, options)
        }
        errors += problems(name, options, here)
        return (name, options)
    }

    /// A list of scalars (a single scalar reads as a one-element list).
    public mutating func list<T>(_ m: [String: Node], _ key: String, _ path: [String], default d: [T], what: String,
                          _ convert: (Node) -> T?) -> [T] {
        guard let node = m[key] else { return d }
        let items: [Node]
        if case .sequence(let s) = node { items = Array(s) } else { items = [node] }
        var out: [T] = []
        for (i, item) in items.enumerated() {
            if let v = convert(item) { out.append(v) } else {
                errors.append(ConfigError(path: path + ["\(key)[\(i)]"], "expected \(what), got \(Self.show(item))"))
            }
        }
        return out
    }
}

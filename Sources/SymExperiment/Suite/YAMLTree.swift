import SymAtoms
import SymModel
import SymTrain
import Yams

/// Edits of YAML documents by dotted key paths (`model.descriptor.rotation`), the way suites
/// layer a grid point or a command-line override onto a base training config.
enum YAMLTree {
    /// The path components of a dotted key; empty components are invalid.
    static func components(_ dotted: String) -> [String]? {
        let parts = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    /// `root` with the value at `path` replaced by (or set to) `value`. Missing mappings on the way
    /// are created; a scalar on the way becomes `{type: scalar}` so that a variant option can be
    /// set on `permutation: sab` (giving `permutation: {type: sab, heads: 4}`).
    static func setting(_ value: Node, at path: [String], in root: Node) -> Node {
        guard let key = path.first else { return value }
        var pairs: [(Node, Node)]
        switch root {
        case .mapping(let m): pairs = m.map { ($0.key, $0.value) }
        case .scalar(let s) where !s.string.isEmpty && s.string != "~" && s.string != "null": pairs = [(Node("type"), root)]
        default: pairs = []
        }
        let rest = Array(path.dropFirst())
        if let i = pairs.firstIndex(where: { $0.0.string == key }) {
            pairs[i].1 = setting(value, at: rest, in: pairs[i].1)
        } else {
            pairs.append((Node(key), setting(value, at: rest, in: Node([(Node, Node)]()))))
        }
        return Node(pairs)
    }

    /// The node at `path`, if any.
    static func value(at path: [String], in root: Node) -> Node? {
        guard let key = path.first else { return root }
        guard case .mapping(let m) = root, let child = m[key] else { return nil }
        return value(at: Array(path.dropFirst()), in: child)
    }

    /// YAML text of a node (block style), for parsing by the training-config reader.
    static func text(_ node: Node) throws -> String { try Yams.serialize(node: node) }

    /// A short display form of a value: scalars as written, lists as `[a, b]`, mappings `{k: v}`.
    static func display(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string
        case .sequence(let s): return "[" + s.map(display).joined(separator: ", ") + "]"
        case .mapping(let m): return "{" + m.map { "\(display($0.key)): \(display($0.value))" }.joined(separator: ", ") + "}"
        default: return "?"
        }
    }

    /// Parses a command-line value (`100`, `[40]`, `gram-dense`, `{type: sab, heads: 4}`) as YAML;
    /// nil for an empty value, one nested deeper than `YAMLNesting.maximumDepth` or one whose aliases
    /// expand it beyond `YAMLReader.maximumNodes`.
    static func parseValue(_ text: String) -> Node? {
        guard YAMLNesting.problem(text) == nil else { return nil }
        guard let node = try? Yams.compose(yaml: text) else { return text.isEmpty ? nil : Node(text) }
        return YAMLReader.sizeProblem(node) == nil ? node : nil
    }
}

/// The registry tables: the one place that lists every variant of each pluggable stage.
/// CLI help, config validation (with did-you-mean), `symlab variants`, the docs table and the
/// conformance tests all iterate these arrays. Adding a variant = its file + one line here.
public enum VariantRegistry {
    /// P_s choices.
    public static let permutationEncoders: [any PermutationEncoder.Type] = [
        DeepSetsSum.self,
    ]
    /// R_s choices.
    public static let rotationOperators: [any RotationOperator.Type] = [
        GramFactored.self,
        GramDense.self,
    ]

    /// Which stage a registry entry plugs into.
    public enum Role: String, CaseIterable, Sendable {
        case permutation = "P_s permutation encoder"
        case rotation = "R_s rotation operator"
        /// Config key under `model.descriptor`.
        public var configKey: String { self == .permutation ? "permutation" : "rotation" }
    }

    /// One row of `symlab variants`.
    public struct Entry: Sendable {
        public var role: Role
        public var key: String
        public var summary: String
        public var costClass: CostClass
        public var exact: [ConformanceProperty]
        public var approximate: [ConformanceProperty: String]
        /// The variant's options with their defaults (empty when it has none).
        public var options: [OptionSpec]
        /// Its presets, each with the option values it changes from the defaults.
        public var presets: [(name: String, values: OptionValues)]

        init<V: Variant>(_ role: Role, _ v: V.Type) {
            (self.role, key, summary, costClass) = (role, v.key, v.summary, v.costClass)
            (exact, approximate, options, presets) = (v.exactProperties, v.approximateProperties, v.optionSpecs, v.presetValues)
        }
    }

    /// Every registered variant, in table order.
    public static var entries: [Entry] {
        permutationEncoders.map { Entry(.permutation, $0) } + rotationOperators.map { Entry(.rotation, $0) }
    }

    /// Keys of one role.
    public static func keys(_ role: Role) -> [String] { entries.filter { $0.role == role }.map(\.key) }

    /// The P_s type for `key`, or a config error naming the valid keys.
    public static func permutationEncoder(_ key: String, path: [String] = ["model", "descriptor", "permutation"]) throws -> any PermutationEncoder.Type {
        guard let t = permutationEncoders.first(where: { $0.key == key }) else {
            throw ConfigError.unknownChoice(path: path, value: key, valid: keys(.permutation), what: "permutation encoder")
        }
        return t
    }

    /// The R_s type for `key`, or a config error naming the valid keys.
    public static func rotationOperator(_ key: String, path: [String] = ["model", "descriptor", "rotation"]) throws -> any RotationOperator.Type {
        guard let t = rotationOperators.first(where: { $0.key == key }) else {
            throw ConfigError.unknownChoice(path: path, value: key, valid: keys(.rotation), what: "rotation operator")
        }
        return t
    }

    /// Keys that appear twice within a role (must be empty; checked by a test and at start-up).
    public static var duplicateKeys: [String] {
        Role.allCases.flatMap { role -> [String] in
            let k = keys(role)
            return Set(k).filter { key in k.filter { $0 == key }.count > 1 }.sorted()
        }
    }
}

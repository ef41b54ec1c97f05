/// The registry tables: the one place that lists every variant of each pluggable stage.
/// CLI help, config validation (with did-you-mean), `symlab variants`, the docs table and the
/// conformance tests all iterate these arrays. Adding a variant = its file + one line here.
public enum VariantRegistry {
    /// P_s choices.
    public static let permutationEncoders: [any PermutationEncoder.Type] = [
        DeepSetsSum.self,
        MeanPooling.self,
        AttentionPooling.self,
        GatedAttention.self,
        SetAttentionBlock.self,
        InducedSetAttention.self,
        PoolingByAttention.self,
        SortedConcat.self,
    ]
    /// R_s choices.
    public static let rotationOperators: [any RotationOperator.Type] = [
        GramFactored.self,
        GramDense.self,
        TruncatedAxis.self,
        KNNSparse.self,
        ThreeBodySparse.self,
        LocalFrame.self,
        RadialOnly.self,
        AugmentedNone.self,
    ]

    /// L choices (the embedding stage; listed apart from the P_s/R_s `entries`).
    public static let embeddingStages: [any EmbeddingStage.Type] = [
        PerTypeEmbedding.self,
        TypeEmbedding.self,
        TabulatedEmbedding.self,
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

    /// One L stage for `symlab variants`.
    public struct EmbeddingEntry: Sendable {
        public var key: String
        public var summary: String
        /// Neighbour slots in one block per type (true) or one mixed block (false).
        public var typeBlocks: Bool
        public var options: [OptionSpec]
        public var presets: [(name: String, values: OptionValues)]
    }

    /// Every registered L stage, in table order.
    public static var embeddingEntries: [EmbeddingEntry] {
        embeddingStages.map { EmbeddingEntry(key: $0.key, summary: $0.summary, typeBlocks: $0.typeBlocks,
                                             options: $0.optionSpecs, presets: $0.presetValues) }
    }

    /// Keys of the L stages.
    public static var embeddingKeys: [String] { embeddingStages.map { $0.key } }

    /// The L type for `key`, or a config error naming the valid keys.
    public static func embeddingStage(_ key: String, path: [String] = ["model", "descriptor", "embedding"]) throws -> any EmbeddingStage.Type {
        guard let t = embeddingStages.first(where: { $0.key == key }) else {
            throw ConfigError.unknownChoice(path: path, value: key, valid: embeddingKeys, what: "embedding stage")
        }
        return t
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
        (Role.allCases.map(keys) + [embeddingKeys]).flatMap { k in
            Set(k).filter { key in k.filter { $0 == key }.count > 1 }.sorted()
        }
    }
}

/// Descriptor hyper-parameters (DeePMD `se_e2_a` keys, spec §13.1) plus the pluggable stages.
public struct DescriptorConfig: Codable, Equatable, Sendable {
    /// Cutoff r_c (Å).
    public var rcut: Double = 6.0
    /// Switch start r_s (Å), r_s < r_c.
    public var rcutSmooth: Double = 0.5
    /// Slots per neighbour type.
    public var sel: [Int] = [46, 92]
    /// Embedding-net widths after the scalar input, e.g. [25, 50, 100]; M1 = last.
    public var neuron: [Int] = [25, 50, 100]
    /// M2, the number of axis columns of the Gram contraction.
    public var axisNeuron: Int = 16
    /// One embedding net per neighbour type (true) or per (centre, neighbour) type pair (false).
    public var typeOneSide: Bool = true
    /// Timestep vectors on the embedding net's skip layers.
    public var resnetDt: Bool = false
    /// L registry key (the embedding stage; it also decides the slot layout).
    public var embedding: String = PerTypeEmbedding.key
    /// L options as given.
    public var embeddingOptions: OptionValues = [:]
    /// P_s registry key.
    public var permutation: String = DeepSetsSum.key
    /// P_s options as given (`preset` plus explicit fields; empty = defaults).
    public var permutationOptions: OptionValues = [:]
    /// R_s registry key.
    public var rotation: String = GramFactored.key
    /// R_s options as given.
    public var rotationOptions: OptionValues = [:]
    /// Force the radial mean μ_s to zero (padded rows become exactly zero).
    public var setDavgZero: Bool = false

    /// DeePMD's water reference settings.
    public init() {}

    /// Whether the embedding stage lays slots out in one block per neighbour type (se_e2_a) or
    /// in one block of all types (DPA-1); pass it to `EnvironmentBatch.build`.
    public var typeBlocks: Bool { (try? VariantRegistry.embeddingStage(embedding))?.typeBlocks ?? true }

    enum CodingKeys: String, CodingKey {
        case rcut, sel, neuron, embedding, permutation, rotation
        case rcutSmooth = "rcut_smth", axisNeuron = "axis_neuron", typeOneSide = "type_one_side"
        case resnetDt = "resnet_dt", setDavgZero = "set_davg_zero"
    }

    /// Stage choices are written like the YAML: a bare key without options, else
    /// `{"type": key, option: value, ...}`. Files without them (format 1) read as the defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DescriptorConfig()
        rcut = try c.decodeIfPresent(Double.self, forKey: .rcut) ?? d.rcut
        rcutSmooth = try c.decodeIfPresent(Double.self, forKey: .rcutSmooth) ?? d.rcutSmooth
        sel = try c.decodeIfPresent([Int].self, forKey: .sel) ?? d.sel
        neuron = try c.decodeIfPresent([Int].self, forKey: .neuron) ?? d.neuron
        axisNeuron = try c.decodeIfPresent(Int.self, forKey: .axisNeuron) ?? d.axisNeuron
        typeOneSide = try c.decodeIfPresent(Bool.self, forKey: .typeOneSide) ?? d.typeOneSide
        resnetDt = try c.decodeIfPresent(Bool.self, forKey: .resnetDt) ?? d.resnetDt
        setDavgZero = try c.decodeIfPresent(Bool.self, forKey: .setDavgZero) ?? d.setDavgZero
        (embedding, embeddingOptions) = try c.decodeIfPresent(StageChoice.self, forKey: .embedding)?.pair ?? (d.embedding, [:])
        (permutation, permutationOptions) = try c.decodeIfPresent(StageChoice.self, forKey: .permutation)?.pair ?? (d.permutation, [:])
        (rotation, rotationOptions) = try c.decodeIfPresent(StageChoice.self, forKey: .rotation)?.pair ?? (d.rotation, [:])
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rcut, forKey: .rcut)
        try c.encode(rcutSmooth, forKey: .rcutSmooth)
        try c.encode(sel, forKey: .sel)
        try c.encode(neuron, forKey: .neuron)
        try c.encode(axisNeuron, forKey: .axisNeuron)
        try c.encode(typeOneSide, forKey: .typeOneSide)
        try c.encode(resnetDt, forKey: .resnetDt)
        try c.encode(setDavgZero, forKey: .setDavgZero)
        try c.encode(StageChoice(key: embedding, options: embeddingOptions), forKey: .embedding)
        try c.encode(StageChoice(key: permutation, options: permutationOptions), forKey: .permutation)
        try c.encode(StageChoice(key: rotation, options: rotationOptions), forKey: .rotation)
    }
}

/// A stage key with its options, coded as `"key"` or `{"type": "key", option: value, ...}`.
struct StageChoice: Codable {
    var key: String
    var options: OptionValues
    var pair: (String, OptionValues) { (key, options) }

    init(key: String, options: OptionValues) {
        self.key = key
        self.options = options
    }

    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let key = try? decoder.singleValueContainer().decode(String.self) {
            self.init(key: key, options: [:])
            return
        }
        let c = try decoder.container(keyedBy: Name.self)
        var options: OptionValues = [:]
        for name in c.allKeys where name.stringValue != "type" {
            options[name.stringValue] = try c.decode(OptionValue.self, forKey: name)
        }
        self.init(key: try c.decode(String.self, forKey: Name(stringValue: "type")), options: options)
    }

    func encode(to encoder: Encoder) throws {
        if options.isEmpty {
            var c = encoder.singleValueContainer()
            try c.encode(key)
            return
        }
        var c = encoder.container(keyedBy: Name.self)
        try c.encode(key, forKey: Name(stringValue: "type"))
        for (name, value) in options.sorted(by: { $0.key < $1.key }) { try c.encode(value, forKey: Name(stringValue: name)) }  // stable text
    }
}

/// Fitting-net hyper-parameters (U_p).
public struct FittingConfig: Codable, Equatable, Sendable {
    /// Hidden widths, e.g. [240, 240, 240]; a linear 1-output layer follows.
    public var neuron: [Int] = [240, 240, 240]
    /// Timestep vectors on the identity-skip layers.
    public var resnetDt: Bool = true
    /// One net for all centre types reading D ⊕ T_{t_i}, the centre's type feature from the
    /// embedding stage (DeePMD's mixed-type fitting of se_atten_v2); false: one net per type.
    public var mixedTypes: Bool = false
    /// DeePMD's water reference settings.
    public init() {}

    enum CodingKeys: String, CodingKey { case neuron, resnetDt = "resnet_dt", mixedTypes = "mixed_types" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        neuron = try c.decode([Int].self, forKey: .neuron)
        resnetDt = try c.decode(Bool.self, forKey: .resnetDt)
        mixedTypes = try c.decodeIfPresent(Bool.self, forKey: .mixedTypes) ?? false  // absent in format 1
    }
}

/// A whole model's hyper-parameters.
public struct ModelConfig: Codable, Equatable, Sendable {
    /// Element names by type index.
    public var typeMap: [String]
    /// The descriptor (L, T_s, R_s, P_s).
    public var descriptor = DescriptorConfig()
    /// The fitting net (U_p).
    public var fitting = FittingConfig()
    /// Seed of the parameter initialisation.
    public var seed: UInt64 = 1

    enum CodingKeys: String, CodingKey { case typeMap = "type_map", descriptor, fitting, seed }

    /// A config with DeePMD's water settings for `typeMap`.
    public init(typeMap: [String]) { self.typeMap = typeMap }

    /// The same config with every stage option resolved through the registry (defaults < preset <
    /// explicit fields), so that two configs that build the same model compare equal.
    public var resolved: ModelConfig {
        var c = self
        if let e = try? VariantRegistry.embeddingStage(descriptor.embedding) {
            c.descriptor.embeddingOptions = e.resolvedValues(descriptor.embeddingOptions)
        }
        if let p = try? VariantRegistry.permutationEncoder(descriptor.permutation) {
            c.descriptor.permutationOptions = p.resolvedValues(descriptor.permutationOptions)
        }
        if let r = try? VariantRegistry.rotationOperator(descriptor.rotation) {
            c.descriptor.rotationOptions = r.resolvedValues(descriptor.rotationOptions)
        }
        return c
    }

    /// Every problem of the config (empty when valid), each with its key path.
    public func problems(path: [String] = ["model"]) -> [ConfigError] {
        var p: [ConfigError] = []
        let d = descriptor, dp = path + ["descriptor"]
        if typeMap.isEmpty { p.append(ConfigError(path: path + ["type_map"], "must list at least one element")) }
        if !(d.rcut > 0) { p.append(ConfigError(path: dp + ["rcut"], "must be > 0 Å, got \(d.rcut)")) }
        if !(d.rcutSmooth >= 0 && d.rcutSmooth < d.rcut) {
            p.append(ConfigError(path: dp + ["rcut_smth"], "must satisfy 0 <= rcut_smth < rcut (\(d.rcut)), got \(d.rcutSmooth)"))
        }
        if let e = try? VariantRegistry.embeddingStage(d.embedding) {
            p += e.problems(self, path: dp) + e.optionProblems(d.embeddingOptions, path: dp + ["embedding"])
            if fitting.mixedTypes && e.centreFeatureWidth(self) == 0 {
                p.append(ConfigError(path: path + ["fitting", "mixed_types"],
                                     "needs an embedding stage that gives the centre's type feature (type-embedding); '\(d.embedding)' gives none"))
            }
        } else {
            p.append(.unknownChoice(path: dp + ["embedding"], value: d.embedding, valid: VariantRegistry.embeddingKeys, what: "embedding stage"))
        }
        if d.sel.contains(where: { $0 < 0 }) || d.sel.reduce(0, +) == 0 {
            p.append(ConfigError(path: dp + ["sel"], "entries must be >= 0 with a positive sum, got \(d.sel)"))
        }
        if d.neuron.isEmpty || d.neuron.contains(where: { $0 <= 0 }) {
            p.append(ConfigError(path: dp + ["neuron"], "must be positive widths, got \(d.neuron)"))
        }
        if d.axisNeuron <= 0 || d.axisNeuron > (d.neuron.last ?? 0) {
            p.append(ConfigError(path: dp + ["axis_neuron"], "must be in 1...\(d.neuron.last ?? 0) (the embedding width), got \(d.axisNeuron)"))
        }
        let sizesValid = !d.sel.isEmpty && d.sel.allSatisfy { $0 >= 0 } && (d.neuron.last ?? 0) > 0
        let base = StageSettings(nnei: d.sel.reduce(0, +), embeddingWidth: d.neuron.last ?? 0, axisNeurons: d.axisNeuron, seed: seed)
        func sizeProblems(_ t: any Variant.Type, _ options: OptionValues, _ key: String) -> [ConfigError] {
            guard sizesValid, t.optionProblems(options, path: []).isEmpty else { return [] }
            return t.problems(base.with(options: options)).map { ConfigError(path: dp + [key, $0.option], $0.message) }
        }
        if let t = try? VariantRegistry.permutationEncoder(d.permutation) {
            p += t.optionProblems(d.permutationOptions, path: dp + ["permutation"]) + sizeProblems(t, d.permutationOptions, "permutation")
        } else {
            p.append(.unknownChoice(path: dp + ["permutation"], value: d.permutation, valid: VariantRegistry.keys(.permutation),
                                    what: "permutation encoder"))
        }
        if let t = try? VariantRegistry.rotationOperator(d.rotation) {
            p += t.optionProblems(d.rotationOptions, path: dp + ["rotation"]) + sizeProblems(t, d.rotationOptions, "rotation")
        } else {
            p.append(.unknownChoice(path: dp + ["rotation"], value: d.rotation, valid: VariantRegistry.keys(.rotation),
                                    what: "rotation operator"))
        }
        if fitting.neuron.contains(where: { $0 <= 0 }) {
            p.append(ConfigError(path: path + ["fitting", "neuron"], "must be positive widths, got \(fitting.neuron)"))
        }
        return p
    }
}

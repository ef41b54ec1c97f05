import SymAtoms

/// All numbers of a model besides its config: nets, statistics, bias, stage parameters.
public struct DeepPotWeights: Codable, Equatable, Sendable {
    /// The embedding stage's nets in its storage order (`per-type`: by neighbour type, or by
    /// centre·ntypes + neighbour; `type-embedding`: radial net, type-pair net, type embedding).
    /// Two configs share a net where index and shape agree (the runner pairs initial weights so).
    public var embedding: [MLPParameters]
    /// Fitting nets by centre type (one net for mixed-type fitting).
    public var fitting: [MLPParameters]
    /// Statistics [ntypes, 4] (see `DeepPotModel.davg`).
    public var davg: [Double], dstd: [Double]
    /// Energy bias per type (eV).
    public var energyBias: [Double]
    /// Scalars of the pluggable stages' tensors, in `parameters` order.
    public var stageParameters: [[Double]]

    /// Creates weights.
    public init(embedding: [MLPParameters], fitting: [MLPParameters], davg: [Double], dstd: [Double],
                energyBias: [Double], stageParameters: [[Double]] = []) {
        self.embedding = embedding
        self.fitting = fitting
        self.davg = davg
        self.dstd = dstd
        self.energyBias = energyBias
        self.stageParameters = stageParameters
    }

    /// Fresh weights for `config` (spec §4.1 initialisation, seeded: the embedding stage's nets,
    /// then the fitting nets), neutral statistics (davg 0, dstd 1) and zero bias; training replaces
    /// statistics and bias from data. `descriptorWidth` is the width of D.
    public static func random(config: ModelConfig, descriptorWidth: Int) -> DeepPotWeights {
        let rng = RandomSource(seed: config.seed)
        let ntypes = config.typeMap.count
        let stage = (try? VariantRegistry.embeddingStage(config.descriptor.embedding)) ?? PerTypeEmbedding.self
        let embedding = stage.randomNets(config, rng: rng)
        let mixed = config.fitting.mixedTypes
        let inputs = descriptorWidth + (mixed ? stage.centreFeatureWidth(config) : 0)
        let fitting = (0..<(mixed ? 1 : ntypes)).map { _ in
            MLPParameters.random(widths: [inputs] + config.fitting.neuron + [1], resnetDt: config.fitting.resnetDt,
                                 linearOutput: true, rng: rng)
        }
        return DeepPotWeights(embedding: embedding, fitting: fitting, davg: [Double](repeating: 0, count: 4 * ntypes),
                              dstd: [Double](repeating: 1, count: 4 * ntypes), energyBias: [Double](repeating: 0, count: ntypes))
    }
}

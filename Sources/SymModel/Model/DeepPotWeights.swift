import SymAtoms

/// All numbers of a model besides its config: nets, statistics, bias, stage parameters.
public struct DeepPotWeights: Codable, Equatable, Sendable {
    /// Embedding nets: by neighbour type (type_one_side) or by centre·ntypes + neighbour.
    public var embedding: [MLPParameters]
    /// Fitting nets by centre type.
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

    /// Fresh weights for `config` (spec §4.1 initialisation, seeded), neutral statistics
    /// (davg 0, dstd 1) and zero bias; training replaces statistics and bias from data.
    public static func random(config: ModelConfig, descriptorWidth: Int) -> DeepPotWeights {
        let rng = RandomSource(seed: config.seed)
        let d = config.descriptor, ntypes = config.typeMap.count
        let embedding = (0..<(d.typeOneSide ? ntypes : ntypes * ntypes)).map { _ in
            MLPParameters.random(widths: [1] + d.neuron, resnetDt: d.resnetDt, linearOutput: false, rng: rng)
        }
        let fitting = (0..<ntypes).map { _ in
            MLPParameters.random(widths: [descriptorWidth] + config.fitting.neuron + [1], resnetDt: config.fitting.resnetDt,
                                 linearOutput: true, rng: rng)
        }
        return DeepPotWeights(embedding: embedding, fitting: fitting, davg: [Double](repeating: 0, count: 4 * ntypes),
                              dstd: [Double](repeating: 1, count: 4 * ntypes), energyBias: [Double](repeating: 0, count: ntypes))
    }
}

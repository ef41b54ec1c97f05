import SymAtoms
import SymTensor

/// `type-embedding`: DPA-1's learned type embedding in DeePMD's "strip" mode with the smooth type
/// gate (DeePMD `se_atten_v2`, spec §9.1–9.2). Slots form one block of `sel[0]` neighbours of all
/// types sorted by distance. With T_t the type embedding of type t (a linear layer without bias
/// on the one-hot type, DeePMD `TypeEmbedNet`; a zero row T_pad for empty slots):
///
///     T = N_T(I_ntypes) ++ 0                             [ntypes + 1, tebd]
///     G_s = N_s(s̃_ij)                                    [A, nnei, M1]   radial net, 1 → neuron
///     G_t = N_t([T_{t_j}, T_{t_i}])   (or N_t(T_{t_j}) with type_one_side)   2·tebd (tebd) → neuron
///     G_ij = G_s ⊙ (G_t · w(r_ij)) + G_s                                     w: switch weight (§3.1)
///
/// G_t depends only on the type pair, so it is computed once per batch as a ((ntypes+1)² × M1)
/// table and gathered per slot. The centre's T_{t_i} is offered to a mixed-type fitting net
/// (`fitting.mixed_types: true`: D ⊕ T_{t_i}, one net for all types, as se_atten_v2).
///
/// Nets in storage order: N_s, N_t, N_T (shapes 1 → M1, tebd·(1 or 2) → M1, ntypes → tebd).
/// Cost per centre: nnei · (FLOPs(N_s) + 3·M1); the type table (independent of the atom count)
/// is not counted.
///
/// Deviation from DeePMD-kit (no effect on any number): DeePMD looks up the type of an empty slot
/// through neighbour index 0, i.e. the type of atom 0 (spec §9.2 quirk); SymLab uses the padding
/// row. Both are multiplied by w = 0, so G of an empty slot is G_s in both.
/// Reference: Zhang et al., "DPA-1: Pretraining of attention-based deep potential model for
/// molecular simulation", npj Comput. Mater. 10, 94 (2024).
public struct TypeEmbedding: EmbeddingStage {
    public static let key = "type-embedding"
    public static let summary = "DPA-1 (se_atten_v2 strip mode): learned type embedding, G = G_s*(G_t*w) + G_s, one mixed-type block"
    public static let typeBlocks = false

    /// The type-embedding width.
    public struct Options: StageOptions {
        /// DeePMD `tebd_dim`.
        public var tebdDim = 8
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .integer("tebd_dim", \.tebdDim, 1...256, "width of the learned type embedding T_t (DeePMD tebd_dim)"),
        ]
    }

    public let nets: [MLP]
    let typeCount: Int, typeOneSide: Bool, width: Int

    public static func problems(_ config: ModelConfig, path: [String]) -> [ConfigError] {
        let sel = config.descriptor.sel
        return sel.count == 1 ? [] : [ConfigError(path: path + ["sel"],
                                                  "the type-embedding stage uses one block of all types: give one number, e.g. sel: [120], got \(sel)")]
    }

    static func shapes(_ config: ModelConfig) -> [(inputs: Int, outputs: Int)] {
        let d = config.descriptor, t = options(d.embeddingOptions).tebdDim, m1 = d.neuron.last ?? 0
        return [(1, m1), (d.typeOneSide ? t : 2 * t, m1), (config.typeMap.count, t)]
    }

    public static func randomNets(_ config: ModelConfig, rng: RandomSource) -> [MLPParameters] {
        let d = config.descriptor, s = shapes(config)
        let radial = MLPParameters.random(widths: [1] + d.neuron, resnetDt: d.resnetDt, linearOutput: false, rng: rng)
        let pair = MLPParameters.random(widths: [s[1].inputs] + d.neuron, resnetDt: d.resnetDt, linearOutput: false, rng: rng)
        let types = MLPParameters(layers: [.random(inputs: s[2].inputs, outputs: s[2].outputs, activation: .linear,
                                                   skip: SkipKind.rule(inputs: s[2].inputs, outputs: s[2].outputs),
                                                   timestep: false, bias: false, rng: rng)])
        return [radial, pair, types]
    }

    public static func centreFeatureWidth(_ config: ModelConfig) -> Int { options(config.descriptor.embeddingOptions).tebdDim }

    public init(config: ModelConfig, nets stored: [MLPParameters]) throws {
        try Self.checkShapes(stored, Self.shapes(config))
        nets = stored.map(MLP.init)
        (typeCount, typeOneSide, width) = (config.typeMap.count, config.descriptor.typeOneSide, config.descriptor.neuron.last!)
    }

    /// T with the zero padding row: [ntypes + 1, tebd].
    func typeTable() -> Tensor {
        let n = typeCount
        let identity = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 })
        let t = nets[2](identity)
        return Tensor.concat([t, Tensor.zeros([1, t.shape[1]])], axis: 0)
    }

    public func callAsFunction(env: Tensor, switchWeight: Tensor, batch: EnvironmentBatch) -> Tensor {
        let a = env.shape[0], nnei = env.shape[1], padded = typeCount + 1
        let gs = nets[0](Self.radialRows(env))  // [A·nnei, M1]
        let table = typeTable()
        let pairInput: Tensor  // row ti·(ntypes+1) + tj (two-side) or tj (one-side)
        if typeOneSide {
            pairInput = table
        } else {
            let pairs = 0..<(padded * padded)
            pairInput = Tensor.concat([table.gather(rows: pairs.map { $0 % padded }), table.gather(rows: pairs.map { $0 / padded })], axis: 1)
        }
        let pairTable = nets[1](pairInput)
        let rows = batch.neighbourTypes.indices.map { s -> Int in
            let tj = batch.neighbourTypes[s] < 0 ? typeCount : batch.neighbourTypes[s]
            return typeOneSide ? tj : batch.centreTypes[s / nnei] * padded + tj
        }
        let gt = pairTable.gather(rows: rows) * switchWeight.reshaped([a * nnei, 1])
        return (gs * gt + gs).reshaped([a, nnei, width])
    }

    public func centreFeatures(_ batch: EnvironmentBatch) -> Tensor? { typeTable().gather(rows: batch.centreTypes) }

    public func flopsPerCentre(sel: [Int]) -> Double {
        Double(sel.reduce(0, +)) * (FlopCount.net(nets[0].stored) + Double(3 * width))
    }
}

import SymAtoms
import SymTensor

/// `pma`: Set Transformer pooling by multihead attention with k learned seeds, producing invariant
/// weights for covariant rows (Lee et al. 2019 PMA; spec §11.1, placement §11.2 item 2). With
/// Z = rFF(G) = tanh(G W_1 + b_1) [nnei, d], seeds S [k, d], heads H (d_h = d/H):
///
///     α^h_kj = w_j e^{ℓ^h_kj} / (1 + Σ_j′ w_j′ e^{ℓ^h_kj′}),   ℓ^h_kj = (S W_Q)^h_k · (Z W_K)^h_j / √d_h
///     P_k = concat_h Σ_j α^h_kj (Z W_V)^h_j ⊗ R̃_j       [d, 4]     (weights invariant, rows covariant)
///     T_k = W_Oᵀ P_k                                     [M1, 4];   T = [T_1; …; T_k]  [k·M1, 4]
///
/// The learned maps act on the feature axis only and identically on the four columns of R̃, so T
/// is equivariant and D = R_s(T) invariant. Every weight carries the neighbour's switch weight w
/// (zero for empty slots, C² at r_c); the null "sink" key keeps the weights defined when no
/// neighbour is left. Unlike `attention-pooling` the keys and values pass through rFF and
/// per-head projections, as in the paper's PMA.
///
/// Shapes: G [A, nnei, M1] → T [A, k·M1, 4]. Cost per centre O(k·nnei·d): rFF and key/value
/// projections 6·nnei·M1·d (nnei·(2·M1·d + 2·2·d²)), logits 2·k·nnei·d, pooling 2·k·nnei·d·4,
/// output map 2·k·d·M1·4.
/// Deviations from the paper: the pooled values are covariant, so the MAB's residual, LayerNorm
/// and output rFF (nonlinear across the columns of R̃) are left out; the sink key and w weights.
/// Reference: J. Lee et al., "Set Transformer", ICML 2019, arXiv:1810.00825 (PMA, eq. 11).
public struct PoolingByAttention: PermutationEncoder {
    public static let key = "pma"
    public static let summary = "Set Transformer PMA: k seeds pool the covariant rows G_j x R~_j with multihead invariant weights"

    /// Seeds, width and heads.
    public struct Options: StageOptions {
        public var seeds = 1
        public var width = 32
        public var heads = 4
        public init() {}
        init(seeds: Int, width: Int, heads: Int) {
            (self.seeds, self.width, self.heads) = (seeds, width, heads)
        }
        public static let fields: [OptionField<Options>] = [
            .integer("seeds", \.seeds, 1...64, "seed vectors k (pooled rows k*M1)"),
            .integer("width", \.width, 1...4096, "rFF, key and value width d"),
            .integer("heads", \.heads, 1...64, "attention heads; must divide width"),
        ]
        public static let presets: [String: Options] = ["small": Options(seeds: 1, width: 16, heads: 2),
                                                        "multi": Options(seeds: 4, width: 32, heads: 4)]
        public func problems() -> [(option: String, message: String)] { Attention.headProblems(width: width, heads: heads) }
    }

    let feature: Dense, query: Dense, key: Dense, value: Dense, output: Dense
    let seeds: Tensor
    let options: Options

    public init(_ settings: StageSettings) throws {
        options = Self.options(settings)
        let rng = settings.randomSource(for: Self.key), m = settings.embeddingWidth, d = options.width
        (feature, query, key, value) = (Dense(m, d, rng: rng), Dense(d, d, rng: rng), Dense(d, d, rng: rng), Dense(d, d, rng: rng))
        output = Dense(d, m, bias: false, rng: rng)  // no bias: it would add an invariant to covariant rows
        seeds = .variable(shape: [options.seeds, d], scalars: (0..<(options.seeds * d)).map { _ in rng.gaussian() })
    }

    public var parameters: [Tensor] { [seeds] + [feature, query, key, value, output].flatMap(\.parameters) }

    /// Values kept per slot for training ≈ (4·d + 6·H·k + k·d)/4. Calibrated with `MemoryEstimate` on peak RSS (release, 3 training steps on silicon-sw: 64 atoms, nnei 40): 203 MB.
    public static func activationsPerSlot(_ s: StageSettings) -> Double {
        let o = options(s)
        return Double(4 * o.width + 6 * o.heads * o.seeds + o.seeds * o.width) / 4
    }

    public func output(for settings: StageSettings) -> FieldSpec {
        FieldSpec("pooled", [Self.options(settings).seeds * settings.embeddingWidth, 4], .covariantRows)
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let o = options(s), n = s.nnei, m = s.embeddingWidth, d = o.width, k = o.seeds
        let keysValues = Dense.flops(rows: n, m, d) + Double(n * d) + 2 * Dense.flops(rows: n, d, d)
        let weights = FlopCount.matmul(k, d, n) + Double(o.heads * k * n) + Attention.sinkWeightFlops(o.heads * k * n)
        let pooling = Double(n * k * d) + FlopCount.matmul(k * d, n, 4) + FlopCount.matmul(k * 4, d, m)
        return keysValues + Dense.flops(rows: k, d, d) + weights + pooling
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0], n = set.env.shape[1], m = set.embedding.shape[2], d = options.width, h = options.heads
        let k = options.seeds, dh = d / h
        let z = feature(set.embedding.reshaped([a * n, m])).tanh()
        let keys = Attention.splitHeads(key(z).reshaped([a, n, d]), heads: h)  // [A·H, n, dh]
        let q = Attention.splitHeads(query(seeds).reshaped([1, k, d]).broadcast(to: [a, k, d]), heads: h)
        let alpha = Attention.sinkWeights(Attention.logits(q, keys).reshaped([a, h, k, n]),
                                          keyWeights: set.switchWeight.reshaped([a, 1, 1, n]))  // [A, H, k, n]
        let v = value(z).reshaped([a, n, 1, h, dh])
        let weighted = (alpha.permuted([0, 3, 2, 1]).reshaped([a, n, k, h, 1]) * v).reshaped([a, n, k * d])  // α ⊙ V
        let pooled = Tensor.batchedMatmul(weighted, set.env, transposeA: true)  // [A, k·d, 4]
        let rows = pooled.reshaped([a * k, d, 4]).permuted([0, 2, 1]).reshaped([a * k * 4, d])
        return output(rows).reshaped([a * k, 4, m]).permuted([0, 2, 1]).reshaped([a, k * m, 4])
    }
}

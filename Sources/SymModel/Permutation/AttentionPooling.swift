import SymAtoms
import SymTensor

/// `attention-pooling`: K learned seeds attend over the neighbours with invariant logits and
/// weight the covariant rows G_j ⊗ R̃_j (spec §11.2 item 2), plus the DeepSets sum as a channel:
///
///     ℓ_kj = q_k · G_j / √M1                               q_k ∈ ℝ^{M1} learned (k = 1..K)
///     α_kj = w_j e^{ℓ_kj} / (1 + Σ_j′ w_j′ e^{ℓ_kj′})       switch-weighted softmax with a sink key
///     T_k = Σ_j α_kj G_j ⊗ R̃_j                              [M1, 4]
///     T = [T_sum; T_1; …; T_K],   T_sum = (1/nnei) Gᵀ R̃     [(K + 1)·M1, 4]   (or [K·M1, 4])
///
/// A softmax is an average: it forgets how many neighbours there are. The sum channel (on by
/// default, listed first so the Gram axis rows of R_s come from it) and the sink key (the weights
/// add up to Σ w e^ℓ / (1 + Σ w e^ℓ) < 1, which grows with the neighbour count) keep that density
/// information. The weights are invariant scalars on covariant rows, so T is equivariant; each
/// carries w, so E is C² at r_c and empty slots have no influence.
///
/// Shapes: G [A, nnei, M1] → T [A, rows, 4]. Cost per centre O(K·nnei·M1): logits 2·K·nnei·M1,
/// weights ≈ 6·K·nnei, weighted rows K·nnei·M1, contraction 2·K·M1·nnei·4, plus `deepsets-sum`.
/// Reference: the pooling-by-attention idea of Lee et al., "Set Transformer", ICML 2019 (PMA with a
/// single head and no projections); Ilse et al., "Attention-based deep multiple instance
/// learning", ICML 2018.
public struct AttentionPooling: PermutationEncoder {
    public static let key = "attention-pooling"
    public static let summary = "K learned seeds pool G_j x R~_j with switch-weighted softmax weights, plus the deepsets-sum channel"

    /// Seed count and the sum channel.
    public struct Options: StageOptions {
        public var seeds = 2
        public var sumChannel = true
        public init() {}
        init(seeds: Int) { self.seeds = seeds }
        public static let fields: [OptionField<Options>] = [
            .integer("seeds", \.seeds, 1...64, "learned seed queries K (pooled rows (K+1)*M1 with the sum channel)"),
            .boolean("sum_channel", \.sumChannel, "keep the deepsets-sum T as the first channel (density information)"),
        ]
        public static let presets: [String: Options] = ["small": Options(seeds: 1)]
    }

    let queries: Tensor
    let options: Options

    public init(_ settings: StageSettings) throws {
        options = Self.options(settings)
        let rng = settings.randomSource(for: Self.key), m = settings.embeddingWidth
        queries = .variable(shape: [options.seeds, m], scalars: (0..<(options.seeds * m)).map { _ in rng.gaussian() })
    }

    public var parameters: [Tensor] { [queries] }

    /// Values kept per slot for training ≈ (K + 1)·M1 (the weighted rows). Calibrated with `MemoryEstimate` on peak RSS (release, 3 training steps on silicon-sw: 64 atoms, nnei 40):
    /// 412 MB.
    public static func activationsPerSlot(_ s: StageSettings) -> Double { Double((options(s).seeds + 1) * s.embeddingWidth) }

    static func rows(_ o: Options, _ s: StageSettings) -> Int { (o.seeds + (o.sumChannel ? 1 : 0)) * s.embeddingWidth }

    public func output(for settings: StageSettings) -> FieldSpec {
        FieldSpec("pooled", [Self.rows(Self.options(settings), settings), 4], .covariantRows)
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let o = options(s), n = s.nnei, m = s.embeddingWidth, k = o.seeds
        let attention = FlopCount.matmul(k, m, n) + Double(k * n) + Attention.sinkWeightFlops(k * n)
        let pooling = Double(k * n * m) + FlopCount.matmul(k * m, n, 4)
        return attention + pooling + (o.sumChannel ? DeepSetsSum.poolFlops(nnei: n, width: m) : 0)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0], n = set.env.shape[1], m = set.embedding.shape[2], k = options.seeds
        let logits = Tensor.batchedMatmul(queries.reshaped([1, k, m]).broadcast(to: [a, k, m]), set.embedding, transposeB: true)
            .scaled(by: 1 / Double(m).squareRoot())  // [A, K, nnei]
        let alpha = Attention.sinkWeights(logits, keyWeights: set.switchWeight.reshaped([a, 1, n]))
        let weighted = (alpha.permuted([0, 2, 1]).reshaped([a, n, k, 1]) * set.embedding.reshaped([a, n, 1, m])).reshaped([a, n, k * m])
        let pooled = Tensor.batchedMatmul(weighted, set.env, transposeA: true)  // [A, K·M1, 4]
        return options.sumChannel ? Tensor.concat([DeepSetsSum.pool(set.embedding, set.env), pooled], axis: 1) : pooled
    }
}

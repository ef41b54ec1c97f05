import SymTensor

/// `mean`: a mask-aware, switch-weighted mean over the real neighbours instead of DeepSets' sum:
///
///     T = Σ_j w_j G_j ⊗ R̃_j / (ε + Σ_j w_j)          G [nnei, M1], R̃ [nnei, 4] → T [M1, 4]
///
/// Empty slots (w = 0) drop out, unlike `deepsets-sum`, whose 1/nnei sum keeps them with the row
/// (−μ_s/σ_s, 0, 0, 0) and grows with the neighbour count. The mean forgets how many neighbours
/// there are: comparing it with `deepsets-sum` measures what that density information is worth.
/// ε (option `epsilon`, default 1 "neighbour") keeps T smooth when the last neighbour leaves the
/// cutoff: without it T would jump from G_j ⊗ R̃_j to 0 (a plain w-weighted mean is C² everywhere
/// else). Invariant weights on covariant rows: T is equivariant.
///
/// Shapes: G [A, nnei, M1] → T [A, M1, 4]. Cost per centre O(nnei·M1): weighting nnei·M1,
/// contraction 2·nnei·M1·4, normalisation nnei + M1·4 + 1.
/// Reference: Zaheer et al., "Deep Sets", NeurIPS 2017 (mean pooling as the permutation-invariant
/// aggregator); the weighting by w follows DeePMD's smoothness rule (spec §11.2).
public struct MeanPooling: PermutationEncoder {
    public static let key = "mean"
    public static let summary = "switch-weighted mean over real neighbours, T = sum w G x R~ / (eps + sum w): no density information"

    /// The smoothing constant.
    public struct Options: StageOptions {
        public var epsilon = 1.0
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .number("epsilon", \.epsilon, 1e-3...1e3, "added to sum w (in neighbours): keeps T smooth when the last neighbour leaves"),
        ]
    }

    let epsilon: Double

    public init(_ settings: StageSettings) throws { epsilon = Self.options(settings).epsilon }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let n = s.nnei, m = s.embeddingWidth
        return Double(n * m) + FlopCount.matmul(m, n, 4) + Double(n + m * 4 + 1)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0], n = set.env.shape[1]
        let w = set.switchWeight.reshaped([a, n, 1])
        let total = Tensor.batchedMatmul(set.embedding * w, set.env, transposeA: true)  // Σ w G ⊗ R̃ [A, M1, 4]
        return total / (w.sum(axis: 1, keepDims: true) + epsilon)
    }
}

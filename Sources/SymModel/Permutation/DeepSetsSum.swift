import SymTensor

/// `deepsets-sum`: DeepPot-SE's permutation operator (spec §5.1), a DeepSets sum over all slots:
///
///     T = (1/nnei) Gᵀ R̃          G [nnei, M1], R̃ [nnei, 4] → T [M1, 4]
///
/// The 1/nnei uses the fixed slot count Σ sel, and padded slots (R̃ row (−μ_s/σ_s, 0, 0, 0))
/// are summed like DeePMD does; this keeps T continuous when a neighbour crosses r_c.
/// Cost O(nnei · M1 · 4) per centre.
public struct DeepSetsSum: PermutationEncoder {
    public static let key = "deepsets-sum"
    public static let summary = "DeepPot-SE baseline: T = (1/nnei) GᵀR̃, a DeepSets sum over neighbours"
    public init(_ settings: StageSettings) throws {}

    /// GᵀR̃: nnei·M1·4 multiply-adds, then the 1/nnei scaling of M1·4 entries.
    public static func flopsPerCentre(_ s: StageSettings) -> Double { poolFlops(nnei: s.nnei, width: s.embeddingWidth) }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor { Self.pool(set.embedding, set.env) }

    /// T = (1/nnei) Gᵀ R̃ for any invariant features `g` [A, nnei, M] and rows `env` [A, nnei, 4]
    /// → [A, M, 4]; the encoders that refine G (gated-attention, sab, isab) pool with it.
    static func pool(_ g: Tensor, _ env: Tensor) -> Tensor {
        Tensor.batchedMatmul(g, env, transposeA: true).scaled(by: 1 / Double(env.shape[1]))
    }

    /// FLOPs of `pool` per centre.
    static func poolFlops(nnei: Int, width: Int) -> Double { FlopCount.matmul(width, nnei, 4) + Double(width * 4) }
}

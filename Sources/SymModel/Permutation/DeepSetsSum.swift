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
    let scale: Double

    public init(_ settings: StageSettings) throws { scale = 1 / Double(settings.nnei) }

    /// GᵀR̃: nnei·M1·4 multiply-adds, then the 1/nnei scaling of M1·4 entries.
    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        FlopCount.matmul(s.embeddingWidth, s.nnei, 4) + Double(s.embeddingWidth * 4)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        Tensor.batchedMatmul(set.embedding, set.env, transposeA: true).scaled(by: scale)
    }
}

import SymTensor

/// `radial-only`: DeePMD-kit's se_e2_r descriptor (spec §10.1), distances only:
///
///     D_i = (1/nnei) Σ_j G_j,     G_j = L(s̃_ij, types) [M1]   (padded slots give G(−μ_s/σ_s))
///
/// Shapes: G [A, nnei, M1] → D [A, M1]. It reads the embedding G of the neighbour set directly;
/// the pooled T of P_s is not used (it is still computed, and counted in the model's FLOPs), so
/// no angle enters D whatever P_s does. Invariant under rotations because G is. It cannot tell
/// apart environments with the same neighbour distances and types (`symlab check --expressivity`).
/// Cost per centre: nnei·M1 additions + M1 scalings.
///
/// Reference: DeePMD-kit `se_e2_r`; Zhang et al., NeurIPS 2018 (the radial baseline).
/// Deviations: G comes from the model's embedding stage, whose input is R̃'s radial column
/// normalised with the se_e2_a statistics (μ_s, σ_s), the same column se_e2_r normalises.
public struct RadialOnly: RotationOperator {
    public static let key = "radial-only"
    public static let summary = "se_e2_r: D = (1/nnei) Σ_j G_j, distances only (no angles), O(N·M1)"
    let scale: Double

    public init(_ settings: StageSettings) throws { scale = 1 / Double(settings.nnei) }

    /// Σ_j G_j: nnei·M1 additions, then M1 scalings.
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        Double(s.nnei * s.embeddingWidth + s.embeddingWidth)
    }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [settings.embeddingWidth], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        set.embedding.sum(axis: 1).scaled(by: scale)  // [A, nnei, M1] → [A, M1]
    }
}

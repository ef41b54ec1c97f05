import SymTensor

/// `gram-factored`: DeepPot-SE's rotation operator (spec §5.1), the Gram product in factored form:
///
///     D = T T<ᵀ,   T [M1, 4],  T< = T[0..<M2, :]  →  D [M1, M2], flattened row-major (a·M2 + b)
///
/// Rotation invariant because T's vector columns rotate together and the 4-column contraction
/// cancels the rotation. Equals (1/nnei²) Gᵀ R̃ R̃ᵀ G< without forming R̃R̃ᵀ. Cost O(M1 · M2 · 4).
public struct GramFactored: RotationOperator {
    public static let key = "gram-factored"
    public static let summary = "DeepPot-SE baseline: D = T T<ᵀ (Gram product in factored form, O(N))"
    let axisNeurons: Int

    public init(_ settings: StageSettings) throws { axisNeurons = settings.axisNeurons }

    /// T T<ᵀ: rows·M2·4 multiply-adds, independent of nnei.
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        FlopCount.matmul(pooledRows, 4, s.axisNeurons)
    }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [pooledRows * axisNeurons], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor { Self.gram(pooled, axis: axisNeurons) }

    /// The factored Gram product of covariant rows: `pooled` [A, rows, 4] → D [A, rows·axis] with
    /// D[a·axis + b] = Σ_k T[a, k] T[b, k], b < axis (the contraction every Gram-type operator ends with).
    public static func gram(_ pooled: Tensor, axis: Int) -> Tensor {
        let a = pooled.shape[0], rows = pooled.shape[1]
        let columns = pooled.slice(axis: 1, 0..<axis)  // [A, axis, 4]
        return Tensor.batchedMatmul(pooled, columns, transposeB: true).reshaped([a, rows * axis])
    }
}

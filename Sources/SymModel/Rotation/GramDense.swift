import SymTensor

/// `gram-dense`: the same descriptor as `gram-factored`, through the explicit nnei × nnei Gram
/// matrix of the environment rows (spec §12, "explicit Gram"):
///
///     D = (1/nnei²) Gᵀ (R̃ R̃ᵀ) G<
///
/// Mathematically identical to the factored form; it exists to measure what the "full rotation
/// matrix" costs. It ignores the pooled T and reads G and R̃ directly. Cost O(nnei² · M1) time and
/// O(nnei²) memory per centre.
public struct GramDense: RotationOperator {
    public static let key = "gram-dense"
    public static let summary = "explicit nnei x nnei Gram matrix R~R~^T, O(N^2): same D as gram-factored, to measure the cost"
    public static let costClass = CostClass.quadratic
    let axisNeurons: Int, nnei: Int

    public init(_ settings: StageSettings) throws {
        axisNeurons = settings.axisNeurons
        nnei = settings.nnei
    }

    /// R̃R̃ᵀ (nnei²·4), Gᵀ(R̃R̃ᵀ) (M1·nnei²), (…)G< (M1·nnei·M2) multiply-adds and the scaling.
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        let n = s.nnei, m1 = s.embeddingWidth, m2 = s.axisNeurons
        return FlopCount.matmul(n, 4, n) + FlopCount.matmul(m1, n, n) + FlopCount.matmul(m1, n, m2) + Double(m1 * m2)
    }

    /// A Gram row (nnei) and a column of Gᵀ(R̃R̃ᵀ) (M1) per slot.
    public static func activationsPerSlot(_ s: StageSettings) -> Double { Double(s.nnei + s.embeddingWidth) }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [settings.embeddingWidth * axisNeurons], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let g = set.embedding  // [A, nnei, M1]
        let a = g.shape[0], m1 = g.shape[2]
        let gram = Tensor.batchedMatmul(set.env, set.env, transposeB: true)  // [A, nnei, nnei]
        let left = Tensor.batchedMatmul(g, gram, transposeA: true)  // [A, M1, nnei]
        let axis = g.slice(axis: 2, 0..<axisNeurons)  // [A, nnei, M2]
        return Tensor.batchedMatmul(left, axis).scaled(by: 1 / Double(nnei * nnei)).reshaped([a, m1 * axisNeurons])
    }
}

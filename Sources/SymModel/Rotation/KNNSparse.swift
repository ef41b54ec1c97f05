import SymTensor

/// `knn-sparse`: angular (Gram) information only among each centre's k nearest neighbours,
/// radial information from all of them:
///
///     α_j  = smooth k-nearest weights (`SoftNearest`: c_j σ((t − r_j)/τ), Σ_j α_j ≈ k)
///     T_k  = (1/k) Σ_j α_j G_j ⊗ R̃_j                   [M1, 4]   the k nearest only
///     D    = [ flatten(T_k T_k<ᵀ)  (M1·M2),   T[:, 0]  (rows) ]
///
/// T is P_s's pooled matrix: its invariant column T[:, 0] carries the radial information of every
/// neighbour. T_k weights the products G_j ⊗ R̃_j by α_j, so only the ~k nearest neighbours (those
/// inside the soft threshold t, plus an exponential tail of width τ) enter the angular Gram
/// product. Shapes: G [A, nnei, M1], R̃ [A, nnei, 4], α [A, nnei], T [A, rows, 4] → D [A, M1·M2 + rows].
///
/// Smooth: a neighbour entering or leaving the k nearest, or crossing r_c, changes α (and E, F)
/// continuously; the conformance kit's `swap` and `cutoff` checks measure it. The explicit Gram
/// matrix over the k nearest would cost O(k²·M1); the factored form used here costs
/// O(nnei·M1·4 + M1·M2·4), linear in nnei at fixed k.
/// Cost per centre (FLOPs): distances 6·nnei, the threshold ~10 Newton iterations × 7·nnei, the
/// tensor pass 20·nnei, α ⊙ G nnei·M1, T_k 2·nnei·M1·4 + 4·M1, Gram 2·M1·4·M2.
///
/// Reference: the k-nearest restriction of the angular channel is SymLab's (issue 12); the Gram
/// product is DeepPot-SE's (spec §5.1). Deviations: the selection is soft (σ tail of width τ)
/// and the count target saturates smoothly at k (see `SoftNearest`).
public struct KNNSparse: RotationOperator {
    public static let key = "knn-sparse"
    public static let summary = "Gram product over the ~k nearest neighbours (smooth soft selection) + radial column of all, O(N)"

    /// Selection size and softness.
    public struct Options: StageOptions {
        /// k, the number of neighbours whose angles enter D.
        public var k = 8
        /// τ (Å), the width of the soft threshold.
        public var width = 0.1
        public init() {}
        init(k: Int, width: Double) { (self.k, self.width) = (k, width) }
        public static let fields: [OptionField<Options>] = [
            .integer("k", \.k, 1...4096, "neighbours whose angles enter D (soft count)"),
            .number("width", \.width, 0.001...5, "softness τ of the distance threshold (Å)"),
        ]
        public static let presets: [String: Options] = ["tight": Options(k: 4, width: 0.05), "broad": Options(k: 16, width: 0.3)]
    }

    let k: Int, width: Double, axisNeurons: Int

    public init(_ settings: StageSettings) throws {
        let o = Self.options(settings)
        (k, width, axisNeurons) = (o.k, o.width, settings.axisNeurons)
    }

    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        let n = Double(s.nnei), m1 = s.embeddingWidth
        return n * (6 + 10 * 7 + 20 + Double(m1)) + FlopCount.matmul(m1, s.nnei, 4) + Double(4 * m1)
            + FlopCount.matmul(m1, 4, s.axisNeurons)
    }

    /// G ⊙ α (M1) and the selection's distances, sigmoids and weights (~20) per slot.
    public static func activationsPerSlot(_ s: StageSettings) -> Double { Double(s.embeddingWidth + 20) }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [settings.embeddingWidth * axisNeurons + pooledRows], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let g = set.embedding, a = g.shape[0], n = g.shape[1], rows = pooled.shape[1]
        let alpha = SoftNearest.weights(distances: set.distances, switchWeights: set.switchWeight, k: Double(k), width: width)
        let nearest = Tensor.batchedMatmul(g * alpha.reshaped([a, n, 1]), set.env, transposeA: true).scaled(by: 1 / Double(k))
        let radial = pooled.slice(axis: 2, 0..<1).reshaped([a, rows])
        return Tensor.concat([GramFactored.gram(nearest, axis: axisNeurons), radial], axis: 1)
    }
}

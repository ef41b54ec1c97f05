import SymTensor

/// `truncated-axis`: the factored Gram contraction of `gram-factored` with its own, small axis
/// width M2 = `axis` (spec §12, "truncated axis"), independent of `model.descriptor.axis_neuron`:
///
///     D = T T<ᵀ,   T [rows, 4] from P_s,   T< = T[0..<axis, :]   →   D [rows, axis], row-major
///
/// Shapes: pooled T [A, rows, 4] → D [A, rows·axis]. `axis` = rows (= M1 for deepsets-sum) gives
/// the full symmetric Gram matrix of T's rows; `axis` = 1 keeps only the products with T's first
/// row. Rotation invariant for every `axis` (each entry contracts the 4 columns of two rows).
/// Cost per centre: 2·rows·4·axis FLOPs, independent of nnei.
///
/// Reference: Zhang et al., "End-to-end symmetry preserving inter-atomic potential energy model",
/// NeurIPS 2018 (the M2 < M1 axis filter of the DeepPot-SE descriptor), spec §5.1 and §12.
/// Deviations: none; this is `gram-factored` with M2 taken from the stage's option.
public struct TruncatedAxis: RotationOperator {
    public static let key = "truncated-axis"
    public static let summary = "Gram contraction D = T T<ᵀ with its own small axis width M2 (option axis), O(rows·M2)"

    /// The axis width.
    public struct Options: StageOptions {
        /// M2, the number of T rows every row is contracted with.
        public var axis = 4
        public init() {}
        init(axis: Int) { self.axis = axis }
        public static let fields: [OptionField<Options>] = [
            .integer("axis", \.axis, 1...4096, "axis columns M2 of D = T T<ᵀ (at most the embedding width M1)"),
        ]
        public static let presets: [String: Options] = ["single": Options(axis: 1), "pair": Options(axis: 2)]
    }

    let axis: Int

    public init(_ settings: StageSettings) throws { axis = Self.options(settings).axis }

    /// The axis must not exceed the embedding width M1 (T has at least M1 rows).
    public static func problems(_ settings: StageSettings) -> [(option: String, message: String)] {
        let axis = options(settings).axis
        return axis <= settings.embeddingWidth ? []
            : [("axis", "must be at most the embedding width M1 = \(settings.embeddingWidth) (model.descriptor.neuron), got \(axis)")]
    }

    /// T T<ᵀ: rows·axis·4 multiply-adds.
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        FlopCount.matmul(pooledRows, 4, options(s).axis)
    }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [pooledRows * axis], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor { GramFactored.gram(pooled, axis: axis) }
}

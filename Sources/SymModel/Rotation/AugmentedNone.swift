import SymAtoms
import SymTensor

/// `augmented-none`: no rotation invariance built in (spec §12, "augmentation"). A learned 4×4
/// map W mixes the columns of the pooled rows — the radial column and x, y, z — before the Gram
/// contraction:
///
///     T' = T W,   D = T' T'<ᵀ = T (W Wᵀ) T<ᵀ,   W [4, 4] trainable, W₀ = I + σ·N(0, 1)
///
/// Shapes: T [A, rows, 4] → D [A, rows·M2] (M2 = axis_neuron). D is rotation invariant only when
/// W Wᵀ = diag(a, b, b, b); any other W weights directions unequally (and the radial–vector
/// entries of W Wᵀ make D odd in the vector columns), so invariance can only be learned, e.g.
/// from `training.augment_rotations: true`. The trainer records this model's rotation error
/// before and after training (result.json). Translation, permutation, smoothness are exact.
/// Cost per centre: 2·rows·4·4 (T W) + 2·rows·4·M2 (Gram).
///
/// Reference: spec §12.2 (random-rotation data augmentation of a non-invariant model).
/// Deviations: the non-invariant map acts on the pooled T (after P_s), which for the linear
/// deepsets-sum equals mapping every environment row R̃_j before pooling.
public struct AugmentedNone: RotationOperator {
    public static let key = "augmented-none"
    public static let summary = "no built-in rotation invariance: learned 4x4 map mixes radial, x, y, z before the Gram product"
    public static let approximateProperties: [ConformanceProperty: String] = [
        .rotation: "no built-in invariance; a learned map mixes x, y, z (learn it with training.augment_rotations)",
    ]

    /// Initialisation of the map.
    public struct Options: StageOptions {
        /// Standard deviation σ of the Gaussian added to the identity at initialisation.
        public var noise = 0.3
        public init() {}
        init(noise: Double) { self.noise = noise }
        public static let fields: [OptionField<Options>] = [
            .number("noise", \.noise, 0...10, "W₀ = I + noise·N(0,1): 0 starts exactly invariant"),
        ]
        public static let presets: [String: Options] = ["invariant-start": Options(noise: 0)]
    }

    let map: Tensor
    let axisNeurons: Int

    public init(_ settings: StageSettings) throws {
        let rng = settings.randomSource(for: Self.key), sigma = Self.options(settings).noise
        map = .variable(shape: [4, 4], scalars: (0..<16).map { ($0 % 5 == 0 ? 1 : 0) + rng.gaussian(sigma: sigma) })
        axisNeurons = settings.axisNeurons
    }

    public var parameters: [Tensor] { [map] }

    /// T W (rows·4·4 multiply-adds) and the Gram product (rows·4·M2).
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        FlopCount.matmul(pooledRows, 4, 4) + FlopCount.matmul(pooledRows, 4, s.axisNeurons)
    }

    /// Declared invariant for the U_p contract; the broken rotation invariance is declared in
    /// `approximateProperties`, and the conformance kit measures it.
    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [pooledRows * axisNeurons], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let a = pooled.shape[0], rows = pooled.shape[1]
        let mixed = Tensor.matmul(pooled.reshaped([a * rows, 4]), map).reshaped([a, rows, 4])  // T W
        return GramFactored.gram(mixed, axis: axisNeurons)
    }
}

import SymModel
import SymTensor

/// Deliberately broken P_s variants: the conformance kit must catch them.

/// Pools the rotation-covariant products G_j ⊗ R̃_j with a smooth maximum (log-sum-exp, β = 5):
/// a nonlinearity across the x, y, z columns, so rotation equivariance is lost.
struct SoftMaxPooling: PermutationEncoder {
    static let key = "broken-softmax-pool"
    static let summary = "BROKEN: max-like pooling of covariant channels"
    init(_ settings: StageSettings) throws {}
    func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0], n = set.env.shape[1], m = set.embedding.shape[2]
        let products = set.embedding.reshaped([a, n, m, 1]) * set.env.reshaped([a, n, 1, 4])
        return products.scaled(by: 5).exp().sum(axis: 1).log().scaled(by: 0.2)
    }
}

/// Adds the centre's absolute coordinates to its features: breaks translation (and rotation).
struct AbsolutePositionLeak: PermutationEncoder {
    static let key = "broken-absolute-position"
    static let summary = "BROKEN: reads absolute coordinates"
    let scale: Double
    init(_ settings: StageSettings) throws { scale = 1 / Double(settings.nnei) }
    func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0]
        let leak = set.batch.centrePositions.sum(axis: 1).scaled(by: 0.1).tanh().reshaped([a, 1, 1])
        return Tensor.batchedMatmul(set.embedding + leak, set.env, transposeA: true).scaled(by: scale)
    }
}

/// Declares a pooled field that R_s cannot consume (3 columns instead of 4).
struct WrongContract: PermutationEncoder {
    static let key = "broken-contract"
    static let summary = "BROKEN: declares pooled [M1, 3]"
    init(_ settings: StageSettings) throws {}
    func output(for settings: StageSettings) -> FieldSpec { FieldSpec("pooled", [settings.embeddingWidth, 3], .covariantRows) }
    func callAsFunction(_ set: NeighbourSet) -> Tensor { set.env }
}

/// Honest rotation behaviour but declared approximate: the kit must record, not assert.
struct DeclaredApproximate: PermutationEncoder {
    static let key = "approx-declared"
    static let summary = "softmax pooling declared rotation-approximate"
    static let approximateProperties: [ConformanceProperty: String] = [.rotation: "augmentation-only"]
    let inner: SoftMaxPooling
    init(_ settings: StageSettings) throws { inner = try SoftMaxPooling(settings) }
    func callAsFunction(_ set: NeighbourSet) -> Tensor { inner(set) }
}

/// The broken variants' cost is irrelevant to the tests that use them.
extension PermutationEncoder {
    static func flopsPerCentre(_ s: StageSettings) -> Double { 0 }
}

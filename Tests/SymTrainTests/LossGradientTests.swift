import SymAtoms
import SymLabTestKit
import SymModel
import SymTensor
import Testing
@testable import SymTrain

/// Spec §14.9: parameter gradients of the full loss (energy + force + virial terms, so mixed
/// second derivatives ∂²E/∂θ∂r) against central differences in θ, for a random subset of parameters.
@Suite("Loss gradients through the whole model")
struct LossGradientTests {
    /// The baseline both ways, the attention encoders' small presets and the DPA-1 layout.
    static let configs: [String: ModelConfig] = [
        "one-side": TestStructures.smallConfig(typeOneSide: true, seed: 11),
        "two-side": TestStructures.smallConfig(typeOneSide: false, seed: 11),
        "gated-attention": TestStructures.smallConfig(permutation: GatedAttention.key, permutationOptions: ["preset": .string("small")], seed: 11),
        "sab": TestStructures.smallConfig(permutation: SetAttentionBlock.key, permutationOptions: ["preset": .string("small")], seed: 11),
        "pma": TestStructures.smallConfig(permutation: PoolingByAttention.key, permutationOptions: ["preset": .string("small")], seed: 11),
        "dpa1": TestStructures.smallConfig(embedding: TypeEmbedding.key, permutation: GatedAttention.key,
                                           permutationOptions: ["preset": .string("small")], seed: 11),
    ]

    @Test(arguments: configs.keys.sorted())
    func lossGradientMatchesFiniteDifferences(_ name: String) throws {
        let model = try DeepPotModel(config: try #require(Self.configs[name]))
        let rng = RandomSource(seed: 21)
        var frame = TestStructures.periodicFrame(rng)
        frame.energy = -20
        frame.forces = (0..<frame.positions.count).map { _ in rng.gaussian(sigma: 0.5) }
        frame.virial = (0..<9).map { _ in rng.gaussian(sigma: 0.5) }
        var loss = EnergyLoss()
        loss.virial = Prefactor(start: 0.5, limit: 0.5)
        let batch = try model.batch(for: frame)
        func value() -> Tensor { loss.loss(model.predict(batch, createGraph: true), labels: [frame], lr: 5e-4, lr0: 1e-3) }
        let params = model.parameters
        let analytic = gradients(of: value(), withRespectTo: params)
        var worst = 0.0, scale = 0.0, checked = 0
        for (k, p) in params.enumerated() {
            for entry in [0, p.count / 2, p.count - 1] {
                let saved = p.scalars[entry], h = 1e-6
                p.scalars[entry] = saved + h
                let plus = value().scalar
                p.scalars[entry] = saved - h
                let minus = value().scalar
                p.scalars[entry] = saved
                let numeric = (plus - minus) / (2 * h)
                worst = max(worst, abs(numeric - analytic[k].scalars[entry]))
                scale = max(scale, abs(numeric))
                checked += 1
            }
        }
        #expect(checked >= 20)
        #expect(worst / max(scale, 1e-12) < 1e-6, "max |analytic − numeric| = \(worst), scale \(scale)")
    }
}

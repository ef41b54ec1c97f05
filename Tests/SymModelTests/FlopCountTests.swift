import SymLabTestKit
import Testing
@testable import SymModel

@Suite("FLOP counts")
struct FlopCountTests {
    /// The small kit config counted by hand (conventions in `FlopCount`): embedding 1→4 (tanh, no
    /// skip) = 2·4 + 2·4 = 16 and 4→8 (tanh, concat skip) = 2·32 + 3·8 = 88 per slot, 48 slots;
    /// environment 28·48; P_s 2·8·48·4 + 32; R_s 2·8·4·3; fitting 24→8 (400), 8→8 with timestep
    /// and identity skip (128 + 32), 8→1 linear (17).
    @Test func smallModelMatchesAHandCount() throws {
        let model = try DeepPotModel(config: TestStructures.smallConfig())
        let stages = Dictionary(uniqueKeysWithValues: model.flopsPerAtomByStage.map { ($0.stage, $0.flops) })
        #expect(stages["environment"] == 1344)
        #expect(stages["L embedding"] == 4992)  // 104 per slot · 48 slots
        #expect(stages["P_s deepsets-sum"] == 3104)
        #expect(stages["R_s gram-factored"] == 192)
        #expect(stages["U_p fitting"] == 577)
        #expect(model.flopsPerAtom == 1344 + 4992 + 3104 + 192 + 577)
    }

    /// The type-embedding stage: per slot the radial net 1→4→8 (104, as above) plus G_s ⊙ (G_t·w) + G_s
    /// (3·8); the mixed-type fitting net reads D ⊕ T (24 + 3): 27→8 (2·216 + 2·8), 8→8 (160), 8→1 (17).
    @Test func typeEmbeddingAndMixedFittingMatchAHandCount() throws {
        let model = try DeepPotModel(config: TestStructures.smallConfig(embedding: TypeEmbedding.key))
        let stages = Dictionary(uniqueKeysWithValues: model.flopsPerAtomByStage.map { ($0.stage, $0.flops) })
        #expect(stages["L embedding"] == 6144)  // 48 · (104 + 24)
        #expect(stages["U_p fitting"] == 625)  // 448 + 160 + 17
    }

    /// gram-dense grows like nnei², gram-factored does not grow with nnei, deepsets-sum linearly.
    @Test func costsScaleAsDeclared() {
        func settings(_ n: Int) -> StageSettings { StageSettings(nnei: n, embeddingWidth: 100, axisNeurons: 16, seed: 1) }
        let dense = (GramDense.flopsPerCentre(settings(800), pooledRows: 100), GramDense.flopsPerCentre(settings(1600), pooledRows: 100))
        #expect(abs(dense.1 / dense.0 - 4) < 0.05)
        #expect(GramFactored.flopsPerCentre(settings(100), pooledRows: 100) == GramFactored.flopsPerCentre(settings(1600), pooledRows: 100))
        let sum = (DeepSetsSum.flopsPerCentre(settings(100)), DeepSetsSum.flopsPerCentre(settings(200)))
        #expect(sum.1 - sum.0 == sum.0 - DeepSetsSum.flopsPerCentre(settings(0)))
        #expect(GramDense.costClass == .quadratic && GramFactored.costClass == .linear)
    }
}

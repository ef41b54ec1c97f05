import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

@Suite("Embedding stages (L)")
struct EmbeddingStageTests {
    /// G of the type-embedding stage against plain loops over slots (spec §9.2):
    /// G_ij = G_s(s̃) ⊙ G_t([T_tj, T_ti]) · w + G_s(s̃), T_t = row t of the type net on the identity.
    @Test(arguments: [false, true])
    func typeEmbeddingMatchesPlainLoops(typeOneSide: Bool) throws {
        var config = TestStructures.smallConfig(embedding: TypeEmbedding.key, typeOneSide: typeOneSide)
        config.typeMap = ["A", "B", "C"]
        let model = try DeepPotModel(config: config)
        let frame = TestStructures.cluster(RandomSource(seed: 3), atoms: 7)
        let typed = Frame(types: [0, 1, 2, 0, 2, 1, 0], positions: frame.positions)
        let batch = try model.batch(for: typed)
        let set = model.neighbourSet(batch)
        let nets = model.weights.embedding, m1 = 8, nnei = model.nnei
        let table = (0..<3).map { t in ReferenceSeA.apply(nets[2], to: (0..<3).map { $0 == t ? 1.0 : 0 }) }
        var worst = 0.0
        for slot in 0..<(batch.rows * nnei) {
            let ti = batch.centreTypes[slot / nnei], tj = batch.neighbourTypes[slot]
            let s = set.env.scalars[4 * slot], w = set.switchWeight.scalars[slot]
            let gs = ReferenceSeA.apply(nets[0], to: [s])
            let nei = tj < 0 ? [Double](repeating: 0, count: 3) : table[tj]
            let gt = ReferenceSeA.apply(nets[1], to: typeOneSide ? nei : nei + table[ti])
            for k in 0..<m1 { worst = max(worst, abs(set.embedding.scalars[slot * m1 + k] - (gs[k] * gt[k] * w + gs[k]))) }
            #expect(tj == (batch.valid[slot] ? typed.types[batch.neighbourRow[slot] % 7] : -1))
        }
        #expect(worst < 1e-14)
        let centre = try #require(model.embedding.centreFeatures(batch))
        #expect(centre.shape == [7, 3] && Array(centre.scalars[3..<6]) == table[1])
    }

    @Test func mixedBlockIsSortedByDistanceOverAllTypes() throws {
        let model = try DeepPotModel(config: TestStructures.smallConfig(embedding: TypeEmbedding.key))
        let batch = try model.batch(for: TestStructures.periodicFrame(RandomSource(seed: 5)))
        #expect(!batch.typeBlocks && batch.sel == [48])
        let distances = batch.rij.scalars.chunked(3).map { ($0[0] * $0[0] + $0[1] * $0[1] + $0[2] * $0[2]).squareRoot() }
        for centre in 0..<batch.rows {
            let slots = (centre * 48)..<((centre + 1) * 48)
            let real = slots.filter { batch.valid[$0] }.map { distances[$0] }
            #expect(real == real.sorted() && Set(slots.filter { batch.valid[$0] }.map { batch.neighbourTypes[$0] }).count == 2)
        }
    }

    @Test func configProblemsOfTheEmbeddingStage() {
        var config = TestStructures.smallConfig(embedding: TypeEmbedding.key)
        config.descriptor.sel = [24, 24]
        config.descriptor.embeddingOptions = ["tebd_dim": .int(0)]
        let text = config.problems().map(\.description)
        #expect(text.contains { $0.contains("[at `model.descriptor.sel`] the type-embedding stage uses one block of all types") })
        #expect(text.contains("[at `model.descriptor.embedding.tebd_dim`] must be in 1...256, got 0"))
        var perType = TestStructures.smallConfig()
        perType.fitting.mixedTypes = true
        perType.descriptor.embedding = "type-embeding"
        let other = perType.problems().map(\.description)
        #expect(other.contains { $0.contains("unknown embedding stage 'type-embeding'") && $0.contains("Did you mean 'type-embedding'?") })
        perType.descriptor.embedding = PerTypeEmbedding.key
        #expect(perType.problems().map(\.description) == [
            "[at `model.fitting.mixed_types`] needs an embedding stage that gives the centre's type feature (type-embedding); 'per-type' gives none"])
    }

    @Test func storedNetsOfTheWrongShapeAreAPipelineError() throws {
        let config = TestStructures.smallConfig(embedding: TypeEmbedding.key)
        var weights = try DeepPotModel(config: config).weights
        weights.embedding.removeLast()
        let error = try #require(throws: PipelineError.self) { _ = try DeepPotModel(config: config, weights: weights) }
        #expect(error.description.contains("L type-embedding") && error.description.contains("1 -> 8, 3 -> 8, 2 -> 3"))
    }

    @Test func typeEmbeddingWeightsSurviveSaveAndLoad() throws {
        let model = try DeepPotModel(config: TestStructures.smallConfig(embedding: TypeEmbedding.key))
        let path = ModelFileTests.temporaryPath("te.json")
        try ModelFile(model: model).write(to: path)
        let loaded = try ModelFile.read(from: path)
        #expect(loaded.weights == model.weights && loaded.config.fitting.mixedTypes)
        #expect(loaded.config.descriptor.embeddingOptions == ["tebd_dim": .int(3)])
        #expect(model.weights.embedding[2].layers[0].bias.isEmpty && model.parameterCount == model.parameters.map(\.count).reduce(0, +))
    }
}

extension Array {
    /// Consecutive slices of `size` elements.
    func chunked(_ size: Int) -> [[Element]] { stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) } }
}

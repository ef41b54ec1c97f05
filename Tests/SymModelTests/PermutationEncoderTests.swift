import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

/// What each encoder computes, beyond the symmetries the conformance kit checks.
@Suite("Permutation encoders")
struct PermutationEncoderTests {
    static func model(_ key: String, _ options: OptionValues = [:], sel: [Int] = [24, 24]) throws -> DeepPotModel {
        var config = TestStructures.smallConfig(permutation: key, permutationOptions: options)
        config.descriptor.sel = sel
        let draft = try DeepPotModel(config: config)
        return try DeepPotModel(config: config, weights: TestStructures.weights(for: draft))
    }

    static func set(_ model: DeepPotModel, seed: UInt64 = 4) throws -> NeighbourSet {
        model.neighbourSet(try model.batch(for: TestStructures.periodicFrame(RandomSource(seed: seed))))
    }

    /// α_qk = w_k e^ℓ / (1 + Σ w e^ℓ) against plain loops, including zero-weight keys and large logits.
    @Test func sinkWeightsFollowTheirFormula() {
        let logits = [0.3, -1.2, 2.0, 40.0, -3.0, 0.0, 1.5, -0.5], w = [1.0, 0.0, 0.25, 1e-3]
        let alpha = Attention.sinkWeights(Tensor(shape: [2, 4], scalars: logits), keyWeights: Tensor(shape: [1, 4], scalars: w)).scalars
        for row in 0..<2 {
            let e = (0..<4).map { w[$0] * exp(logits[row * 4 + $0]) }, total = 1 + e.reduce(0, +)
            for k in 0..<4 { #expect(abs(alpha[row * 4 + k] - e[k] / total) <= 1e-15 * max(1, e[k] / total)) }
        }
        #expect(alpha[1] == 0 && alpha[5] == 0)
    }

    @Test func normalisedZeroRowsStayZeroWithFiniteGradients() {
        let x = Tensor.variable(shape: [2, 3], scalars: [3, 0, 4, 0, 0, 0])
        let y = Attention.normalizeRows(x)
        #expect(y.scalars == [0.6, 0, 0.8, 0, 0, 0])
        let g = gradients(of: (y * Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])).sum(), withRespectTo: [x])[0]
        #expect(g.scalars.allSatisfy { $0.isFinite })
    }

    @Test func headsSplitAndMergeBack() {
        let x = Tensor(shape: [2, 3, 8], scalars: (0..<48).map(Double.init))
        let split = Attention.splitHeads(x, heads: 4)
        #expect(split.shape == [8, 3, 2] && Array(split.scalars[0..<2]) == [0, 1] && Array(split.scalars[2..<4]) == [8, 9])
        #expect(Attention.mergeHeads(split, heads: 4).scalars == x.scalars)
    }

    /// T = Σ w G ⊗ R̃ / (ε + Σ w) by loops; unlike the sum, it ignores how many empty slots there are.
    @Test func meanIsTheSwitchWeightedMeanAndIgnoresPadding() throws {
        let model = try Self.model(MeanPooling.key)
        let set = try Self.set(model)
        let t = model.stageOutputs(set).pooled.scalars
        let n = model.nnei, m = 8
        for centre in [0, 5] {
            var total = [Double](repeating: 0, count: m * 4), weight = 1.0  // ε = 1
            for j in 0..<n {
                let s = centre * n + j, w = set.switchWeight.scalars[s]
                weight += w
                for a in 0..<m { for c in 0..<4 { total[a * 4 + c] += w * set.embedding.scalars[s * m + a] * set.env.scalars[s * 4 + c] } }
            }
            for k in 0..<(m * 4) { #expect(abs(t[centre * m * 4 + k] - total[k] / weight) < 1e-14) }
        }
        let frame = TestStructures.periodicFrame(RandomSource(seed: 4))
        func energy(_ key: String, _ sel: [Int]) throws -> Double { try Self.model(key, sel: sel).evaluate(frame).energy }
        #expect(abs(try energy(MeanPooling.key, [24, 24]) - energy(MeanPooling.key, [30, 40])) < 1e-12)
        #expect(abs(try energy(DeepSetsSum.key, [24, 24]) - energy(DeepSetsSum.key, [30, 40])) > 1e-6)
    }

    @Test func attentionPoolingKeepsTheSumChannelFirst() throws {
        let model = try Self.model(AttentionPooling.key)
        let set = try Self.set(model)
        let pooled = model.stageOutputs(set).pooled, sum = DeepSetsSum.pool(set.embedding, set.env)
        #expect(pooled.shape == [8, 3 * 8, 4])
        #expect(pooled.slice(axis: 1, 0..<8).scalars == sum.scalars)
        let without = try Self.model(AttentionPooling.key, ["sum_channel": .bool(false), "seeds": .int(3)])
        #expect(without.declaredFields.pooled.shape == [24, 4])
    }

    /// With no attention layer gated-attention is the DeepSets sum on the same G.
    @Test func gatedAttentionWithoutLayersIsTheSum() throws {
        let model = try Self.model(GatedAttention.key, ["layers": .int(0)])
        let set = try Self.set(model)
        #expect(model.stageOutputs(set).pooled.scalars == DeepSetsSum.pool(set.embedding, set.env).scalars)
        #expect(model.parameterCount == (try Self.model(DeepSetsSum.key)).parameterCount)
    }

    @Test func sortedConcatRefusesMoreNeighboursThanSlots() {
        var config = TestStructures.smallConfig(permutation: SortedConcat.key, permutationOptions: ["neighbours": .int(60)])
        #expect(config.problems().map(\.description) == [
            "[at `model.descriptor.permutation.neighbours`] must be at most the slot count nnei = 48, got 60"])
        config.descriptor.permutationOptions = ["neighbours": .int(2)]
        #expect(config.problems().isEmpty)
    }

    /// Every encoder's cost grows with nnei as its cost class says, and its options change it.
    @Test func costsScaleWithNeighboursAndOptions() {
        func flops(_ t: any PermutationEncoder.Type, _ n: Int, _ o: OptionValues = [:]) -> Double {
            t.flopsPerCentre(StageSettings(nnei: n, embeddingWidth: 32, axisNeurons: 8, seed: 1, options: o))
        }
        for t in VariantRegistry.permutationEncoders where t.key != SortedConcat.key {
            let ratio = flops(t, 40_000) / flops(t, 20_000)  // large nnei: the leading term dominates
            #expect(t.costClass == .quadratic ? abs(ratio - 4) < 0.05 : abs(ratio - 2) < 0.05, "\(t.key): ratio \(ratio)")
        }
        #expect(flops(GatedAttention.self, 100, ["width": .int(256)]) > 1.9 * flops(GatedAttention.self, 100, ["width": .int(128)]) * 0.9)
        #expect(flops(GatedAttention.self, 100, ["layers": .int(4)]) > 1.9 * flops(GatedAttention.self, 100))
        #expect(flops(InducedSetAttention.self, 100, ["inducing": .int(16)]) > flops(InducedSetAttention.self, 100))
        let byHand: Double = 10 * 32 + 2 * 32 * 10 * 4 + 10 + 32 * 4 + 1  // weighting, contraction, Σw, division
        #expect(flops(MeanPooling.self, 10) == byHand)
    }

    /// Per-stage FLOPs of every registered pipeline are positive and add up to the total.
    @Test func everyPipelineCountsItsStages() throws {
        for config in ConformanceKit.registryConfigs() {
            let model = try DeepPotModel(config: config)
            let stages = model.flopsPerAtomByStage
            let positive = stages.allSatisfy { $0.flops > 0 }
            #expect(stages.count == 5 && positive, "\(ConformanceKit.pipelineName(config))")
            #expect(stages.reduce(0) { $0 + $1.flops } == model.flopsPerAtom)
        }
    }
}

import SymAtoms
import SymLabTestKit
import SymModel
import SymTensor
import Testing
@testable import SymTrain

/// The parallel form of evaluation and training (centre blocks, one tape each, run on several
/// cores) against the whole batch on one tape: energies, forces, virials, atomic energies and the
/// loss's parameter gradients agree to rounding, for batches whose blocks cross frame boundaries.
@Suite("Centre blocks in parallel", .serialized)
struct ParallelBlockTests {
    static let configs: [String: ModelConfig] = [
        "se_e2_a one-side": TestStructures.smallConfig(typeOneSide: true, seed: 5),
        "se_e2_a two-side": TestStructures.smallConfig(typeOneSide: false, seed: 5),
        "dpa1": TestStructures.smallConfig(embedding: TypeEmbedding.key, permutation: GatedAttention.key,
                                           permutationOptions: ["preset": .string("small")], seed: 5),
        "isab": TestStructures.smallConfig(permutation: InducedSetAttention.key, permutationOptions: ["preset": .string("small")], seed: 5),
    ]

    /// Three frames of 16 atoms with labels; with 5 threads the 48 centre rows make 5 blocks of
    /// 9-10 rows, so blocks start and end inside frames.
    static func frames() -> [Frame] {
        let rng = RandomSource(seed: 3)
        let base = TestStructures.periodicFrame(rng, atoms: 16, minDistance: 1.0)
        return (0..<3).map { f in
            var frame = base
            frame.positions = base.positions.map { $0 + 0.08 * (rng.uniform() - 0.5) * Double(f + 1) }
            frame.energy = -30 + Double(f)
            frame.forces = base.positions.map { _ in rng.gaussian(sigma: 0.5) }
            frame.virial = (0..<9).map { _ in rng.gaussian(sigma: 0.5) }
            return frame
        }
    }

    static func withThreads<T>(_ n: Int, _ body: () throws -> T) rethrows -> T {
        let saved = Parallelism.threads
        Parallelism.setThreads(n)
        defer { Parallelism.setThreads(saved) }
        return try body()
    }

    static func relative(_ a: Tensor, _ b: Tensor) -> Double {
        let scale = max(b.scalars.map(abs).max() ?? 0, 1e-300)
        return zip(a.scalars, b.scalars).map { abs($0 - $1) }.max()! / scale
    }

    @Test(arguments: configs.keys.sorted())
    func blocksGiveTheWholeBatchsPredictionAndGradients(_ name: String) throws {
        let model = try TestStructures.model(try #require(Self.configs[name]))
        let labels = Self.frames(), batch = try model.batch(for: labels)
        var loss = EnergyLoss()
        loss.virial = Prefactor(start: 0.5, limit: 0.5)
        func objective(_ p: Prediction) -> Tensor { loss.loss(p, labels: labels, lr: 5e-4, lr0: 1e-3) }

        let whole = Self.withThreads(1) { model.predict(batch, createGraph: true) }
        let wholeLoss = objective(whole)
        let wholeGrads = gradients(of: wholeLoss, withRespectTo: model.parameters)
        #expect(Self.withThreads(1) { model.blocks(batch).count } == 1)

        let (split, blockCount, blocksCross) = Self.withThreads(5) { () -> (ParallelPrediction, Int, Bool) in
            let ranges = model.blocks(batch, training: true)
            return (model.predictInBlocks(batch, createGraph: true), ranges.count, ranges.contains { $0.lowerBound % 16 != 0 })
        }
        #expect(blockCount == 5 && blocksCross, "the test needs blocks that cut frames")
        #expect(split.parts.count == 5)
        for (a, b) in [(split.total.energy, whole.energy), (split.total.forces, whole.forces),
                       (split.total.virial, whole.virial), (split.total.atomEnergy, whole.atomEnergy)] {
            #expect(a.shape == b.shape)
            #expect(Self.relative(a, b) < 1e-12, "\(name): block sum differs from the whole batch")
        }
        let (splitLoss, splitGrads) = Self.withThreads(5) { split.parameterGradients(model.parameters, loss: objective) }
        #expect(abs(splitLoss.scalar - wholeLoss.scalar) <= 1e-12 * abs(wholeLoss.scalar))
        // Against the largest gradient entry: some gradients are exactly zero in exact arithmetic
        // (attention key biases cancel in the softmax) and hold only rounding noise.
        let scale = wholeGrads.flatMap(\.scalars).map(abs).max()!
        var worst = 0.0
        for (a, b) in zip(splitGrads, wholeGrads) { worst = max(worst, zip(a.scalars, b.scalars).map { abs($0 - $1) }.max()! / scale) }
        #expect(worst < 1e-10, "\(name): parameter gradients of the block form differ by \(worst) relative")

        // Inference without a graph goes through the blocks too.
        let inferred = Self.withThreads(5) { model.predict(batch) }
        #expect(Self.relative(inferred.forces, whole.forces) < 1e-12)
    }

    /// Inference on more centres than `inferenceBlockLimit` runs in several blocks even on one
    /// thread (bounded memory) and still gives the one-tape result.
    @Test func largeInferenceBatchesAreSplitOnOneThread() throws {
        let model = try TestStructures.model(TestStructures.smallConfig(seed: 5))
        let base = Self.frames()[0]
        let frames = (0..<20).map { f -> Frame in
            var frame = base
            frame.positions = base.positions.enumerated().map { $0.element + 0.002 * Double(($0.offset * 7 + f) % 5) }
            return frame
        }
        let batch = try model.batch(for: frames)
        try #require(batch.rows > DeepPotModel.inferenceBlockLimit)
        let (blocked, count) = Self.withThreads(1) { (model.predict(batch), model.blocks(batch).count) }
        let whole = Self.withThreads(1) { model.predictInBlocks(batch, createGraph: true).total }
        #expect(count == 2)
        // Inference blocks hand back constants: a block's forward graph must not outlive it.
        let parts = Self.withThreads(1) { model.predictInBlocks(batch).parts }
        #expect(parts.count == 2 && parts.allSatisfy { p in [p.energy, p.forces, p.virial, p.atomEnergy].allSatisfy { !$0.requiresGrad } })
        for (a, b) in [(blocked.energy, whole.energy), (blocked.forces, whole.forces), (blocked.virial, whole.virial)] {
            #expect(Self.relative(a, b) < 1e-12)
        }
    }

    @Test func rangesAreContiguousBalancedAndRespectTheMinimum() {
        Self.withThreads(2) {
            #expect(Parallelism.ranges(192, minimum: 8) == [0..<96, 96..<192])
            #expect(Parallelism.ranges(10, minimum: 8) == [0..<10])
        }
        Self.withThreads(3) { #expect(Parallelism.ranges(10, minimum: 1) == [0..<3, 3..<6, 6..<10]) }
        Self.withThreads(1) { #expect(Parallelism.ranges(1000, minimum: 8, maximum: 256) == [0..<250, 250..<500, 500..<750, 750..<1000]) }
        Self.withThreads(2) { #expect(Parallelism.ranges(600, minimum: 8, maximum: 256).count == 3) }
        Self.withThreads(4) {
            let values = Parallelism.map(7) { $0 * $0 }
            #expect(values == [0, 1, 4, 9, 16, 25, 36])
        }
    }
}

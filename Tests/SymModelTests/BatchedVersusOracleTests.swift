import SymAtoms
import SymLabTestKit
import Testing
@testable import SymModel

/// The batched tensor model against the slow per-atom oracle on random structures and
/// random parameters with non-trivial statistics: 1e-12 relative.
@Suite("Batched model = reference oracle")
struct BatchedVersusOracleTests {
    static func parameters(typeOneSide: Bool, seed: UInt64) -> SeAParameters {
        var p = SeAParameters.random(typeMap: ["A", "B"], rcut: 3.0, rcutSmooth: 1.0, sel: [20, 20], embeddingWidths: [4, 8, 16],
                                     axisNeurons: 4, fittingWidths: [12, 12], typeOneSide: typeOneSide,
                                     resnetDtEmbedding: true, resnetDtFitting: true, seed: seed)
        let slots = p.nnei
        p.davg = (0..<2).flatMap { t in (0..<slots).flatMap { _ in [0.1 + 0.05 * Double(t), 0, 0, 0] } }
        p.dstd = (0..<2).flatMap { t in (0..<slots).flatMap { _ in [0.2 + 0.03 * Double(t), 0.15, 0.15, 0.15] } }
        p.energyBias = [-2.5, -0.75]
        return p
    }

    @Test(arguments: [true, false])
    func energiesAgree(typeOneSide: Bool) throws {
        let p = Self.parameters(typeOneSide: typeOneSide, seed: typeOneSide ? 3 : 4)
        let model = try DeepPotModel(seA: p)
        let rng = RandomSource(seed: 99)
        for frame in [TestStructures.periodicFrame(rng), TestStructures.periodicFrame(rng, atoms: 10), TestStructures.cluster(rng)] {
            let ours = model.predict(try model.batch(for: frame))
            let atom = ReferenceSeA.atomEnergies(frame, parameters: p)
            #expect(FixtureCheck.relativeError(ours.atomEnergy.scalars, atom) < 1e-12)
            #expect(FixtureCheck.relativeError(ours.energy.scalars, [ReferenceSeA.energy(frame, parameters: p)]) < 1e-12)
        }
    }

    @Test func batchOfFramesEqualsFramesAlone() throws {
        let model = try DeepPotModel(seA: Self.parameters(typeOneSide: true, seed: 5))
        let rng = RandomSource(seed: 5)
        let a = TestStructures.periodicFrame(rng)
        var b = TestStructures.periodicFrame(rng)
        b.types = a.types
        let batch = try EnvironmentBatch.build(frames: [a, b], rcut: 3.0, sel: [20, 20], typeCount: 2)
        let together = model.predict(batch)
        let alone = [try model.evaluate(a), try model.evaluate(b)]
        #expect(FixtureCheck.relativeError(together.energy.scalars, alone.map(\.energy)) < 1e-14)
        #expect(FixtureCheck.relativeError(together.forces.scalars, alone.flatMap(\.forces)) < 1e-13)
        #expect(FixtureCheck.relativeError(together.virial.scalars, alone.flatMap(\.virial)) < 1e-13)
    }

    @Test func gramDenseEqualsGramFactored() throws {
        var config = TestStructures.smallConfig()
        let factored = try DeepPotModel(config: config)
        config.descriptor.rotation = GramDense.key
        let dense = try DeepPotModel(config: config, weights: factored.weights)
        let frame = TestStructures.periodicFrame(RandomSource(seed: 8))
        let a = try factored.evaluate(frame), b = try dense.evaluate(frame)
        #expect(abs(a.energy - b.energy) / abs(a.energy) < 1e-12)
        #expect(FixtureCheck.relativeError(b.forces, a.forces) < 1e-10)
    }
}

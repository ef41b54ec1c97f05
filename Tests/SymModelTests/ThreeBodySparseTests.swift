import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

/// three-body-sparse against a loop over every pair of slots, and smooth at its inner cutoff.
@Suite("three-body-sparse")
struct ThreeBodySparseTests {
    static func model(_ options: OptionValues) throws -> DeepPotModel {
        try TestStructures.model(TestStructures.smallConfig(rotation: ThreeBodySparse.key, rotationOptions: options))
    }

    /// Spec §3.1's switch, written out.
    static func switchWeight(_ r: Double, _ rs: Double, _ rc: Double) -> Double {
        if r < rs { return 1 }
        if r >= rc { return 0 }
        let u = (r - rs) / (rc - rs)
        return u * u * u * (-6 * u * u + 15 * u - 10) + 1
    }

    @Test(arguments: [2.0, 3.5])
    func angleEmbeddingMatchesAllPairsLoop(innerCutoff: Double) throws {
        let options: OptionValues = ["rcut": .number(innerCutoff), "rcut_smth": .number(innerCutoff - 0.6), "sel": .int(5), "gram": .bool(false)]
        let model = try Self.model(options)
        let op = try #require(model.rotation as? ThreeBodySparse)
        let frame = TestStructures.periodicFrame(RandomSource(seed: 17))
        let set = model.neighbourSet(try model.batch(for: frame))
        let d = model.descriptor(set)
        let n = model.nnei, m = 8, rij = set.batch.rij.scalars, env = set.env.scalars
        var expected: [Double] = []
        for centre in 0..<set.batch.rows {
            var u: [[Double]] = []  // every valid slot, switched by the inner cutoff (zero outside it)
            for s in (centre * n)..<((centre + 1) * n) where set.valid[s] {
                let r = (0..<3).reduce(0.0) { $0 + rij[3 * s + $1] * rij[3 * s + $1] }.squareRoot()
                u.append((1..<4).map { env[4 * s + $0] * Self.switchWeight(r, innerCutoff - 0.6, innerCutoff) })
            }
            var sum = [Double](repeating: 0, count: m)
            for a in u { for b in u {
                let theta = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
                let g = op.net(Tensor(shape: [1, 1], scalars: [theta])).scalars
                for k in 0..<m { sum[k] += theta * g[k] / 25 }
            } }
            expected += sum
        }
        #expect(FixtureCheck.relativeError(d.scalars, expected) < 1e-12)
    }

    /// A neighbour moved radially through r_in: E(r_in ∓ δ) agree like δ³ (w_in is C²).
    @Test func smoothAtTheInnerCutoff() throws {
        let model = try Self.model(["rcut": .number(2.0), "rcut_smth": .number(1.4), "gram": .bool(false)])
        let direction = [0.6, 0.48, 0.64]
        func energy(_ r: Double) throws -> Double {
            try model.evaluate(Frame(types: [0, 1, 0], positions: [0, 0, 0, -1.3, 0.2, 0.1] + direction.map { $0 * r })).energy
        }
        let jumps = try [1e-2, 1e-3, 1e-4].map { delta in abs(try energy(2.0 + delta) - energy(2.0 - delta)) }
        #expect(jumps[2] < 1e-9 && jumps[1] < jumps[0] / 300 && jumps[2] < jumps[1] / 300, "\(jumps)")
        #expect(abs(try energy(2.3) - energy(2.5)) < 1e-13)  // beyond r_in the pair term is gone...
        #expect(abs(try energy(1.7) - energy(1.9)) > 1e-6)  // ...inside it is not
    }

    @Test func innerSwitchStartMustBeBelowItsCutoff() {
        let config = TestStructures.smallConfig(rotation: ThreeBodySparse.key, rotationOptions: ["rcut": .number(2), "rcut_smth": .number(2.5)])
        #expect(config.problems().map(\.description) == ["[at `model.descriptor.rotation.rcut_smth`] must be below rcut (2.0 Å), got 2.5"])
    }
}

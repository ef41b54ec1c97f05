import Foundation
import SymAtoms
import SymLabTestKit
import Testing
@testable import SymModel

@Suite("A trained model as an MD potential")
struct LearnedPotentialTests {
    static func model() throws -> DeepPotModel {
        let m = try DeepPotModel(config: TestStructures.smallConfig())
        return try DeepPotModel(config: m.config, weights: TestStructures.weights(for: m))
    }

    @Test("evaluate gives the model's E, F, W; NaN input gives NaN, not a trap")
    func sameAsPredict() throws {
        let m = try Self.model(), frame = TestStructures.periodicFrame(RandomSource(seed: 4))
        let potential = LearnedPotential(model: m, types: frame.types)
        let e = potential.evaluate(positions: frame.positions, cell: frame.cell)
        let p = m.predict(try m.batch(for: frame))
        #expect(e.energy == p.energy.scalars[0] && e.forces == p.forces.scalars && e.virial == p.virial.scalars)
        var broken = frame.positions
        broken[4] = .nan
        #expect(potential.evaluate(positions: broken, cell: frame.cell).energy.isNaN && potential.evaluations == 2)
    }

    @Test("NVE with a (random, smooth) model: E_tot fluctuation ∝ Δt², periodic and non-periodic")
    func energyConservation() throws {
        let m = try Self.model()
        for frame in [TestStructures.periodicFrame(RandomSource(seed: 5), minDistance: 1.6), TestStructures.cluster(RandomSource(seed: 5), minDistance: 1.4)] {
            let potential = LearnedPotential(model: m, types: frame.types)
            let masses = frame.types.map { $0 == 0 ? 12.0 : 16.0 }
            var md = MolecularDynamics(potential: potential, positions: frame.positions, masses: masses, cell: frame.cell,
                                       timestep: 0.0005, temperature: 300, friction: 0, random: RandomSource(seed: 6))
            md.initialiseVelocities(temperature: 300)
            let (scaling, failures) = TimestepScaling.measure(potential: potential, positions: md.positions, velocities: md.velocities,
                                                              masses: masses, cell: frame.cell, timestepsFs: [0.25, 0.5, 1], duration: 0.02,
                                                              criteria: FailureCriteria(minimumDistance: 0.5))
            #expect(failures.isEmpty, "\(failures.map(\.failure))")
            let k = scaling.exponent ?? 0
            #expect(abs(k - 2) < 0.2, "\(frame.isPeriodic ? "periodic" : "cluster"): exponent \(k), \(scaling.points.map(\.drift.fluctuation))")
        }
    }
}

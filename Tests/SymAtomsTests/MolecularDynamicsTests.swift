import Foundation
import Testing
@testable import SymAtoms

/// Every atom tied to the origin by a spring: E = Σ ½ k |r_i|² (k in eV/Å²); k = 0 is a free gas.
struct HarmonicTether: ClassicalPotential {
    var k: Double
    func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation {
        let energy = 0.5 * k * positions.reduce(0) { $0 + $1 * $1 }
        let forces = positions.map { -k * $0 }
        var virial = [Double](repeating: 0, count: 9)
        for i in 0..<(positions.count / 3) {
            for α in 0..<3 {
                for β in 0..<3 { virial[3 * α + β] += forces[3 * i + α] * positions[3 * i + β] }
            }
        }
        return PotentialEvaluation(energy: energy, forces: forces, virial: virial)
    }
}

@Suite("Molecular dynamics (BAOAB Langevin / velocity Verlet)")
struct MolecularDynamicsTests {
    @Test("unit constant: 1 eV = 9648.53 amu Å²/ps² (= 103.6427 eV per amu Å²/fs² inverted)")
    func unitConstant() {
        #expect(abs(MDUnits.energyToMassVelocitySquared - 9648.533) < 1e-3)
        #expect(abs(1e6 / MDUnits.energyToMassVelocitySquared - 103.6427) < 1e-4)
    }

    @Test("a harmonic oscillator has the period 2π√(m/k) computed in SI units")
    func harmonicPeriod() {
        let k = 10.0, mass = MDUnits.siliconMass   // eV/Å², amu
        let kSI = k * 1.602176634e-19 / 1e-20, mSI = mass * 1.66053906660e-27
        let periodPs = 2 * Double.pi * (mSI / kSI).squareRoot() * 1e12
        let steps = 400
        var md = MolecularDynamics(potential: HarmonicTether(k: k), positions: [0.1, 0, 0], masses: [mass],
                                   cell: nil, timestep: periodPs / Double(steps), temperature: 0, friction: 0,
                                   random: RandomSource(seed: 1))
        md.run(steps: steps / 2)
        #expect(abs(md.positions[0] + 0.1) < 1e-4, "half period: x = \(md.positions[0])")
        md.run(steps: steps / 2)
        #expect(abs(md.positions[0] - 0.1) < 1e-4, "full period: x = \(md.positions[0])")
    }

    @Test("Maxwell–Boltzmann start: zero total momentum, temperature within 4σ of the target")
    func maxwellBoltzmann() {
        let n = 2000
        let masses = (0..<n).map { $0 % 2 == 0 ? MDUnits.siliconMass : 1.008 }
        var md = MolecularDynamics(potential: HarmonicTether(k: 0), positions: [Double](repeating: 0, count: 3 * n),
                                   masses: masses, cell: nil, timestep: 0.001, temperature: 300, friction: 0,
                                   random: RandomSource(seed: 5))
        md.initialiseVelocities(temperature: 300)
        for α in 0..<3 {
            let p = (0..<n).reduce(0.0) { $0 + masses[$1] * md.velocities[3 * $1 + α] }
            #expect(abs(p) < 1e-9)
        }
        // 2K/(3N k_B) for 3N − 3 free components: mean 300 (3N − 3)/3N, std 300 √(2/3N).
        let expected = 300 * Double(3 * n - 3) / Double(3 * n), sd = 300 * (2 / Double(3 * n)).squareRoot()
        #expect(abs(md.instantaneousTemperature - expected) < 4 * sd, "T = \(md.instantaneousTemperature)")
    }

    /// Largest |E_tot(t) − E_tot(0)| over `steps` NVE steps of `dt` ps, 8-atom diamond started at
    /// a0 with 900 K Maxwell–Boltzmann velocities (≈ 450 K after equipartition).
    func nveError(dt: Double, steps: Int) -> (maxDeviation: Double, kinetic0: Double, total0: Double) {
        let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
        var md = MolecularDynamics(potential: StillingerWeber(), positions: positions,
                                   masses: [Double](repeating: MDUnits.siliconMass, count: 8), cell: cell,
                                   timestep: dt, temperature: 0, friction: 0, random: RandomSource(seed: 8))
        md.initialiseVelocities(temperature: 900)
        let e0 = md.totalEnergy, k0 = md.kineticEnergy
        var worst = 0.0
        for _ in 0..<steps {
            md.step()
            worst = max(worst, abs(md.totalEnergy - e0))
        }
        return (worst, k0, e0)
    }

    @Test("NVE (no thermostat): total energy conserved over 200 fs, error second order in Δt")
    func energyConservation() {
        let fine = nveError(dt: 0.001, steps: 200)
        let coarse = nveError(dt: 0.002, steps: 100)
        // Verlet's energy error is a bounded O(Δt²) oscillation. At 1 fs (≈ 1/65 of the Si optical
        // period) it stays near 0.2 % of the kinetic energy (≈ 5e-5 of |E_tot| ≈ 34 eV); bounds
        // leave a factor 2. (A far-from-equilibrium start that heats to ~5000 K errs 10× more.)
        #expect(fine.maxDeviation < 4e-3 * fine.kinetic0, "max |ΔE| = \(fine.maxDeviation) eV, K0 = \(fine.kinetic0)")
        #expect(fine.maxDeviation < 1e-4 * abs(fine.total0), "E_tot(0) = \(fine.total0) eV")
        let ratio = coarse.maxDeviation / fine.maxDeviation
        #expect(ratio > 2.5 && ratio < 6, "error ratio 2 fs / 1 fs = \(ratio), expected ≈ 4")
    }

    @Test("Langevin thermostat brings a cold 8-atom cell to the target temperature on average")
    func thermostat() {
        let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
        let target = 500.0
        var md = MolecularDynamics(potential: StillingerWeber(), positions: positions,
                                   masses: [Double](repeating: MDUnits.siliconMass, count: 8), cell: cell,
                                   timestep: 0.002, temperature: target, friction: 20, random: RandomSource(seed: 3))
        md.run(steps: 150)
        var sum = 0.0
        let samples = 1000
        for _ in 0..<samples {
            md.step()
            sum += md.instantaneousTemperature
        }
        // One-sample std is T√(2/3N) ≈ 144 K; with ~25 fs correlation time 1000 × 2 fs give ~80
        // independent samples, so the mean has std ≈ 16 K: accept ±15 % (≈ 4.5σ).
        let mean = sum / Double(samples)
        #expect(abs(mean - target) < 0.15 * target, "mean T = \(mean) K")
    }

    @Test("same seed, same trajectory; another seed, another trajectory")
    func determinism() {
        func trajectory(_ seed: UInt64) -> [Double] {
            let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
            var md = MolecularDynamics(potential: StillingerWeber(), positions: positions,
                                       masses: [Double](repeating: MDUnits.siliconMass, count: 8), cell: cell,
                                       timestep: 0.001, temperature: 300, friction: 5, random: RandomSource(seed: seed))
            md.initialiseVelocities(temperature: 300)
            md.run(steps: 20)
            return md.positions + md.velocities
        }
        #expect(trajectory(4) == trajectory(4))
        #expect(trajectory(4) != trajectory(5))
    }
}

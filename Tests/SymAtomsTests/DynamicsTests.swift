import Foundation
import Testing
@testable import SymAtoms

/// One atom moving along x feels no force; E_pot drops by `drop` eV once x passes `at` Å.
struct Step: ClassicalPotential {
    var at: Double, drop: Double
    func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation {
        PotentialEvaluation(energy: positions[0] > at ? -drop : 0, forces: [Double](repeating: 0, count: positions.count),
                            virial: [Double](repeating: 0, count: 9))
    }
}

@Suite("MD runs: failure criteria, energy drift, the dt² reference check")
struct DynamicsTests {
    let si = [Double](repeating: MDUnits.siliconMass, count: 8)

    @Test("the integrator check on Stillinger-Weber: E_tot fluctuation ∝ Δt² (fitted exponent 2 ± 0.15)")
    func timestepScaling() {
        let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
        var md = MolecularDynamics(potential: StillingerWeber(), positions: positions, masses: si, cell: cell,
                                   timestep: 0.001, temperature: 900, friction: 5, random: RandomSource(seed: 8))
        md.initialiseVelocities(temperature: 900)
        md.run(steps: 100)  // NVT, so that the NVE runs start from a thermal state, not from the crystal
        let (scaling, failures) = TimestepScaling.measure(potential: StillingerWeber(), positions: md.positions, velocities: md.velocities,
                                                          masses: si, cell: cell, timestepsFs: [0.5, 1, 2], duration: 0.2)
        #expect(failures.isEmpty && scaling.points.count == 3)
        let k = scaling.exponent ?? 0
        #expect(abs(k - 2) < 0.15, "exponent \(k); fluctuations \(scaling.points.map(\.drift.fluctuation))")
        // The drift at 1 fs is far below the fluctuation (no heating from a smooth potential).
        let one = scaling.points[1].drift
        #expect(abs(one.slope) * 0.2 < 3 * one.fluctuation, "slope \(one.slope) eV/atom/ps, fluctuation \(one.fluctuation)")
    }

    @Test("EnergyDrift recovers a line's slope and the RMS of known residuals (GSL fit)")
    func driftFit() throws {
        // E_tot/N = 2 − 0.5 t ± 0.01 (alternating signs: zero mean and zero correlation with t over full pairs).
        let samples = (0..<200).map { k -> ThermoSample in
            let t = Double(k) * 0.01, e = (2 - 0.5 * t + (k % 2 == 0 ? 0.01 : -0.01)) * 8
            return ThermoSample(step: k, time: t, potential: e, kinetic: 0, temperature: 0)
        }
        let d = try #require(EnergyDrift(samples, atoms: 8))
        #expect(abs(d.slope + 0.5) < 2e-4 && abs(d.fluctuation - 0.01) < 1e-4, "\(d)")
        #expect(EnergyDrift(Array(samples.prefix(2)), atoms: 8) == nil)
    }

    @Test("failure criteria: non-finite values, close contacts and energy jumps within the window")
    func failures() {
        // Two atoms 1.0 Å apart: a close contact below 1.5 Å at the first check.
        var pair = MolecularDynamics(potential: HarmonicTether(k: 0), positions: [0, 0, 0, 1.0, 0, 0], masses: [28, 28], cell: nil,
                                     timestep: 0.001, temperature: 0, friction: 0, random: RandomSource(seed: 1))
        if case .closeContact(let step, let d)? = pair.advance(steps: 5, checking: FailureCriteria()) {
            #expect(step == 1 && abs(d - 1.0) < 1e-9)
        } else { Issue.record("no close contact") }
        // A NaN force: non-finite at the first step.
        var broken = MolecularDynamics(potential: HarmonicTether(k: .nan), positions: [0.1, 0, 0], masses: [28], cell: nil,
                                       timestep: 0.001, temperature: 0, friction: 0, random: RandomSource(seed: 1))
        #expect(broken.advance(steps: 3, checking: FailureCriteria()) == .nonFinite(step: 1))
        // One atom at 10 Å/ps crosses x = 0.5 Å after 50 steps of 1 fs: E drops 2 eV. With a 0.01 ps
        // window (10 steps) the jump is seen at step 50; a 0.5 eV drop stays below 1 eV/atom.
        func run(drop: Double) -> MDFailure? {
            var md = MolecularDynamics(potential: Step(at: 0.4995, drop: drop), positions: [0, 0, 0], masses: [28], cell: nil,
                                       timestep: 0.001, temperature: 0, friction: 0, random: RandomSource(seed: 1))
            md.velocities = [10, 0, 0]
            return md.advance(steps: 100, checking: FailureCriteria(minimumDistance: 1, energyJumpPerAtom: 1, energyWindow: 0.01))
        }
        #expect(run(drop: 2) == .energyJump(step: 50, perAtom: 2))
        #expect(run(drop: 0.5) == nil)
    }

    @Test("the protocol: Stillinger-Weber never fails and is deterministic; a collapsing potential fails early")
    func stabilityProtocol() {
        var s = StabilitySettings()
        (s.equilibration, s.sampling, s.nve, s.failureTime, s.failureTemperature) = (0.02, 0.05, 0.05, 0.05, 1500)
        let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
        let start = Frame(types: [Int](repeating: 0, count: 8), positions: positions, cell: cell)
        let a = StabilityProtocol.equilibrium(StillingerWeber(), start: start, masses: si, settings: s, seed: 3, structure: true, drift: true)
        let b = StabilityProtocol.equilibrium(StillingerWeber(), start: start, masses: si, settings: s, seed: 3, structure: true, drift: true)
        #expect(a.failure == nil && a.drift != nil && a.rdf != nil && a.angles != nil)
        #expect(a.drift == b.drift && a.rdf == b.rdf, "same seed, same numbers")
        let survival = StabilityProtocol.survival(StillingerWeber(), start: start, masses: si, settings: s, seed: 3)
        #expect(!survival.failed && abs(survival.time - 0.05) < 1e-12 && survival.reason == nil)
        // Every atom tied to the origin by a stiff spring (non-periodic): they meet within ~12 fs (the
        // energy test is switched off here; the spring's energy changes by eV per step).
        s.criteria.energyJumpPerAtom = 1e9
        let cluster = Frame(types: [Int](repeating: 0, count: 8), positions: positions)
        let collapse = StabilityProtocol.survival(HarmonicTether(k: 50), start: cluster, masses: si, settings: s, seed: 3)
        #expect(collapse.failed && collapse.reason == "close contact" && collapse.time < 0.05, "\(collapse)")
    }

    @Test("perfect diamond: 4 neighbours at a√3/4, 12 at a/√2; every bond angle 109.47°")
    func diamondStructure() throws {
        let a = 5.431, (positions, cell) = diamondSupercell(latticeConstant: a, repeats: 2)
        var rdf = RadialDistributionAccumulator(maximum: 4.5, bins: 90)
        var adf = BondAngleDistributionAccumulator(cutoff: 3.0, bins: 180)
        rdf.add(positions: positions, cell: cell)
        adf.add(positions: positions, cell: cell)
        let g = try #require(rdf.distribution), p = try #require(adf.distribution)
        // Neighbours per atom up to r: ∫ 4πr²ρ g dr, summed over the bins (exact shell volumes).
        let density = 64 / pow(2 * a, 3), w = g.binWidth
        func count(upTo r: Double) -> Double {
            zip(g.centres, g.values).filter { $0.0 < r }.reduce(0) { sum, bin in
                let (r0, r1) = (bin.0 - w / 2, bin.0 + w / 2)
                return sum + bin.1 * density * 4 * Double.pi / 3 * (r1 * r1 * r1 - r0 * r0 * r0)
            }
        }
        #expect(abs(count(upTo: 3.0) - 4) < 1e-9 && abs(count(upTo: 4.2) - 16) < 1e-9, "\(count(upTo: 3.0)), \(count(upTo: 4.2))")
        let peak = zip(p.centres, p.values).max { $0.1 < $1.1 }!
        #expect(abs(peak.0 - 109.5) < 0.6 && abs(p.values.reduce(0, +) * p.binWidth - 1) < 1e-12)
        #expect(g.l1Distance(to: g) == 0 && p.l1Distance(to: g) == nil)
        // A cluster has no density: n(r) per Å, whose integral counts neighbours (the centre atom has 4).
        var cluster = RadialDistributionAccumulator(maximum: 3.0, bins: 30)
        cluster.add(positions: Array(diamondCluster(latticeConstant: a, radius: 2.4)), cell: nil)
        let n = try #require(cluster.distribution)
        #expect(n.unit.hasPrefix("n(r)") && abs(n.values.reduce(0, +) * n.binWidth - 8.0 / 5) < 1e-12, "5 atoms, 4 bonds: 8 ends / 5")
    }

    @Test("masses by element, overrides, and a clear error for unknown elements")
    func masses() throws {
        #expect(try AtomicMasses.masses(types: [0, 1, 1], typeMap: ["O", "H"]) == [15.999, 1.008, 1.008])
        #expect(try AtomicMasses.masses(types: [1], typeMap: ["O", "H"], overrides: ["H": 2.014]) == [2.014])
        #expect(throws: DataError.self) { try AtomicMasses.masses(types: [0], typeMap: ["Xx"]) }
    }

    @Test("the recorder's CSV and trajectory read back")
    func recorder() throws {
        let (positions, cell) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
        var md = MolecularDynamics(potential: StillingerWeber(), positions: positions, masses: si, cell: cell,
                                   timestep: 0.001, temperature: 300, friction: 5, random: RandomSource(seed: 2))
        var recorder = MDRecorder(typeMap: ["Si"], types: [Int](repeating: 0, count: 8))
        _ = md.advance(steps: 4, checking: FailureCriteria()) { m in
            recorder.record(m.thermo)
            recorder.recordFrame(m)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symlab-md-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try recorder.write(csv: dir + "/thermo.csv", trajectory: dir + "/trajectory.extxyz")
        let rows = try String(contentsOfFile: dir + "/thermo.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 5 && rows[0] == "step,time_ps,potential_eV,kinetic_eV,total_eV,temperature_K")
        let read = try ExtXYZ.read(dir + "/trajectory.extxyz")
        #expect(read.frameCount == 4 && read.systems[0].frames.last?.energy == md.current.energy)
    }
}

/// Settings of the stability and structure protocol (`StabilityProtocol`). Times in ps,
/// temperatures in K, friction in 1/ps, lengths in Å.
public struct StabilitySettings: Codable, Equatable, Sendable {
    /// MD seeds (one trajectory of each kind per seed, each from its own GSL stream).
    public var seeds: [UInt64] = [1, 2, 3]
    /// Δt, fs.
    public var timestepFs = 1.0
    /// Temperature of the equilibrium runs (NVT equilibration, structure sampling, NVE start), K.
    public var temperature = 900.0
    /// Langevin friction γ of the NVT runs, 1/ps.
    public var friction = 5.0
    /// NVT equilibration before sampling, ps.
    public var equilibration = 0.5
    /// NVT structure sampling after equilibration, ps.
    public var sampling = 1.0
    /// NVE run after sampling for the energy drift, ps.
    public var nve = 1.0
    /// Steps between samples (structure frames and NVE energies).
    public var sampleEvery = 10
    /// Temperature of the time-to-failure runs (NVT, from the start structure), K.
    public var failureTemperature = 1800.0
    /// Length of the time-to-failure runs, ps; runs that last it are censored there.
    public var failureTime = 2.0
    /// When a trajectory has failed.
    public var criteria = FailureCriteria()
    /// RDF range (Å) and bins.
    public var rdfMaximum = 6.0, rdfBins = 120
    /// Bond cutoff of the bond-angle distribution (Å; silicon: between the first shell at 2.35 Å
    /// and the second at 3.84 Å) and its bins over 0…180°.
    public var angleCutoff = 3.0, angleBins = 90

    /// The defaults above.
    public init() {}

    /// Steps for `ps` picoseconds at this Δt (at least 1 when ps > 0).
    public func steps(_ ps: Double) -> Int { ps > 0 ? max(1, Int((ps / (timestepFs * 1e-3)).rounded())) : 0 }

    /// Problems with the settings, one line each, with key paths under `path` (empty when valid).
    public func problems(path: String) -> [String] {
        var out = criteria.problems(path: path)
        func check(_ ok: Bool, _ key: String, _ message: String) { if !ok { out.append("[at `\(path).\(key)`] \(message)") } }
        check(!seeds.isEmpty && Set(seeds).count == seeds.count, "seeds", "give at least one seed, each once, got \(seeds)")
        check(timestepFs > 0 && timestepFs <= 5, "timestep", "must be in (0, 5] fs, got \(timestepFs)")
        check(temperature > 0 && temperature.isFinite, "temperature", "must be a positive temperature in K, got \(temperature)")
        check(failureTemperature > 0 && failureTemperature.isFinite, "failure_temperature", "must be positive (K), got \(failureTemperature)")
        check(friction > 0 && friction.isFinite, "friction", "must be a positive friction in 1/ps, got \(friction)")
        for (key, value) in [("equilibration", equilibration), ("sampling", sampling), ("nve", nve), ("failure_time", failureTime)] {
            check(value >= 0 && value <= 1000, key, "must be a duration in ps within 0…1000, got \(value)")
        }
        check(sampleEvery >= 1, "sample_every", "must be at least 1 step, got \(sampleEvery)")
        check(rdfMaximum > 0 && rdfMaximum <= 20, "rdf_max", "must be in (0, 20] Å, got \(rdfMaximum)")
        check(angleCutoff > 0 && angleCutoff <= 10, "angle_cutoff", "must be in (0, 10] Å, got \(angleCutoff)")
        check(rdfBins >= 10 && rdfBins <= 2000, "rdf_bins", "must be within 10…2000, got \(rdfBins)")
        check(angleBins >= 10 && angleBins <= 1800, "angle_bins", "must be within 10…1800, got \(angleBins)")
        return out
    }
}

/// What one equilibrium trajectory gave: NVT equilibration and structure sampling at
/// `temperature`, then NVE from the sampled state.
public struct EquilibriumOutcome: Sendable {
    /// The first failure, if any (the later phases are then skipped).
    public var failure: MDFailure?
    /// Mean temperature during sampling, K.
    public var meanTemperature: Double?
    /// Structure of the sampling phase (when asked for).
    public var rdf: Distribution?, angles: Distribution?
    /// Energy drift of the NVE phase (when asked for and healthy).
    public var drift: EnergyDrift?
}

/// A time-to-failure run: how long it lasted and whether it ended by failing or by its length.
public struct SurvivalOutcome: Codable, Equatable, Sendable {
    /// Time until the failure, or the run length when censored, ps.
    public var time: Double
    /// False when the run lasted its full length (censored).
    public var failed: Bool
    /// What failed (`MDFailure.kind`), nil when censored.
    public var reason: String?

    /// Creates an outcome (see the properties).
    public init(time: Double, failed: Bool, reason: String?) { (self.time, self.failed, self.reason) = (time, failed, reason) }
}

/// The MD protocol the suites use to judge a potential beyond its force errors (Fu et al., "Forces
/// are not enough", TMLR 2023), for any `ClassicalPotential` (a learned model, or the
/// Stillinger-Weber reference with the same settings):
///
/// 1. **Equilibrium** (per seed): Maxwell–Boltzmann velocities at T from the start structure;
///    NVT Langevin (BAOAB) for `equilibration`; NVT for `sampling`, accumulating the RDF and
///    bond-angle distribution every `sampleEvery` steps; then NVE (velocity Verlet) for `nve`,
///    recording E_tot every `sampleEvery` steps for `EnergyDrift`.
/// 2. **Survival** (per seed): from the start structure, NVT at `failureTemperature` for
///    `failureTime`; the time of the first `MDFailure`, or the run length (censored).
///
/// Every step is checked against `criteria`. Deterministic for given seeds: each trajectory has its
/// own GSL mt19937 stream (`RandomSource(seed:)` split once per purpose).
public enum StabilityProtocol {
    /// One equilibrium trajectory. `progress` receives (phase, steps done, steps total).
    public static func equilibrium<P: ClassicalPotential>(_ potential: P, start: Frame, masses: [Double], settings s: StabilitySettings,
                                                          seed: UInt64, structure: Bool, drift: Bool,
                                                          progress: (String, Int, Int) -> Void = { _, _, _ in }) -> EquilibriumOutcome {
        var md = MolecularDynamics(potential: potential, positions: start.positions, masses: masses, cell: start.cell,
                                   timestep: s.timestepFs * 1e-3, temperature: s.temperature, friction: s.friction,
                                   random: stream(seed, purpose: 0))
        md.initialiseVelocities(temperature: s.temperature)
        var out = EquilibriumOutcome()
        let total = s.steps(s.equilibration) + s.steps(s.sampling) + (drift ? s.steps(s.nve) : 0)
        let tick = max(1, total / 20)
        func report(_ phase: String, _ m: MolecularDynamics<P>) { if m.stepCount % tick == 0 { progress(phase, m.stepCount, total) } }
        if let f = md.advance(steps: s.steps(s.equilibration), checking: s.criteria, observe: { report("NVT equilibration", $0) }) {
            out.failure = f
            return out
        }
        var rdf = RadialDistributionAccumulator(maximum: s.rdfMaximum, bins: s.rdfBins)
        var adf = BondAngleDistributionAccumulator(cutoff: s.angleCutoff, bins: s.angleBins)
        var temperatures: [Double] = []
        out.failure = md.advance(steps: s.steps(s.sampling), checking: s.criteria, observe: { m in
            report("NVT sampling", m)
            guard m.stepCount % s.sampleEvery == 0 else { return }
            temperatures.append(m.instantaneousTemperature)
            if structure {
                rdf.add(positions: m.positions, cell: m.cell)
                adf.add(positions: m.positions, cell: m.cell)
            }
        })
        out.meanTemperature = temperatures.isEmpty ? nil : temperatures.reduce(0, +) / Double(temperatures.count)
        guard out.failure == nil else { return out }
        if structure { (out.rdf, out.angles) = (rdf.distribution, adf.distribution) }
        guard drift else { return out }
        md.friction = 0
        var samples = [md.thermo]
        out.failure = md.advance(steps: s.steps(s.nve), checking: s.criteria, observe: { m in
            report("NVE", m)
            if m.stepCount % s.sampleEvery == 0 { samples.append(m.thermo) }
        })
        if out.failure == nil { out.drift = EnergyDrift(samples, atoms: md.atomCount) }
        return out
    }

    /// One time-to-failure trajectory. `progress` as in `equilibrium`.
    public static func survival<P: ClassicalPotential>(_ potential: P, start: Frame, masses: [Double], settings s: StabilitySettings,
                                                       seed: UInt64, progress: (String, Int, Int) -> Void = { _, _, _ in }) -> SurvivalOutcome {
        var md = MolecularDynamics(potential: potential, positions: start.positions, masses: masses, cell: start.cell,
                                   timestep: s.timestepFs * 1e-3, temperature: s.failureTemperature, friction: s.friction,
                                   random: stream(seed, purpose: 1))
        md.initialiseVelocities(temperature: s.failureTemperature)
        let total = s.steps(s.failureTime), tick = max(1, total / 20)
        let failure = md.advance(steps: total, checking: s.criteria, observe: { m in
            if m.stepCount % tick == 0 { progress("NVT \(Int(s.failureTemperature)) K", m.stepCount, total) }
        })
        guard let failure else { return SurvivalOutcome(time: Double(total) * s.timestepFs * 1e-3, failed: false, reason: nil) }
        return SurvivalOutcome(time: Double(failure.step) * s.timestepFs * 1e-3, failed: true, reason: failure.kind)
    }

    /// The GSL stream of one trajectory: split number `purpose` of the master stream of `seed`
    /// (0 equilibrium, 1 survival), so the two kinds never share random numbers.
    static func stream(_ seed: UInt64, purpose: Int) -> RandomSource {
        let master = RandomSource(seed: seed)
        for _ in 0..<purpose { _ = master.split() }
        return master.split()
    }
}

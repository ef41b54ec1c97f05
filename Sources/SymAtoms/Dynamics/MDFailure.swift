/// The thermodynamic state of an MD run at one step. Units: ps, eV, K.
public struct ThermoSample: Equatable, Sendable {
    /// Steps taken since the start of the run.
    public var step: Int
    /// Simulated time since the start, ps.
    public var time: Double
    /// Potential energy E_pot, eV.
    public var potential: Double
    /// Kinetic energy ½ Σ m v², eV.
    public var kinetic: Double
    /// Instantaneous temperature 2 K / (3N k_B), K.
    public var temperature: Double
    /// E_pot + K, eV (conserved in NVE up to the integrator's O(Δt²) error).
    public var total: Double { potential + kinetic }

    /// Creates a sample (units as documented on each property).
    public init(step: Int, time: Double, potential: Double, kinetic: Double, temperature: Double) {
        (self.step, self.time, self.potential, self.kinetic, self.temperature) = (step, time, potential, kinetic, temperature)
    }
}

extension MolecularDynamics {
    /// The current step, time, potential and kinetic energy and temperature.
    public var thermo: ThermoSample {
        ThermoSample(step: stepCount, time: elapsed, potential: current.energy, kinetic: kineticEnergy,
                     temperature: instantaneousTemperature)
    }
}

/// Why an MD run is declared failed (Fu et al., "Forces are not enough", TMLR 2023, judge learned
/// potentials by such events): a non-finite energy, force or position, two atoms closer than a
/// physical minimum, or a jump of the potential energy between two successive steps that smooth
/// dynamics cannot produce.
public enum MDFailure: Equatable, Sendable, CustomStringConvertible {
    /// The energy, a force or a position is NaN or infinite (or the neighbour search rejected the
    /// positions: coincident atoms).
    case nonFinite(step: Int)
    /// Two atoms (or an atom and a periodic image) closer than the criteria's minimum distance, Å.
    case closeContact(step: Int, distance: Double)
    /// |E_pot(t) − E_pot(t − τ)| / N above the criteria's threshold (eV/atom) within its window τ.
    case energyJump(step: Int, perAtom: Double)

    /// The step at which the failure was detected.
    public var step: Int {
        switch self {
        case .nonFinite(let s), .closeContact(let s, _), .energyJump(let s, _): s
        }
    }

    /// One of "non-finite", "close contact", "energy jump".
    public var kind: String {
        switch self {
        case .nonFinite: "non-finite"
        case .closeContact: "close contact"
        case .energyJump: "energy jump"
        }
    }

    /// One line: the step and what failed.
    public var description: String {
        switch self {
        case .nonFinite(let s): "step \(s): non-finite energy, force or position"
        case .closeContact(let s, let d): "step \(s): two atoms \(String(format: "%.3f", d)) Å apart"
        case .energyJump(let s, let e): "step \(s): potential energy changed by \(String(format: "%.3g", e)) eV/atom within the jump window"
        }
    }
}

/// When an MD run counts as failed (`MDFailure`). Checked after every step.
///
/// The thresholds must lie outside what the physics can do at the temperatures used; the reference
/// potential's trajectories show it (Stillinger-Weber silicon over 5 ps: closest approach 1.97 Å at
/// 1800 K and 1.93 Å at 2500 K; largest change of E_pot in 0.1 ps 0.10 and 0.14 eV/atom), and a
/// suite's report lists the reference's survival under the same criteria.
public struct FailureCriteria: Codable, Equatable, Sendable {
    /// Smallest allowed interatomic distance, Å.
    public var minimumDistance: Double
    /// Largest allowed |ΔE_pot| per atom within `energyWindow`, eV/atom.
    public var energyJumpPerAtom: Double
    /// The window of the energy-jump test, ps (rounded to whole steps, at least one).
    public var energyWindow: Double

    /// Criteria with the given thresholds (defaults: 1.5 Å; 0.3 eV/atom within 0.1 ps).
    public init(minimumDistance: Double = 1.5, energyJumpPerAtom: Double = 0.3, energyWindow: Double = 0.1) {
        self.minimumDistance = minimumDistance
        self.energyJumpPerAtom = energyJumpPerAtom
        self.energyWindow = energyWindow
    }

    /// Steps in the energy window at time step `timestep` (ps).
    public func windowSteps(timestep: Double) -> Int { max(1, Int((energyWindow / timestep).rounded())) }

    /// The failure of the state `md` is in, given the potential energy one window earlier (nil
    /// while the run is shorter than the window: then the start's energy), or nil when it is
    /// healthy. Costs one cell-list search at `minimumDistance`.
    public func check<P>(_ md: MolecularDynamics<P>, energyBefore: Double?) -> MDFailure? {
        let step = md.stepCount, e = md.current.energy
        guard e.isFinite, md.current.forces.allSatisfy(\.isFinite), md.positions.allSatisfy(\.isFinite) else {
            return .nonFinite(step: step)
        }
        if let energyBefore {
            let jump = abs(e - energyBefore) / Double(md.atomCount)
            if jump > energyJumpPerAtom { return .energyJump(step: step, perAtom: jump) }
        }
        let frame = Frame(types: [Int](repeating: 0, count: md.atomCount), positions: md.positions, cell: md.cell)
        guard let close = try? NeighbourPairs.build(frame: frame, rcut: minimumDistance, source: "MD") else {
            return .nonFinite(step: step)
        }
        if let nearest = close.distance.min() { return .closeContact(step: step, distance: nearest) }
        return nil
    }

    /// Problems with the thresholds, one line each, prefixed with `path` (empty when valid).
    public func problems(path: String) -> [String] {
        var out: [String] = []
        if !(minimumDistance > 0 && minimumDistance < 10) {
            out.append("[at `\(path).min_distance`] must be in (0, 10) Å, got \(minimumDistance)")
        }
        if !(energyJumpPerAtom > 0 && energyJumpPerAtom.isFinite) {
            out.append("[at `\(path).energy_jump`] must be a positive eV/atom, got \(energyJumpPerAtom)")
        }
        if !(energyWindow > 0 && energyWindow <= 100) {
            out.append("[at `\(path).energy_window`] must be in (0, 100] ps, got \(energyWindow)")
        }
        return out
    }
}

extension MolecularDynamics {
    /// Runs `steps` steps. After each step the state is checked against `criteria` (when given;
    /// the energy jump against the energy one window earlier, or the start's while the run is
    /// shorter) and the run stops at the first failure, which is returned; every `sampleEvery` steps, and
    /// after the last, `observe` sees the state. Returns nil when all steps ran healthy.
    public mutating func advance(steps: Int, checking criteria: FailureCriteria?, sampleEvery: Int = 1,
                                 observe: (Self) -> Void = { _ in }) -> MDFailure? {
        guard steps > 0 else { return nil }
        let window = criteria?.windowSteps(timestep: timestep) ?? 1
        var history = [current.energy]  // E_pot of the last `window` steps, oldest first
        for k in 1...steps {
            step()
            if let criteria, let failure = criteria.check(self, energyBefore: history.first) {
                observe(self)
                return failure
            }
            history.append(current.energy)
            if history.count > window { history.removeFirst() }
            if k % max(sampleEvery, 1) == 0 || k == steps { observe(self) }
        }
        return nil
    }
}

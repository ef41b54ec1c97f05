/// Unit constants for molecular dynamics in Å, eV, ps, amu, K.
public enum MDUnits {
    /// Boltzmann constant k_B, eV/K (CODATA 2018, exact SI value in eV).
    public static let boltzmann = 8.617333262e-5
    /// amu·Å²/ps² per eV: how many units of mass·velocity² one eV is.
    ///
    /// 1 amu·Å²/ps² = 1.66053906660e-27 kg · (1e-10 m / 1e-12 s)² = 1.66053906660e-23 J, and
    /// 1 eV = 1.602176634e-19 J, so 1 eV = 1.602176634e-19 / 1.66053906660e-23 = 9648.5332 amu·Å²/ps².
    /// (The often-quoted 103.6427 is the same conversion with fs: 1 amu·Å²/fs² = 103.6427 eV.)
    /// Use: acceleration [Å/ps²] = F [eV/Å] / m [amu] · `energyToMassVelocitySquared`;
    /// kinetic energy [eV] = ½ m v² / `energyToMassVelocitySquared`.
    public static let energyToMassVelocitySquared = 1.602176634e-19 / (1.66053906660e-27 * 1e4)
    /// Standard atomic weight of silicon, amu.
    public static let siliconMass = 28.0855
}

/// Langevin molecular dynamics, BAOAB splitting (Leimkuhler & Matthews, Appl. Math. Res. Express
/// 2013, 34), in Å, ps, eV, amu, K:
///
///     B: v += (Δt/2) F/m        A: x += (Δt/2) v
///     O: v = c1 v + c2 √(k_B T/m) ξ,  c1 = exp(−γΔt), c2 = √(1 − c1²), ξ ~ N(0, 1) per component
///     A: x += (Δt/2) v          (new forces)          B: v += (Δt/2) F/m
///
/// With friction γ = 0 the O step is skipped (no random numbers are drawn) and the scheme is exactly
/// velocity Verlet (NVE). Positions are not wrapped into the cell (the potential wraps them).
/// Masses in amu, velocities in Å/ps, F/m converted with `MDUnits.energyToMassVelocitySquared`.
public struct MolecularDynamics<Potential: ClassicalPotential> {
    /// The force field.
    public let potential: Potential
    /// Positions, row-major [atoms, 3], Å (unwrapped).
    public private(set) var positions: [Double]
    /// Velocities, row-major [atoms, 3], Å/ps.
    public var velocities: [Double]
    /// Masses per atom, amu.
    public let masses: [Double]
    /// Cell rows (Å) or nil for a non-periodic system.
    public let cell: [Double]?
    /// Time step Δt, ps.
    public var timestep: Double
    /// Thermostat target temperature T, K.
    public var temperature: Double
    /// Langevin friction γ, 1/ps (0 = no thermostat, NVE).
    public var friction: Double
    /// Energy, forces and virial at the current positions.
    public private(set) var current: PotentialEvaluation
    /// Steps taken since the start.
    public private(set) var stepCount = 0
    /// Simulated time since the start, ps (the sum of the time steps taken).
    public private(set) var elapsed = 0.0
    private let random: RandomSource

    /// A system at rest at `positions`; `random` drives initial velocities and the thermostat.
    /// - Parameters:
    ///   - positions: row-major [atoms, 3], Å.
    ///   - masses: one mass per atom, amu.
    ///   - cell: rows a, b, c (Å) or nil.
    ///   - timestep: Δt in ps (e.g. 0.001 = 1 fs).
    ///   - temperature: thermostat target, K.
    ///   - friction: γ in 1/ps; 0 gives NVE velocity Verlet.
    public init(potential: Potential, positions: [Double], masses: [Double], cell: [Double]?,
                timestep: Double, temperature: Double, friction: Double, random: RandomSource) {
        precondition(positions.count == 3 * masses.count, "one mass per atom")
        self.potential = potential
        self.positions = positions
        self.velocities = [Double](repeating: 0, count: positions.count)
        self.masses = masses
        self.cell = cell
        self.timestep = timestep
        self.temperature = temperature
        self.friction = friction
        self.random = random
        self.current = potential.evaluate(positions: positions, cell: cell)
    }

    /// Number of atoms.
    public var atomCount: Int { masses.count }

    /// Draws Maxwell–Boltzmann velocities at `temperature` (K): each component ~ N(0, k_B T / m),
    /// then removes the centre-of-mass velocity so the total momentum is zero.
    public mutating func initialiseVelocities(temperature: Double) {
        let kT = MDUnits.boltzmann * temperature * MDUnits.energyToMassVelocitySquared
        for i in 0..<atomCount {
            let s = (kT / masses[i]).squareRoot()
            for α in 0..<3 { velocities[3 * i + α] = random.gaussian(sigma: s) }
        }
        removeTotalMomentum()
    }

    /// Subtracts the centre-of-mass velocity Σ m v / Σ m from every atom.
    public mutating func removeTotalMomentum() {
        let totalMass = masses.reduce(0, +)
        for α in 0..<3 {
            var p = 0.0
            for i in 0..<atomCount { p += masses[i] * velocities[3 * i + α] }
            for i in 0..<atomCount { velocities[3 * i + α] -= p / totalMass }
        }
    }

    /// Kinetic energy ½ Σ m v², eV.
    public var kineticEnergy: Double {
        var twice = 0.0
        for i in 0..<atomCount {
            for α in 0..<3 { twice += masses[i] * velocities[3 * i + α] * velocities[3 * i + α] }
        }
        return 0.5 * twice / MDUnits.energyToMassVelocitySquared
    }

    /// Instantaneous temperature 2 K / (3N k_B), K (all 3N degrees of freedom: the Langevin
    /// thermostat does not conserve momentum).
    public var instantaneousTemperature: Double {
        2 * kineticEnergy / (3 * Double(atomCount) * MDUnits.boltzmann)
    }

    /// Potential plus kinetic energy, eV (conserved when `friction == 0`, up to O(Δt²)).
    public var totalEnergy: Double { current.energy + kineticEnergy }

    /// One BAOAB step of length `timestep`.
    public mutating func step() {
        let half = 0.5 * timestep
        kick(half)
        drift(half)
        if friction > 0 {
            let c1 = exp(-friction * timestep)
            let c2 = (1 - c1 * c1).squareRoot()
            let kT = MDUnits.boltzmann * temperature * MDUnits.energyToMassVelocitySquared
            for i in 0..<atomCount {
                let s = c2 * (kT / masses[i]).squareRoot()
                for α in 0..<3 {
                    velocities[3 * i + α] = c1 * velocities[3 * i + α] + random.gaussian(sigma: s)
                }
            }
        }
        drift(half)
        current = potential.evaluate(positions: positions, cell: cell)
        kick(half)
        stepCount += 1
        elapsed += timestep
    }

    /// `count` steps.
    public mutating func run(steps count: Int) {
        for _ in 0..<count { step() }
    }

    private mutating func kick(_ dt: Double) {
        for i in 0..<atomCount {
            let k = dt * MDUnits.energyToMassVelocitySquared / masses[i]
            for α in 0..<3 { velocities[3 * i + α] += k * current.forces[3 * i + α] }
        }
    }

    private mutating func drift(_ dt: Double) {
        for k in 0..<positions.count { positions[k] += dt * velocities[k] }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

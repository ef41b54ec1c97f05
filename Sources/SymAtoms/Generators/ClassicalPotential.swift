/// Energy, forces and virial of one configuration, as a reference potential computes them.
/// Units: eV, eV/Å, eV (virial in DeePMD's convention, spec §7.2: W_{αβ} = Σ_e F_{e,α} r_{e,β} over
/// extended atoms = −Σ_pairs (∂E/∂r_ij)_α (r_ij)_β).
public struct PotentialEvaluation: Equatable, Sendable {
    /// Total energy, eV.
    public var energy: Double
    /// Forces −∂E/∂r, row-major [atoms, 3], eV/Å.
    public var forces: [Double]
    /// Virial W[3α + β], eV. Meaningful for periodic cells; for non-periodic input it is the same
    /// pair sum (then equal to Σ_i F_i ⊗ r_i).
    public var virial: [Double]

    /// Creates an evaluation; arrays are row-major as documented on each property.
    public init(energy: Double, forces: [Double], virial: [Double]) {
        self.energy = energy
        self.forces = forces
        self.virial = virial
    }
}

/// An analytic interatomic potential used to label generated data and drive molecular dynamics.
/// Positions are row-major [atoms, 3] in Å; `cell` holds the lattice vectors as rows (Å, row-major
/// [3, 3]) or is nil for a non-periodic system.
public protocol ClassicalPotential {
    /// Energy, forces and virial of one configuration.
    func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation
}

extension ClassicalPotential {
    /// The energy alone (eV); by default the energy of `evaluate`.
    public func energy(positions: [Double], cell: [Double]?) -> Double {
        evaluate(positions: positions, cell: cell).energy
    }
}

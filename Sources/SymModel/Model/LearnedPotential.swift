import SymAtoms

/// A trained `DeepPotModel` as a `ClassicalPotential`, so that `MolecularDynamics` (velocity
/// Verlet, BAOAB Langevin) can drive it: E (eV) from the model, F = −∂E/∂r (eV/Å) and the virial
/// (eV) by reverse-mode autodiff, in Float64, for atoms of fixed `types`.
///
/// Neighbour lists are rebuilt at every call (cell list, any cell size, positions need not be
/// wrapped). More neighbours of one type than `sel` are truncated to the nearest ones, as DeePMD-kit
/// and LAMMPS do in MD (the energy is then discontinuous); they are counted in `droppedNeighbours`.
/// Positions the neighbour search rejects (non-finite, two atoms within 10⁻⁶ Å) give NaN energy,
/// forces and virial, as `StillingerWeber` does, which MD failure checks then catch.
public final class LearnedPotential: ClassicalPotential {
    /// The model.
    public let model: DeepPotModel
    /// Type index per atom (into the model's type map).
    public let types: [Int]
    /// Neighbours dropped by sel truncation, summed over all evaluations.
    public private(set) var droppedNeighbours = 0
    /// Evaluations so far.
    public private(set) var evaluations = 0

    /// The potential of `model` for atoms of `types`.
    public init(model: DeepPotModel, types: [Int]) {
        (self.model, self.types) = (model, types)
    }

    /// Energy, forces and virial at `positions` (row-major [atoms, 3], Å) in `cell` (rows, Å, or nil).
    public func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation {
        evaluations += 1
        let frame = Frame(types: types, positions: positions, cell: cell)
        guard let batch = try? model.batch(for: frame, overflow: .dropFarthest, source: "MD") else {
            return PotentialEvaluation(energy: .nan, forces: [Double](repeating: .nan, count: positions.count),
                                       virial: [Double](repeating: .nan, count: 9))
        }
        droppedNeighbours += batch.droppedNeighbours
        let p = model.predict(batch)
        return PotentialEvaluation(energy: p.energy.scalars[0], forces: p.forces.scalars, virial: p.virial.scalars)
    }
}

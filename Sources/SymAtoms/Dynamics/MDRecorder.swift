import Foundation

/// Collects what an MD run writes: a CSV of thermodynamic samples and an extended-XYZ trajectory,
/// both rewritten atomically (`AtomicFile`) by `write`, so a reader never sees a
/// half-written file and a killed run leaves the last complete version.
///
/// CSV columns: `step, time_ps, potential_eV, kinetic_eV, total_eV, temperature_K`.
/// Trajectory frames: positions (wrapped into the cell when periodic), cell, `energy=` (potential,
/// eV) and forces (eV/Å), in `ExtXYZ.format`'s layout (pbc="T T T" or "F F F").
public struct MDRecorder {
    /// Element names of the types.
    public let typeMap: [String]
    /// Type per atom.
    public let types: [Int]
    /// The CSV text so far.
    public private(set) var csv = "step,time_ps,potential_eV,kinetic_eV,total_eV,temperature_K\n"
    /// The trajectory text so far.
    public private(set) var trajectory = ""
    /// Frames in `trajectory`.
    public private(set) var frames = 0

    /// An empty recording for atoms of `types` (indices into `typeMap`).
    public init(typeMap: [String], types: [Int]) {
        (self.typeMap, self.types) = (typeMap, types)
    }

    /// Appends one CSV row.
    public mutating func record(_ s: ThermoSample) {
        csv += "\(s.step),\(s.time),\(s.potential),\(s.kinetic),\(s.total),\(s.temperature)\n"
    }

    /// Appends the current configuration of `md` to the trajectory.
    public mutating func recordFrame<P>(_ md: MolecularDynamics<P>) {
        let positions = md.cell.map { positionsWrapped(md.positions, into: $0) } ?? md.positions
        let frame = Frame(types: types, positions: positions, cell: md.cell, energy: md.current.energy, forces: md.current.forces)
        trajectory += ExtXYZ.format(Dataset(typeMap: typeMap, systems: [AtomSystem(name: "md", frames: [frame])]))
        frames += 1
    }

    /// Writes both files atomically.
    /// - Throws: `DataError` naming the file that cannot be written.
    public func write(csv csvPath: String, trajectory trajectoryPath: String) throws {
        try AtomicFile.write(csv, to: csvPath)
        try AtomicFile.write(trajectory, to: trajectoryPath)
    }
}

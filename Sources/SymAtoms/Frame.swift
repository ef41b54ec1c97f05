/// One atomic configuration with its labels. Units: Å, eV, eV/Å; virial in eV (spec §1.1).
public struct Frame: Equatable, Sendable {
    /// Type index per atom, `0..<typeMap.count` of the owning dataset.
    public var types: [Int]
    /// Positions, row-major [atoms, 3], Å.
    public var positions: [Double]
    /// Cell matrix, row-major [3, 3], rows are the lattice vectors a, b, c (Å); nil = non-periodic.
    public var cell: [Double]?
    /// Total energy, eV.
    public var energy: Double?
    /// Forces, row-major [atoms, 3], eV/Å.
    public var forces: [Double]?
    /// Virial W[3α+β], eV (DeePMD convention, spec §7.2).
    public var virial: [Double]?

    /// Creates a frame; arrays are row-major as documented on each property.
    public init(types: [Int], positions: [Double], cell: [Double]? = nil, energy: Double? = nil,
                forces: [Double]? = nil, virial: [Double]? = nil) {
        self.types = types
        self.positions = positions
        self.cell = cell
        self.energy = energy
        self.forces = forces
        self.virial = virial
    }

    /// Number of atoms.
    public var atomCount: Int { types.count }
    /// True when the frame has a cell (periodic in all three directions).
    public var isPeriodic: Bool { cell != nil }
}

/// Frames that share atom count and per-atom type list (a DeePMD "system").
public struct AtomSystem: Equatable, Sendable {
    /// Where the system came from (folder or file name); used in messages.
    public var name: String
    /// Frames in order.
    public var frames: [Frame]
    /// Creates a system.
    public init(name: String, frames: [Frame]) {
        self.name = name
        self.frames = frames
    }
    /// Per-atom types shared by all frames (empty when there are no frames).
    public var types: [Int] { frames.first?.types ?? [] }
}

/// Systems of one chemistry with a common type map.
public struct Dataset: Equatable, Sendable {
    /// Element names by type index, e.g. ["O", "H"].
    public var typeMap: [String]
    /// The systems.
    public var systems: [AtomSystem]
    /// Creates a dataset.
    public init(typeMap: [String], systems: [AtomSystem]) {
        self.typeMap = typeMap
        self.systems = systems
    }
    /// All frames of all systems.
    public var frameCount: Int { systems.reduce(0) { $0 + $1.frames.count } }
}

/// Bad input data: names the file and what is wrong, in one line (line breaks and control
/// characters quoted from the input are escaped).
public struct DataError: Error, CustomStringConvertible, Equatable {
    /// The offending file or folder.
    public var file: String
    /// What is wrong with it.
    public var problem: String
    /// Creates the error.
    public init(file: String, _ problem: String) {
        self.file = file
        self.problem = problem
    }
    public var description: String { "\(file): \(problem)".oneLineEscaped }
}

import SymAtoms
import SymTensor

/// One atomic environment given by its pair vectors: a centre of type `centreType` and its
/// neighbours (type, r_ij = r_neighbour − r_centre in Å). No frame, no periodic images.
public struct IsolatedEnvironment: Sendable {
    /// Type index of the centre.
    public var centreType: Int
    /// Each neighbour's type index and pair vector r_ij (Å, [3]).
    public var neighbours: [(type: Int, vector: [Double])]

    /// An environment from its centre type and neighbours.
    public init(centreType: Int, neighbours: [(type: Int, vector: [Double])]) {
        self.centreType = centreType
        self.neighbours = neighbours
    }
}

extension DeepPotModel {
    /// A batch with one centre row per environment, its slots laid out as a neighbour list would
    /// (the model's sel and slot layout: per-type blocks, or one mixed block, sorted by distance;
    /// neighbours at or beyond r_c left out; empty slots padded with (2·r_c, 0, 0)). For probing
    /// descriptors of chosen environments (`ExpressivityProbes`): the rows are not atoms of a
    /// frame, so energies per row are meaningful but forces and virials are not.
    /// - Throws: `DataError` when an environment has more neighbours of a block than its slots.
    public func isolatedBatch(_ environments: [IsolatedEnvironment]) throws -> EnvironmentBatch {
        let d = config.descriptor, n = nnei, blocked = type(of: embedding).typeBlocks
        var rij: [Double] = [], valid: [Bool] = [], types: [Int] = []
        for (e, environment) in environments.enumerated() {
            let inside = environment.neighbours.map { ($0.type, $0.vector, $0.vector.reduce(0) { $0 + $1 * $1 }.squareRoot()) }
                .filter { $0.2 < d.rcut }
            for (block, slots) in d.sel.enumerated() {
                let members = inside.filter { !blocked || $0.0 == block }.sorted { $0.2 < $1.2 }
                guard members.count <= slots else {
                    throw DataError(file: "environment \(e)", "\(members.count) neighbours for the \(slots) slots of block \(block)")
                }
                for m in members { rij += m.1; valid.append(true); types.append(m.0) }
                for _ in members.count..<slots { rij += [2 * d.rcut, 0, 0]; valid.append(false); types.append(-1) }
            }
        }
        let rows = environments.count
        var slotTypes: [Int] = []
        for (t, count) in d.sel.enumerated() { slotTypes += [Int](repeating: blocked ? t : 0, count: count) }
        let owner = (0..<rows).flatMap { [Int](repeating: $0, count: n) }
        return EnvironmentBatch(frames: rows, atoms: 1, sel: d.sel, centreTypes: environments.map(\.centreType), slotTypes: slotTypes,
                                typeBlocks: blocked, neighbourTypes: types, valid: valid, centreRow: owner, neighbourRow: owner,
                                rij: .variable(shape: [rows * n, 3], scalars: rij), centrePositions: Tensor.zeros([rows, 3]),
                                rcut: d.rcut, droppedNeighbours: 0)
    }
}

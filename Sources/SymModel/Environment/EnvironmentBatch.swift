import SymAtoms
import SymTensor

/// The padded neighbour environments of a batch of frames from one system (same atom count and
/// types), laid out atom-major: A = frames × atoms centre rows, each with `nnei` slots in per-type
/// blocks (spec §2.2). Rows and slots are flattened as S = A × nnei.
///
/// `rij` [S, 3] (Å) holds r_ij = r_neighbour − r_centre and is a differentiable leaf: the model's
/// energy is a function of these pair vectors only (translation invariance by construction, T_s),
/// and forces and the virial follow from g = ∂E/∂r_ij (spec §7.1–7.2). Empty slots hold the
/// constant vector (2·rcut, 0, 0), whose switch weight is exactly 0.
public struct EnvironmentBatch {
    /// Frames in the batch.
    public let frames: Int
    /// Atoms per frame.
    public let atoms: Int
    /// Slots per atom per neighbour type; nnei = Σ sel.
    public let sel: [Int]
    /// Type of each centre row, [A].
    public let centreTypes: [Int]
    /// Neighbour type of each slot's block, [nnei] (same for every centre); all 0 for a single
    /// block of mixed types (`typeBlocks` false).
    public let slotTypes: [Int]
    /// true: one block of sel[t] slots per neighbour type t (se_e2_a); false: one block of all
    /// types sorted by distance (DPA-1, spec §9.1).
    public let typeBlocks: Bool
    /// Type of the neighbour in each slot, [S]; −1 for empty slots.
    public let neighbourTypes: [Int]
    /// Whether each slot holds a neighbour, [S].
    public let valid: [Bool]
    /// Centre row (frame·atoms + i) of each slot, [S].
    public let centreRow: [Int]
    /// Neighbour owner row (frame·atoms + j) of each slot, [S]; the centre row for empty slots.
    public let neighbourRow: [Int]
    /// Pair vectors r_ij, [S, 3], a differentiable leaf.
    public let rij: Tensor
    /// Absolute centre positions, [A, 3] (Å). Honest variants never read them; they exist so the
    /// conformance kit can show that a variant which does is caught.
    public let centrePositions: Tensor
    /// Cutoff radius (Å) used to build the lists.
    public let rcut: Double
    /// Neighbours dropped by `.dropFarthest` truncation.
    public let droppedNeighbours: Int

    /// Slots per centre.
    public var nnei: Int { sel.reduce(0, +) }
    /// Centre rows A.
    public var rows: Int { frames * atoms }

    /// Builds the batch from frames that share atom count and types.
    /// - Throws: `DataError` for frames that disagree or overflow `sel` (with `.error`).
    /// With `typeBlocks` false, `sel` has one entry: the slots of the single mixed-type block.
    public static func build(frames list: [Frame], rcut: Double, sel: [Int], typeCount: Int,
                             overflow: OverflowPolicy = .error, source: String = "batch",
                             typeBlocks: Bool = true) throws -> EnvironmentBatch {
        guard let first = list.first else { throw DataError(file: source, "empty batch") }
        let atoms = first.atomCount, nnei = sel.reduce(0, +)
        var valid: [Bool] = [], centreRow: [Int] = [], neighbourRow: [Int] = [], rij: [Double] = []
        var neighbourTypes: [Int] = []
        var positions: [Double] = [], dropped = 0
        valid.reserveCapacity(list.count * atoms * nnei)
        for (f, frame) in list.enumerated() {
            guard frame.types == first.types else {
                throw DataError(file: source, "frame \(f) has other atom types than frame 0; a batch needs one system")
            }
            let nl = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: typeCount,
                                             overflow: overflow, frameIndex: f, source: source, typeBlocks: typeBlocks)
            dropped += nl.droppedCount
            positions += frame.positions
            for i in 0..<atoms {
                for s in 0..<nnei {
                    let k = i * nnei + s, j = nl.neighbour[k]
                    centreRow.append(f * atoms + i)
                    neighbourTypes.append(j < 0 ? -1 : frame.types[j])
                    if j < 0 {
                        valid.append(false)
                        neighbourRow.append(f * atoms + i)
                        rij += [2 * rcut, 0, 0]
                    } else {
                        valid.append(true)
                        neighbourRow.append(f * atoms + j)
                        for a in 0..<3 {
                            rij.append(frame.positions[3 * j + a] + nl.shift[3 * k + a] - frame.positions[3 * i + a])
                        }
                    }
                }
            }
        }
        var slotTypes: [Int] = []
        for (t, n) in sel.enumerated() { slotTypes += [Int](repeating: typeBlocks ? t : 0, count: n) }
        return EnvironmentBatch(
            frames: list.count, atoms: atoms, sel: sel,
            centreTypes: (0..<list.count).flatMap { _ in first.types }, slotTypes: slotTypes, typeBlocks: typeBlocks,
            neighbourTypes: neighbourTypes, valid: valid, centreRow: centreRow, neighbourRow: neighbourRow,
            rij: .variable(shape: [list.count * atoms * nnei, 3], scalars: rij),
            centrePositions: Tensor(shape: [list.count * atoms, 3], scalars: positions),
            rcut: rcut, droppedNeighbours: dropped)
    }
}

extension EnvironmentBatch {
    /// The same environments with slots reordered and padded pair vectors replaced: slot s of
    /// the result is slot `order[s]` of this batch (`order` must keep each slot inside its
    /// centre's type block). A model that is a function of the neighbour *set* gives the same
    /// energy and forces for any such reordering and any padding vector beyond r_c.
    public func reordered(slots order: [Int], paddingVector: [Double]? = nil) -> EnvironmentBatch {
        precondition(order.count == valid.count && Set(order).count == order.count, "reordered: not a permutation of the slots")
        precondition(order.indices.allSatisfy { centreRow[order[$0]] == centreRow[$0] && slotTypes[order[$0] % nnei] == slotTypes[$0 % nnei] },
                     "reordered: slots must stay within their centre's type block")
        var vectors = [Double](repeating: 0, count: order.count * 3)
        for (s, old) in order.enumerated() {
            for a in 0..<3 { vectors[3 * s + a] = valid[old] ? rij.scalars[3 * old + a] : (paddingVector?[a] ?? rij.scalars[3 * old + a]) }
        }
        return EnvironmentBatch(frames: frames, atoms: atoms, sel: sel, centreTypes: centreTypes, slotTypes: slotTypes,
                                typeBlocks: typeBlocks, neighbourTypes: order.map { neighbourTypes[$0] }, valid: order.map { valid[$0] }, centreRow: order.map { centreRow[$0] },
                                neighbourRow: order.map { neighbourRow[$0] },
                                rij: .variable(shape: rij.shape, scalars: vectors), centrePositions: centrePositions,
                                rcut: rcut, droppedNeighbours: droppedNeighbours)
    }
}

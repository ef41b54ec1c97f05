/// Padded, type-blocked neighbour list of one frame (spec §2), built with a cell list in O(N).
///
/// Slots: each centre i has nnei = Σ sel slots, split into consecutive blocks
/// `| sel[0] slots: type-0 neighbours | sel[1] slots: type-1 neighbours | … |` (block offsets
/// sec = [0, sel[0], sel[0] + sel[1], …]); with `typeBlocks: false` (attention descriptors, `sel` of
/// one entry) a single block holds neighbours of all types. Inside a block neighbours are sorted by
/// increasing distance and unused slots at the block's end hold −1.
///
/// Neighbours of i are all (owner atom j, lattice image (p, q, s)) with 0 < r_ij < r_c, where
/// r_ij = x_j + shift − x_i, shift = p·a + q·b + s·c, x the frame's positions *as given* (they need
/// not be wrapped into the cell) and a, b, c the cell rows. Periodic images of i itself are
/// neighbours; only (j = i, image (0, 0, 0)) is excluded. Works for any r_c, including r_c larger
/// than half the box (several images of one atom), and for non-periodic frames (image always 0).
///
/// Deviations from DeePMD-kit (spec §2.1–2.3), on purpose:
/// - the cutoff is strict, r_ij < r_c (DeePMD: ≤ r_c); the switch function and s(r) are 0 at r_c, so
///   a neighbour exactly at r_c would contribute nothing anyway;
/// - no extended-atom array is built, so slots store the owner index plus the image instead of an
///   extended index, and distance ties are broken by (owner index, image p, q, s) instead of by
///   extended index;
/// - overflow (more than sel[t] neighbours of one type) throws by default; `.dropFarthest` truncates
///   per type block like DeePMD's C++ path and counts the dropped neighbours;
/// - two atoms closer than 10⁻⁶ Å throw (the environment matrix would divide by zero).
public struct NeighbourList: Equatable, Sendable {
    /// Number of centre atoms, nloc.
    public let atomCount: Int
    /// Slots per block: per neighbour type (type blocks), or one entry (single block). nnei = Σ sel.
    public let sel: [Int]
    /// [nloc, nnei]: local (owner) index j of the neighbour in each slot, −1 = empty slot.
    public let neighbour: [Int]
    /// [nloc, nnei, 3]: Cartesian shift (Å) with r_ij = x[j] + shift − x[i] for the frame's positions
    /// as given; shift = p·a + q·b + s·c for the slot's `image`. 0 for empty slots.
    public let shift: [Double]
    /// [nloc, nnei, 3]: integer lattice image (p, q, s) of the neighbour relative to the *given*
    /// (unwrapped) positions: the neighbour sits at x[j] + p·a + q·b + s·c. It already contains the
    /// wrap offsets: with n = floor(x·h⁻¹), image = (translation between wrapped copies) + n_i − n_j.
    /// 0 for empty slots and for non-periodic frames.
    public let image: [Int32]
    /// [nloc, nnei]: r_ij (Å) per slot, 0 for empty slots.
    public let distance: [Double]
    /// Neighbours dropped by truncation (only with `OverflowPolicy.dropFarthest`, otherwise 0).
    public let droppedCount: Int
    /// Slots per centre, nnei = Σ sel.
    public var nnei: Int { sel.reduce(0, +) }

    init(atomCount: Int, sel: [Int], neighbour: [Int], shift: [Double], image: [Int32],
         distance: [Double], droppedCount: Int) {
        self.atomCount = atomCount
        self.sel = sel
        self.neighbour = neighbour
        self.shift = shift
        self.image = image
        self.distance = distance
        self.droppedCount = droppedCount
    }
}

/// The arrays of a `NeighbourList` while `build` or `bruteForce` fills them: every slot empty
/// (neighbour −1, shift, image and distance 0) until `fill` sets it.
struct NeighbourSlots {
    let atomCount: Int
    let sel: [Int]
    let nnei: Int
    var neighbour: [Int]
    var shift: [Double]
    var image: [Int32]
    var distance: [Double]
    var droppedCount = 0

    init(atomCount: Int, sel: [Int]) {
        self.atomCount = atomCount
        self.sel = sel
        nnei = sel.reduce(0, +)
        neighbour = [Int](repeating: -1, count: atomCount * nnei)
        shift = [Double](repeating: 0, count: atomCount * nnei * 3)
        image = [Int32](repeating: 0, count: atomCount * nnei * 3)
        distance = [Double](repeating: 0, count: atomCount * nnei)
    }

    /// Puts neighbour `atom` (lattice `image`, Cartesian `shift` in Å, `distance` in Å) into slot
    /// `slot` (0..<nnei, block offset included) of centre `centre`.
    @inline(__always)
    mutating func fill(_ centre: Int, _ slot: Int, atom: Int, image: SIMD3<Int32>, shift: SIMD3<Double>,
                       distance: Double) {
        let s = centre * nnei + slot
        neighbour[s] = atom
        self.distance[s] = distance
        for k in 0..<3 {
            self.shift[3 * s + k] = shift[k]
            self.image[3 * s + k] = image[k]
        }
    }

    var list: NeighbourList {
        NeighbourList(atomCount: atomCount, sel: sel, neighbour: neighbour, shift: shift, image: image,
                      distance: distance, droppedCount: droppedCount)
    }
}

/// What to do when a centre has more neighbours in a block than the block's sel.
public enum OverflowPolicy: String, CaseIterable, Codable, Sendable {
    /// Throw a `DataError` naming frame, atom, type, count and sel (default; safe for testing).
    case error
    /// Keep the sel[t] nearest, drop the rest and count them in `NeighbourList.droppedCount`
    /// (DeePMD's behaviour; makes the energy discontinuous).
    case dropFarthest = "drop-farthest"
}

extension NeighbourList {
    /// Builds the padded neighbour list of `frame` (see the type's documentation).
    ///
    /// - Parameters:
    ///   - rcut: cutoff r_c (Å), > 0; neighbours satisfy r_ij < r_c.
    ///   - sel: slots per block (≥ 0 each): `typeCount` entries with type blocks, one entry without.
    ///   - typeCount: number of atom types; frame types must lie in 0..<typeCount (ignored, and types
    ///     unchecked, when `typeBlocks` is false).
    ///   - overflow: `.error` (throw) or `.dropFarthest` (truncate per block, count drops).
    ///   - frameIndex, source: where the frame came from, for error messages.
    ///   - typeBlocks: true = one block per neighbour type (se_e2_a); false = one block of all types.
    /// - Throws: `DataError(file: source, …)` for bad sel/types, a degenerate cell, non-finite or
    ///   coincident positions, a non-positive rcut, or (with `.error`) a block overflow.
    public static func build(frame: Frame, rcut: Double, sel: [Int], typeCount: Int,
                             overflow: OverflowPolicy = .error, frameIndex: Int = 0,
                             source: String = "frame", typeBlocks: Bool = true) throws -> NeighbourList {
        let blockOf = try blockIndexer(types: frame.types, sel: sel, typeCount: typeCount,
                                       typeBlocks: typeBlocks, frameIndex: frameIndex, source: source)
        let search = try NeighbourSearch(frame: frame, rcut: rcut, frameIndex: frameIndex, source: source)
        let nloc = frame.atomCount
        var slots = NeighbourSlots(atomCount: nloc, sel: sel)
        var blockStart = [0]
        for s in sel { blockStart.append(blockStart.last! + s) }
        var found: [NeighbourCandidate] = []
        var order: [(distance: Double, index: Int)] = []
        var filled = [Int](repeating: 0, count: sel.count)
        for i in 0..<nloc {
            try search.neighbours(of: i, into: &found)
            // Sort small (distance, index) keys rather than the candidates themselves.
            order.removeAll(keepingCapacity: true)
            for (k, candidate) in found.enumerated() { order.append((candidate.distance, k)) }
            order.sort { u, v in
                u.distance != v.distance ? u.distance < v.distance : NeighbourCandidate.precedes(found[u.index], found[v.index])
            }
            for b in filled.indices { filled[b] = 0 }
            for key in order {
                let candidate = found[key.index]
                let b = blockOf(candidate.atom)
                guard filled[b] < sel[b] else { filled[b] += 1; continue }
                slots.fill(i, blockStart[b] + filled[b], atom: candidate.atom, image: candidate.image,
                           shift: candidate.shift, distance: candidate.distance)
                filled[b] += 1
            }
            for b in sel.indices where filled[b] > sel[b] {
                guard overflow == .dropFarthest else {
                    let what = typeBlocks ? "of type \(b)" : "(all types)"
                    throw DataError(file: source, "frame \(frameIndex), atom \(i): \(filled[b]) neighbours \(what) "
                                    + "within rcut \(rcut) Å exceed sel[\(b)] = \(sel[b]); raise sel or use "
                                    + "overflow policy '\(OverflowPolicy.dropFarthest.rawValue)'")
                }
                slots.droppedCount += filled[b] - sel[b]
            }
        }
        return slots.list
    }

    /// Validates `sel` and the frame's types and returns the block of a neighbour atom (its type, or 0).
    static func blockIndexer(types: [Int], sel: [Int], typeCount: Int, typeBlocks: Bool, frameIndex: Int,
                             source: String) throws -> (Int) -> Int {
        if let bad = sel.first(where: { $0 < 0 }) {
            throw DataError(file: source, "sel \(sel) has a negative entry \(bad)")
        }
        guard typeBlocks else {
            guard sel.count == 1 else {
                throw DataError(file: source, "a single-block neighbour list needs one sel entry, got \(sel)")
            }
            return { _ in 0 }
        }
        guard typeCount > 0 else {
            throw DataError(file: source, "no atom types (empty type map): cannot split neighbours by type")
        }
        guard sel.count == typeCount else {
            throw DataError(file: source, "sel \(sel) has \(sel.count) entries but there are \(typeCount) atom types")
        }
        if let atom = types.firstIndex(where: { $0 < 0 || $0 >= typeCount }) {
            throw DataError(file: source, "frame \(frameIndex), atom \(atom): type \(types[atom]) outside 0..<\(typeCount)")
        }
        return { types[$0] }
    }

    /// Neighbour statistics ("neighbor-stat", spec §2.3): for each type t, the largest number of type-t
    /// neighbours with r_ij < r_c over all atoms of all frames of `dataset` ([typeMap.count] counts).
    /// Use it to choose sel (e.g. with 20–25 % headroom). Throws `DataError` naming the system for bad
    /// types, cells or positions.
    public static func maxNeighbourCounts(dataset: Dataset, rcut: Double) throws -> [Int] {
        let typeCount = dataset.typeMap.count
        var maxima = [Int](repeating: 0, count: typeCount)
        var found: [NeighbourCandidate] = []
        var counts = [Int](repeating: 0, count: typeCount)
        for system in dataset.systems {
            for (f, frame) in system.frames.enumerated() {
                let blockOf = try blockIndexer(types: frame.types, sel: maxima, typeCount: typeCount,
                                               typeBlocks: true, frameIndex: f, source: system.name)
                let search = try NeighbourSearch(frame: frame, rcut: rcut, frameIndex: f, source: system.name)
                for i in 0..<frame.atomCount {
                    try search.neighbours(of: i, into: &found)
                    for t in counts.indices { counts[t] = 0 }
                    for candidate in found { counts[blockOf(candidate.atom)] += 1 }
                    for t in counts.indices { maxima[t] = max(maxima[t], counts[t]) }
                }
            }
        }
        return maxima
    }
}

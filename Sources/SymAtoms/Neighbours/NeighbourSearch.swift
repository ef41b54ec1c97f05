/// One neighbour of a centre atom i: owner atom j, lattice image (p, q, s) and the pair geometry.
/// r_ij = x_j + shift − x_i with shift = p·a + q·b + s·c (`PeriodicCell.latticeShift`), Å.
struct NeighbourCandidate {
    var atom: Int
    var image: SIMD3<Int32>
    var shift: SIMD3<Double>
    var distance: Double

    /// Slot order inside a block: distance, then owner index, then image (p, q, s) lexicographically.
    @inline(__always)
    static func precedes(_ u: NeighbourCandidate, _ v: NeighbourCandidate) -> Bool {
        if u.distance != v.distance { return u.distance < v.distance }
        if u.atom != v.atom { return u.atom < v.atom }
        if u.image.x != v.image.x { return u.image.x < v.image.x }
        if u.image.y != v.image.y { return u.image.y < v.image.y }
        return u.image.z < v.image.z
    }
}

/// Cell-list neighbour search over one frame: validates the frame, wraps it into its cell and
/// enumerates, for each centre, all (owner, image) pairs with 0 < r_ij < r_c except the zero-image
/// self. Positions are used as given (unwrapped); wrapping only sorts atoms into bins.
struct NeighbourSearch {
    let rcut: Double
    let positions: [Double]
    let cell: PeriodicCell?
    /// Wrap offsets n_i = floor(x_i·h⁻¹) ([atoms, 3]; zero when non-periodic).
    let offsets: [Int32]
    let grid: CellList
    let frameIndex: Int
    let source: String

    /// Distances below this (Å) between distinct atoms or images are rejected as coincident atoms.
    static let coincidence = 1e-6

    init(frame: Frame, rcut: Double, frameIndex: Int, source: String) throws {
        guard rcut.isFinite, rcut > 0 else {
            throw DataError(file: source, "frame \(frameIndex): rcut must be positive and finite, got \(rcut)")
        }
        let atoms = frame.atomCount
        guard frame.positions.count == 3 * atoms else {
            throw DataError(file: source, "frame \(frameIndex): \(frame.positions.count) coordinates for \(atoms) atoms")
        }
        if let bad = frame.positions.firstIndex(where: { !$0.isFinite }) {
            throw DataError(file: source, "frame \(frameIndex), atom \(bad / 3): non-finite coordinate")
        }
        self.rcut = rcut
        self.frameIndex = frameIndex
        self.source = source
        positions = frame.positions
        if let h = frame.cell {
            let cell = try PeriodicCell(h, source: source, frameIndex: frameIndex)
            let (wrapped, offsets) = try cell.wrap(frame.positions, source: source, frameIndex: frameIndex)
            self.cell = cell
            self.offsets = offsets
            grid = CellList(fractional: cell.fractional(wrapped), faceDistances: cell.faceDistances,
                            rcut: rcut, periodic: true)
        } else {
            // Bounding box [lo, lo + span] with span ≥ r_c per axis (an orthogonal "cell" without images).
            var lo = SIMD3<Double>(repeating: .infinity), hi = SIMD3<Double>(repeating: -.infinity)
            for atom in 0..<atoms {
                let r = SIMD3(frame.positions[3 * atom], frame.positions[3 * atom + 1], frame.positions[3 * atom + 2])
                lo = pointwiseMin(lo, r)
                hi = pointwiseMax(hi, r)
            }
            if atoms == 0 { lo = .zero; hi = .zero }
            let span = pointwiseMax(hi - lo, SIMD3(repeating: rcut))
            var fractional = frame.positions
            for atom in 0..<atoms { for k in 0..<3 { fractional[3 * atom + k] = (fractional[3 * atom + k] - lo[k]) / span[k] } }
            cell = nil
            offsets = [Int32](repeating: 0, count: 3 * atoms)
            grid = CellList(fractional: fractional, faceDistances: [span.x, span.y, span.z], rcut: rcut, periodic: false)
        }
    }

    /// Replaces `buffer` with the neighbours of `centre` (unsorted): every (j, image) with
    /// 0 < ‖x_j + image·h − x_i‖ < r_c, excluding j = i with image (0, 0, 0). Throws when two distinct
    /// atoms (or an atom and its own image) are closer than `coincidence`.
    func neighbours(of centre: Int, into buffer: inout [NeighbourCandidate]) throws {
        buffer.removeAll(keepingCapacity: true)
        let ni = (p: offsets[3 * centre], q: offsets[3 * centre + 1], s: offsets[3 * centre + 2])
        try positions.withUnsafeBufferPointer { x in
            try grid.forEachCandidate(near: centre) { j, translation in
                var (p, q, s): (Int32, Int32, Int32) = (0, 0, 0)
                var shift = (x: 0.0, y: 0.0, z: 0.0)
                if let cell {
                    p = translation.p + ni.p - offsets[3 * j]
                    q = translation.q + ni.q - offsets[3 * j + 1]
                    s = translation.s + ni.s - offsets[3 * j + 2]
                    shift = cell.shiftComponents(p, q, s)
                }
                if j == centre && p == 0 && q == 0 && s == 0 { return }
                let d = pairDistance(x, centre: centre, neighbour: j, shift: shift)
                guard d < rcut else { return }
                guard d >= Self.coincidence else {
                    throw DataError(file: source, "frame \(frameIndex): atom \(centre) and atom \(j) "
                                    + "(image \(p) \(q) \(s)) coincide (distance \(d) Å)")
                }
                buffer.append(NeighbourCandidate(atom: j, image: SIMD3(p, q, s), shift: SIMD3(shift.x, shift.y, shift.z),
                                                 distance: d))
            }
        }
    }
}

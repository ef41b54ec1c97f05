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
    /// Positions wrapped into the cell (x − n·h), or the given positions when non-periodic ([atoms, 3], Å).
    let wrapped: [Double]
    /// `wrapped` in bin order (row `slot` holds atom `grid.binAtoms[slot]`), so a bin's atoms are
    /// contiguous in memory during screening.
    let binned: [Double]
    /// Screening tolerance (Å) covering the round-off between wrapped and given coordinates:
    /// 10⁻⁹·(r_c + largest |coordinate| + cell size).
    let screenMargin: Double
    let cell: PeriodicCell?
    /// The cell rows (zero when non-periodic).
    let basis: LatticeBasis
    /// Wrap offsets n_i = floor(x_i·h⁻¹) ([atoms, 3]; zero when non-periodic).
    let offsets: [Int32]
    let grid: CellList
    let frameIndex: Int
    let source: String

    /// Distances below this (Å) between distinct atoms or images are rejected as coincident atoms.
    static let coincidence = 1e-6

    /// Throws unless the cutoff is positive and finite (Å).
    static func checkCutoff(_ rcut: Double, frameIndex: Int, source: String) throws {
        guard rcut.isFinite, rcut > 0 else {
            throw DataError(file: source, "frame \(frameIndex): rcut must be positive and finite, got \(rcut)")
        }
    }

    /// The error for atom `centre` and atom `j` (at lattice `image`) closer than `coincidence`.
    static func coincidenceError(_ centre: Int, _ j: Int, image: (p: Int32, q: Int32, s: Int32), distance: Double,
                                 frameIndex: Int, source: String) -> DataError {
        DataError(file: source, "frame \(frameIndex): atom \(centre) and atom \(j) "
                  + "(image \(image.p) \(image.q) \(image.s)) coincide (distance \(distance) Å)")
    }

    init(frame: Frame, rcut: Double, frameIndex: Int, source: String) throws {
        try Self.checkCutoff(rcut, frameIndex: frameIndex, source: source)
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
            basis = cell.basis
            self.offsets = offsets
            self.wrapped = wrapped
            screenMargin = 1e-9 * (rcut + (frame.positions.map(abs).max() ?? 0) + h.map(abs).reduce(0, +))
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
            basis = .zero
            offsets = [Int32](repeating: 0, count: 3 * atoms)
            wrapped = frame.positions
            screenMargin = 1e-9 * (rcut + (frame.positions.map(abs).max() ?? 0))
            grid = CellList(fractional: fractional, faceDistances: [span.x, span.y, span.z], rcut: rcut, periodic: false)
        }
        var binned = [Double](repeating: 0, count: 3 * atoms)
        for (slot, atom) in grid.binAtoms.enumerated() { for k in 0..<3 { binned[3 * slot + k] = wrapped[3 * atom + k] } }
        self.binned = binned
    }

    /// Replaces `buffer` with the neighbours of `centre` (unsorted): every (j, image) with
    /// 0 < ‖x_j + image·h − x_i‖ < r_c, excluding j = i with image (0, 0, 0). Throws when two distinct
    /// atoms (or an atom and its own image) are closer than `coincidence`.
    ///
    /// Each bin's atoms are first screened with the wrapped coordinates (one lattice translation per
    /// bin, squared distance against (r_c + `screenMargin`)²); survivors get the exact test on the
    /// positions as given, the same formula (`pairDistance`) as the brute-force reference.
    func neighbours(of centre: Int, into buffer: inout [NeighbourCandidate]) throws {
        buffer.removeAll(keepingCapacity: true)
        let ni = (p: offsets[3 * centre], q: offsets[3 * centre + 1], s: offsets[3 * centre + 2])
        let screen = (rcut + screenMargin) * (rcut + screenMargin)
        try positions.withUnsafeBufferPointer { x in
            try binned.withUnsafeBufferPointer { b in
              try wrapped.withUnsafeBufferPointer { w in
                try grid.binAtoms.withUnsafeBufferPointer { binAtoms in
                    try grid.forEachBin(near: centre) { slots, translation in
                        let t = basis.shift(translation.p, translation.q, translation.s)
                        let cx = w[3 * centre] - t.x, cy = w[3 * centre + 1] - t.y, cz = w[3 * centre + 2] - t.z
                        for slot in slots {
                            let dx = b[3 * slot] - cx, dy = b[3 * slot + 1] - cy, dz = b[3 * slot + 2] - cz
                            guard dx * dx + dy * dy + dz * dz < screen else { continue }
                            try exactTest(x, centre, ni, binAtoms[slot], translation, into: &buffer)
                        }
                    }
                }
              }
            }
        }
    }

    /// The exact neighbour test of (j, translation L) for `centre`: image = L + n_i − n_j, distance
    /// from the given positions; appends to `buffer` when 0 < r < r_c and not the zero-image self.
    @inline(__always)
    private func exactTest(_ x: UnsafeBufferPointer<Double>, _ centre: Int, _ ni: (p: Int32, q: Int32, s: Int32),
                           _ j: Int, _ translation: (p: Int32, q: Int32, s: Int32),
                           into buffer: inout [NeighbourCandidate]) throws {
        // Non-periodic: translation, offsets and basis are all zero, so image and shift are 0.
        let p = translation.p + ni.p - offsets[3 * j]
        let q = translation.q + ni.q - offsets[3 * j + 1]
        let s = translation.s + ni.s - offsets[3 * j + 2]
        let shift = basis.shift(p, q, s)
        if j == centre && p == 0 && q == 0 && s == 0 { return }
        let d = pairDistance(x, centre: centre, neighbour: j, shift: shift)
        guard d < rcut else { return }
        guard d >= Self.coincidence else {
            throw Self.coincidenceError(centre, j, image: (p, q, s), distance: d, frameIndex: frameIndex, source: source)
        }
        buffer.append(NeighbourCandidate(atom: j, image: SIMD3(p, q, s), shift: SIMD3(shift.x, shift.y, shift.z),
                                         distance: d))
    }
}

import SymAtoms

/// Brute-force neighbour search of the reference oracle (spec §2): every atom in every periodic image
/// that can lie within the cutoff is examined; nothing clever, so it can be trusted.
extension ReferenceSeA {
    /// A neighbour of a centre atom: which atom (any periodic image of it) and where it is.
    public struct Neighbour: Equatable, Sendable {
        /// Owner index of the neighbour in the frame (its image shift is folded into `rij`).
        public var atom: Int
        /// Neighbour type.
        public var type: Int
        /// r_ij = r_j (+ image shift) − r_i, [3], Å.
        public var rij: [Double]
        /// |r_ij|, Å.
        public var distance: Double
    }

    /// One of the nnei slots of a centre atom: a neighbour, or padding (`neighbour == nil`).
    public struct Slot: Equatable, Sendable {
        /// The neighbour in this slot; nil for a padded (empty) slot.
        public var neighbour: Neighbour?
        /// True when the slot holds a neighbour.
        public var isValid: Bool { neighbour != nil }
        /// Neighbour type, −1 for padding (the fixture convention).
        public var type: Int { neighbour?.type ?? -1 }
        /// r_ij [3] (Å); zeros for padding.
        public var rij: [Double] { neighbour?.rij ?? [0, 0, 0] }
        /// |r_ij| (Å); 0 for padding.
        public var distance: Double { neighbour?.distance ?? 0 }
    }

    /// Reciprocal vectors of the cell rows a, b, c: row k is (a_l × a_m)/V (k, l, m cyclic),
    /// so the fractional coordinate f_k = r · recip_k, and 1/|recip_k| is the distance between the
    /// two cell faces spanned by a_l, a_m. Row-major [3, 3]. `cell` is row-major [3, 3], rows a, b, c.
    public static func reciprocalRows(_ cell: [Double]) -> [Double] {
        precondition(cell.count == 9, "cell must have 9 entries")
        func row(_ k: Int) -> [Double] { [cell[3 * k], cell[3 * k + 1], cell[3 * k + 2]] }
        func cross(_ u: [Double], _ v: [Double]) -> [Double] {
            [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
        }
        let (a, b, c) = (row(0), row(1), row(2))
        let bc = cross(b, c), ca = cross(c, a), ab = cross(a, b)
        let volume = a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2]
        precondition(volume != 0, "cell is singular")
        return (bc + ca + ab).map { $0 / volume }
    }

    /// Positions wrapped into the cell, [atoms, 3] (Å): f = r·h⁻¹, f ← f − ⌊f⌋, r ← f·h (spec §2.1).
    /// Non-periodic frames are returned unchanged.
    public static func wrappedPositions(_ frame: Frame) -> [Double] {
        guard let cell = frame.cell else { return frame.positions }
        let recip = reciprocalRows(cell)
        var out = frame.positions
        for i in 0..<frame.atomCount {
            var f = [0.0, 0.0, 0.0]
            for k in 0..<3 {
                var s = 0.0
                for a in 0..<3 { s += frame.positions[3 * i + a] * recip[3 * k + a] }
                f[k] = s - s.rounded(.down)
            }
            for a in 0..<3 {
                out[3 * i + a] = f[0] * cell[a] + f[1] * cell[3 + a] + f[2] * cell[6 + a]
            }
        }
        return out
    }

    /// Image layers per cell direction: n_k = ⌈cutoff / d_k⌉ with d_k the face-to-face distance.
    /// Enough for wrapped positions (fractional differences lie in (−1, 1)); [0, 0, 0] without a cell.
    public static func imageLayers(_ frame: Frame, cutoff: Double) -> [Int] {
        guard let cell = frame.cell else { return [0, 0, 0] }
        let recip = reciprocalRows(cell)
        return (0..<3).map { k in
            let norm = (recip[3 * k] * recip[3 * k] + recip[3 * k + 1] * recip[3 * k + 1]
                        + recip[3 * k + 2] * recip[3 * k + 2]).squareRoot()
            return Int((cutoff * norm).rounded(.up))
        }
    }

    /// All neighbours of atom `centre` with distance < `cutoff`, over all periodic images of all
    /// atoms (the centre itself is excluded only at zero shift), in a fixed order
    /// (atom, then image shift). Uses wrapped positions, so the image count of `imageLayers` suffices.
    public static func neighbours(of centre: Int, in frame: Frame, cutoff: Double) -> [Neighbour] {
        let x = wrappedPositions(frame)
        return neighbours(of: centre, wrapped: x, frame: frame, cutoff: cutoff,
                          layers: imageLayers(frame, cutoff: cutoff))
    }

    /// As `neighbours(of:in:cutoff:)` with the wrapped positions and image layers precomputed.
    static func neighbours(of centre: Int, wrapped x: [Double], frame: Frame, cutoff: Double,
                           layers n: [Int]) -> [Neighbour] {
        let cell = frame.cell ?? Array(repeating: 0, count: 9)
        var found: [Neighbour] = []
        for j in 0..<frame.atomCount {
            for na in -n[0]...n[0] {
                for nb in -n[1]...n[1] {
                    for nc in -n[2]...n[2] {
                        if j == centre && na == 0 && nb == 0 && nc == 0 { continue }
                        // image of j = x_j + na·a + nb·b + nc·c; r_ij = image − x_i
                        let (fa, fb, fc) = (Double(na), Double(nb), Double(nc))
                        let dx = x[3 * j] + fa * cell[0] + fb * cell[3] + fc * cell[6] - x[3 * centre]
                        let dy = x[3 * j + 1] + fa * cell[1] + fb * cell[4] + fc * cell[7] - x[3 * centre + 1]
                        let dz = x[3 * j + 2] + fa * cell[2] + fb * cell[5] + fc * cell[8] - x[3 * centre + 2]
                        let r = (dx * dx + dy * dy + dz * dz).squareRoot()
                        if r < cutoff {
                            found.append(Neighbour(atom: j, type: frame.types[j], rij: [dx, dy, dz], distance: r))
                        }
                    }
                }
            }
        }
        return found
    }

    /// The nnei = Σ sel slots of atom `centre` in DeePMD order (spec §2.2): block t holds the type-t
    /// neighbours with r < rcut sorted by increasing distance, then padding. Exact distance ties are
    /// broken by search order (atom index, then image shift); DeePMD's own tie order is unspecified
    /// (it uses an unstable sort), which matters only for slot-by-slot dumps and for truncation.
    /// A type with more than sel[t] neighbours keeps the nearest sel[t] (per-type truncation, §2.3).
    public static func slots(of centre: Int, in frame: Frame, parameters p: SeAParameters) -> [Slot] {
        slots(of: centre, wrapped: wrappedPositions(frame), frame: frame, parameters: p,
              layers: imageLayers(frame, cutoff: p.rcut))
    }

    /// The slots of every atom, [atoms][nnei].
    public static func slots(in frame: Frame, parameters p: SeAParameters) -> [[Slot]] {
        let x = wrappedPositions(frame)
        let layers = imageLayers(frame, cutoff: p.rcut)
        return (0..<frame.atomCount).map {
            slots(of: $0, wrapped: x, frame: frame, parameters: p, layers: layers)
        }
    }

    /// Number of neighbours per type with r < rcut (before truncation to sel), [ntypes].
    public static func neighbourCounts(of centre: Int, in frame: Frame, parameters p: SeAParameters) -> [Int] {
        var counts = Array(repeating: 0, count: p.ntypes)
        for nb in neighbours(of: centre, in: frame, cutoff: p.rcut) { counts[nb.type] += 1 }
        return counts
    }

    static func slots(of centre: Int, wrapped x: [Double], frame: Frame, parameters p: SeAParameters,
                      layers: [Int]) -> [Slot] {
        let found = neighbours(of: centre, wrapped: x, frame: frame, cutoff: p.rcut, layers: layers)
        var result: [Slot] = []
        for t in 0..<p.ntypes {
            // (distance, search position) makes the order total, hence deterministic.
            let block = found.indices.filter { found[$0].type == t }.sorted {
                (found[$0].distance, $0) < (found[$1].distance, $1)
            }
            for k in 0..<p.sel[t] {
                result.append(Slot(neighbour: k < block.count ? found[block[k]] : nil))
            }
        }
        return result
    }
}

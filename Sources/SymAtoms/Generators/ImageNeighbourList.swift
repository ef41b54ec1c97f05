/// Every neighbour of every atom within a cutoff, with periodic images, for the reference potentials
/// of the dataset generators (spec §2.1). Brute force, O(N² · images): meant for the small cells
/// (tens to a few hundred atoms) the built-in generators simulate, not for training.
///
/// Periodic cells: fractional coordinates are wrapped into [0, 1), then every image shift
/// σ = (p, q, s) with |p| ≤ n_a, |q| ≤ n_b, |s| ≤ n_c, n_k = ceil(r_c / d_k), is tried, where d_k is
/// the face-to-face distance of the cell along k. Images of an atom itself are neighbours (small
/// cells); only the zero-shift self entry is excluded. Non-periodic (`cell == nil`): plain pairs.
///
/// The list is "full": the pair (i, j) appears once under i and once under j (with opposite vectors).
struct ImageNeighbourList {
    /// Entries of centre i are `start[i] ..< start[i + 1]`; `start.count == atoms + 1`.
    var start: [Int]
    /// Owner (local atom index) of each entry.
    var neighbour: [Int]
    /// Pair vector r_ij = r_j(+shift) − r_i of each entry, row-major [entries, 3], Å.
    var vector: [Double]
    /// |r_ij| of each entry, Å.
    var distance: [Double]

    /// Builds the list for `positions` (row-major [atoms, 3], Å) in `cell` (rows = lattice vectors,
    /// Å; nil = non-periodic). Pairs with distance < `cutoff` are kept.
    init(positions: [Double], cell: [Double]?, cutoff: Double) {
        let n = positions.count / 3
        precondition(positions.count == 3 * n, "positions must hold 3 numbers per atom")
        start = [0]
        start.reserveCapacity(n + 1)
        neighbour = []
        vector = []
        distance = []
        let rc2 = cutoff * cutoff
        guard let cell else {
            for i in 0..<n {
                for j in 0..<n where j != i {
                    let d = (positions[3 * j] - positions[3 * i], positions[3 * j + 1] - positions[3 * i + 1],
                             positions[3 * j + 2] - positions[3 * i + 2])
                    append(j, d, rc2)
                }
                start.append(neighbour.count)
            }
            return
        }
        precondition(cell.count == 9, "cell must hold 9 numbers")
        let geometry = ImageCellGeometry(cell)
        let wrapped = geometry.wrap(positions)
        let shifts = geometry.imageShifts(cutoff: cutoff)
        for i in 0..<n {
            for j in 0..<n {
                let d0 = (wrapped[3 * j] - wrapped[3 * i], wrapped[3 * j + 1] - wrapped[3 * i + 1],
                          wrapped[3 * j + 2] - wrapped[3 * i + 2])
                for (k, s) in shifts.enumerated() where !(j == i && k == 0) {
                    append(j, (d0.0 + s.0, d0.1 + s.1, d0.2 + s.2), rc2)
                }
            }
            start.append(neighbour.count)
        }
    }

    private mutating func append(_ j: Int, _ d: (Double, Double, Double), _ rc2: Double) {
        let r2 = d.0 * d.0 + d.1 * d.1 + d.2 * d.2
        guard r2 < rc2 else { return }
        neighbour.append(j)
        vector.append(d.0); vector.append(d.1); vector.append(d.2)
        distance.append(r2.squareRoot())
    }
}

/// Cell helpers: rows a, b, c of h (Å), volume, face distances, fractional ↔ Cartesian (row vectors).
struct ImageCellGeometry {
    let a: (Double, Double, Double), b: (Double, Double, Double), c: (Double, Double, Double)
    /// Reciprocal rows b×c/V, c×a/V, a×b/V: the columns of h⁻¹.
    let ra: (Double, Double, Double), rb: (Double, Double, Double), rc: (Double, Double, Double)
    /// Signed volume a·(b×c), Å³.
    let volume: Double

    init(_ h: [Double]) {
        a = (h[0], h[1], h[2]); b = (h[3], h[4], h[5]); c = (h[6], h[7], h[8])
        let bc = Self.cross(b, c), ca = Self.cross(c, a), ab = Self.cross(a, b)
        volume = Self.dot(a, bc)
        precondition(volume != 0, "cell is singular")
        ra = (bc.0 / volume, bc.1 / volume, bc.2 / volume)
        rb = (ca.0 / volume, ca.1 / volume, ca.2 / volume)
        rc = (ab.0 / volume, ab.1 / volume, ab.2 / volume)
    }

    /// Face-to-face distances d_a, d_b, d_c = 1 / |row of h⁻ᵀ| (Å).
    var faceDistances: (Double, Double, Double) {
        (1 / Self.dot(ra, ra).squareRoot(), 1 / Self.dot(rb, rb).squareRoot(),
         1 / Self.dot(rc, rc).squareRoot())
    }

    /// Fractional coordinates f = r · h⁻¹.
    func fractional(_ x: Double, _ y: Double, _ z: Double) -> (Double, Double, Double) {
        let r = (x, y, z)
        return (Self.dot(r, ra), Self.dot(r, rb), Self.dot(r, rc))
    }

    /// Cartesian r = f · h.
    func cartesian(_ f: (Double, Double, Double)) -> (Double, Double, Double) {
        (f.0 * a.0 + f.1 * b.0 + f.2 * c.0, f.0 * a.1 + f.1 * b.1 + f.2 * c.1,
         f.0 * a.2 + f.1 * b.2 + f.2 * c.2)
    }

    /// Positions (row-major [atoms, 3]) moved into the cell: fractional coordinates in [0, 1).
    func wrap(_ positions: [Double]) -> [Double] {
        var out = positions
        for i in 0..<(positions.count / 3) {
            var f = fractional(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2])
            f = (f.0 - f.0.rounded(.down), f.1 - f.1.rounded(.down), f.2 - f.2.rounded(.down))
            let r = cartesian(f)
            out[3 * i] = r.0; out[3 * i + 1] = r.1; out[3 * i + 2] = r.2
        }
        return out
    }

    /// Cartesian shift vectors σ·h for |σ_k| ≤ ceil(cutoff / d_k), the zero shift first.
    func imageShifts(cutoff: Double) -> [(Double, Double, Double)] {
        let d = faceDistances
        let na = Int((cutoff / d.0).rounded(.up)), nb = Int((cutoff / d.1).rounded(.up))
        let nc = Int((cutoff / d.2).rounded(.up))
        var shifts = [cartesian((0, 0, 0))]
        for p in -na...na {
            for q in -nb...nb {
                for s in -nc...nc where !(p == 0 && q == 0 && s == 0) {
                    shifts.append(cartesian((Double(p), Double(q), Double(s))))
                }
            }
        }
        return shifts
    }

    typealias Vector3 = (Double, Double, Double)

    static func cross(_ u: Vector3, _ v: Vector3) -> Vector3 {
        (u.1 * v.2 - u.2 * v.1, u.2 * v.0 - u.0 * v.2, u.0 * v.1 - u.1 * v.0)
    }

    static func dot(_ u: Vector3, _ v: Vector3) -> Double {
        u.0 * v.0 + u.1 * v.1 + u.2 * v.2
    }
}

/// Linked-cell grid (bins) for O(N) neighbour search, in fractional coordinates of a periodic cell
/// or of the bounding box of a non-periodic frame.
///
/// Geometry: axis k of the domain is cut into `binsPerAxis[k]` = nb_k slabs of equal fractional
/// width 1/nb_k. Fractional coordinate f_k changes by ‖Δr‖/d_k at most when a point moves by Δr
/// (d_k = face distance of the domain), so two points closer than r_c lie at most
/// m_k = ceil(r_c·nb_k/d_k) bins apart along k (`reach`). nb_k = floor(2·d_k / (r_c·(1 + 2·10⁻⁹)))
/// (at least 1) makes every bin at least r_c/2 thick, hence m_k = 2 (a 5×5×5 block of bins); a cell
/// thinner than r_c gets nb_k = 1 and m_k = ceil(r_c/d_k) = n_k, i.e. all image layers of spec §2.1.
/// The tiny margin absorbs round-off of the fractional coordinates. The grid holds each real atom once; periodic
/// images are visited implicitly by wrapping bin indices (bin t ≥ nb_k is bin t − nb_k of the next
/// cell, lattice translation +1), so no extended atom array is built.
///
/// The number of bins is capped at max(27, 2·atoms) (fewer, thicker bins stay correct), so a huge
/// cell or a sparse non-periodic frame never allocates a huge grid.
struct CellList {
    /// Bins per axis, nb_k ≥ 1.
    let binsPerAxis: SIMD3<Int>
    /// Bin offsets searched per axis, m_k ≥ 1 (2 for bins of r_c/2).
    let reach: SIMD3<Int>
    /// Whether bin indices wrap around (periodic cell) or stop at the domain's edge.
    let periodic: Bool
    /// Atoms of bin b are `binAtoms[binStart[b]..<binStart[b + 1]]`, in increasing atom order.
    let binStart: [Int]
    let binAtoms: [Int]
    /// Bin coordinates of each atom.
    let atomBin: [SIMD3<Int>]

    /// Bins `fractional` coordinates ([atoms, 3], expected in [0, 1] up to round-off; values
    /// outside are clamped to the edge bins) of a domain with face distances `faceDistances` (Å).
    init(fractional: [Double], faceDistances: [Double], rcut: Double, periodic: Bool) {
        precondition(rcut > 0 && faceDistances.count == 3 && fractional.count % 3 == 0)
        let atoms = fractional.count / 3
        var nb = SIMD3<Int>(1, 1, 1)
        for k in 0..<3 {
            let fit = (faceDistances[k] * Double(Self.subdivisions) / (rcut * (1 + 2e-9))).rounded(.down)
            nb[k] = Int(min(max(fit, 1), Double(1 << 20)))
        }
        let limit = max(27, 2 * atoms)
        while nb.x * nb.y * nb.z > limit {
            let k = nb.x >= nb.y && nb.x >= nb.z ? 0 : (nb.y >= nb.z ? 1 : 2)
            nb[k] = max(1, nb[k] / 2)
        }
        var reach = SIMD3<Int>(1, 1, 1)
        for k in 0..<3 {
            let binWidth = faceDistances[k] / Double(nb[k])
            reach[k] = max(1, Int((rcut * (1 + 1e-9) / binWidth).rounded(.up)))
        }
        var atomBin = [SIMD3<Int>](repeating: .zero, count: atoms)
        var counts = [Int](repeating: 0, count: nb.x * nb.y * nb.z + 1)
        for atom in 0..<atoms {
            var b = SIMD3<Int>.zero
            for k in 0..<3 {
                let scaled = (fractional[3 * atom + k] * Double(nb[k])).rounded(.down)
                b[k] = Int(min(max(scaled, 0), Double(nb[k] - 1)))
            }
            atomBin[atom] = b
            counts[Self.flat(b, nb) + 1] += 1
        }
        for b in 0..<(counts.count - 1) { counts[b + 1] += counts[b] }
        var fill = counts
        var binAtoms = [Int](repeating: 0, count: atoms)
        for atom in 0..<atoms {
            let b = Self.flat(atomBin[atom], nb)
            binAtoms[fill[b]] = atom
            fill[b] += 1
        }
        binsPerAxis = nb
        self.reach = reach
        self.periodic = periodic
        binStart = counts
        self.binAtoms = binAtoms
        self.atomBin = atomBin
    }

    /// Bins per cutoff length: bins are at least r_c/2 thick and the search reaches 2 bins each way,
    /// a 5×5×5 block of volume (2.5 r_c)³ instead of 3×3×3 bins of (3 r_c)³: fewer candidates.
    static let subdivisions = 2

    @inline(__always)
    static func flat(_ b: SIMD3<Int>, _ nb: SIMD3<Int>) -> Int { (b.x * nb.y + b.y) * nb.z + b.z }

    /// Calls `body(j, L)` for every atom j and lattice translation L (zero when not periodic) such that
    /// atom j translated by L lies in a bin within `reach` of the centre's bin. Every (j, L) comes at
    /// most once, and every pair closer than r_c (in the wrapped frame) comes; the centre itself
    /// comes too (with L = 0 among others), the caller filters by distance and self.
    func forEachCandidate(near centre: Int, _ body: (Int, (p: Int32, q: Int32, s: Int32)) throws -> Void) rethrows {
        try forEachBin(near: centre) { slots, translation in
            for slot in slots { try body(binAtoms[slot], translation) }
        }
    }

    /// `forEachCandidate` one bin at a time: `body(slots, L)` with the bin's atoms
    /// `binAtoms[slots]`, all translated by L.
    @inline(__always)
    func forEachBin(near centre: Int, _ body: (Range<Int>, (p: Int32, q: Int32, s: Int32)) throws -> Void) rethrows {
        let home = atomBin[centre]
        let nb = binsPerAxis
        for ox in -reach.x...reach.x {
            guard let (cx, lx) = wrapAxis(home.x + ox, nb.x) else { continue }
            for oy in -reach.y...reach.y {
                guard let (cy, ly) = wrapAxis(home.y + oy, nb.y) else { continue }
                for oz in -reach.z...reach.z {
                    guard let (cz, lz) = wrapAxis(home.z + oz, nb.z) else { continue }
                    let b = Self.flat(SIMD3(cx, cy, cz), nb)
                    if binStart[b] < binStart[b + 1] {
                        try body(binStart[b]..<binStart[b + 1], (p: Int32(lx), q: Int32(ly), s: Int32(lz)))
                    }
                }
            }
        }
    }

    /// Bin index t along an axis with nb bins → (bin in 0..<nb, lattice translation), or nil when
    /// t is outside a non-periodic domain.
    @inline(__always)
    private func wrapAxis(_ t: Int, _ nb: Int) -> (Int, Int)? {
        if periodic {
            let l = t >= 0 ? t / nb : -((-t + nb - 1) / nb)
            return (t - l * nb, l)
        }
        return t >= 0 && t < nb ? (t, 0) : nil
    }
}

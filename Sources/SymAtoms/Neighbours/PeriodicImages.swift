/// A periodic cell and the geometry neighbour search needs from it (spec §2.1).
///
/// The cell matrix h is row-major [3, 3] with rows the lattice vectors a, b, c (Å). A Cartesian
/// position r (row vector) has fractional coordinates f = r·h⁻¹, and r = f·h. Volume V = |det h|;
/// face-to-face distances d_a = V/‖b×c‖, d_b = V/‖c×a‖, d_c = V/‖a×b‖ (Å). Spheres of radius r_c
/// around atoms of the cell meet only the image layers |p| ≤ n_a, |q| ≤ n_b, |s| ≤ n_c with
/// n_k = ceil(r_c / d_k), which is correct for any r_c, including r_c larger than half the box.
public struct PeriodicCell: Equatable, Sendable {
    /// Cell matrix h, row-major [3, 3], rows a, b, c (Å).
    public let matrix: [Double]
    /// Inverse h⁻¹, row-major [3, 3] (1/Å), so that f = r·h⁻¹ for a row vector r.
    public let inverse: [Double]
    /// Volume V = |a·(b×c)| (Å³).
    public let volume: Double
    /// Face-to-face distances [d_a, d_b, d_c] (Å): d_a = V/‖b×c‖, d_b = V/‖c×a‖, d_c = V/‖a×b‖.
    public let faceDistances: [Double]

    /// Checks and prepares the cell `matrix` (row-major [3, 3], rows a, b, c, Å).
    ///
    /// Throws `DataError(file: source, …)` naming the cell (and `frameIndex` when given) when it
    /// does not have 9 finite entries or is degenerate: V ≤ 1e-10·‖a‖‖b‖‖c‖ (coplanar or zero
    /// lattice vectors) or not invertible.
    public init(_ matrix: [Double], source: String, frameIndex: Int? = nil) throws {
        let prefix = frameIndex.map { "frame \($0): " } ?? ""
        guard matrix.count == 9 else {
            throw DataError(file: source, "\(prefix)cell has \(matrix.count) numbers, expected 9 (rows a, b, c)")
        }
        guard matrix.allSatisfy({ $0.isFinite }) else {
            throw DataError(file: source, "\(prefix)cell has a non-finite entry: \(matrix)")
        }
        let a = Self.row(matrix, 0), b = Self.row(matrix, 1), c = Self.row(matrix, 2)
        let bc = Self.cross(b, c), ca = Self.cross(c, a), ab = Self.cross(a, b)
        let volume = abs(Self.determinant(matrix))
        let scale = Self.norm(a) * Self.norm(b) * Self.norm(c)
        guard volume > 1e-10 * scale, volume > 0, let inverse = DenseLinearAlgebra.inverse3(matrix) else {
            throw DataError(file: source, "\(prefix)cell is degenerate (volume \(volume) Å³, rows \(matrix))")
        }
        self.matrix = matrix
        self.inverse = inverse
        self.volume = volume
        faceDistances = [volume / Self.norm(bc), volume / Self.norm(ca), volume / Self.norm(ab)]
    }

    /// The signed determinant det h = a·(b×c) (Å³; negative for a left-handed cell) of a row-major
    /// [3, 3] `matrix` with rows a, b, c, without any check: for volumes and messages about cells that
    /// `init` may reject. |det h| is the cell volume.
    public static func determinant(_ matrix: [Double]) -> Double {
        precondition(matrix.count == 9, "PeriodicCell.determinant needs 9 numbers")
        return dot(row(matrix, 0), cross(row(matrix, 1), row(matrix, 2)))
    }

    /// Image layers per direction, n_k = ceil(r_c / d_k), so the shifts |p| ≤ n_a, |q| ≤ n_b,
    /// |s| ≤ n_c reach every point within `rcut` (Å) of the cell.
    public func imageLayers(rcut: Double) -> [Int] {
        faceDistances.map { Int((rcut / $0).rounded(.up)) }
    }

    /// Fractional coordinates f = r·h⁻¹ of row-major positions [atoms, 3] (Å) → [atoms, 3].
    public func fractional(_ positions: [Double]) -> [Double] {
        DenseLinearAlgebra.multiply(positions, rows: positions.count / 3, inner: 3, inverse, columns: 3)
    }

    /// Cartesian coordinates r = f·h of row-major fractional coordinates [atoms, 3] → [atoms, 3] (Å).
    public func cartesian(_ fractional: [Double]) -> [Double] {
        DenseLinearAlgebra.multiply(fractional, rows: fractional.count / 3, inner: 3, matrix, columns: 3)
    }

    /// Wraps positions [atoms, 3] (Å) into the cell: with f = r·h⁻¹ and n = floor(f) per component,
    /// `wrapped` = r − n·h (fractional coordinates in [0, 1) up to round-off) and `offsets` = n
    /// ([atoms, 3] integers, the lattice translation that was removed).
    ///
    /// Throws when a position lies more than 1e9 cells away (the image indices would overflow).
    public func wrap(_ positions: [Double], source: String, frameIndex: Int? = nil) throws
        -> (wrapped: [Double], offsets: [Int32]) {
        let f = fractional(positions)
        var offsets = [Int32](repeating: 0, count: f.count)
        var wrapped = positions
        for atom in 0..<(f.count / 3) {
            for k in 0..<3 {
                let n = f[3 * atom + k].rounded(.down)
                guard abs(n) < 1e9 else {
                    let prefix = frameIndex.map { "frame \($0), " } ?? ""
                    throw DataError(file: source, "\(prefix)atom \(atom): position \(f[3 * atom + k]) cells "
                                    + "away from the cell along lattice vector \(k) (non-finite or absurdly far)")
                }
                offsets[3 * atom + k] = Int32(n)
            }
            let shift = latticeShift(-offsets[3 * atom], -offsets[3 * atom + 1], -offsets[3 * atom + 2])
            for k in 0..<3 { wrapped[3 * atom + k] += shift[k] }
        }
        return (wrapped, offsets)
    }

    /// The lattice vector p·a + q·b + s·c (Å). Neighbour lists compute every shift with this one
    /// formula (`LatticeBasis.shift`), so fast and reference searches produce bit-identical distances.
    public func latticeShift(_ p: Int32, _ q: Int32, _ s: Int32) -> SIMD3<Double> {
        let t = basis.shift(p, q, s)
        return SIMD3(t.x, t.y, t.z)
    }

    /// The rows as nine plain numbers, for hot loops.
    var basis: LatticeBasis { LatticeBasis(matrix) }

    static func row(_ m: [Double], _ i: Int) -> SIMD3<Double> { SIMD3(m[3 * i], m[3 * i + 1], m[3 * i + 2]) }
    static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    }
    static func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { u.x * v.x + u.y * v.y + u.z * v.z }
    static func norm(_ u: SIMD3<Double>) -> Double { dot(u, u).squareRoot() }
}

/// Cell rows a, b, c as plain numbers (no arrays, hence no reference counting in hot loops).
/// `zero` stands for a non-periodic frame, where every shift is 0.
struct LatticeBasis {
    let a: (x: Double, y: Double, z: Double)
    let b: (x: Double, y: Double, z: Double)
    let c: (x: Double, y: Double, z: Double)

    static let zero = LatticeBasis([Double](repeating: 0, count: 9))

    init(_ m: [Double]) {
        a = (m[0], m[1], m[2])
        b = (m[3], m[4], m[5])
        c = (m[6], m[7], m[8])
    }

    /// p·a + q·b + s·c (Å), always evaluated in this order.
    @inline(__always)
    func shift(_ p: Int32, _ q: Int32, _ s: Int32) -> (x: Double, y: Double, z: Double) {
        let dp = Double(p), dq = Double(q), ds = Double(s)
        return (dp * a.x + dq * b.x + ds * c.x, dp * a.y + dq * b.y + ds * c.y, dp * a.z + dq * b.z + ds * c.z)
    }
}

/// The pair distance ‖(x_j + shift) − x_i‖ (Å) from row-major positions [atoms, 3].
/// Both the cell-list and the brute-force neighbour search call this, so their distances agree bit for bit.
@inline(__always)
func pairDistance(_ positions: UnsafeBufferPointer<Double>, centre i: Int, neighbour j: Int,
                  shift: (x: Double, y: Double, z: Double)) -> Double {
    let dx = positions[3 * j] + shift.x - positions[3 * i]
    let dy = positions[3 * j + 1] + shift.y - positions[3 * i + 1]
    let dz = positions[3 * j + 2] + shift.z - positions[3 * i + 2]
    return (dx * dx + dy * dy + dz * dz).squareRoot()
}

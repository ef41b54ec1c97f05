/// Geometry of a 3 x 3 cell h whose rows are the lattice vectors a, b, c (Å), as used by the data
/// checks: determinant, face distances, fractional coordinates (spec §2.1).
struct CellGeometry {
    /// Row-major h: matrix[0..2] = a, [3..5] = b, [6..8] = c.
    let matrix: [Double]

    init(_ matrix: [Double]) {
        precondition(matrix.count == 9, "CellGeometry needs 9 numbers")
        self.matrix = matrix
    }

    var a: SIMD3<Double> { SIMD3(matrix[0], matrix[1], matrix[2]) }
    var b: SIMD3<Double> { SIMD3(matrix[3], matrix[4], matrix[5]) }
    var c: SIMD3<Double> { SIMD3(matrix[6], matrix[7], matrix[8]) }

    /// det h = a · (b × c), Å^3 (negative for a left-handed cell).
    var determinant: Double { Self.dot(a, Self.cross(b, c)) }

    /// Distances between opposite faces, d_a = V/‖b×c‖, d_b = V/‖c×a‖, d_c = V/‖a×b‖ (Å), V = |det h|.
    var faceDistances: [Double] {
        let volume = abs(determinant)
        return [Self.cross(b, c), Self.cross(c, a), Self.cross(a, b)].map { volume / Self.dot($0, $0).squareRoot() }
    }

    /// Row vectors f = r h⁻¹ for positions [atoms, 3]; h⁻¹ = adj(h) / det h.
    func fractional(_ positions: [Double]) -> [Double] {
        let det = determinant
        // Columns of h⁻¹ are (b×c, c×a, a×b) / det, so f_k = r · (those cross products)_k / det.
        let bc = Self.cross(b, c) / det, ca = Self.cross(c, a) / det, ab = Self.cross(a, b) / det
        var out = [Double](repeating: 0, count: positions.count)
        for atom in 0..<(positions.count / 3) {
            let r = SIMD3(positions[3 * atom], positions[3 * atom + 1], positions[3 * atom + 2])
            out[3 * atom] = Self.dot(r, bc)
            out[3 * atom + 1] = Self.dot(r, ca)
            out[3 * atom + 2] = Self.dot(r, ab)
        }
        return out
    }

    /// Cartesian position of fractional row vector (f0, f1, f2): f0 a + f1 b + f2 c.
    func cartesian(_ f0: Double, _ f1: Double, _ f2: Double) -> SIMD3<Double> { f0 * a + f1 * b + f2 * c }

    static func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { (u * v).sum() }

    static func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
    }
}

import CGSL

/// A Haar-random (uniform) rotation R ∈ SO(3), row-major [3, 3], column-vector convention r' = R·r.
///
/// Method (Mezzadri, "How to generate random matrices from the classical compact groups", 2007):
/// Z = 3×3 matrix of independent standard Gaussians from `rng`; Z = QR by GSL Householder QR
/// (`gsl_linalg_QR_decomp` + `gsl_linalg_QR_unpack`); Q ← Q·diag(sign R_ii) makes Q Haar on O(3);
/// since −I is central in O(3) = SO(3) × {±I}, Q ← −Q when det Q < 0 gives Haar on SO(3).
/// The rotation angle θ (trace R = 1 + 2 cos θ) then has density (1 − cos θ)/π on [0, π].
public func randomRotation(_ rng: RandomSource) -> [Double] {
    var z = [Double](repeating: 0, count: 9)
    for k in 0..<9 { z[k] = rng.gaussian() }
    let qr = DenseLinearAlgebra.gslMatrix(z, 3)
    let tau = gsl_vector_alloc(3)!
    let q = gsl_matrix_alloc(3, 3)!
    let r = gsl_matrix_alloc(3, 3)!
    defer { gsl_matrix_free(qr); gsl_vector_free(tau); gsl_matrix_free(q); gsl_matrix_free(r) }
    gsl_linalg_QR_decomp(qr, tau)
    gsl_linalg_QR_unpack(qr, tau, q, r)
    var rotation = DenseLinearAlgebra.array(q, 3)
    for column in 0..<3 where gsl_matrix_get(r, column, column) < 0 {
        for row in 0..<3 { rotation[3 * row + column].negate() }
    }
    if DenseLinearAlgebra.determinant3(rotation) < 0 {
        for k in 0..<9 { rotation[k].negate() }
    }
    return rotation
}

/// The frame rotated by R (row-major [3, 3], r' = R·r): positions, cell rows (lattice vectors) and
/// forces rotate as vectors (row-major [n, 3] arrays become X·Rᵀ); the virial transforms as a rank-2
/// tensor, W' = R·W·Rᵀ; energy and types are unchanged. R is expected orthogonal (not checked).
public func rotated(_ frame: Frame, by rotation: [Double]) -> Frame {
    precondition(rotation.count == 9, "rotated(_:by:): rotation must be a row-major 3×3 matrix")
    func rotateRows(_ rows: [Double]) -> [Double] {
        DenseLinearAlgebra.multiply(rows, rows: rows.count / 3, inner: 3, rotation, columns: 3, transposeB: true)
    }
    var out = frame
    out.positions = rotateRows(frame.positions)
    out.cell = frame.cell.map(rotateRows)
    out.forces = frame.forces.map(rotateRows)
    out.virial = frame.virial.map { w in
        let rw = DenseLinearAlgebra.multiply(rotation, rows: 3, inner: 3, w, columns: 3)
        return DenseLinearAlgebra.multiply(rw, rows: 3, inner: 3, rotation, columns: 3, transposeB: true)
    }
    return out
}

/// The frame with every position moved by `translation` (Å, [3]); cell, forces, virial and energy
/// are unchanged.
public func translated(_ frame: Frame, by translation: [Double]) -> Frame {
    precondition(translation.count == 3, "translated(_:by:): translation must have 3 components")
    var out = frame
    for k in out.positions.indices { out.positions[k] += translation[k % 3] }
    return out
}

/// The frame with atoms reordered: atom k of the result is atom `permutation[k]` of `frame`
/// (positions and forces move with their atoms; energy, virial and cell are unchanged). The
/// permutation must map each atom to one of the same type, so the type list is unchanged
/// (a programmer error otherwise).
public func permutedSameType(_ frame: Frame, permutation: [Int]) -> Frame {
    precondition(permutation.count == frame.atomCount && Set(permutation).count == permutation.count
                 && permutation.allSatisfy({ $0 >= 0 && $0 < frame.atomCount }),
                 "permutedSameType: not a permutation of 0..<\(frame.atomCount)")
    precondition(permutation.indices.allSatisfy { frame.types[permutation[$0]] == frame.types[$0] },
                 "permutedSameType: the permutation mixes atom types")
    func permuteRows(_ rows: [Double]) -> [Double] {
        var out = rows
        for (k, source) in permutation.enumerated() {
            for c in 0..<3 { out[3 * k + c] = rows[3 * source + c] }
        }
        return out
    }
    var out = frame
    out.positions = permuteRows(frame.positions)
    out.forces = frame.forces.map(permuteRows)
    return out
}

/// A uniformly random permutation that only exchanges atoms of equal type: for each type, the atoms
/// of that type are shuffled among their own positions with `rng.permutation` (GSL Fisher–Yates).
/// Result p satisfies types[p[k]] == types[k]; use it with `permutedSameType(_:permutation:)`.
public func randomSameTypePermutation(types: [Int], rng: RandomSource) -> [Int] {
    var permutation = Array(types.indices)
    for type in Set(types).sorted() {
        let members = types.indices.filter { types[$0] == type }
        let shuffle = rng.permutation(members.count)
        for (k, member) in members.enumerated() { permutation[member] = members[shuffle[k]] }
    }
    return permutation
}

import CGSL
import COpenBLAS

/// Small dense linear algebra on row-major `[Double]` matrices for SymAtoms (cells, rotations):
/// products through OpenBLAS `cblas_dgemm`, 3×3 determinants, inverses and QR through GSL.
enum DenseLinearAlgebra {
    /// C = A · op(B) with A [m, k] and op(B) [k, n] (B stored [n, k] when `transposeB`), row-major.
    static func multiply(_ a: [Double], rows m: Int, inner k: Int,
                         _ b: [Double], columns n: Int, transposeB: Bool = false) -> [Double] {
        precondition(a.count == m * k && b.count == k * n, "multiply: operand sizes do not match")
        var c = [Double](repeating: 0, count: m * n)
        if m == 0 || n == 0 || k == 0 { return c }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                                blasint(m), blasint(n), blasint(k), 1, pa.baseAddress, blasint(k),
                                pb.baseAddress, blasint(transposeB ? k : n), 0, pc.baseAddress, blasint(n))
                }
            }
        }
        return c
    }

    /// Copies a row-major n×n array into a new GSL matrix (caller frees). Every GSL routine here
    /// (and `randomRotation`) starts from this, so it turns GSL's abort-on-error handler off first.
    static func gslMatrix(_ values: [Double], _ n: Int) -> UnsafeMutablePointer<gsl_matrix> {
        GSLSupport.disableAbortOnError()
        let m = gsl_matrix_alloc(n, n)!
        for i in 0..<n { for j in 0..<n { gsl_matrix_set(m, i, j, values[n * i + j]) } }
        return m
    }

    /// Reads a GSL n×n matrix into a row-major array.
    static func array(_ m: UnsafePointer<gsl_matrix>, _ n: Int) -> [Double] {
        var out = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { out[n * i + j] = gsl_matrix_get(m, i, j) } }
        return out
    }

    /// det(M) of a row-major 3×3 matrix (GSL LU decomposition).
    static func determinant3(_ values: [Double]) -> Double {
        precondition(values.count == 9, "determinant3: 3×3 matrix expected")
        let lu = gslMatrix(values, 3)
        let perm = gsl_permutation_alloc(3)!
        defer { gsl_matrix_free(lu); gsl_permutation_free(perm) }
        var signum: Int32 = 0
        gsl_linalg_LU_decomp(lu, perm, &signum)
        return gsl_linalg_LU_det(lu, signum)
    }

    /// M⁻¹ of a row-major 3×3 matrix (GSL LU), nil when M is singular or the inverse is not finite.
    static func inverse3(_ values: [Double]) -> [Double]? {
        precondition(values.count == 9, "inverse3: 3×3 matrix expected")
        let lu = gslMatrix(values, 3)
        let inv = gsl_matrix_alloc(3, 3)!
        let perm = gsl_permutation_alloc(3)!
        defer { gsl_matrix_free(lu); gsl_matrix_free(inv); gsl_permutation_free(perm) }
        var signum: Int32 = 0
        guard gsl_linalg_LU_decomp(lu, perm, &signum) == GSL_SUCCESS,
              gsl_linalg_LU_invert(lu, perm, inv) == GSL_SUCCESS else { return nil }
        let out = array(inv, 3)
        return out.allSatisfy { $0.isFinite } ? out : nil
    }
}

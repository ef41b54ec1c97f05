import CGSL

/// Singular values σ₁ ≥ … ≥ σ_n of a row-major m×n matrix with m ≥ n, by GSL's one-sided Jacobi
/// SVD (`gsl_linalg_SV_decomp_jacobi`, accurate to relative precision also for the small ones);
/// nil when m < n or GSL reports an error.
public func singularValues(_ values: [Double], rows m: Int, columns n: Int) -> [Double]? {
    precondition(values.count == m * n, "singularValues: \(values.count) values for \(m)×\(n)")
    guard m >= n, n > 0 else { return nil }
    GSLSupport.disableAbortOnError()
    let a = gsl_matrix_alloc(m, n)!, v = gsl_matrix_alloc(n, n)!, s = gsl_vector_alloc(n)!
    defer { gsl_matrix_free(a); gsl_matrix_free(v); gsl_vector_free(s) }
    for i in 0..<m { for j in 0..<n { gsl_matrix_set(a, i, j, values[n * i + j]) } }
    guard gsl_linalg_SV_decomp_jacobi(a, v, s) == GSL_SUCCESS else { return nil }
    return (0..<n).map { gsl_vector_get(s, $0) }.sorted(by: >)
}

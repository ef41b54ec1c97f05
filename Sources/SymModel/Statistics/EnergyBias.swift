import CGSL
import SymAtoms

/// Per-type energy bias by least squares (spec §6.2): b = argmin ‖C b − E‖² with C[f, t] the
/// number of atoms of type t in frame f, solved as b = V S⁺ Uᵀ E from GSL's SVD of C (singular
/// values below 1e-10·s_max dropped). A rank-deficient C (every frame water, O:H = 1:2) thus gives
/// the minimum-norm solution, as NumPy's lstsq does in DeePMD.
public enum EnergyBias {
    /// The bias per type (eV) from labelled frames; frames without an energy are skipped.
    public static func leastSquares(frames: [Frame], typeCount: Int) -> [Double] {
        let labelled = frames.filter { $0.energy != nil }
        guard !labelled.isEmpty, typeCount > 0 else { return [Double](repeating: 0, count: typeCount) }
        GSLSupport.disableAbortOnError()
        let rows = max(labelled.count, typeCount)  // GSL's SVD needs rows >= columns; zero rows change nothing
        let u = gsl_matrix_calloc(rows, typeCount)!, v = gsl_matrix_alloc(typeCount, typeCount)!
        let s = gsl_vector_alloc(typeCount)!, work = gsl_vector_alloc(typeCount)!
        defer { gsl_matrix_free(u); gsl_matrix_free(v); gsl_vector_free(s); gsl_vector_free(work) }
        for (f, frame) in labelled.enumerated() {
            for t in frame.types { gsl_matrix_set(u, f, t, gsl_matrix_get(u, f, t) + 1) }
        }
        gsl_linalg_SV_decomp(u, v, s, work)
        let largest = gsl_vector_get(s, 0)
        var bias = [Double](repeating: 0, count: typeCount)
        for k in 0..<typeCount {
            let sk = gsl_vector_get(s, k)
            guard sk > 1e-10 * largest else { continue }
            var projection = 0.0  // u_kᵀ E
            for (f, frame) in labelled.enumerated() { projection += gsl_matrix_get(u, f, k) * frame.energy! }
            for t in 0..<typeCount { bias[t] += gsl_matrix_get(v, t, k) * projection / sk }
        }
        return bias
    }
}

import CGSL
import Testing
@testable import SymAtoms

@Suite struct GSLSupportTests {
    /// With GSL's default handler the failing copy would abort the whole test process.
    @Test func gslErrorsReturnInsteadOfAborting() {
        GSLSupport.disableAbortOnError()
        GSLSupport.disableAbortOnError()  // idempotent
        let small = gsl_matrix_calloc(2, 2)!, large = gsl_matrix_calloc(3, 3)!
        defer { gsl_matrix_free(small); gsl_matrix_free(large) }
        #expect(gsl_matrix_memcpy(small, large) == Int32(GSL_EBADLEN))
    }
}

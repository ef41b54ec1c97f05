/* GSL's gsl_cblas.h declares enum CBLAS_TRANSPOSE without CblasConjNoTrans, which clashes with
   OpenBLAS's cblas.h in COpenBLAS. Include OpenBLAS's header first and suppress GSL's through its
   include guard, so every cblas symbol is OpenBLAS's. */
#include <cblas.h>
#define __GSL_CBLAS_H__
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_histogram.h>
/* Swift 6: C globals such as gsl_rng_mt19937 are not concurrency-safe; reach them through functions. */
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const char *cgsl_version(void) { return gsl_version; }

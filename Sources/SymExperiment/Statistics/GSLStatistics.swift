import CGSL
import SymAtoms

/// Thin wrappers over GSL's descriptive statistics and sorting (`gsl_stats_*`, `gsl_sort*`).
/// Callers guarantee non-empty, finite input (see `Validate`).
enum GSLStatistics {
    /// Arithmetic mean (`gsl_stats_mean`).
    static func mean(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress, 1, $0.count) }
    }

    /// Sample standard deviation with the n − 1 denominator (`gsl_stats_sd_m`); nil when n < 2.
    static func standardDeviation(_ x: [Double], mean: Double) -> Double? {
        guard x.count >= 2 else { return nil }
        return x.withUnsafeBufferPointer { gsl_stats_sd_m($0.baseAddress, 1, $0.count, mean) }
    }

    /// Sample variance with the n − 1 denominator (`gsl_stats_variance_m`); nil when n < 2.
    static func variance(_ x: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let m = mean(x)
        return x.withUnsafeBufferPointer { gsl_stats_variance_m($0.baseAddress, 1, $0.count, m) }
    }

    /// `x` in ascending order (`gsl_sort`).
    static func sorted(_ x: [Double]) -> [Double] {
        var s = x
        s.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
        return s
    }

    /// Indices that sort `x` ascending (`gsl_sort_index`; the order among equal values is
    /// unspecified, which no caller depends on).
    static func sortIndex(_ x: [Double]) -> [Int] {
        var p = [Int](repeating: 0, count: x.count)
        p.withUnsafeMutableBufferPointer { pb in
            x.withUnsafeBufferPointer {
                gsl_sort_index(pb.baseAddress, $0.baseAddress, 1, $0.count)
            }
        }
        return p
    }

    /// Median of ascending data: the middle value, or the mean of the two middle values
    /// (`gsl_stats_median_from_sorted_data`, as numpy's `median`).
    static func median(sorted s: [Double]) -> Double {
        s.withUnsafeBufferPointer { gsl_stats_median_from_sorted_data($0.baseAddress, 1, $0.count) }
    }

    /// The `f`-quantile of ascending data by linear interpolation between order statistics,
    /// position f·(n − 1) (`gsl_stats_quantile_from_sorted_data`; Hyndman–Fan type 7, numpy's
    /// default `method="linear"`).
    static func quantile(sorted s: [Double], _ f: Double) -> Double {
        s.withUnsafeBufferPointer {
            gsl_stats_quantile_from_sorted_data($0.baseAddress, 1, $0.count, f)
        }
    }
}

/// Student's t and the standard normal distribution (GSL `gsl_cdf_*`).
enum Distributions {
    /// Two-sided p-value of a t statistic: 2·P(T_ν > |t|), capped at 1.
    static func tTwoSidedP(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        GSLSupport.disableAbortOnError()
        return min(1, 2 * gsl_cdf_tdist_Q(abs(t), nu))
    }

    /// The critical value t with P(T_ν ≤ t) = (1 + level)/2, for a two-sided interval.
    static func tCritical(level: Double, degreesOfFreedom nu: Double) -> Double {
        GSLSupport.disableAbortOnError()
        return gsl_cdf_tdist_Pinv((1 + level) / 2, nu)
    }

    /// Upper tail P(Z > z) of the standard normal (1 at z = −∞).
    static func normalUpperTail(_ z: Double) -> Double {
        GSLSupport.disableAbortOnError()
        return gsl_cdf_ugaussian_Q(z)
    }

    /// Two-sided p-value of a standard normal statistic: 2·P(Z > |z|), capped at 1.
    static func normalTwoSidedP(_ z: Double) -> Double {
        GSLSupport.disableAbortOnError()
        return min(1, 2 * gsl_cdf_ugaussian_Q(abs(z)))
    }
}

/// Student's t-tests: one-sample, paired and Welch's unequal-variance test, all two-sided.
///
/// Each test forms an estimate θ̂, its standard error SE and degrees of freedom ν, then
///
///     t = (θ̂ − θ₀) / SE,   p = 2·P(T_ν > |t|),   CI = θ̂ ± t_{(1+level)/2, ν}·SE,
///
/// with the Student-t tail and quantile from GSL (`gsl_cdf_tdist_Q`, `gsl_cdf_tdist_Pinv`).
/// Results match `scipy.stats.ttest_1samp`, `ttest_rel` and `ttest_ind(equal_var=False)` and
/// their `confidence_interval(level)` (scipy 1.17).
///
/// Degenerate input: a test is `nil` when it is undefined, i.e. when fewer than two values
/// enter a variance or the standard error is zero (every value, or every difference, equal).
/// scipy then returns t = NaN (0/0) or ±∞ with p = 0; a report prints "—" instead.
public struct TTest: Equatable, Sendable {
    /// θ̂: the mean (one-sample), the mean difference (paired) or the difference of means (Welch).
    public var estimate: Double
    /// Standard error of `estimate`.
    public var standardError: Double
    /// t = (estimate − hypothesised value) / standardError.
    public var t: Double
    /// Degrees of freedom ν (n − 1, or Welch–Satterthwaite, generally not an integer).
    public var degreesOfFreedom: Double
    /// Two-sided p-value 2·P(T_ν > |t|).
    public var pValue: Double
    /// Confidence interval of the estimate, θ̂ ± t_{(1+level)/2, ν}·SE.
    public var interval: ConfidenceInterval

    init(estimate: Double, hypothesised: Double, standardError: Double,
         degreesOfFreedom nu: Double, level: Double) {
        let t = (estimate - hypothesised) / standardError
        let half = Distributions.tCritical(level: level, degreesOfFreedom: nu) * standardError
        self.estimate = estimate
        self.standardError = standardError
        self.t = t
        self.degreesOfFreedom = nu
        self.pValue = Distributions.tTwoSidedP(t, degreesOfFreedom: nu)
        self.interval = ConfidenceInterval(lower: estimate - half, upper: estimate + half,
                                           level: level)
    }

    /// One-sample test of H₀: E[x] = `hypothesisedMean`: θ̂ = x̄, SE = s/√n (s with n − 1),
    /// ν = n − 1. `nil` when n < 2 or s = 0.
    public static func oneSample(_ x: [Double], hypothesisedMean: Double = 0,
                                 level: Double = 0.95) throws -> TTest? {
        try Validate.sample(x, name: "x")
        try Validate.level(level)
        let mean = GSLStatistics.mean(x)
        guard let s = GSLStatistics.standardDeviation(x, mean: mean), s > 0 else { return nil }
        let n = Double(x.count)
        return TTest(estimate: mean, hypothesised: hypothesisedMean,
                     standardError: s / n.squareRoot(), degreesOfFreedom: n - 1, level: level)
    }

    /// Paired test of H₀: E[x − y] = 0, i.e. the one-sample test on d = x − y (pairs matched by
    /// index). `nil` when n < 2 or every difference is equal.
    public static func paired(_ x: [Double], baseline y: [Double],
                              level: Double = 0.95) throws -> TTest? {
        try Validate.pairs(x, y)
        return try oneSample(zip(x, y).map { $0 - $1 }, level: level)
    }

    /// Welch's test of H₀: E[x] = E[y] without assuming equal variances:
    /// θ̂ = x̄ − ȳ, SE² = s_x²/n_x + s_y²/n_y and the Welch–Satterthwaite
    /// ν = SE⁴ / [ (s_x²/n_x)²/(n_x − 1) + (s_y²/n_y)²/(n_y − 1) ].
    /// `nil` when either sample has fewer than two values or both variances are zero.
    public static func welch(_ x: [Double], baseline y: [Double],
                             level: Double = 0.95) throws -> TTest? {
        try Validate.sample(x, name: "x")
        try Validate.sample(y, name: "baseline")
        try Validate.level(level)
        guard let vx = GSLStatistics.variance(x), let vy = GSLStatistics.variance(y) else {
            return nil
        }
        let nx = Double(x.count), ny = Double(y.count)
        let ax = vx / nx, ay = vy / ny
        let se2 = ax + ay
        guard se2 > 0 else { return nil }
        let nu = se2 * se2 / (ax * ax / (nx - 1) + ay * ay / (ny - 1))
        return TTest(estimate: GSLStatistics.mean(x) - GSLStatistics.mean(y), hypothesised: 0,
                     standardError: se2.squareRoot(), degreesOfFreedom: nu, level: level)
    }
}

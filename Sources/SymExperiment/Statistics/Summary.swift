/// Descriptive summary of one sample (for example one metric over seeds) with two confidence
/// intervals of its mean.
///
/// - mean x̄ (`gsl_stats_mean`) and sample standard deviation s with the n − 1 denominator;
/// - median, minimum and maximum of the sorted sample (`gsl_sort`, even n: mean of the two
///   middle values);
/// - Student-t interval x̄ ± t_{(1+level)/2, n−1}·s/√n (exact for normal data);
/// - bootstrap percentile interval of the mean (`Bootstrap`, deterministic for a fixed seed).
///
/// Degenerate input: with n = 1, s and both intervals are `nil`; a constant sample (s = 0)
/// gives zero-width intervals [x̄, x̄]. NaN and ±∞ are rejected (`StatisticsError.nonFinite`).
public struct Summary: Equatable, Sendable {
    /// Number of values n.
    public var count: Int
    /// Arithmetic mean x̄.
    public var mean: Double
    /// Sample standard deviation (n − 1 denominator); `nil` when n = 1.
    public var standardDeviation: Double?
    /// Median.
    public var median: Double
    /// Smallest value.
    public var minimum: Double
    /// Largest value.
    public var maximum: Double
    /// Student-t confidence interval of the mean; `nil` when n = 1.
    public var meanInterval: ConfidenceInterval?
    /// Bootstrap percentile confidence interval of the mean; `nil` when n = 1.
    public var bootstrapInterval: ConfidenceInterval?

    /// Summarises `x` with intervals at `level` (default 95 %) and the given bootstrap.
    public init(_ x: [Double], level: Double = 0.95, bootstrap: Bootstrap = .default) throws {
        try Validate.sample(x, name: "x")
        try Validate.level(level)
        let sorted = GSLStatistics.sorted(x)
        let n = x.count
        count = n
        mean = GSLStatistics.mean(x)
        standardDeviation = GSLStatistics.standardDeviation(x, mean: mean)
        median = GSLStatistics.median(sorted: sorted)
        minimum = sorted[0]
        maximum = sorted[n - 1]
        if let s = standardDeviation {
            let nu = Double(n - 1)
            let half = Distributions.tCritical(level: level, degreesOfFreedom: nu)
                * s / Double(n).squareRoot()
            meanInterval = ConfidenceInterval(lower: mean - half, upper: mean + half, level: level)
        } else {
            meanInterval = nil
        }
        bootstrapInterval = try bootstrap.percentileIntervalOfMean(x, level: level)
    }
}

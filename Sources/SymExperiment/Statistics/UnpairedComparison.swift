/// Comparison of two independent samples x and baseline y (for example two variants trained
/// from unrelated seeds): Welch's t-test, the Mann–Whitney U test and two effect sizes.
///
/// Degenerate input is reported, never trapped: `welch` is `nil` when either sample has fewer
/// than two values or both are constant; `hedgesG` is `nil` when n_x + n_y < 3 or the pooled
/// standard deviation is zero; Mann–Whitney gives p = 1 when every value is tied.
public struct UnpairedComparison: Equatable, Sendable {
    /// x̄ − ȳ.
    public var meanDifference: Double
    /// Welch's t-test (two-sided) with the confidence interval of x̄ − ȳ.
    public var welch: TTest?
    /// Mann–Whitney U test (two-sided), as `scipy.stats.mannwhitneyu(x, y)`.
    public var mannWhitney: MannWhitneyU
    /// Hedges' g (bias-corrected standardised mean difference).
    public var hedgesG: Double?
    /// Cliff's delta (= rank-biserial correlation of the U test).
    public var cliffsDelta: Double

    /// Compares x with the baseline y; intervals at `level`.
    public init(_ x: [Double], baseline y: [Double], level: Double = 0.95) throws {
        try Validate.sample(x, name: "x")
        try Validate.sample(y, name: "baseline")
        try Validate.level(level)
        meanDifference = GSLStatistics.mean(x) - GSLStatistics.mean(y)
        welch = try TTest.welch(x, baseline: y, level: level)
        mannWhitney = try MannWhitneyU(x, baseline: y)
        hedgesG = try EffectSize.hedgesG(x, baseline: y)
        cliffsDelta = 2 * mannWhitney.u / (Double(x.count) * Double(y.count)) - 1
    }
}

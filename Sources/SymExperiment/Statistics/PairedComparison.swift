/// Comparison of x against a baseline y measured on the same units (for example the same
/// seeds), paired by index: differences d = x − y, their mean and median, the paired t-test,
/// the Wilcoxon signed-rank test and two effect sizes.
///
/// Degenerate input is reported, never trapped: `tTest` and `cohensDz` are `nil` with fewer than
/// two pairs or when every difference is equal; `rankBiserial` is `nil` when every difference
/// is zero (the Wilcoxon p is then 1, method `.degenerate`).
public struct PairedComparison: Equatable, Sendable {
    /// d = x − y, in input order.
    public var differences: [Double]
    /// Mean of d.
    public var meanDifference: Double
    /// Median of d.
    public var medianDifference: Double
    /// Paired t-test (two-sided) with the confidence interval of the mean difference.
    public var tTest: TTest?
    /// Wilcoxon signed-rank test (two-sided), as `scipy.stats.wilcoxon(x, y)`.
    public var wilcoxon: WilcoxonSignedRank
    /// Cohen's d_z = mean(d)/s_d.
    public var cohensDz: Double?
    /// Matched-pairs rank-biserial correlation (R⁺ − R⁻)/(R⁺ + R⁻).
    public var rankBiserial: Double?

    /// Compares x with the baseline y (same length, paired by index); intervals at `level`.
    public init(_ x: [Double], baseline y: [Double], level: Double = 0.95) throws {
        try Validate.pairs(x, y)
        try Validate.level(level)
        let d = zip(x, y).map { $0 - $1 }
        differences = d
        meanDifference = GSLStatistics.mean(d)
        medianDifference = GSLStatistics.median(sorted: GSLStatistics.sorted(d))
        tTest = try TTest.oneSample(d, level: level)
        wilcoxon = try WilcoxonSignedRank(differences: d)
        cohensDz = try EffectSize.cohensDz(differences: d)
        rankBiserial = try EffectSize.matchedPairsRankBiserial(differences: d)
    }

    /// The smallest two-sided Wilcoxon p-value possible with this many pairs
    /// (`WilcoxonSignedRank.smallestPossiblePValue(pairs:)`), e.g. 0.25 with 3 seeds.
    public var smallestPossibleWilcoxonPValue: Double {
        WilcoxonSignedRank.smallestPossiblePValue(pairs: differences.count)
    }
}

/// Effect sizes for paired and unpaired comparisons. Signs follow x − baseline: positive when
/// x tends to be larger (for an error metric such as a force RMSE, negative means x is better).
public enum EffectSize {
    /// Cohen's d_z for paired data: mean(d)/s_d, d = x − y, s_d with the n − 1 denominator.
    /// `nil` when n < 2 or every difference is equal (s_d = 0).
    public static func cohensDz(differences d: [Double]) throws -> Double? {
        try Validate.sample(d, name: "differences")
        let mean = GSLStatistics.mean(d)
        guard let s = GSLStatistics.standardDeviation(d, mean: mean), s > 0 else { return nil }
        return mean / s
    }

    /// Matched-pairs rank-biserial correlation (Kerby 2014): r = (R⁺ − R⁻)/(R⁺ + R⁻), with the
    /// Wilcoxon rank sums of the non-zero differences (zeros dropped, mid-ranks for ties).
    /// In [−1, 1]; ±1 when every non-zero difference has the same sign. `nil` when every
    /// difference is zero.
    public static func matchedPairsRankBiserial(differences d: [Double]) throws -> Double? {
        let w = try WilcoxonSignedRank(differences: d)
        let total = w.rankSumPositive + w.rankSumNegative
        guard total > 0 else { return nil }
        return (w.rankSumPositive - w.rankSumNegative) / total
    }

    /// Hedges' g: (x̄ − ȳ)/s_p · J with the pooled standard deviation
    /// s_p² = [(n_x − 1)s_x² + (n_y − 1)s_y²]/(n_x + n_y − 2) and the usual small-sample
    /// correction J = 1 − 3/(4(n_x + n_y) − 9) (Hedges & Olkin's approximation of the exact
    /// Γ-function factor, as in pingouin and R's effsize). `nil` when n_x + n_y < 3 or s_p = 0.
    public static func hedgesG(_ x: [Double], baseline y: [Double]) throws -> Double? {
        try Validate.sample(x, name: "x")
        try Validate.sample(y, name: "baseline")
        let nx = Double(x.count), ny = Double(y.count)
        guard nx + ny >= 3 else { return nil }
        let sumOfSquares = (nx - 1) * (GSLStatistics.variance(x) ?? 0)
            + (ny - 1) * (GSLStatistics.variance(y) ?? 0)
        let pooled = (sumOfSquares / (nx + ny - 2)).squareRoot()
        guard pooled > 0 else { return nil }
        let correction = 1 - 3 / (4 * (nx + ny) - 9)
        return (GSLStatistics.mean(x) - GSLStatistics.mean(y)) / pooled * correction
    }

    /// Cliff's delta δ = [#(xᵢ > yⱼ) − #(xᵢ < yⱼ)]/(n_x n_y), which equals the (Glass)
    /// rank-biserial correlation 2U_x/(n_x n_y) − 1 with U_x the Mann–Whitney statistic of x.
    /// In [−1, 1]; 0 when every value is tied.
    public static func cliffsDelta(_ x: [Double], baseline y: [Double]) throws -> Double {
        let u = try MannWhitneyU(x, baseline: y).u
        return 2 * u / (Double(x.count) * Double(y.count)) - 1
    }
}

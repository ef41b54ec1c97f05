/// Corrections of p-values for multiple comparisons.
public enum MultipleTesting {
    /// Holm–Bonferroni adjusted p-values (Holm 1979), in the input order, matching
    /// `statsmodels.stats.multitest.multipletests(p, method="holm")[1]`.
    ///
    /// With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted values are
    /// p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎): monotone in the sorted order and capped at 1.
    /// Rejecting where p̃ ≤ α controls the family-wise error rate at α. Tied p-values get equal
    /// adjusted values. An empty family gives an empty result.
    public static func holm(_ pValues: [Double]) throws -> [Double] {
        if let i = pValues.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw StatisticsError.invalidPValue(index: i, value: pValues[i])
        }
        let m = pValues.count
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (rank, index) in GSLStatistics.sortIndex(pValues).enumerated() {
            running = max(running, Double(m - rank) * pValues[index])
            adjusted[index] = min(1, running)
        }
        return adjusted
    }
}

/// Mann–Whitney U test (two-sided) of H₀: x and y come from the same distribution, reproducing
/// `scipy.stats.mannwhitneyu(x, y)` with its defaults in scipy 1.17 (`use_continuity=True`,
/// `method="auto"`).
///
/// Statistic: rank the pooled sample with mid-ranks; with R_x the rank sum of x,
/// U_x = R_x − n_x(n_x + 1)/2 (pairs with xᵢ > yⱼ, ties counting ½), U_y = n_x·n_y − U_x.
/// scipy reports U_x. Let U = max(U_x, U_y).
///
/// p-value, chosen as scipy's `method="auto"` chooses:
/// - `exact` when min(n_x, n_y) ≤ 8 and there are no ties: p = 2·P(U′ ≥ U) under the exact
///   null distribution (every arrangement of the pooled ranks equally likely), capped at 1;
/// - `normal` otherwise (both samples larger than 8, or any tie):
///   z = (U − n_x n_y/2 − ½)/σ with the continuity correction ½ and the tie-corrected
///   σ² = n_x n_y/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))], N = n_x + n_y; p = 2·P(Z > z), capped
///   at 1. When every value is tied σ = 0 and p = 1 (as scipy, whose z is −∞).
public struct MannWhitneyU: Equatable, Sendable {
    /// How the p-value was computed.
    public enum Method: String, CaseIterable, Sendable {
        /// Exact null distribution of U (no ties, min(n_x, n_y) ≤ 8).
        case exact
        /// Normal approximation with tie and continuity corrections.
        case normal
    }

    /// U_x = R_x − n_x(n_x + 1)/2, scipy's statistic.
    public var u: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Method chosen by scipy's `"auto"` rule.
    public var method: Method
    /// z for the `normal` method (−∞ when every value is tied), otherwise `nil`.
    public var z: Double?

    /// The test of x against the baseline y (independent samples, any sizes ≥ 1).
    public init(_ x: [Double], baseline y: [Double]) throws {
        try Validate.sample(x, name: "x")
        try Validate.sample(y, name: "baseline")
        let ranked = MidRanks(x + y)
        let nx = Double(x.count), ny = Double(y.count)
        u = ranked.ranks[..<x.count].reduce(0, +) - nx * (nx + 1) / 2
        let uMax = max(u, nx * ny - u)
        if (x.count > 8 && y.count > 8) || ranked.hasTies {
            method = .normal
            let n = nx + ny
            let sigma = (nx * ny / 12 * ((n + 1) - ranked.tieTerm / (n * (n - 1)))).squareRoot()
            if sigma > 0 {
                let zValue = (uMax - nx * ny / 2 - 0.5) / sigma
                z = zValue
                pValue = min(1, 2 * Distributions.normalUpperTail(zValue))
            } else {
                z = -.infinity
                pValue = 1
            }
        } else {
            method = .exact
            z = nil
            // P(U′ ≥ U) = P(U′ ≤ n_x n_y − U) by symmetry; U is an integer without ties.
            let counts = Self.nullCounts(min(x.count, y.count), max(x.count, y.count))
            let total = counts.reduce(0, +)
            let lowerTail = counts[...Int(nx * ny - uMax)].reduce(0, +)
            pValue = min(1, 2 * lowerTail / total)
        }
    }

    /// counts[u] = number of the C(m+n, m) arrangements of m x-values among n y-values with
    /// U = u, u = 0 … m·n. These are the coefficients of the Gaussian binomial
    /// [m+n choose m]_q = Πᵢ₌₁…ₘ (1 − q^{n+i})/(1 − q^i), built one factor at a time: multiply by
    /// (1 − q^{n+i}), then divide by (1 − q^i) (a running sum with stride i), truncated at
    /// degree m·n. Exact integers while C(m+n, m) < 2⁵³; beyond that, rounding of order 10⁻¹⁶
    /// relative to the total.
    static func nullCounts(_ m: Int, _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n + 1)
        c[0] = 1
        if m == 0 { return c }
        for i in 1...m {
            if n + i <= m * n {
                for k in stride(from: m * n, through: n + i, by: -1) { c[k] -= c[k - n - i] }
            }
            if i <= m * n {
                for k in i...(m * n) { c[k] += c[k - i] }
            }
        }
        return c
    }
}

/// Wilcoxon signed-rank test (two-sided) of H₀: the paired differences d = x − y are symmetric
/// about 0, reproducing `scipy.stats.wilcoxon(x, y)` with its defaults in scipy 1.17
/// (`zero_method="wilcox"`, `correction=False`, `method="auto"`).
///
/// Statistic: zero differences are dropped; the n′ remaining |dᵢ| get mid-ranks rᵢ;
/// R⁺ = Σ_{dᵢ>0} rᵢ, R⁻ = Σ_{dᵢ<0} rᵢ. scipy reports min(R⁺, R⁻) as the statistic.
///
/// p-value, chosen as scipy's `method="auto"` chooses (n counts the zero differences too):
/// - `exact`: n ≤ 50, no zeros and no ties. Under H₀ each rank enters R⁺ with probability ½;
///   the distribution of R⁺ is built by dynamic programming and p = 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r)),
///   capped at 1.
/// - `exactConditional`: n ≤ 13 with zeros or ties. scipy runs a permutation test over all 2ⁿ
///   sign flips (complete enumeration, since 2¹³ < 9,999 resamples), i.e. the same formula with
///   the observed mid-ranks (zeros contribute nothing under either sign). Computed by the same
///   dynamic programme on doubled ranks, which are integers.
/// - `normal`: n > 50, or n > 13 with zeros or ties. z = (R⁺ − n′(n′+1)/4)/σ with
///   σ² = [n′(n′+1)(2n′+1) − Σ(t³ − t)/2]/24 over groups of t tied |dᵢ|, no continuity
///   correction; p = 2·P(Z > |z|).
/// - `degenerate`: every difference is zero. p = 1 (scipy also gives 1 for n ≤ 13, where its
///   permutation test finds R⁺ = 0 under every flip, but NaN for n > 13: a deliberate deviation).
public struct WilcoxonSignedRank: Equatable, Sendable {
    /// How the p-value was computed.
    public enum Method: String, CaseIterable, Sendable {
        /// Exact null distribution of R⁺ (no ties, no zeros, n ≤ 50).
        case exact
        /// Exact enumeration of all 2ⁿ sign flips with the observed mid-ranks (ties or zeros,
        /// n ≤ 13); scipy's permutation test.
        case exactConditional
        /// Normal approximation with tie correction, no continuity correction.
        case normal
        /// Every difference is zero; p = 1.
        case degenerate
    }

    /// Number of pairs n (including zero differences).
    public var pairs: Int
    /// Number of zero differences (dropped from the ranking).
    public var zeroDifferences: Int
    /// R⁺: sum of the mid-ranks of the positive differences.
    public var rankSumPositive: Double
    /// R⁻: sum of the mid-ranks of the negative differences.
    public var rankSumNegative: Double
    /// Two-sided p-value.
    public var pValue: Double
    /// Method chosen by scipy's `"auto"` rule.
    public var method: Method
    /// z = (R⁺ − E R⁺)/σ for the `normal` method, otherwise `nil`.
    public var z: Double?

    /// min(R⁺, R⁻), the statistic scipy reports for the two-sided test.
    public var statistic: Double { min(rankSumPositive, rankSumNegative) }

    /// The test on x against the baseline y, paired by index (d = x − y).
    public init(_ x: [Double], baseline y: [Double]) throws {
        try Validate.pairs(x, y)
        try self.init(differences: zip(x, y).map { $0 - $1 })
    }

    /// The test on the paired differences d.
    public init(differences d: [Double]) throws {
        try Validate.sample(d, name: "differences")
        let nonZero = d.filter { $0 != 0 }
        let ranked = MidRanks(nonZero.map(abs))
        pairs = d.count
        zeroDifferences = d.count - nonZero.count
        rankSumPositive = zip(nonZero, ranked.ranks).reduce(0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
        rankSumNegative = zip(nonZero, ranked.ranks).reduce(0) { $0 + ($1.0 < 0 ? $1.1 : 0) }
        if nonZero.isEmpty {
            method = .degenerate
        } else if pairs <= 50 && zeroDifferences == 0 && !ranked.hasTies {
            method = .exact
        } else if pairs <= 13 {
            method = .exactConditional
        } else {
            method = .normal
        }
        z = nil
        switch method {
        case .exact, .exactConditional:
            // Mid-ranks are multiples of ½, so 2·rank is an integer.
            let doubled = ranked.ranks.map { Int(2 * $0) }
            let distribution = Self.signFlipDistribution(doubledRanks: doubled)
            let observed = Int(2 * rankSumPositive)
            let lower = distribution[...observed].reduce(0, +)
            let upper = distribution[observed...].reduce(0, +)
            pValue = min(1, 2 * min(lower, upper))
        case .normal:
            let n = Double(nonZero.count)
            let sigma = ((n * (n + 1) * (2 * n + 1) - ranked.tieTerm / 2) / 24).squareRoot()
            let zValue = (rankSumPositive - n * (n + 1) / 4) / sigma
            z = zValue
            pValue = Distributions.normalTwoSidedP(zValue)
        case .degenerate:
            pValue = 1
        }
    }

    /// P(2R⁺ = k), k = 0 … Σ 2rᵢ, when each doubled rank 2rᵢ is included independently with
    /// probability ½. Dynamic programme over the ranks: adding rank r maps the distribution p to
    /// ½·p(k) + ½·p(k − r). Every probability is a multiple of 2⁻ⁿ, exact in a Double for n ≤ 52.
    static func signFlipDistribution(doubledRanks: [Int]) -> [Double] {
        var p = [1.0]
        for r in doubledRanks {
            var next = [Double](repeating: 0, count: p.count + r)
            for (k, pk) in p.enumerated() where pk > 0 {
                next[k] += pk / 2
                next[k + r] += pk / 2
            }
            p = next
        }
        return p
    }

    /// The smallest two-sided p-value the test can return with n pairs (no zeros, no ties),
    /// reached when every difference has the same sign: 2·2⁻ⁿ for n ≤ 50 (exact method), for
    /// example 0.25 with 3 pairs and 0.0625 with 5; for n > 50 the normal approximation at
    /// R⁺ = 0, 2·Φ(−√(6n(n+1)/(2n+1))/2). 1 when n ≤ 1.
    public static func smallestPossiblePValue(pairs n: Int) -> Double {
        guard n > 1 else { return 1 }
        if n <= 50 { return 2 / Double(sign: .plus, exponent: n, significand: 1) }
        let m = Double(n)
        return Distributions.normalTwoSidedP(
            (m * (m + 1) / 4) / (m * (m + 1) * (2 * m + 1) / 24).squareRoot())
    }
}

import Testing
@testable import SymExperiment

/// One sample and its numpy/scipy summary (statistics_expected.py).
struct SummaryCase: Sendable {
    var name: String
    var x: [Double]
    var mean, sd, median, min, max: Double
    /// scipy.stats.t.interval(0.95 / 0.90, n − 1, loc=mean, scale=sem).
    var tLow, tHigh, tLow90, tHigh90: Double
}

/// Bootstrap interval ends at seed 2024, B = 10,000, level 0.95: `replicated*` from the same
/// mt19937 stream re-implemented in Python; `scipy*` from scipy.stats.bootstrap(method=
/// "percentile", n_resamples=10⁶); `tolerance*` = 5 × the standard deviation of scipy's end over
/// 200 independent runs with B = 10,000 (floor 1e-9 where the end sits on an atom of a discrete
/// bootstrap distribution and never moves).
struct BootstrapCase: Sendable {
    var name: String
    var replicatedLow, replicatedHigh, scipyLow, scipyHigh, toleranceLow, toleranceHigh: Double
}

let summaryCases: [SummaryCase] = [
    SummaryCase(
        name: "bimodal5",
        x: [0.24, 0.25, 0.26, 0.3, 0.33],
        mean: 0.276, sd: 0.03781534080237808, median: 0.26, min: 0.24, max: 0.33,
        tLow: 0.22904605274588133, tHigh: 0.32295394725411875, tLow90: 0.2399471994704131,
        tHigh90: 0.31205280052958695),
    SummaryCase(
        name: "n3",
        x: [0.31, 0.29, 0.35],
        mean: 0.31666666666666665, sd: 0.03055050463303893, median: 0.31, min: 0.29, max: 0.35,
        tLow: 0.24077500599473145, tHigh: 0.39255832733860185, tLow90: 0.2651629621499295,
        tHigh90: 0.36817037118340373),
    SummaryCase(
        name: "n8",
        x: [0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
        mean: 0.41825, sd: 0.023529616595747094, median: 0.4155, min: 0.387, max: 0.455,
        tLow: 0.3985787482480298, tHigh: 0.4379212517519702, tLow90: 0.4024890465717679,
        tHigh90: 0.43401095342823215),
    SummaryCase(
        name: "n12",
        x: [1.21, 1.35, 1.18, 1.42, 1.29, 1.33, 1.25, 1.51, 1.19, 1.38, 1.27, 1.31],
        mean: 1.3074999999999999, sd: 0.0980839158346288, median: 1.3, min: 1.18, max: 1.51,
        tLow: 1.245180453063987, tHigh: 1.3698195469360128, tLow90: 1.2566506211490132,
        tHigh90: 1.3583493788509866),
    SummaryCase(
        name: "n30",
        x: [0.3, 0.3233, 0.3183, 0.2982, 0.2983, 0.3243, 0.344, 0.3064, 0.2874, 0.2928, 0.3204,
            0.3357, 0.3222, 0.3054, 0.2879, 0.3161, 0.3266, 0.3098, 0.2963, 0.3116, 0.3393,
            0.3165, 0.2976, 0.288, 0.3077, 0.3337, 0.3337, 0.3137, 0.2807, 0.304],
        mean: 0.31133, sd: 0.016871076044418492, median: 0.3107, min: 0.2807, max: 0.344,
        tLow: 0.3050302366713016, tHigh: 0.3176297633286984, tLow90: 0.3060963098988756,
        tHigh90: 0.3165636901011244),
]

let bootstrapCases: [BootstrapCase] = [
    BootstrapCase(
        name: "bimodal5",
        replicatedLow: 0.248, replicatedHigh: 0.308, scipyLow: 0.248, scipyHigh: 0.308,
        toleranceLow: 1e-09, toleranceHigh: 0.0048),
    BootstrapCase(
        name: "n30",
        replicatedLow: 0.3054096666666666, replicatedHigh: 0.31730666666666674,
        scipyLow: 0.3054266666666667, scipyHigh: 0.3172933333333333, toleranceLow: 0.0004,
        toleranceHigh: 0.0004),
]

@Suite("Statistics: sample summary and bootstrap")
struct StatisticsSummaryTests {
    /// A small bootstrap where the interval is not what is being tested.
    let quickBootstrap = Bootstrap(resamples: 200)

    @Test func summariesMatchNumpyAndScipy() throws {
        // Catches an n instead of n − 1 standard deviation, a normal instead of Student-t
        // quantile, and a median that does not average the two middle values (n = 8, 12, 30).
        for c in summaryCases {
            let s = try Summary(c.x, bootstrap: quickBootstrap)
            #expect(s.count == c.x.count)
            expectClose(s.mean, c.mean, "\(c.name) mean")
            expectClose(s.standardDeviation, c.sd, "\(c.name) sd")
            expectClose(s.median, c.median, "\(c.name) median")
            #expect(s.minimum == c.min && s.maximum == c.max, "\(c.name) min/max")
            expectClose(s.meanInterval?.lower, c.tLow, "\(c.name) t interval lower")
            expectClose(s.meanInterval?.upper, c.tHigh, "\(c.name) t interval upper")
            #expect(s.meanInterval?.level == 0.95)
            let s90 = try Summary(c.x, level: 0.9, bootstrap: quickBootstrap)
            expectClose(s90.meanInterval?.lower, c.tLow90, "\(c.name) 90% t interval lower")
            expectClose(s90.meanInterval?.upper, c.tHigh90, "\(c.name) 90% t interval upper")
        }
    }

    @Test func oneValueHasNoSpreadAndNoIntervals() throws {
        let s = try Summary([0.27])
        #expect(s.count == 1 && s.mean == 0.27 && s.median == 0.27)
        #expect(s.minimum == 0.27 && s.maximum == 0.27)
        #expect(s.standardDeviation == nil && s.meanInterval == nil && s.bootstrapInterval == nil)
    }

    @Test func constantSampleHasZeroWidthIntervals() throws {
        let s = try Summary([0.2, 0.2, 0.2, 0.2])
        #expect(s.standardDeviation == 0)
        #expect(s.meanInterval == ConfidenceInterval(lower: 0.2, upper: 0.2, level: 0.95))
        #expect(s.bootstrapInterval == ConfidenceInterval(lower: 0.2, upper: 0.2, level: 0.95))
    }

    @Test func bootstrapReproducesTheSameStreamReimplementedInPython() throws {
        // Same mt19937 seed, same index rule, same type-7 quantile: agreement to rounding. This
        // pins the seed handling, the resample size n, the mean and the quantile levels α, 1 − α.
        for c in bootstrapCases {
            let x = summaryCases.first { $0.name == c.name }!.x
            let interval = try #require(try Bootstrap.default.percentileIntervalOfMean(x))
            expectClose(interval.lower, c.replicatedLow, "\(c.name) lower")
            expectClose(interval.upper, c.replicatedHigh, "\(c.name) upper")
        }
        let bimodal = summaryCases[0].x
        let other = try #require(
            try Bootstrap(resamples: 2000, seed: 7).percentileIntervalOfMean(bimodal, level: 0.9))
        expectClose(other.lower, 0.252, "seed 7 lower")
        expectClose(other.upper, 0.30200000000000005, "seed 7 upper")
    }

    @Test func bootstrapAgreesWithScipyWithinMonteCarloError() throws {
        // Independent generator (scipy's), so only agreement within Monte-Carlo error is
        // expected; a 90 % instead of 95 % interval would move the ends by ≈ 0.3 σ_b, about
        // 10 tolerances for n = 30.
        for c in bootstrapCases {
            let x = summaryCases.first { $0.name == c.name }!.x
            let interval = try #require(try Summary(x).bootstrapInterval)
            #expect(abs(interval.lower - c.scipyLow) <= c.toleranceLow,
                    "\(c.name) lower \(interval.lower), scipy \(c.scipyLow) ± \(c.toleranceLow)")
            #expect(abs(interval.upper - c.scipyHigh) <= c.toleranceHigh,
                    "\(c.name) upper \(interval.upper), scipy \(c.scipyHigh) ± \(c.toleranceHigh)")
        }
    }

    @Test func bootstrapIsDeterministicPerSeedAndContainsTheMean() throws {
        let x = summaryCases[0].x
        #expect(try Bootstrap.default.resampleMeans(x) == Bootstrap.default.resampleMeans(x))
        #expect(try Summary(x) == Summary(x))
        #expect(try Bootstrap(seed: 1).resampleMeans(x) != Bootstrap(seed: 2).resampleMeans(x))
        #expect(try Bootstrap(resamples: 37).resampleMeans(x).count == 37)
        for c in summaryCases {
            let s = try Summary(c.x)
            let interval = try #require(s.bootstrapInterval)
            #expect(interval.contains(s.mean) && interval.lower < interval.upper, "\(c.name)")
            #expect(interval.level == 0.95)
        }
        #expect(try Bootstrap.default.percentileIntervalOfMean([0.3]) == nil)
    }
}

import Testing
@testable import SymExperiment

/// Independent x and baseline y with scipy.stats.ttest_ind(equal_var=False) and
/// scipy.stats.mannwhitneyu(x, y) results (statistics_expected.py). `nil` t-test fields:
/// undefined (a sample of one value, or both constant). `hedgesG` and `cliffsDelta` are
/// computed in the script from their definitions (Cliff's delta by counting pairs).
struct UnpairedCase: Sendable {
    var name: String
    var x, y: [Double]
    var meanDifference: Double
    var t, df, tP, tLow, tHigh: Double?
    /// scipy's statistic U_x and two-sided p.
    var u, uP: Double
    /// Which branch scipy's method="auto" took (re-checked in the script by forcing it).
    var method: MannWhitneyU.Method
    var hedgesG: Double?
    var cliffsDelta: Double
}

let unpairedCases: [UnpairedCase] = [
    UnpairedCase(
        name: "exact5v4",
        x: [0.24, 0.25, 0.26, 0.3, 0.33],
        y: [0.27, 0.29, 0.31, 0.35],
        meanDifference: -0.029000000000000026, t: -1.2065889505365284, df: 6.837321703390937,
        tP: 0.26767375007636957, tLow: -0.08610829755346289, tHigh: 0.02810829755346283, u: 5.0,
        uP: 0.2857142857142857, method: .exact, hedgesG: -0.7102790987077638, cliffsDelta: -0.5),
    UnpairedCase(
        name: "exact3v3",
        x: [0.31, 0.29, 0.35],
        y: [0.27, 0.28, 0.3],
        meanDifference: 0.03333333333333327, t: 1.6903085094570307, df: 2.941176470588234,
        tP: 0.19136971845662754, tLow: -0.030141442553719103, tHigh: 0.09680810922038564, u: 8.0,
        uP: 0.2, method: .exact, hedgesG: 1.104104894947765, cliffsDelta: 0.7777777777777778),
    UnpairedCase(
        name: "normal12v10",
        x: [1.21, 1.35, 1.18, 1.42, 1.29, 1.33, 1.25, 1.51, 1.19, 1.38, 1.27, 1.31],
        y: [1.12, 1.24, 1.16, 1.3, 1.09, 1.22, 1.28, 1.14, 1.2, 1.17],
        meanDifference: 0.11549999999999994, t: 3.2379867479603743, df: 19.494795275394683,
        tP: 0.0042234908404049885, tLow: 0.04096922315662435, tHigh: 0.19003077684337552, u: 101.0,
        uP: 0.007574042066784554, method: .normal, hedgesG: 1.2908665905904224,
        cliffsDelta: 0.6833333333333333),
    UnpairedCase(
        name: "ties5v6",
        x: [1.0, 2.0, 2.0, 3.0, 5.0],
        y: [2.0, 3.0, 3.0, 4.0, 6.0, 7.0],
        meanDifference: -1.5666666666666669, t: -1.5021265144363938, df: 8.983082460119594,
        tP: 0.16737345156594496, tLow: -3.9266968384100194, tHigh: 0.7933635050766856, u: 7.0,
        uP: 0.16304505585423734, method: .normal, hedgesG: -0.8116007157514973,
        cliffsDelta: -0.5333333333333333),
    UnpairedCase(
        name: "welch8v30",
        x: [0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
        y: [0.4967, 0.5536, 0.3766, 0.3653, 0.5452, 0.5101, 0.3393, 0.4184, 0.5689, 0.451, 0.3309,
            0.4797, 0.5615, 0.3915, 0.3536, 0.5333, 0.5249, 0.3474, 0.4015, 0.5651, 0.4688,
            0.33, 0.4621, 0.5668, 0.4078, 0.344, 0.5195, 0.5381, 0.3578, 0.3857],
        meanDifference: -0.031586666666666596, t: -1.7882887484245944, df: 35.828536141713585,
        tP: 0.08218897290857774, tLow: -0.06741498350000777, tHigh: 0.0042416501666745834,
        u: 102.0, uP: 0.5381740019710659, method: .exact, hedgesG: -0.4000681690878391,
        cliffsDelta: -0.15),
    UnpairedCase(
        name: "allTied3v2",
        x: [1.0, 1.0, 1.0],
        y: [1.0, 1.0],
        meanDifference: 0.0, t: nil, df: nil, tP: nil, tLow: nil, tHigh: nil, u: 3.0, uP: 1.0,
        method: .normal, hedgesG: nil, cliffsDelta: 0.0),
    UnpairedCase(
        name: "n1v3",
        x: [0.3],
        y: [0.2, 0.25, 0.27],
        meanDifference: 0.06, t: nil, df: nil, tP: nil, tLow: nil, tHigh: nil, u: 3.0, uP: 0.5,
        method: .exact, hedgesG: 0.9509146221003927, cliffsDelta: 1.0),
]

@Suite("Statistics: unpaired comparisons")
struct StatisticsUnpairedTests {
    @Test func welchMatchesScipyTtestIndWithUnequalVariances() throws {
        // Catches a pooled-variance (Student) test, integer df and a one-sided p.
        for c in unpairedCases {
            let comparison = try UnpairedComparison(c.x, baseline: c.y)
            expectClose(comparison.meanDifference, c.meanDifference, "\(c.name) mean difference")
            let t = comparison.welch
            #expect((t == nil) == (c.t == nil), "\(c.name): Welch test defined?")
            expectClose(t?.t, c.t, "\(c.name) t")
            expectClose(t?.degreesOfFreedom, c.df, "\(c.name) df")
            expectClose(t?.pValue, c.tP, "\(c.name) p")
            expectClose(t?.interval.lower, c.tLow, "\(c.name) CI lower")
            expectClose(t?.interval.upper, c.tHigh, "\(c.name) CI upper")
        }
    }

    @Test func mannWhitneyMatchesScipyIncludingItsMethodChoice() throws {
        // Exact (3 v 3, 5 v 4, 1 v 3, and 8 v 30 where only the smaller sample is ≤ 8), normal
        // because both samples exceed 8 (12 v 10), normal because of ties (5 v 6, all tied).
        for c in unpairedCases {
            let test = try MannWhitneyU(c.x, baseline: c.y)
            #expect(test.method == c.method, "\(c.name): \(test.method) vs scipy's \(c.method)")
            expectClose(test.u, c.u, "\(c.name) U")
            expectClose(test.pValue, c.uP, "\(c.name) p")
        }
    }

    @Test func effectSizesMatchTheirDefinitions() throws {
        for c in unpairedCases {
            let comparison = try UnpairedComparison(c.x, baseline: c.y)
            expectClose(comparison.hedgesG, c.hedgesG, "\(c.name) Hedges' g")
            expectClose(comparison.cliffsDelta, c.cliffsDelta, "\(c.name) Cliff's delta")
            expectClose(try EffectSize.cliffsDelta(c.x, baseline: c.y), c.cliffsDelta, "\(c.name)")
            expectClose(try EffectSize.hedgesG(c.x, baseline: c.y), c.hedgesG, "\(c.name)")
        }
    }

    @Test func swappingSamplesMirrorsUAndKeepsP() throws {
        for c in unpairedCases {
            let a = try MannWhitneyU(c.x, baseline: c.y), b = try MannWhitneyU(c.y, baseline: c.x)
            #expect(a.u + b.u == Double(c.x.count * c.y.count) && a.method == b.method, "\(c.name)")
            expectClose(a.pValue, b.pValue, "\(c.name) p")
        }
    }

    @Test func exactNullCountsAreTheGaussianBinomialCoefficients() {
        // [5 choose 2]_q = 1 + q + 2q² + 2q³ + 2q⁴ + q⁵ + q⁶ (10 arrangements of 2 among 3).
        #expect(MannWhitneyU.nullCounts(2, 3) == [1, 1, 2, 2, 2, 1, 1])
        #expect(MannWhitneyU.nullCounts(1, 1) == [1, 1])
        // Sizes (8, 30): C(38, 8) arrangements, symmetric about 120.
        let c = MannWhitneyU.nullCounts(8, 30)
        #expect(c.reduce(0, +) == 48_903_492 && c == c.reversed())
    }
}

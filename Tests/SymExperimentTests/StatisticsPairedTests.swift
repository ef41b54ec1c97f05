import Testing
@testable import SymExperiment

/// Paired x and baseline y with scipy.stats.ttest_rel and scipy.stats.wilcoxon(x, y) results
/// (statistics_expected.py). `nil` t-test fields: undefined (n < 2 or constant differences).
/// `dz` and `rankBiserial` are computed in the script from their definitions.
struct PairedCase: Sendable {
    var name: String
    var x, y: [Double]
    var meanDifference, medianDifference: Double
    var t, df, tP, tLow, tHigh: Double?
    /// scipy's statistic min(R⁺, R⁻) and two-sided p.
    var w, wP: Double
    /// Which branch scipy's method="auto" took (re-checked in the script by forcing it).
    var method: WilcoxonSignedRank.Method
    var dz, rankBiserial: Double?
}

let pairedCases: [PairedCase] = [
    PairedCase(
        name: "n3AllPositive",
        x: [0.31, 0.29, 0.35],
        y: [0.27, 0.28, 0.3],
        meanDifference: 0.033333333333333305, medianDifference: 0.03999999999999998,
        t: 2.7735009811261406, df: 2.0, tP: 0.10912919362525236, tLow: -0.018378116792089366,
        tHigh: 0.08504478345875598, w: 0.0, wP: 0.25, method: .exact, dz: 1.6012815380508685,
        rankBiserial: 1.0),
    PairedCase(
        name: "n5Bimodal",
        x: [0.24, 0.25, 0.26, 0.3, 0.33],
        y: [0.262, 0.238, 0.305, 0.271, 0.341],
        meanDifference: -0.007400000000000006, medianDifference: -0.01100000000000001,
        t: -0.5725263522662237, df: 4.0, tP: 0.597608717720422, tLow: -0.04328602288285585,
        tHigh: 0.02848602288285584, w: 6.0, wP: 0.8125, method: .exact, dz: -0.2560415685154534,
        rankBiserial: -0.2),
    PairedCase(
        name: "n8Mixed",
        x: [0.412, 0.398, 0.455, 0.401, 0.387, 0.43, 0.419, 0.444],
        y: [0.405, 0.41, 0.421, 0.386, 0.392, 0.402, 0.4, 0.417],
        meanDifference: 0.014124999999999999, medianDifference: 0.016999999999999987,
        t: 2.439859371544548, df: 7.0, tP: 0.044768191494033945, tLow: 0.0004355562790678072,
        tHigh: 0.02781444372093219, w: 4.0, wP: 0.0546875, method: .exact, dz: 0.8626205533803489,
        rankBiserial: 0.7777777777777778),
    PairedCase(
        name: "n12TiesAndZero",
        x: [12.0, 15.0, 11.0, 14.0, 13.0, 16.0, 10.0, 15.0, 12.0, 14.0, 13.0, 11.0],
        y: [10.0, 15.0, 12.0, 11.0, 12.0, 13.0, 11.0, 12.0, 10.0, 13.0, 11.0, 12.0],
        meanDifference: 1.1666666666666667, medianDifference: 1.5, t: 2.5483280604377567, df: 11.0,
        tP: 0.02707557060924949, tLow: 0.1590193154595354, tHigh: 2.1743140178737983, w: 9.0,
        wP: 0.0283203125, method: .exactConditional, dz: 0.7356389458386078,
        rankBiserial: 0.7272727272727273),
    PairedCase(
        name: "n6ZeroNoTies",
        x: [1.5, 2.25, 3.0, 0.75, 4.0, 2.0],
        y: [1.0, 2.25, 1.75, 1.0, 1.0, 2.125],
        meanDifference: 0.7291666666666666, medianDifference: 0.25, t: 1.4392206586064629, df: 5.0,
        tP: 0.2096223071973455, tLow: -0.5731927577038111, tHigh: 2.0315260910371444, w: 3.0,
        wP: 0.3125, method: .exactConditional, dz: 0.5875593734763634, rankBiserial: 0.6),
    PairedCase(
        name: "n5AllTied",
        x: [3.0, 4.0, 5.0, 6.0, 7.0],
        y: [2.0, 3.0, 4.0, 5.0, 6.0],
        meanDifference: 1.0, medianDifference: 1.0, t: nil, df: nil, tP: nil, tLow: nil,
        tHigh: nil, w: 0.0, wP: 0.0625, method: .exactConditional, dz: nil, rankBiserial: 1.0),
    PairedCase(
        name: "n1",
        x: [0.3],
        y: [0.25],
        meanDifference: 0.04999999999999999, medianDifference: 0.04999999999999999, t: nil,
        df: nil, tP: nil, tLow: nil, tHigh: nil, w: 0.0, wP: 1.0, method: .exact, dz: nil,
        rankBiserial: 1.0),
    PairedCase(
        name: "n30TiesNormal",
        x: [23.0, 26.0, 25.0, 32.0, 26.0, 23.0, 27.0, 28.0, 22.0, 29.0, 28.0, 19.0, 29.0, 23.0,
            33.0, 28.0, 19.0, 30.0, 27.0, 26.0, 29.0, 22.0, 22.0, 30.0, 24.0, 34.0, 25.0,
            24.0, 30.0, 28.0],
        y: [20.0, 27.0, 23.0, 30.0, 26.0, 22.0, 29.0, 25.0, 21.0, 28.0, 24.0, 20.0, 27.0, 23.0,
            30.0, 26.0, 22.0, 29.0, 25.0, 21.0, 28.0, 24.0, 20.0, 27.0, 23.0, 30.0, 26.0,
            22.0, 29.0, 25.0],
        meanDifference: 1.3, medianDifference: 1.5, t: 3.719087072757332, df: 29.0,
        tP: 0.0008528792434064777, tLow: 0.5850937655511035, tHigh: 2.0149062344488966, w: 69.0,
        wP: 0.002044994798649211, method: .normal, dz: 0.6790092943583493,
        rankBiserial: 0.6600985221674877),
    PairedCase(
        name: "n60Normal",
        x: [0.2489, 0.2529, 0.2547, 0.2477, 0.2583, 0.2601, 0.2465, 0.2637, 0.2655, 0.2453,
            0.2691, 0.2709, 0.2441, 0.2745, 0.2763, 0.2429, 0.2799, 0.2817, 0.2417, 0.2853,
            0.2871, 0.2405, 0.2907, 0.2925, 0.2393, 0.2961, 0.2979, 0.2381, 0.3015, 0.3033,
            0.2369, 0.3069, 0.3087, 0.2357, 0.3123, 0.3141, 0.2345, 0.3177, 0.3195, 0.2333,
            0.3231, 0.3249, 0.2321, 0.3285, 0.3303, 0.2309, 0.3339, 0.3357, 0.2297, 0.3393,
            0.3411, 0.2285, 0.3447, 0.3465, 0.2273, 0.3501, 0.3519, 0.2261, 0.3555, 0.3573],
        y: [0.25, 0.2507, 0.2514, 0.2521, 0.2528, 0.2535, 0.2542, 0.2549, 0.2556, 0.2563, 0.257,
            0.2577, 0.2584, 0.2591, 0.2598, 0.2605, 0.2612, 0.2619, 0.2626, 0.2633, 0.264,
            0.2647, 0.2654, 0.2661, 0.2668, 0.2675, 0.2682, 0.2689, 0.2696, 0.2703, 0.271,
            0.2717, 0.2724, 0.2731, 0.2738, 0.2745, 0.2752, 0.2759, 0.2766, 0.2773, 0.278,
            0.2787, 0.2794, 0.2801, 0.2808, 0.2815, 0.2822, 0.2829, 0.2836, 0.2843, 0.285,
            0.2857, 0.2864, 0.2871, 0.2878, 0.2885, 0.2892, 0.2899, 0.2906, 0.2913],
        meanDifference: 0.011916666666666667, medianDifference: 0.017600000000000005,
        t: 2.494471058473343, df: 59.0, tP: 0.015434741594104861, tLow: 0.0023574477528131767,
        tHigh: 0.02147588558052016, w: 590.0, wP: 0.016733071607703435, method: .normal,
        dz: 0.3220348289021215, rankBiserial: 0.3551912568306011),
]

@Suite("Statistics: paired comparisons")
struct StatisticsPairedTests {
    @Test func pairedTTestMatchesScipyTtestRel() throws {
        // Catches a one-sided p (half of scipy's), n instead of n − 1 and a z instead of a t
        // quantile in the interval.
        for c in pairedCases {
            let comparison = try PairedComparison(c.x, baseline: c.y)
            expectClose(comparison.meanDifference, c.meanDifference, "\(c.name) mean difference")
            expectClose(comparison.medianDifference, c.medianDifference, "\(c.name) median")
            let t = comparison.tTest
            #expect((t == nil) == (c.t == nil), "\(c.name): t-test defined?")
            expectClose(t?.t, c.t, "\(c.name) t")
            expectClose(t?.degreesOfFreedom, c.df, "\(c.name) df")
            expectClose(t?.pValue, c.tP, "\(c.name) p")
            expectClose(t?.interval.lower, c.tLow, "\(c.name) CI lower")
            expectClose(t?.interval.upper, c.tHigh, "\(c.name) CI upper")
            #expect(try TTest.paired(c.x, baseline: c.y) == t)
        }
    }

    @Test func wilcoxonMatchesScipyIncludingItsMethodChoice() throws {
        // Exact (n = 3, 5, 8), exact enumeration with ties or zeros (n = 5, 6, 12), normal with
        // tie correction and dropped zeros (n = 30), normal for n > 50 (n = 60).
        for c in pairedCases {
            let w = try WilcoxonSignedRank(c.x, baseline: c.y)
            #expect(w.method == c.method, "\(c.name): \(w.method) vs scipy's \(c.method)")
            expectClose(w.statistic, c.w, "\(c.name) statistic")
            expectClose(w.pValue, c.wP, "\(c.name) p")
            #expect(w.pairs == c.x.count && (w.z == nil) == (c.method != .normal))
        }
    }

    @Test func effectSizesMatchTheirDefinitions() throws {
        for c in pairedCases {
            let comparison = try PairedComparison(c.x, baseline: c.y)
            expectClose(comparison.cohensDz, c.dz, "\(c.name) d_z")
            expectClose(comparison.rankBiserial, c.rankBiserial, "\(c.name) rank-biserial")
            let d = zip(c.x, c.y).map { $0 - $1 }
            let direct = try EffectSize.matchedPairsRankBiserial(differences: d)
            #expect(direct == comparison.rankBiserial)
        }
    }

    @Test func swappingXAndBaselineFlipsSignsButNotPValues() throws {
        for c in pairedCases {
            let a = try PairedComparison(c.x, baseline: c.y)
            let b = try PairedComparison(c.y, baseline: c.x)
            #expect(a.wilcoxon.pValue == b.wilcoxon.pValue, "\(c.name) Wilcoxon p")
            #expect(a.wilcoxon.statistic == b.wilcoxon.statistic, "\(c.name) Wilcoxon statistic")
            expectClose(a.tTest?.pValue, b.tTest?.pValue, "\(c.name) t p")
            expectClose(a.rankBiserial.map(-), b.rankBiserial, "\(c.name) rank-biserial")
        }
    }

    @Test func smallestPossibleWilcoxonPValueMatchesScipyAtAllSameSigns() throws {
        // scipy.stats.wilcoxon(1…n): every difference positive, the most extreme outcome.
        let expected: [(Int, Double)] = [
            (1, 1.0), (2, 0.5), (3, 0.25), (4, 0.125), (5, 0.0625), (8, 0.0078125),
            (12, 0.00048828125), (30, 1.862645149230957e-09), (50, 1.7763568394002505e-15),
            (51, 5.145276051717656e-10), (60, 1.6295557943119345e-11),
            (200, 1.4361464127613523e-34),
        ]
        for (n, p) in expected {
            expectClose(WilcoxonSignedRank.smallestPossiblePValue(pairs: n), p, "n = \(n)")
            let test = try WilcoxonSignedRank(differences: (1...n).map(Double.init))
            expectClose(test.pValue, p, "all-positive test, n = \(n)")
        }
        #expect(WilcoxonSignedRank.smallestPossiblePValue(pairs: 0) == 1)
        #expect(try PairedComparison([0.31, 0.29, 0.35], baseline: [0.27, 0.28, 0.3])
            .smallestPossibleWilcoxonPValue == 0.25)
    }

    @Test func allZeroDifferencesGiveOneAndNoTOrEffectSize() throws {
        // scipy: p = 1 for n = 4 (its permutation test), NaN for n = 20; here p = 1 for both.
        for x in [[0.3, 0.31, 0.29, 0.33], [Double](repeating: 0.3, count: 20)] {
            let c = try PairedComparison(x, baseline: x)
            #expect(c.wilcoxon.pValue == 1 && c.wilcoxon.method == .degenerate)
            #expect(c.wilcoxon.statistic == 0 && c.wilcoxon.zeroDifferences == x.count)
            #expect(c.tTest == nil && c.cohensDz == nil && c.rankBiserial == nil)
            #expect(c.meanDifference == 0 && c.medianDifference == 0)
        }
    }

    @Test func signFlipDistributionForThreeRanksIsTheTextbookTable() {
        // R⁺ over the 8 sign patterns of ranks {1, 2, 3}: 0,1,2,3,3,4,5,6.
        let p = WilcoxonSignedRank.signFlipDistribution(doubledRanks: [2, 4, 6])
        let byRankSum = stride(from: 0, through: 12, by: 2).map { p[$0] }
        #expect(byRankSum == [1, 1, 1, 2, 1, 1, 1].map { $0 / 8.0 })
        #expect(stride(from: 1, through: 11, by: 2).allSatisfy { p[$0] == 0 })
    }
}

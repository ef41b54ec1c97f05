import Testing
@testable import SymExperiment

@Suite("Statistics: Holm adjustment and input rules")
struct StatisticsHolmAndInputTests {
    @Test func holmMatchesStatsmodelsDefinition() throws {
        // statsmodels multipletests(method="holm") transcribed in statistics_expected.py. By
        // hand for the first family: sorted 0.005, 0.01, 0.03, 0.04, 0.2 times 5, 4, 3, 2, 1 is
        // 0.025, 0.04, 0.09, 0.08, 0.2; the running maximum lifts 0.08 to 0.09.
        let cases: [([Double], [Double])] = [
            ([0.01, 0.04, 0.03, 0.005, 0.2], [0.04, 0.09, 0.09, 0.025, 0.2]),
            ([0.02, 0.02, 0.5], [0.06, 0.06, 0.5]),
            ([0.3, 0.4, 0.6], [0.8999999999999999, 0.8999999999999999, 0.8999999999999999]),
            ([0.5, 0.9, 0.8, 0.0], [1.0, 1.0, 1.0, 0.0]),
            ([0.04], [0.04]),
        ]
        for (p, expected) in cases {
            let adjusted = try MultipleTesting.holm(p)
            #expect(adjusted.count == expected.count)
            for (a, e) in zip(adjusted, expected) { expectClose(a, e, "holm \(p)") }
        }
        #expect(try MultipleTesting.holm([]) == [])
    }

    @Test func holmRejectsInvalidPValues() {
        for bad in [Double.nan, 1.5, -0.1] {
            #expect(throws: StatisticsError.self) { try MultipleTesting.holm([0.01, bad]) }
        }
    }

    @Test func nonFiniteValuesAreRejectedWithTheirIndex() {
        do {
            _ = try Summary([0.2, 0.3, .nan])
            Issue.record("NaN accepted")
        } catch let error as StatisticsError {
            guard case .nonFinite(let sample, let index, let value) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(sample == "x" && index == 2 && value.isNaN)
            #expect(error.description.contains("index 2"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        let inf = [0.1, .infinity]
        #expect(throws: StatisticsError.self) { try PairedComparison([0.1, 0.2], baseline: inf) }
        #expect(throws: StatisticsError.self) { try UnpairedComparison(inf, baseline: [0.1]) }
        #expect(throws: StatisticsError.self) { try WilcoxonSignedRank(differences: [.nan]) }
        #expect(throws: StatisticsError.self) { try MannWhitneyU([.nan], baseline: [1]) }
        #expect(throws: StatisticsError.self) { try EffectSize.cohensDz(differences: [-.infinity]) }
    }

    @Test func emptyMismatchedAndOutOfRangeInputsThrow() {
        #expect(throws: StatisticsError.self) { try Summary([]) }
        #expect(throws: StatisticsError.self) { try UnpairedComparison([1, 2], baseline: []) }
        #expect(throws: StatisticsError.self) { try PairedComparison([1, 2], baseline: [1]) }
        #expect(throws: StatisticsError.self) { try TTest.welch([1, 2], baseline: [3], level: 1) }
        #expect(throws: StatisticsError.self) { try Summary([1, 2], level: 0) }
        #expect(throws: StatisticsError.self) { try Summary([1, 2], level: .nan) }
        #expect(throws: StatisticsError.self) {
            try Bootstrap(resamples: 0).percentileIntervalOfMean([1, 2])
        }
    }
}

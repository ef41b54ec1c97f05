import Foundation
import Testing
@testable import SymExperiment

@Suite("Report writers: exact output and wording rules")
struct ReportWriterTests {
    static let eight = ReportFixtures.table(ReportFixtures.eightSeeds, missing: [("noisy", 8)])
    static let small = ReportFixtures.table([("se_e2_a", [0.25, 0.26, 0.33, nil]), ("x", [0.24, 0.25, 0.32, 0.3])],
                                            missing: [("x", 2)], approximate: ["x": "augmentation only"], rotationError: ["x": 0.03])

    /// The first line where two texts differ, for failure messages; the whole output goes to a
    /// temporary file named in the message (to review, and to paste into ExpectedReports.swift).
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.components(separatedBy: "\n"), y = b.components(separatedBy: "\n")
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("symlab-actual-\(UUID().uuidString).txt").path
        try? a.write(toFile: saved, atomically: true, encoding: .utf8)
        for i in 0..<max(x.count, y.count) where (i < x.count ? x[i] : nil) != (i < y.count ? y[i] : nil) {
            return "line \(i + 1):\n  got      \(i < x.count ? x[i] : "<end>")\n  expected \(i < y.count ? y[i] : "<end>")\n  whole output: \(saved)"
        }
        return "identical"
    }

    @Test func markdownIsExactlyAsExpected() {
        let got = MarkdownReport.render(Self.eight, plots: Plots.make(Self.eight, Analysis(Self.eight)))
        #expect(got == ExpectedReports.eightSeedMarkdown, "\(Self.firstDifference(got, ExpectedReports.eightSeedMarkdown))")
    }

    @Test func csvIsExactlyAsExpected() {
        let got = CSVReport.render(Self.small)
        #expect(got == ExpectedReports.smallCSV, "\(Self.firstDifference(got, ExpectedReports.smallCSV))")
    }

    @Test func finalErrorPlotIsExactlyAsExpected() throws {
        let plot = try #require(Plots.make(Self.eight, Analysis(Self.eight)).first { $0.name == "final-error" })
        #expect(plot.script == ExpectedReports.finalErrorScript, "\(Self.firstDifference(plot.script, ExpectedReports.finalErrorScript))")
        #expect(plot.data["final.dat"] == ExpectedReports.finalErrorData)
        #expect(plot.data["final-mean.dat"] == ExpectedReports.finalErrorMeans)
        #expect(Plots.make(Self.eight, Analysis(Self.eight)).map(\.name) == ["learning-curves", "final-error", "pareto", "cost-scaling"])
    }

    @Test func csvQuotesFieldsWithCommasQuotesAndLineBreaks() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a,b") == "\"a,b\"" && CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.field("two\nlines") == "\"two\nlines\"")
    }

    @Test func withFewSeedsNoWinnerIsDeclared() {
        let five = ReportFixtures.table([("se_e2_a", [0.30, 0.31, 0.32, 0.33, 0.34]), ("better", [0.20, 0.21, 0.22, 0.23, 0.24])])
        let text = Findings.render(five, Analysis(five))
        #expect(text.contains("With 5 paired seeds the tests against the baseline have little power (the smallest two-sided Wilcoxon p with 5 pairs is 0.062, above 0.05)"), "\(text)")
        #expect(text.contains("declares no winner") && !text.contains("has a lower"))
        #expect(!(Analysis(five).datasets[0].variants[1].comparison?.significant ?? true))
    }

    @Test func significanceNeedsTheHolmCorrectedTestAndIgnoresIdenticalVariants() throws {
        let analysis = Analysis(Self.eight)
        let v = Dictionary(uniqueKeysWithValues: analysis.datasets[0].variants.map { ($0.variant, $0) })
        let better = try #require(v["better"]?.comparison), noisy = try #require(v["noisy"]?.comparison), same = try #require(v["same"]?.comparison)
        #expect(better.significant && !noisy.significant && !same.significant)
        #expect(same.identical && same.holmP == nil, "identical variants are outside the Holm family")
        let (pBetter, pNoisy) = (try #require(better.holmP), try #require(noisy.holmP))
        #expect(abs(pBetter - 2 * 0.0078125) < 1e-15 && abs(pNoisy - 0.59375) < 1e-15)
        #expect(better.pairingVerified && better.pairedSeeds.count == 8 && noisy.pairedSeeds.count == 7)
        let text = Findings.render(Self.eight, analysis)
        #expect(text.contains("After Holm correction across 2 comparisons, better has a lower validation force RMSE"))
        #expect(text.contains("same gives the baseline's validation force RMSE to within 1e-9"))
    }

    @Test func paretoFrontKeepsOnlyUndominatedVariants() {
        // FLOPs 6k/20k/9k/4k with means 275.0/263.5/279.4/275.0: `same` (4k) dominates the baseline
        // (6k, equal mean) and noisy (9k, higher mean); better is the only cheaper-is-worse trade.
        #expect(Analysis(Self.eight).datasets[0].paretoFront == ["same", "better"])
    }

    @Test func symmetryViolationsAreNamedAsDeclaredOrAsBugs() {
        #expect(Findings.render(Self.small, Analysis(Self.small)).contains("x rotation error 3.0e-02 (declared approximate: augmentation only)"))
        let undeclared = ReportFixtures.table([("se_e2_a", [0.25, 0.26]), ("leaky", [0.24, 0.25])], rotationError: ["leaky": 1e-6])
        #expect(Findings.render(undeclared, Analysis(undeclared)).contains("leaky rotation error 1.0e-06 exceeds 1e-10 although the variant declares it exact"))
    }

    @Test func mixedMachinesAndDebugBuildsAreFlagged() {
        var table = Self.small
        table.rows[0].result!.provenance["host"] = "node2"
        table.rows[2].result!.provenance["build"] = "debug"
        table.rows[4].result!.provenance["load_1m"] = "6.5"
        table.rows[5].result!.provenance["load_1m"] = "1.2"
        let footer = ReportProvenance.render(table)
        #expect(footer.contains("the timing columns mix 2 machines") && footer.contains("some runs used a debug build"))
        #expect(footer.contains("load average at the runs' starts: 1.2–6.5") && footer.contains("load average up to 6.5 on 2 cores"))
        #expect(!ReportProvenance.render(Self.small).contains("Warning"))
    }

    @Test func timingsAreTheOnlyDifferenceRemovedForComparisons() {
        let stripped = Self.eight.withoutTimings
        #expect(stripped.rows.compactMap(\.result).allSatisfy { $0.metrics.trainingMsPerStep == nil && $0.provenance.isEmpty && $0.wallSeconds == 0 })
        #expect(stripped.rows.map { $0.result?.metrics.validation } == Self.eight.rows.map { $0.result?.metrics.validation })
    }

    @Test func reportWriterRendersEveryPlotWithGnuplot() throws {
        let dir = SuiteFixtures.folder("report")
        let store = ResultStore(root: dir)
        try store.prepare()
        try store.write(Self.eight.plan)
        for row in Self.eight.rows { if let r = row.result { try store.write(r) } }
        let written = try ReportWriter(store: store).write()
        #expect(try String(contentsOfFile: written.markdown, encoding: .utf8) == ExpectedReports.eightSeedMarkdown)
        for name in ["learning-curves", "final-error", "pareto", "cost-scaling"] {
            for ext in ["png", "svg", "gp"] {
                let size = (try? FileManager.default.attributesOfItem(atPath: "\(written.plots)/\(name).\(ext)")[.size] as? Int) ?? 0
                #expect(size > 500, "\(name).\(ext) missing or empty (is gnuplot installed? make setup installs gnuplot-nox)")
            }
        }
    }
}

import Foundation

/// `report.md`: findings, the headline comparison, every accuracy metric, cost and symmetry,
/// per-seed values, plots, failed runs and provenance. A pure function of the result table.
public enum MarkdownReport {
    /// The whole report. `plots` lists the plot files (relative to the report) to embed.
    public static func render(_ table: ResultTable, plots: [PlotFile] = []) -> String {
        let analysis = Analysis(table)
        let plan = table.plan, m = analysis.primary
        var out = "# Suite `\(plan.name)`\n\n"
        if !plan.description.isEmpty { out += plan.description.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
        out += "Suite file `\(plan.specFile)` (base config `\(plan.baseSource)`); baseline **\(plan.baseline)**; "
            + "headline metric \(Findings.metricName(m)) (\(m.unit)). \(ReportProvenance.runtimeSentence(table))\n\n"
        out += "## Findings\n\n" + Findings.render(table, analysis) + "\n"
        for d in analysis.datasets {
            let heading = analysis.datasets.count > 1 ? " — \(d.dataset)" : ""
            out += "## \(Findings.metricName(m).capitalizingFirst) (\(m.unit))\(heading)\n\n" + headlineTable(d, m)
            out += "\nMean ± 95% t-interval, the percentile bootstrap interval of the mean (10,000 resamples), standard deviation "
                + "and median over seeds. Δ: median of the paired differences (variant − baseline, same seed) and relative to the "
                + "baseline's median. p Holm: two-sided Wilcoxon signed-rank on the pairs, Holm-corrected across the variants "
                + "(those identical to the baseline excluded); \\* marks adjusted p < \(Analysis.alpha) with at least "
                + "\(Analysis.minimumSeedsForClaims) pairs; ≡ marks values identical to the baseline's (1e-9 relative). Cost and "
                + "symmetry columns: see below.\n\n"
            out += "### Tests against the baseline\n\n" + testsTable(d) + "\n"
                + "Paired: mean difference with its 95% t-interval, paired t-test, Wilcoxon signed-rank, Cohen's d_z and the "
                + "matched-pairs rank-biserial r. Unpaired (ignoring the pairing): Welch's t-test, Mann–Whitney U, Hedges' g "
                + "and Cliff's δ. All p two-sided, unadjusted except the Holm column.\n\n"
            out += "### Every accuracy metric\n\n" + accuracyTable(d) + "\n"
            out += "### Cost and symmetry\n\n" + costTable(d) + "\n"
                + "FLOPs: forward energy evaluation per atom from the variants' cost functions (multiply-add = 2). Timings: "
                + "medians on the machines in the provenance below. Symmetry errors: largest relative error of E, F, W over "
                + "GSL-random rotations, translations and same-type permutations of validation frames, worst seed.\n\n"
            if d.variants.contains(where: { !$0.probes.isEmpty }) { out += "### Expressivity probes\n\n" + probeTable(d) + "\n" }
            out += MDReport.section(table, d)
            out += "### Every seed (\(m.label), \(m.unit))\n\n" + seedTable(table, d, m) + "\n"
        }
        if !plots.isEmpty {
            out += "## Plots\n\n" + plots.map { "![\($0.title)](\($0.png))\n\n*\($0.caption)* ([SVG](\($0.svg)))\n" }.joined(separator: "\n") + "\n"
        }
        out += failedRuns(table)
        out += "## Provenance\n\n" + ReportProvenance.render(table)
        return out
    }

    /// The summary table: the headline metric per variant (mean, intervals, spread), its paired
    /// comparison with the baseline, and the cost and symmetry columns.
    static func headlineTable(_ d: Analysis.DatasetAnalysis, _ m: MetricDefinition) -> String {
        let rows = d.variants.map { v -> [String] in
            let s = v.summaries[m.key], c = v.comparison
            let mark = c.map { $0.identical ? " ≡" : $0.significant ? " \\*" : "" } ?? ""
            return [v.variant + (v.isBaseline ? " (baseline)" : ""), "\(v.ok)/\(v.planned)",
                    Format.meanWithInterval(s),
                    s?.bootstrapInterval.map { "[\(Format.value($0.lower)), \(Format.value($0.upper))]" } ?? "–",
                    Format.value(s?.standardDeviation), Format.value(s?.median),
                    c?.paired.map { "\(Format.signed($0.medianDifference)) (\(Format.percent(c?.relativeMedianDifference)))" } ?? "–",
                    c.map { "\($0.lowerInSeeds)/\($0.pairedSeeds.count)" } ?? "–",
                    Format.p(c?.holmP) + mark,
                    Format.count(v.cost["parameters"]), Format.count(v.cost["flops_per_atom"]), Format.value(v.cost["train_ms_per_step"]),
                    Format.error(v.symmetry.values.max())]
        }
        return Format.table(["variant", "runs ok", "mean ± CI", "bootstrap CI", "sd", "median", "Δ median", "seeds lower",
                             "p Holm", "params", "FLOPs/atom", "train ms/step", "max sym. error"], rows, rightAligned: Set(1...12))
    }

    static func testsTable(_ d: Analysis.DatasetAnalysis) -> String {
        let rows = d.variants.compactMap { v -> [String]? in
            guard let c = v.comparison else { return nil }
            let p = c.paired, u = c.unpaired
            return [v.variant, String(c.pairedSeeds.count),
                    p.map { Format.signed($0.meanDifference) + ($0.tTest.map { " [\(Format.signed($0.interval.lower)), \(Format.signed($0.interval.upper))]" } ?? "") } ?? "–",
                    Format.p(p?.tTest?.pValue), Format.p(p?.wilcoxon.pValue), Format.p(c.holmP),
                    Format.signed(p?.cohensDz), Format.signed(p?.rankBiserial),
                    Format.p(u?.welch?.pValue), Format.p(u?.mannWhitney.pValue), Format.signed(u?.hedgesG), Format.signed(u?.cliffsDelta)]
        }
        guard !rows.isEmpty else { return "No variant besides the baseline.\n" }
        return Format.table(["variant", "pairs", "mean Δ [95% CI]", "p paired t", "p Wilcoxon", "p Holm", "d_z", "r",
                             "p Welch", "p Mann–Whitney", "Hedges g", "Cliff δ"], rows, rightAligned: Set(1...11))
    }

    /// One table per data set (validation, test): mean ± t-interval half-width of every metric measured.
    static func accuracyTable(_ d: Analysis.DatasetAnalysis) -> String {
        let tables = ["validation", "test"].compactMap { set -> String? in
            let metrics = MetricCatalogue.accuracy.filter { m in m.key.hasPrefix(set + ".") && d.variants.contains { $0.summaries[m.key] != nil } }
            guard !metrics.isEmpty else { return nil }
            let rows = d.variants.map { v in [v.variant] + metrics.map { Format.meanWithInterval(v.summaries[$0.key]) } }
            return Format.table(["variant"] + metrics.map { "\($0.label) (\($0.unit))" }, rows, rightAligned: Set(1...metrics.count))
        }
        return tables.isEmpty ? "No finished run.\n" : tables.joined(separator: "\n")
    }

    static func costTable(_ d: Analysis.DatasetAnalysis) -> String {
        let rows = d.variants.map { v -> [String] in
            [v.variant, Format.count(v.cost["parameters"]), Format.count(v.cost["flops_per_atom"]),
             Format.value(v.cost["train_ms_per_step"]), Format.value(v.cost["infer_us_per_atom"])]
                + MetricCatalogue.symmetry.map { m in
                    Format.error(v.symmetry[m.key]) + (v.declaredApproximate[String(m.key.dropFirst(9))] != nil ? " (approx.)" : "")
                }
        }
        return Format.table(["variant", "parameters", "FLOPs/atom", "train ms/step", "infer µs/atom", "rotation", "translation", "permutation"],
                            rows, rightAligned: Set(1...7))
    }

    static func probeTable(_ d: Analysis.DatasetAnalysis) -> String {
        let names = Set(d.variants.flatMap { $0.probes.keys }).sorted()
        return Format.table(["variant"] + names, d.variants.map { v in [v.variant] + names.map { Format.value(v.probes[$0]) } },
                            rightAligned: Set(1...names.count))
    }

    /// Rows = seeds, columns = variants: every run's value (– for missing, "failed").
    static func seedTable(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ m: MetricDefinition) -> String {
        let seeds = unique(table.rows.filter { $0.run.dataset == d.dataset }.map(\.run.seed))
        let rows = seeds.map { seed in
            [String(seed)] + d.variants.map { v in
                guard let row = table.rows.first(where: { $0.run.dataset == d.dataset && $0.run.variant == v.variant && $0.run.seed == seed })
                else { return "" }
                guard let r = row.result else { return "–" }
                return r.status == .failed ? "failed" : Format.value(m.value(r))
            }
        }
        return Format.table(["seed"] + d.variants.map(\.variant), rows, rightAligned: Set(1...d.variants.count))
    }

    static func failedRuns(_ table: ResultTable) -> String {
        let failed = table.rows.filter { $0.result?.status == .failed }
        guard !failed.isEmpty else { return "" }
        let rows = failed.map { row in
            [row.run.id, row.run.variant, String(row.run.seed), String(row.result!.steps),
             row.result!.reason?.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") ?? ""]
        }
        return "## Failed runs\n\n" + Format.table(["run", "variant", "seed", "steps", "reason"], rows) + "\n"
    }
}

extension String {
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}

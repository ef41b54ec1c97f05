import Foundation

/// The findings paragraph of a report, generated from the numbers and worded no stronger than
/// the statistics allow: with fewer than `Analysis.minimumSeedsForClaims` paired seeds no winner
/// is declared; otherwise only Holm-corrected Wilcoxon results below `Analysis.alpha` are called
/// differences; the Pareto front is stated on means, as such.
public enum Findings {
    /// One paragraph per dataset.
    public static func render(_ table: ResultTable, _ analysis: Analysis) -> String {
        analysis.datasets.map { d in
            let prefix = analysis.datasets.count > 1 ? "**\(d.dataset).** " : ""
            return prefix + sentences(table, d, analysis.primary).joined(separator: " ")
        }.joined(separator: "\n\n") + "\n"
    }

    static func sentences(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ m: MetricDefinition) -> [String] {
        var out: [String] = []
        let planned = d.variants.reduce(0) { $0 + $1.planned }, ok = d.variants.reduce(0) { $0 + $1.ok }
        let failed = d.variants.reduce(0) { $0 + $1.failed }, missing = planned - ok - failed
        let seeds = unique(table.rows.filter { $0.run.dataset == d.dataset }.map(\.run.seed)).count
        var runs = "\(ok) of \(planned) runs finished (\(d.variants.count) variant\(d.variants.count == 1 ? "" : "s") × \(seeds) seed\(seeds == 1 ? "" : "s"))"
        if failed > 0 { runs += "; \(failed) failed (listed under Failed runs)" }
        if missing > 0 { runs += "; \(missing) \(missing == 1 ? "has" : "have") no result yet (rerun `symlab run` to finish the suite)" }
        out.append(runs + ".")
        let name = metricName(m)
        guard let base = d.baselineStats, let baseSummary = base.summaries[m.key] else {
            out.append("The baseline (\(d.baseline)) has no finished run, so nothing is compared with it.")
            return out
        }
        let others = d.variants.filter { !$0.isBaseline && $0.comparison != nil }
        let identical = others.filter { $0.comparison!.identical }
        let compared = others.filter { !$0.comparison!.identical && !$0.comparison!.pairedSeeds.isEmpty }
        let fewest = compared.map { $0.comparison!.pairedSeeds.count }.min() ?? 0
        let baseText = "the baseline (\(d.baseline), mean \(Format.value(baseSummary.mean)) \(m.unit))"
        let smallest = compared.compactMap { $0.comparison!.paired?.smallestPossibleWilcoxonPValue }.max()
        if !compared.isEmpty && (fewest < Analysis.minimumSeedsForClaims || (smallest ?? 1) >= Analysis.alpha) {
            let reach = smallest.map { " (the smallest two-sided Wilcoxon p with \(fewest) pairs is \(Format.p($0))" + ($0 >= Analysis.alpha
                ? ", above \(Analysis.alpha))" : ")") } ?? ""
            out.append("With \(fewest) paired seed\(fewest == 1 ? "" : "s") the tests against the baseline have little power\(reach), "
                       + "so this report declares no winner; the differences are descriptive.")
            out.append("Median paired differences in \(name) against \(baseText): "
                       + compared.map { describe($0, m) }.joined(separator: "; ") + ".")
        } else if !compared.isEmpty {
            let significant = compared.filter { $0.comparison!.significant }, rest = compared.filter { !$0.comparison!.significant }
            let family = compared.count
            for v in significant {
                let c = v.comparison!, lower = c.paired!.medianDifference < 0
                out.append("After Holm correction across \(family) comparison\(family == 1 ? "" : "s"), \(v.variant) has a "
                           + "\(lower ? "lower" : "higher") \(name) than \(baseText): \(describe(v, m)), "
                           + "Wilcoxon p = \(Format.p(c.paired!.wilcoxon.pValue)), adjusted \(Format.p(c.holmP)).")
            }
            if !rest.isEmpty {
                out.append(list(rest.map(\.variant)) + " \(rest.count == 1 ? "does" : "do") not differ from the baseline in \(name) "
                           + "at the \(Int(Analysis.alpha * 100))% level after Holm correction (adjusted p "
                           + list(rest.map { Format.p($0.comparison!.holmP) }) + "): " + rest.map { describe($0, m) }.joined(separator: "; ") + ".")
            }
        }
        if !identical.isEmpty {
            out.append(list(identical.map(\.variant)) + " give\(identical.count == 1 ? "s" : "") the baseline's \(name) to within 1e-9 "
                       + "relative in every seed (the same function of the weights; only the cost differs).")
        }
        if d.paretoFront.count >= 1 && d.variants.filter({ $0.cost["flops_per_atom"] != nil }).count >= 2 {
            let front = d.paretoFront.compactMap { v in d.variants.first { $0.variant == v } }.map {
                "\($0.variant) (\(Format.count($0.cost["flops_per_atom"])) FLOPs/atom, \(Format.value($0.summaries[m.key]?.mean)) \(m.unit))"
            }
            let dominated = d.variants.filter { !d.paretoFront.contains($0.variant) && $0.summaries[m.key] != nil }.map(\.variant)
            out.append("On mean \(name) against forward FLOPs per atom, the Pareto front is " + front.joined(separator: " → ")
                       + (dominated.isEmpty ? "." : "; " + list(dominated) + " \(dominated.count == 1 ? "is" : "are") dominated (on means; see the intervals)."))
        }
        out.append(symmetrySentence(d))
        return out
    }

    /// "X −3.1 meV/Å (−1.3%), lower in 3 of 3 seeds".
    static func describe(_ v: Analysis.VariantStats, _ m: MetricDefinition) -> String {
        let c = v.comparison!
        guard let p = c.paired else { return "\(v.variant) (\(c.pairedSeeds.count) paired seed)" }
        return "\(v.variant) \(Format.signed(p.medianDifference)) \(m.unit) (\(Format.percent(c.relativeMedianDifference))), "
            + "lower in \(c.lowerInSeeds) of \(c.pairedSeeds.count) seeds"
    }

    static func symmetrySentence(_ d: Analysis.DatasetAnalysis) -> String {
        let measured = d.variants.filter { !$0.symmetry.isEmpty }
        guard !measured.isEmpty else { return "Symmetry errors were not measured." }
        var problems: [String] = []
        for v in measured {
            for (key, error) in v.symmetry.sorted(by: { $0.key < $1.key }) where error > 1e-10 {
                let property = String(key.dropFirst("symmetry.".count))
                if let why = v.declaredApproximate[property] {
                    problems.append("\(v.variant) \(property) error \(Format.error(error)) (declared approximate: \(why))")
                } else {
                    problems.append("\(v.variant) \(property) error \(Format.error(error)) exceeds 1e-10 although the variant declares it exact (check it with `symlab check`)")
                }
            }
        }
        let worst = measured.flatMap { $0.symmetry.values }.filter { $0 <= 1e-10 }.max() ?? 0
        if problems.isEmpty {
            return "Every trained model keeps rotation, translation and permutation invariance to ≤ \(Format.error(worst)) relative (tolerance 1e-10)."
        }
        return "Symmetry: " + problems.joined(separator: "; ") + "; the others are invariant to ≤ \(Format.error(worst)) relative."
    }

    /// "validation force RMSE" from the metric key.
    static func metricName(_ m: MetricDefinition) -> String {
        let parts = m.key.split(separator: ".").map(String.init)
        let quantity = parts.last!.replacingOccurrences(of: "_rmse", with: " RMSE").replacingOccurrences(of: "_mae", with: " MAE")
        return "\(parts.first!) \(quantity)"
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}

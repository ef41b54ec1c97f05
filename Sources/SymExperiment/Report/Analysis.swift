import Foundation

/// The statistics a report states, computed from a result table (pure). Per dataset and variant:
/// summaries of every measured metric over the seeds, the variant's cost and symmetry errors, and
/// for the headline metric the comparison with the baseline, paired by seed (Wilcoxon signed-rank
/// and paired t, Holm-corrected across the variants), with the unpaired tests beside it.
public struct Analysis: Sendable {
    /// Significance level of the Holm-corrected Wilcoxon tests.
    public static let alpha = 0.05
    /// Fewer paired seeds than this: the tests are reported as having little power.
    public static let minimumSeedsForClaims = 5

    public var primary: MetricDefinition
    public var datasets: [DatasetAnalysis]

    public struct DatasetAnalysis: Sendable {
        public var dataset: String
        public var baseline: String
        public var variants: [VariantStats]
        /// Variants on the Pareto front of (FLOPs per atom, mean primary metric), cheapest first.
        public var paretoFront: [String]
        /// The baseline's stats.
        public var baselineStats: VariantStats? { variants.first { $0.variant == baseline } }
    }

    public struct VariantStats: Sendable {
        public var variant: String
        public var isBaseline: Bool
        public var planned: Int, ok: Int, failed: Int
        public var missing: Int { planned - ok - failed }
        /// Seeds of the finished runs, in plan order.
        public var seeds: [UInt64]
        /// Summary over seeds of every accuracy metric that was measured, by metric key.
        public var summaries: [String: Summary]
        /// Median over seeds of each cost metric, by key; largest symmetry error per transform.
        public var cost: [String: Double]
        public var symmetry: [String: Double]
        /// Properties the variant declares approximate, with the reason.
        public var declaredApproximate: [String: String]
        /// Expressivity-probe means, by probe name.
        public var probes: [String: Double]
        /// The comparison with the baseline on the primary metric (nil for the baseline itself).
        public var comparison: Comparison?
    }

    public struct Comparison: Sendable {
        /// Seeds where both the variant and the baseline finished.
        public var pairedSeeds: [UInt64]
        public var paired: PairedComparison?
        public var unpaired: UnpairedComparison?
        /// Holm-adjusted Wilcoxon p across the variants of the dataset.
        public var holmP: Double?
        /// Seeds where the variant's value is lower than the baseline's.
        public var lowerInSeeds: Int
        /// Median paired difference relative to the baseline's median.
        public var relativeMedianDifference: Double?
        /// Every pair has the same value to 1e-9 relative (identical maths).
        public var identical: Bool
        /// Every pair shares the batch sequence and validation frames (equal digests).
        public var pairingVerified: Bool
        /// Enough seeds, not numerically identical, and Holm-adjusted p below `alpha` (which
        /// needs at least 6 pairs: with 5 the smallest two-sided Wilcoxon p is 0.0625).
        public var significant: Bool {
            !identical && pairedSeeds.count >= Analysis.minimumSeedsForClaims && (holmP ?? 1) < Analysis.alpha
        }
    }

    /// Analyses `table`; `primary` defaults to the plan's primary metric.
    public init(_ table: ResultTable) {
        primary = MetricCatalogue.definition(table.plan.primaryMetric) ?? MetricCatalogue.accuracy[2]
        let primary = self.primary
        datasets = table.datasets.map { Self.analyse(table, dataset: $0, primary: primary) }
    }

    static func analyse(_ table: ResultTable, dataset: String, primary: MetricDefinition) -> DatasetAnalysis {
        let baseline = table.plan.baseline
        var stats = table.variants.compactMap { v -> VariantStats? in
            let rows = table.rows(variant: v, dataset: dataset)
            return rows.isEmpty ? nil : variantStats(rows, variant: v, isBaseline: v == baseline)
        }
        let baseRows = table.rows(variant: baseline, dataset: dataset)
        for i in stats.indices where !stats[i].isBaseline {
            stats[i].comparison = compare(table.rows(variant: stats[i].variant, dataset: dataset), to: baseRows, primary)
        }
        // The Holm family: every variant with a paired test, except those identical to the baseline.
        let tested = stats.indices.filter { stats[$0].comparison?.paired != nil && stats[$0].comparison?.identical == false }
        if let adjusted = try? MultipleTesting.holm(tested.map { stats[$0].comparison!.paired!.wilcoxon.pValue }) {
            for (i, p) in zip(tested, adjusted) { stats[i].comparison!.holmP = p }
        }
        return DatasetAnalysis(dataset: dataset, baseline: baseline, variants: stats, paretoFront: pareto(stats, primary))
    }

    static func variantStats(_ rows: [ResultTable.Row], variant: String, isBaseline: Bool) -> VariantStats {
        let ok = rows.compactMap(\.ok)
        var summaries: [String: Summary] = [:]
        for m in MetricCatalogue.accuracy {
            let values = ok.compactMap(m.value)
            if values.count == ok.count, !values.isEmpty, let s = try? Summary(values) { summaries[m.key] = s }
        }
        var cost: [String: Double] = [:]
        for m in MetricCatalogue.cost {
            let values = ok.compactMap(m.value).sorted()
            if !values.isEmpty { cost[m.key] = values[values.count / 2] }
        }
        var symmetry: [String: Double] = [:]
        for m in MetricCatalogue.symmetry {
            let values = ok.compactMap(m.value)
            if !values.isEmpty { symmetry[m.key] = values.max() }
        }
        var probes: [String: Double] = [:]
        for name in Set(ok.flatMap { $0.metrics.probes?.keys.map { $0 } ?? [] }) {
            let values = ok.compactMap { $0.metrics.probes?[name] }
            probes[name] = values.reduce(0, +) / Double(values.count)
        }
        return VariantStats(variant: variant, isBaseline: isBaseline, planned: rows.count, ok: ok.count,
                            failed: rows.filter { $0.result?.status == .failed }.count, seeds: ok.map(\.seed),
                            summaries: summaries, cost: cost, symmetry: symmetry,
                            declaredApproximate: ok.first?.metrics.symmetry?.declaredApproximate ?? [:], probes: probes, comparison: nil)
    }

    static func compare(_ rows: [ResultTable.Row], to baseRows: [ResultTable.Row], _ m: MetricDefinition) -> Comparison {
        var x: [Double] = [], y: [Double] = [], seeds: [UInt64] = [], verified = true
        for row in rows {
            guard let r = row.ok, let v = m.value(r),
                  let b = baseRows.first(where: { $0.run.seed == row.run.seed })?.ok, let w = m.value(b) else { continue }
            x.append(v)
            y.append(w)
            seeds.append(row.run.seed)
            verified = verified && r.pairing != nil && r.pairing?.batchDigest == b.pairing?.batchDigest
                && r.pairing?.validationDigest == b.pairing?.validationDigest
        }
        let xs = rows.compactMap(\.ok).compactMap(m.value), ys = baseRows.compactMap(\.ok).compactMap(m.value)
        let paired = x.count >= 2 ? try? PairedComparison(x, baseline: y) : nil
        let baseMedian = ys.isEmpty ? nil : ys.sorted()[ys.count / 2]
        return Comparison(pairedSeeds: seeds, paired: paired,
                          unpaired: xs.count >= 2 && ys.count >= 2 ? try? UnpairedComparison(xs, baseline: ys) : nil,
                          holmP: nil, lowerInSeeds: zip(x, y).filter { $0 < $1 }.count,
                          relativeMedianDifference: paired.flatMap { p in baseMedian.map { p.medianDifference / $0 } },
                          identical: !x.isEmpty && zip(x, y).allSatisfy { abs($0 - $1) <= 1e-9 * max(abs($0), abs($1)) },
                          pairingVerified: verified && !x.isEmpty)
    }

    /// Variants not dominated in (FLOPs per atom, mean primary metric): no other variant is at
    /// most as costly and as wrong, and strictly better in one. Cheapest first.
    static func pareto(_ stats: [VariantStats], _ primary: MetricDefinition) -> [String] {
        let points = stats.compactMap { s -> (String, Double, Double)? in
            guard let c = s.cost["flops_per_atom"], let e = s.summaries[primary.key]?.mean else { return nil }
            return (s.variant, c, e)
        }
        // Errors within 1e-9 relative count as equal (variants with the same maths differ by rounding).
        func atMost(_ a: Double, _ b: Double) -> Bool { a <= b + 1e-9 * abs(b) }
        func below(_ a: Double, _ b: Double) -> Bool { !atMost(b, a) }
        return points.filter { p in
            !points.contains { q in q.1 <= p.1 && atMost(q.2, p.2) && (q.1 < p.1 || below(q.2, p.2)) }
        }.sorted { ($0.1, $0.2) < ($1.1, $1.2) }.map(\.0)
    }
}

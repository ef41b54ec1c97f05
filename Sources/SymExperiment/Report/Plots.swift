import Foundation

/// A plot of a report: a gnuplot script and its data files (pure text), rendered to PNG and SVG.
public struct PlotFile: Equatable, Sendable {
    /// File stem, e.g. "final-error".
    public var name: String
    public var title: String
    /// One sentence under the image saying what is drawn.
    public var caption: String
    /// The gnuplot script (writes `<name>.png` and `<name>.svg` in its folder).
    public var script: String
    /// Data file name → contents.
    public var data: [String: String]
    /// Paths relative to the report.
    public var png: String { "plots/\(name).png" }
    public var svg: String { "plots/\(name).svg" }
}

/// The report's plots, every seed drawn: learning curves per variant, final error per variant
/// (points per seed, lines joining a seed's runs, mean and 95% interval), accuracy against cost
/// (Pareto front) and FLOPs per atom against neighbour slots.
public enum Plots {
    /// Colour per variant (Okabe–Ito, then Tableau and Dark2), cycling after 16.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B",
                          "#7F7F7F", "#BCBD22", "#9467BD", "#E41A1C", "#17BECF", "#1A3A6B", "#66A61E", "#A6761D"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }
    /// Point type per variant, so that neighbours in the palette also differ in shape.
    static func pointType(_ index: Int) -> Int { [7, 5, 9, 11, 13, 15][index % 6] }

    /// Every plot of the table.
    public static func make(_ table: ResultTable, _ analysis: Analysis) -> [PlotFile] {
        analysis.datasets.enumerated().flatMap { k, d -> [PlotFile] in
            let suffix = analysis.datasets.count > 1 ? "-\(k + 1)" : ""
            let named = analysis.datasets.count > 1 ? " (\(d.dataset))" : ""
            return [learningCurves(table, d, suffix, named), finalError(table, d, analysis.primary, suffix, named),
                    pareto(d, analysis.primary, suffix, named), costScaling(table, d, suffix, named)].compactMap { $0 }
                + MDPlots.make(table, d, suffix, named)
        }
    }

    /// Both terminals around one plot body.
    static func script(_ name: String, size: (Int, Int), _ body: String) -> String {
        """
        # gnuplot script written by symlab report; run in this folder: gnuplot \(name).gp
        set encoding utf8
        set terminal pngcairo size \(size.0),\(size.1) font 'DejaVu Sans,11' noenhanced
        set output '\(name).png'
        \(body)
        set terminal svg size \(size.0),\(size.1) font 'DejaVu Sans,11' noenhanced
        set output '\(name).svg'
        \(body)
        unset output

        """
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    static func learningCurves(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ suffix: String, _ named: String) -> PlotFile? {
        var blocks: [String] = [], plots: [String] = [], index = 0
        for (v, variant) in d.variants.enumerated() {
            for row in table.rows(variant: variant.variant, dataset: d.dataset) {
                guard let r = row.ok, !r.learningCurve.isEmpty else { continue }
                blocks.append("# \(variant.variant) seed \(r.seed)\n"
                              + r.learningCurve.map { "\($0.step) \(1000 * $0.validationForceRMSE) \(1000 * $0.validationEnergyRMSE)" }.joined(separator: "\n"))
                plots.append("'curves\(suffix).dat' index \(index) using 1:COLUMN with lines lc rgb '\(colour(v))' lw 1 notitle")
                index += 1
            }
        }
        guard !blocks.isEmpty else { return nil }
        let legend = d.variants.enumerated().map { "NaN with lines lc rgb '\(colour($0.offset))' lw 2 title \(quoted($0.element.variant))" }
        // Two panels side by side and the legend to their right, where it hides no curve.
        func panel(_ column: Int, _ label: String, origin: Double, legend: [String]) -> String {
            "set origin \(origin), 0\nset size 0.4, 0.94\nset ylabel \(quoted(label))\nplot "
                + (plots.map { $0.replacingOccurrences(of: "COLUMN", with: String(column)) } + legend).joined(separator: ", \\\n     ")
        }
        let body = """
        set multiplot title \(quoted("Validation error during training, every seed\(named)"))
        set xlabel 'training step'
        set logscale y
        set grid
        set key at screen 0.81, screen 0.88 left top Left reverse
        \(panel(2, "validation force RMSE (meV/Å)", origin: 0, legend: []))
        \(panel(3, "validation energy RMSE (meV/atom)", origin: 0.4, legend: legend))
        unset multiplot
        """
        return PlotFile(name: "learning-curves\(suffix)", title: "Learning curves\(named)",
                        caption: "Validation force (left) and energy (right) RMSE on the learning-curve frames against training step; one line per run, colour by variant.",
                        script: script("learning-curves\(suffix)", size: (1400, 500), body),
                        data: ["curves\(suffix).dat": blocks.joined(separator: "\n\n\n") + "\n"])
    }

    static func finalError(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ m: MetricDefinition, _ suffix: String, _ named: String) -> PlotFile? {
        let seeds = unique(table.rows.filter { $0.run.dataset == d.dataset }.map(\.run.seed))
        var seedBlocks: [String] = []
        for (s, seed) in seeds.enumerated() {
            let jitter = seeds.count > 1 ? 0.16 * (Double(s) / Double(seeds.count - 1) - 0.5) : 0
            let points = d.variants.enumerated().compactMap { v, variant -> String? in
                guard let r = table.rows(variant: variant.variant, dataset: d.dataset).first(where: { $0.run.seed == seed })?.ok,
                      let value = m.value(r) else { return nil }
                return "\(Double(v) + jitter) \(value) \(v)"
            }
            if !points.isEmpty { seedBlocks.append("# seed \(seed)\n" + points.joined(separator: "\n")) }
        }
        guard !seedBlocks.isEmpty else { return nil }
        let summary = d.variants.enumerated().compactMap { v, variant -> String? in
            guard let s = variant.summaries[m.key] else { return nil }
            let i = s.meanInterval
            return "\(v) \(s.mean) \(i?.lower ?? s.mean) \(i?.upper ?? s.mean)"
        }.joined(separator: "\n")
        let tics = d.variants.enumerated().map { "\(quoted($0.element.variant)) \($0.offset)" }.joined(separator: ", ")
        let palette = d.variants.indices.map { "\($0) '\(colour($0))'" }.joined(separator: ", ")
        let body = """
        set title \(quoted("\(Findings.metricName(m).capitalizingFirst) per variant, every seed\(named)"))
        set ylabel \(quoted("\(m.label) (\(m.unit))"))
        set xrange [-0.6:\(Double(d.variants.count) - 0.4)]
        set xtics (\(tics)) rotate by -20
        set grid ytics
        set palette defined (\(palette))
        set cbrange [0:\(max(1, d.variants.count - 1))]
        unset colorbox
        set key top right
        plot for [i=0:\(seedBlocks.count - 1)] 'final\(suffix).dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \\
             for [i=0:\(seedBlocks.count - 1)] 'final\(suffix).dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \\
             'final-mean\(suffix).dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \\
             NaN with lines lc rgb '#BBBBBB' title 'same seed'
        """
        return PlotFile(name: "final-error\(suffix)", title: "Final error per variant\(named)",
                        caption: "\(Findings.metricName(m).capitalizingFirst) of every run (points, one per seed, grey lines join the runs of one seed) with each variant's mean and 95% t-interval.",
                        script: script("final-error\(suffix)", size: (900, 560), body),
                        data: ["final\(suffix).dat": seedBlocks.joined(separator: "\n\n\n") + "\n", "final-mean\(suffix).dat": summary + "\n"])
    }

    static func pareto(_ d: Analysis.DatasetAnalysis, _ m: MetricDefinition, _ suffix: String, _ named: String) -> PlotFile? {
        var points: [String] = [], series: [String] = [], costs: [Double] = []
        for (v, s) in d.variants.enumerated() {
            guard let c = s.cost["flops_per_atom"], let sum = s.summaries[m.key] else { continue }
            let i = sum.meanInterval
            series.append("'pareto\(suffix).dat' every ::\(points.count)::\(points.count) using 1:2:3:4 with yerrorbars "
                          + "pt \(pointType(v)) ps 1.6 lw 2 lc rgb '\(colour(v))' title \(quoted(s.variant))")
            costs.append(c)
            points.append("\(c) \(sum.mean) \(i?.lower ?? sum.mean) \(i?.upper ?? sum.mean) \(v) \"\(s.variant)\"")
        }
        guard points.count >= 2 else { return nil }
        let front = d.paretoFront.compactMap { v in d.variants.first { $0.variant == v } }.compactMap { s -> String? in
            guard let c = s.cost["flops_per_atom"], let mean = s.summaries[m.key]?.mean else { return nil }
            return "\(c) \(mean)"
        }
        // Log axis only where it has a decade to label; an error (RMSE, MAE) is not negative: a
        // t-interval reaching below 0 is cut at the axis.
        let spansADecade = (costs.max() ?? 1) >= 10 * (costs.min() ?? 1)
        let body = """
        set title \(quoted("Accuracy against cost\(named)"))
        set xlabel 'forward FLOPs per atom (cost functions)'
        set ylabel \(quoted("mean \(m.label) (\(m.unit))"))
        \(spansADecade ? "set logscale x" : "unset logscale x")
        set format x '%.2s%c'
        set autoscale xfix
        set offsets graph 0.06, graph 0.06, graph 0.06, 0
        set yrange [0:*]
        set grid
        set key outside right top
        plot 'pareto-front\(suffix).dat' using 1:2 with lines dt 2 lw 2 lc rgb '#555555' title 'Pareto front (means)', \\
             \(series.joined(separator: ", \\\n     "))
        """
        return PlotFile(name: "pareto\(suffix)", title: "Accuracy against cost\(named)",
                        caption: "Mean \(Findings.metricName(m)) of each variant with its 95% t-interval against forward FLOPs per atom; the dashed line joins the variants no other variant beats on both.",
                        script: script("pareto\(suffix)", size: (1000, 600), body),
                        data: ["pareto\(suffix).dat": points.joined(separator: "\n") + "\n", "pareto-front\(suffix).dat": front.joined(separator: "\n") + "\n"])
    }

    static func costScaling(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ suffix: String, _ named: String) -> PlotFile? {
        var blocks: [String] = [], plots: [String] = []
        for (v, variant) in d.variants.enumerated() {
            guard let points = table.rows(variant: variant.variant, dataset: d.dataset).compactMap({ $0.ok?.metrics.costScaling }).first,
                  !points.isEmpty else { continue }
            blocks.append("# \(variant.variant)\n" + points.map { "\($0.neighbourSlots) \($0.flopsPerAtom)" }.joined(separator: "\n"))
            plots.append("'cost-scaling\(suffix).dat' index \(blocks.count - 1) using 1:2 with linespoints pt \(pointType(v)) lw 2 lc rgb '\(colour(v))' title \(quoted(variant.variant))")
        }
        guard !blocks.isEmpty else { return nil }
        let body = """
        set title \(quoted("Cost against neighbour slots\(named)"))
        set xlabel 'neighbour slots per atom (Σ sel)'
        set ylabel 'forward FLOPs per atom'
        set logscale xy
        set autoscale xfix
        set offsets graph 0.05, graph 0.05, 0, 0
        set grid
        set key top left
        plot \(plots.joined(separator: ", \\\n     "))
        """
        return PlotFile(name: "cost-scaling\(suffix)", title: "Cost against neighbour count\(named)",
                        caption: "Forward FLOPs per atom computed from each variant's cost functions with sel scaled to the given total (same widths); computed, not timed.",
                        script: script("cost-scaling\(suffix)", size: (800, 560), body),
                        data: ["cost-scaling\(suffix).dat": blocks.joined(separator: "\n\n\n") + "\n"])
    }
}

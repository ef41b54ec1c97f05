import Foundation
import SymAtoms

/// The MD plots of a report (suites with `stability` or `structure`): NVE drift of every trained
/// model and time to failure of every trajectory per variant (censored runs drawn open), and the
/// RDF and bond-angle distributions per variant against the reference.
enum MDPlots {
    static func make(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ suffix: String, _ named: String) -> [PlotFile] {
        guard table.mdSettings(dataset: d.dataset) != nil else { return [] }
        return [stability(table, d, suffix, named), structure(table, d, suffix, named)].compactMap { $0 }
    }

    /// x tics: the variants, then the reference.
    static func tics(_ names: [String]) -> String {
        names.enumerated().map { "\(Plots.quoted($0.element)) \($0.offset)" }.joined(separator: ", ")
    }

    /// Evenly spread offsets in ±0.18 for the k-th of n points of one category.
    static func jitter(_ k: Int, _ n: Int) -> Double { n > 1 ? 0.36 * (Double(k) / Double(n - 1) - 0.5) : 0 }

    static func stability(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ suffix: String, _ named: String) -> PlotFile? {
        let ref = MDReport.reference(table, dataset: d.dataset)
        var drift: [String] = [], means: [String] = [], failed: [String] = [], censored: [String] = []
        for (v, variant) in d.variants.enumerated() {
            let runs = table.rows(variant: variant.variant, dataset: d.dataset).compactMap { $0.ok?.metrics.md }
            for (k, m) in runs.enumerated() {
                if let x = m.trajectories.meanAbsoluteDrift { drift.append("\(Double(v) + jitter(k, runs.count)) \(x) \(v)") }
            }
            if let s = MDReport.summaries(table, variant: variant.variant, dataset: d.dataset)["md.nve_drift"] {
                means.append("\(v) \(s.mean) \(s.meanInterval?.lower ?? s.mean) \(s.meanInterval?.upper ?? s.mean)")
            }
            let all = runs.flatMap(\.trajectories).compactMap(\.survival)
            for (k, t) in all.enumerated() { (t.failed ? { failed.append($0) } : { censored.append($0) })("\(Double(v) + jitter(k, all.count)) \(t.time) \(v)") }
        }
        let r = d.variants.count
        if let ref {
            if let x = ref.trajectories.meanAbsoluteDrift { drift.append("\(r) \(x) \(r)") }
            let all = ref.trajectories.compactMap(\.survival)
            for (k, t) in all.enumerated() { (t.failed ? { failed.append($0) } : { censored.append($0) })("\(Double(r) + jitter(k, all.count)) \(t.time) \(r)") }
        }
        guard !drift.isEmpty || !failed.isEmpty || !censored.isEmpty else { return nil }
        let names = d.variants.map(\.variant) + (ref.map { ["\($0.name) (reference)"] } ?? [])
        let palette = (0..<names.count).map { "\($0) '\($0 == r ? "#000000" : Plots.colour($0))'" }.joined(separator: ", ")
        let empty = "NaN NaN 0", length = table.mdSettings(dataset: d.dataset)?.run.failureTime ?? 1
        let body = """
        set multiplot layout 1,2 title \(Plots.quoted("Molecular dynamics with the trained models\(named)"))
        set xrange [-0.6:\(Double(names.count) - 0.4)]
        set xtics (\(tics(names))) rotate by -20
        set grid ytics
        set palette defined (\(palette))
        set cbrange [0:\(max(1, names.count - 1))]
        unset colorbox
        set key below
        set ylabel 'NVE drift |dE_tot/dt| / N (meV/atom/ps)'
        set logscale y
        plot 'md-drift\(suffix).dat' using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \\
             'md-drift-mean\(suffix).dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \\
             NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'one trained model (mean over its MD seeds)'
        unset logscale y
        set ylabel 'time to failure (ps)'
        set yrange [0:\(1.1 * length)]
        plot 'md-survival\(suffix).dat' index 0 using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \\
             'md-survival\(suffix).dat' index 1 using 1:2:3 with points pt 8 ps 1.4 lc palette notitle, \\
             NaN with points pt 7 ps 1.2 lc rgb '#777777' title 'failed', \\
             NaN with points pt 8 ps 1.4 lc rgb '#777777' title 'no failure (censored at the run length)'
        unset multiplot
        """
        return PlotFile(name: "md-stability\(suffix)", title: "MD stability\(named)",
                        caption: "Left: NVE total-energy drift of every trained model (each point the mean over its MD seeds) with the variant's mean and 95% t-interval. Right: time to failure of every NVT trajectory at the elevated temperature; open triangles did not fail within the run (censored). The reference potential (black) ran the same protocol.",
                        script: Plots.script("md-stability\(suffix)", size: (1200, 520), body),
                        data: ["md-drift\(suffix).dat": (drift.isEmpty ? [empty] : drift).joined(separator: "\n") + "\n",
                               "md-drift-mean\(suffix).dat": (means.isEmpty ? ["NaN NaN NaN NaN"] : means).joined(separator: "\n") + "\n",
                               "md-survival\(suffix).dat": "# failed\n" + (failed.isEmpty ? [empty] : failed).joined(separator: "\n")
                                   + "\n\n\n# censored\n" + (censored.isEmpty ? [empty] : censored).joined(separator: "\n") + "\n"])
    }

    static func structure(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, _ suffix: String, _ named: String) -> PlotFile? {
        let ref = MDReport.reference(table, dataset: d.dataset)
        func curves(_ pick: (MDMetrics) -> Distribution?, _ refPick: (MDReference) -> Distribution?) -> (data: String, plots: [String], unit: String)? {
            var blocks: [String] = [], plots: [String] = [], unit = ""
            for (v, variant) in d.variants.enumerated() {
                let runs = table.rows(variant: variant.variant, dataset: d.dataset).compactMap { $0.ok?.metrics.md }.compactMap(pick)
                guard let mean = Distribution.average(runs) else { continue }
                unit = mean.unit
                blocks.append("# \(variant.variant), mean of \(runs.count) models\n" + zip(mean.centres, mean.values).map { "\($0) \($1)" }.joined(separator: "\n"))
                plots.append("FILE index \(blocks.count - 1) using 1:2 with lines lw 2 lc rgb '\(Plots.colour(v))' title \(Plots.quoted(variant.variant))")
            }
            if let ref, let g = refPick(ref) {
                unit = g.unit
                blocks.append("# \(ref.name) (reference)\n" + zip(g.centres, g.values).map { "\($0) \($1)" }.joined(separator: "\n"))
                plots.append("FILE index \(blocks.count - 1) using 1:2 with lines lw 2 dt 2 lc rgb '#000000' title \(Plots.quoted("\(ref.name) (reference)"))")
            }
            return blocks.isEmpty ? nil : (blocks.joined(separator: "\n\n\n") + "\n", plots, unit)
        }
        guard let rdf = curves({ $0.rdf }, { $0.rdf }), let adf = curves({ $0.angles }, { $0.angles }) else { return nil }
        let (rdfFile, adfFile) = ("'md-rdf\(suffix).dat'", "'md-adf\(suffix).dat'")
        let body = """
        set multiplot layout 1,2 title \(Plots.quoted("Structure from NVT MD against the reference\(named)"))
        set grid
        set key top right
        set xlabel 'r (Å)'
        set ylabel \(Plots.quoted(rdf.unit))
        plot \(rdf.plots.map { $0.replacingOccurrences(of: "FILE", with: rdfFile) }.joined(separator: ", \\\n     "))
        set xlabel 'bond angle θ (degrees)'
        set ylabel \(Plots.quoted(adf.unit))
        set xrange [0:180]
        set xtics 30
        plot \(adf.plots.map { $0.replacingOccurrences(of: "FILE", with: adfFile) }.joined(separator: ", \\\n     "))
        unset multiplot
        """
        return PlotFile(name: "md-structure\(suffix)", title: "MD structure\(named)",
                        caption: "Radial distribution function (left) and bond-angle distribution (right) from the equilibrium NVT runs, each variant's curve the mean over its trained models and MD seeds; dashed: the reference potential with the same protocol.",
                        script: Plots.script("md-structure\(suffix)", size: (1200, 520), body),
                        data: ["md-rdf\(suffix).dat": rdf.data, "md-adf\(suffix).dat": adf.data])
    }
}

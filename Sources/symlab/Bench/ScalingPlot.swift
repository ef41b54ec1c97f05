import Foundation
import SymAtoms

/// The scaling benchmark's files: `scaling.csv` (one row per point), `scaling.dat` and
/// `scaling.gp` (gnuplot data and script) and `scaling.png` / `scaling.svg` rendered by gnuplot.
enum ScalingPlot {
    /// Colour per variant (Okabe–Ito, then Tableau), as in the suite reports.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B", "#7F7F7F", "#BCBD22"]

    static func csv(_ points: [ScalingBenchmark.Point]) -> String {
        let header = "group,variant,nnei,rcut_angstrom,inference_us_per_atom,stage_forward_us_per_atom,flops_per_atom,stage_flops_per_atom\n"
        return header + points.map {
            "\"\($0.group)\",\($0.variant),\($0.nnei),\(String(format: "%.4f", $0.rcut)),\(String(format: "%.3f", $0.microsecondsPerAtom)),"
                + "\(String(format: "%.3f", $0.stageMicrosecondsPerAtom)),"
                + "\(String(format: "%.0f", $0.flopsPerAtom)),\(String(format: "%.0f", $0.stageFlops))"
        }.joined(separator: "\n") + "\n"
    }

    /// A curve: its group, variant, data block and fitted exponents (N ≥ 64) of model and stage time.
    struct Series {
        var group: String, variant: String, index: Int
        var timeExponent: Double, stageExponent: Double
    }

    /// Writes the CSV, data and script into `folder` and runs gnuplot there; returns the files written
    /// (the images only when gnuplot succeeded, with a warning on standard error otherwise).
    static func write(_ points: [ScalingBenchmark.Point], to folder: String) throws -> [String] {
        try AtomicFile.createFolder(folder, purpose: "benchmark output folder")
        var blocks: [String] = [], series: [Series] = []
        for (group, key, _) in ScalingBenchmark.variants() {
            let p = points.filter { $0.group == group && $0.variant == key }.sorted { $0.nnei < $1.nnei }
            guard !p.isEmpty else { continue }
            let upper = p.filter { $0.nnei >= 64 }, x = upper.map { Double($0.nnei) }
            series.append(Series(group: group, variant: key, index: blocks.count,
                                 timeExponent: ScalingBenchmark.logLogSlope(x, upper.map(\.microsecondsPerAtom)),
                                 stageExponent: ScalingBenchmark.logLogSlope(x, upper.map(\.stageMicrosecondsPerAtom))))
            blocks.append("# \(group) \(key): nnei, µs/atom, stage µs/atom, FLOPs/atom, stage FLOPs/atom\n"
                          + p.map { "\($0.nnei) \($0.microsecondsPerAtom) \($0.stageMicrosecondsPerAtom) \($0.flopsPerAtom) \($0.stageFlops)" }
                            .joined(separator: "\n"))
        }
        try AtomicFile.write(csv(points), to: folder + "/scaling.csv")
        try AtomicFile.write(blocks.joined(separator: "\n\n\n") + "\n", to: folder + "/scaling.dat")
        try AtomicFile.write(script(series), to: folder + "/scaling.gp")
        var written = ["scaling.csv", "scaling.dat", "scaling.gp"].map { folder + "/" + $0 }
        let result = try Subprocess.run("/usr/bin/env", ["gnuplot", "scaling.gp"], directory: folder)
        if result.status == 0 && !result.signalled {
            written += [folder + "/scaling.png", folder + "/scaling.svg"]
        } else {
            let why = result.status == 127 ? "gnuplot not found (make setup installs gnuplot-nox)" : result.standardError
            print("warning: scaling plot not rendered: \(why.trimmingCharacters(in: .whitespacesAndNewlines))", to: &standardError)
        }
        return written
    }

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    /// Six panels, one row per group: model time, stage time and stage FLOPs per atom against
    /// nnei, with N¹ and N² guides; the time keys give the fitted exponents over N ≥ 64.
    static func script(_ series: [Series]) -> String {
        let groups = Array(Set(series.map(\.group))).sorted { $0.hasPrefix("R_s") && !$1.hasPrefix("R_s") }
        func panel(_ group: String, column: Int, label: String) -> String {
            let members = series.filter { $0.group == group }
            let curves = members.enumerated().map { k, s -> String in
                let exponent = column == 2 ? s.timeExponent : s.stageExponent
                let title = column == 5 ? s.variant : "\(s.variant) (N^\(String(format: "%.2f", exponent)))"
                let style = "with linespoints lc rgb '\(palette[k % palette.count])' pt 7 ps 0.8 lw 1.5"
                return "'scaling.dat' index \(s.index) using 1:\(column) \(style) title \(quoted(title))"
            }
            let guides = ["(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1'", "(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'"]
            let scale = column == 5 ? "100*" : "10*"
            // The R_s stage times lie low and to the right: their key goes top left, the others bottom right.
            let key = column == 3 && group.hasPrefix("R_s") ? "top left" : "bottom right"
            return "set title \(quoted(group + ": " + label))\nset ylabel \(quoted(label))\nset key \(key)\nplot "
                + (curves + guides.map { scale + $0 }).joined(separator: ", \\\n     ")
        }
        let panels = groups.flatMap { g in
            [panel(g, column: 2, label: "model E+F+W, CPU µs per atom"), panel(g, column: 3, label: "stage forward, CPU µs per atom"),
             panel(g, column: 5, label: "stage forward FLOPs per atom")]
        }
        let body = """
        set multiplot layout \(groups.count),3 title 'Cost against neighbour slots (64-atom dense periodic structure, water widths, release build, one thread)'
        set logscale xy
        set xlabel 'neighbour slots per atom (nnei)'
        set xtics (16, 32, 64, 128, 256)
        set xrange [12:340]
        set grid
        set key font ',8'
        \(panels.joined(separator: "\n"))
        unset multiplot
        """
        return """
        # gnuplot script written by symlab bench --only scaling; run in this folder: gnuplot scaling.gp
        set encoding utf8
        set terminal pngcairo size 1800,1100 font 'DejaVu Sans,11' noenhanced
        set output 'scaling.png'
        \(body)
        set terminal svg size 1800,1100 font 'DejaVu Sans,11' noenhanced
        set output 'scaling.svg'
        \(body)
        unset output

        """
    }
}

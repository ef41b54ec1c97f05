import Foundation
import SymAtoms

extension ResultTable {
    /// Whether any planned run measures MD (`stability` or `structure`).
    public var measuresMD: Bool { rows.contains { $0.run.spec.evaluation.md != nil } }

    /// The MD settings of a dataset's runs (all runs of a suite share them).
    func mdSettings(dataset: String) -> MDEvaluationSettings? {
        rows.first { $0.run.dataset == dataset && $0.run.spec.evaluation.md != nil }?.run.spec.evaluation.md
    }
}

/// The molecular-dynamics section of a report: per variant the MD metrics over the trained models
/// (mean ± 95% t-interval over training seeds, each model's value a mean over its MD seeds),
/// failure counts over all trajectories, the reference potential under the same protocol, and
/// every time-to-failure run with censored runs marked. Empty for suites without MD.
public enum MDReport {
    /// Summaries of one variant's MD metrics, by metric key, over its finished runs that have them.
    static func summaries(_ table: ResultTable, variant: String, dataset: String) -> [String: Summary] {
        let ok = table.rows(variant: variant, dataset: dataset).compactMap(\.ok)
        var out: [String: Summary] = [:]
        for m in MetricCatalogue.md {
            let values = ok.compactMap(m.value)
            if !values.isEmpty, let s = try? Summary(values) { out[m.key] = s }
        }
        return out
    }

    /// Every MD trajectory of a variant's finished runs.
    static func trajectories(_ table: ResultTable, variant: String, dataset: String) -> [MDTrajectory] {
        table.rows(variant: variant, dataset: dataset).compactMap { $0.ok?.metrics.md?.trajectories }.flatMap { $0 }
    }

    /// The reference potential's runs (identical in every result; the first is shown).
    static func reference(_ table: ResultTable, dataset: String) -> MDReference? {
        table.rows.lazy.filter { $0.run.dataset == dataset }.compactMap { $0.ok?.metrics.md?.reference }.first
    }

    /// The section (heading, table, notes, every time-to-failure run), or "" without MD.
    public static func section(_ table: ResultTable, _ d: Analysis.DatasetAnalysis) -> String {
        guard let settings = table.mdSettings(dataset: d.dataset) else { return "" }
        let groups = Set(table.rows.first { $0.run.dataset == d.dataset }?.run.spec.evaluation.metrics ?? [])
        let stability = groups.contains(.stability), structure = groups.contains(.structure)
        let s = settings.run, ref = reference(table, dataset: d.dataset)
        // A column: header, a variant's cell (from its summaries and trajectories), the reference's cell.
        typealias Column = (header: String, cell: ([String: Summary], [MDTrajectory]) -> String, reference: ([MDTrajectory]) -> String)
        func metric(_ key: String, reference: @escaping ([MDTrajectory]) -> String) -> Column {
            let m = MetricCatalogue.md.first { $0.key == key }!
            return (m.unit.isEmpty ? m.label : "\(m.label) (\(m.unit))", { sums, _ in Format.meanWithInterval(sums[key]) }, reference)
        }
        var columns: [Column] = [metric("md.temperature") { Format.value($0.meanSampledTemperature) }]
        if stability {
            columns += [metric("md.nve_drift") { Format.value($0.meanAbsoluteDrift) },
                        metric("md.nve_fluctuation") { Format.value($0.meanFluctuation) },
                        ("equil. failed", { failures($1.equilibriumFailures, $1.count) }, { failures($0.equilibriumFailures, $0.count) }),
                        metric("md.time_to_failure") { Format.value($0.restrictedMeanSurvival) },
                        ("NVT failed", { failures($1.survivalFailures.failed, $1.survivalFailures.runs) },
                         { failures($0.survivalFailures.failed, $0.survivalFailures.runs) })]
        }
        if structure { columns += [metric("md.rdf_distance") { _ in "0" }, metric("md.adf_distance") { _ in "0" }] }
        let header = ["variant", "models"] + columns.map(\.header)
        var rows = d.variants.map { v -> [String] in
            let sums = summaries(table, variant: v.variant, dataset: d.dataset), all = trajectories(table, variant: v.variant, dataset: d.dataset)
            return [v.variant + (v.isBaseline ? " (baseline)" : ""), "\(v.ok)/\(v.planned)"] + columns.map { $0.cell(sums, all) }
        }
        if let ref { rows.append(["\(ref.name) (reference)", "–"] + columns.map { $0.reference(ref.trajectories) }) }
        var out = "### Molecular dynamics\n\n" + Format.table(header, rows, rightAligned: Set(1..<header.count)) + "\n"
        let start = settings.structure ?? table.rows.first { $0.run.dataset == d.dataset }?.run.spec.training.data.train.first ?? "?"
        let cluster = ref?.rdf?.unit.hasPrefix("n(r)") ?? false
        out += protocolText(settings, start: start, stability: stability, structure: structure, reference: ref?.name, cluster: cluster) + "\n\n"
        if stability { out += "#### Time to failure, every trajectory (ps)\n\n" + survivalTable(table, d, reference: ref, length: s.failureTime) + "\n" }
        return out
    }

    /// "2/9".
    static func failures(_ failed: Int, _ runs: Int) -> String { runs == 0 ? "–" : "\(failed)/\(runs)" }

    /// What was run and how the columns are computed.
    static func protocolText(_ m: MDEvaluationSettings, start: String, stability: Bool, structure: Bool, reference: String?,
                             cluster: Bool = false) -> String {
        let s = m.run, c = s.criteria
        var text = "MD from `\(start)` frame \(m.frame), \(s.seeds.count) seed\(s.seeds.count == 1 ? "" : "s") "
            + "per trained model, Δt = \(Format.value(s.timestepFs)) fs. Equilibrium runs: NVT Langevin (BAOAB, γ = \(Format.value(s.friction))/ps) "
            + "at \(Format.value(s.temperature)) K for \(Format.value(s.equilibration)) ps, then \(Format.value(s.sampling)) ps of sampling "
            + "(sampled T: its mean temperature; a potential that releases energy runs hotter than the thermostat)"
        text += stability ? ", then \(Format.value(s.nve)) ps of NVE (velocity Verlet)." : "."
        if stability {
            text += " NVE drift: |slope| of a least-squares line through E_tot/N against time, fluctuation: RMS about that line, "
                + "both averaged over a model's seeds. Time to failure: NVT at \(Format.value(s.failureTemperature)) K from the start "
                + "structure for up to \(Format.value(s.failureTime)) ps; restricted mean (runs without failure count "
                + "\(Format.value(s.failureTime)) ps, censored). A trajectory fails at a non-finite value, two atoms closer than "
                + "\(Format.value(c.minimumDistance)) Å, or E_pot changing by more than \(Format.value(c.energyJumpPerAtom)) eV/atom within "
                + "\(Format.value(c.energyWindow)) ps; equil. failed counts equilibrium runs that failed (they have no drift)."
        }
        if structure {
            text += " Structure: RDF to \(Format.value(s.rdfMaximum)) Å and bond angles within \(Format.value(s.angleCutoff)) Å sampled every "
                + "\(s.sampleEvery) steps; RDF dist. = ∫|g − g_ref| dr"
                + (cluster ? " with n(r), neighbours per atom per Å, in place of g(r) (a cluster has no density; the distance is in neighbours per atom)" : "")
                + ", ADF dist. = ½∫|p − p_ref| dθ (total variation, 0…1)"
                + (reference.map { ", against \($0) MD with the same settings and seeds." } ?? ".")
        }
        return text + " Mean ± 95% t-interval over the trained models; failure counts over all trajectories."
    }

    /// Rows = training seeds, columns = variants: each trajectory's time to failure, "≥" marking
    /// censored runs; the reference's runs (the same for every model) in a line below.
    static func survivalTable(_ table: ResultTable, _ d: Analysis.DatasetAnalysis, reference: MDReference?, length: Double) -> String {
        func cell(_ t: [MDTrajectory]) -> String {
            t.compactMap(\.survival).map { ($0.failed ? "" : "≥") + Format.value($0.time) }.joined(separator: " ")
        }
        let seeds = unique(table.rows.filter { $0.run.dataset == d.dataset }.map(\.run.seed))
        let rows = seeds.map { seed in
            [String(seed)] + d.variants.map { v -> String in
                guard let row = table.rows(variant: v.variant, dataset: d.dataset).first(where: { $0.run.seed == seed }) else { return "" }
                guard let r = row.result else { return "–" }
                return r.status == .failed ? "failed" : (r.metrics.md.map { cell($0.trajectories) } ?? "–")
            }
        }
        let header = ["seed"] + d.variants.map(\.variant)
        return Format.table(header, rows, rightAligned: Set(1..<header.count))
            + "\nOne value per MD seed; ≥ \(Format.value(length)) marks a run that did not fail (censored at its length)."
            + (reference.map { " \($0.name) (reference), same seeds: \(cell($0.trajectories))." } ?? "") + "\n"
    }
}

import Foundation
import SymAtoms
import Testing
@testable import SymExperiment

/// A result table with MD metrics of chosen numbers, for the MD section's exact output.
enum MDReportFixtures {
    /// Three seeds of se_e2_a and `better`; two MD seeds per model. se_e2_a drifts 0.02–0.04
    /// meV/atom/ps and fails one NVT run per model; `better` drifts 0.010–0.012 and never fails.
    static var table: ResultTable {
        var t = ReportFixtures.table([("se_e2_a", [0.25, 0.26, 0.27]), ("better", [0.24, 0.25, 0.26])])
        var md = MDEvaluationSettings()
        md.run.failureTime = 2
        md.structure = "data/si"
        for i in t.rows.indices {
            t.rows[i].run.spec.evaluation.metrics = [.validation, .stability, .structure]
            t.rows[i].run.spec.evaluation.md = md
            let v = t.rows[i].run.variant == "se_e2_a" ? 0 : 1, seed = Double(t.rows[i].run.seed)
            let trajectories = [UInt64(1), 2].map { k -> MDTrajectory in
                var m = MDTrajectory(seed: k)
                m.nveDrift = (v == 0 ? 1e-5 * (1 + seed) : 1e-5 + 1e-6 * seed) * (k == 1 ? 1 : -1)
                m.nveFluctuation = 2e-5
                m.meanTemperature = v == 0 ? 900 + 10 * seed : 905
                m.survival = v == 0 && k == 1 ? SurvivalOutcome(time: 0.5 * seed, failed: true, reason: "close contact")
                    : SurvivalOutcome(time: 2, failed: false, reason: nil)
                return m
            }
            var metrics = MDMetrics(trajectories: trajectories)
            metrics.rdf = Distribution(centres: [1, 2, 3], values: [0, 2 + 0.1 * Double(v), 1], unit: "g(r)", frames: 8)
            metrics.angles = Distribution(centres: [45, 135], values: [0.004, 0.007], unit: "p(θ) (1/deg)", frames: 8)
            (metrics.rdfDistance, metrics.angleDistance) = (0.1 * (1 + seed) / Double(1 + v), 0.01 * seed)
            var reference = MDTrajectory(seed: 1)
            (reference.nveDrift, reference.nveFluctuation, reference.meanTemperature) = (1e-6, 1.5e-5, 898)
            reference.survival = SurvivalOutcome(time: 2, failed: false, reason: nil)
            metrics.reference = MDReference(name: "Stillinger-Weber", trajectories: [reference, reference],
                                            rdf: Distribution(centres: [1, 2, 3], values: [0, 2.2, 1], unit: "g(r)", frames: 16),
                                            angles: Distribution(centres: [45, 135], values: [0.003, 0.008], unit: "p(θ) (1/deg)", frames: 16))
            t.rows[i].result?.metrics.md = metrics
        }
        return t
    }

    // Hand-checked cells: se_e2_a's sampled T per model 910, 920, 930 K → 920 ± 4.303 · 10/√3 = 24.8; its NVE drift per model is mean(|±1e-5 (1 + seed)|) = 0.02, 0.03,
    // 0.04 meV/atom/ps → mean 0.03, t-interval half-width t(0.975, 2) · 0.01 / √3 = 4.303 · 0.005774
    // = 0.0248; its time to failure per model (0.5 seed + 2) / 2 = 1.25, 1.5, 1.75 → 1.5 ± 0.621.
    static let section = #"""
### Molecular dynamics

| variant | models | sampled T (K) | NVE drift (meV/atom/ps) | NVE fluct. (meV/atom) | equil. failed | time to failure (ps) | NVT failed | RDF dist. (Å) | ADF dist. |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| se_e2_a (baseline) | 3/3 | 920.0 ± 24.8 | 0.03 ± 0.0248 | 0.02 ± 0 | 0/6 | 1.50 ± 0.621 | 3/6 | 0.3 ± 0.248 | 0.02 ± 0.0248 |
| better | 3/3 | 905.0 ± 0 | 0.012 ± 0.00248 | 0.02 ± 0 | 0/6 | 2.00 ± 0 | 0/6 | 0.15 ± 0.124 | 0.02 ± 0.0248 |
| Stillinger-Weber (reference) | – | 898.0 | 0.001 | 0.015 | 0/2 | 2.00 | 0/2 | 0 | 0 |

MD from `data/si` frame 0, 3 seeds per trained model, Δt = 1.00 fs. Equilibrium runs: NVT Langevin (BAOAB, γ = 5.00/ps) at 900.0 K for 0.5 ps, then 1.00 ps of sampling (sampled T: its mean temperature; a potential that releases energy runs hotter than the thermostat), then 1.00 ps of NVE (velocity Verlet). NVE drift: |slope| of a least-squares line through E_tot/N against time, fluctuation: RMS about that line, both averaged over a model's seeds. Time to failure: NVT at 1800 K from the start structure for up to 2.00 ps; restricted mean (runs without failure count 2.00 ps, censored). A trajectory fails at a non-finite value, two atoms closer than 1.50 Å, or E_pot changing by more than 0.3 eV/atom within 0.1 ps; equil. failed counts equilibrium runs that failed (they have no drift). Structure: RDF to 6.00 Å and bond angles within 3.00 Å sampled every 10 steps; RDF dist. = ∫|g − g_ref| dr, ADF dist. = ½∫|p − p_ref| dθ (total variation, 0…1), against Stillinger-Weber MD with the same settings and seeds. Mean ± 95% t-interval over the trained models; failure counts over all trajectories.

#### Time to failure, every trajectory (ps)

| seed | se_e2_a | better |
| --- | ---: | ---: |
| 1 | 0.5 ≥2.00 | ≥2.00 ≥2.00 |
| 2 | 1.00 ≥2.00 | ≥2.00 ≥2.00 |
| 3 | 1.50 ≥2.00 | ≥2.00 ≥2.00 |

One value per MD seed; ≥ 2.00 marks a run that did not fail (censored at its length). Stillinger-Weber (reference), same seeds: ≥2.00 ≥2.00.


"""#
}

@Suite("Report: the MD section and plots")
struct MDReportTests {
    @Test func sectionIsExactlyAsExpected() {
        let table = MDReportFixtures.table
        let got = MDReport.section(table, Analysis(table).datasets[0])
        #expect(got == MDReportFixtures.section, "\(ReportWriterTests.firstDifference(got, MDReportFixtures.section))")
    }

    @Test func suitesWithoutMDKeepTheirReportAndCSV() {
        let plain = ReportFixtures.table([("se_e2_a", [0.25, 0.26]), ("x", [0.24, 0.25])])
        #expect(MDReport.section(plain, Analysis(plain).datasets[0]).isEmpty && !plain.measuresMD)
        #expect(!CSVReport.render(plain).contains("md.") && !Plots.make(plain, Analysis(plain)).contains { $0.name.hasPrefix("md-") })
        let md = MDReportFixtures.table
        #expect(CSVReport.render(md).split(separator: "\n")[0].hasSuffix(
            "md.temperature [K],md.nve_drift [meV/atom/ps],md.nve_fluctuation [meV/atom],md.equilibrium_failures,md.time_to_failure [ps],md.failure_runs_failed,md.rdf_distance [Å],md.adf_distance,wall_s,cpu_s,host,cpu,git_commit,build"))
    }

    @Test func plotsDrawEveryModelAndMarkCensoredRuns() throws {
        let table = MDReportFixtures.table
        let plots = Plots.make(table, Analysis(table))
        let stability = try #require(plots.first { $0.name == "md-stability" })
        let survival = try #require(stability.data["md-survival.dat"]).components(separatedBy: "\n\n\n")
        #expect(survival.count == 2)
        #expect(survival[0].split(separator: "\n").count == 1 + 3, "3 failed runs (se_e2_a, MD seed 1)")
        #expect(survival[1].split(separator: "\n").count == 1 + 3 + 6 + 2, "censored: 3 + 6 models' runs and 2 reference runs")
        #expect(try #require(stability.data["md-drift.dat"]).split(separator: "\n").count == 6 + 1, "6 models and the reference")
        let structure = try #require(plots.first { $0.name == "md-structure" })
        #expect(structure.data["md-rdf.dat"]?.contains("# Stillinger-Weber (reference)") == true)
    }
}

import Foundation
import SymAtoms
import Testing
@testable import SymExperiment

/// The opt-in MD metric groups of suites: the `md` section, validation, a run through the CLI.
@Suite("Suites with MD metrics (stability, structure)", .serialized)
struct MDSuiteTests {
    static let suite = """
        name: md
        base: base.yaml
        variants:
          - name: se_e2_a
          - {name: dense, model.descriptor.rotation: gram-dense}
        grid:
          training.seed: [1]
        metrics: [validation, stability, structure]
        evaluation: {inference_repeats: 1}
        md:
          seeds: [1, 2]
          equilibration: 0.004
          sampling: 0.008
          nve: 0.008
          sample_every: 2
          failure_temperature: 1500
          failure_time: 0.006
          min_distance: 1.6

        """

    @Test func mdGroupsAreOptInAndLeaveOtherSuitesAlone() throws {
        let plain = try SuiteFixtures.plan("base: base.yaml\ngrid: {training.seed: [1]}\n")
        let e = plain.runs[0].spec.evaluation
        #expect(e.metrics == [.validation, .symmetry, .cost, .timing] && e.md == nil)
        let json = String(decoding: try JSONEncoder().encode(plain.runs[0].spec), as: UTF8.self)
        #expect(!json.contains("\"md\""), "a suite without MD keeps its run IDs: no md settings in the hashed spec")
        let md = try SuiteFixtures.plan(Self.suite).runs[0].spec.evaluation
        #expect(md.metrics == [.validation, .stability, .structure] && md.md?.run.seeds == [1, 2] && md.md?.run.criteria.minimumDistance == 1.6)
        #expect(md.md?.run.temperature == StabilitySettings().temperature, "unset keys keep the protocol's defaults")
    }

    @Test func badMDSectionsAreReportedWithKeyPaths() {
        let unused = SuiteFixtures.problems("base: base.yaml\nmd: {seeds: [1]}\n")
        #expect(unused.contains { $0.hasPrefix("[at `md`] is only used by the metric groups `stability` and `structure`") }, "\(unused)")
        let bad = SuiteFixtures.problems("""
            base: base.yaml
            metrics: [stability]
            md: {timestep: -1, seeds: [], min_distance: 20, rdf_bins: 3, bogus: 1, structure: no/such/file.xyz}

            """)
        for expected in ["[at `md.timestep`] must be in (0, 5] fs, got -1.0", "[at `md.seeds`] give at least one seed",
                         "[at `md.min_distance`] must be in (0, 10) Å, got 20.0", "[at `md.rdf_bins`] must be within 10…2000, got 3",
                         "[at `md.bogus`] unknown key 'bogus'", "[at `md.structure`] no such file or folder 'no/such/file.xyz'"] {
            #expect(bad.contains { $0.contains(expected) }, "missing: \(expected) in \(bad)")
        }
        let germanium = SuiteFixtures.problems("base: base.yaml\nset: {model.type_map: [Ge]}\nmetrics: [structure]\n")
        #expect(germanium == ["[at `metrics`] `structure` compares with Stillinger-Weber silicon MD and needs type_map [\"Si\"]; variant 'base' has [\"Ge\"]"],
                "\(germanium)")
    }

    @Test func aSuiteMeasuresMDAndReportsIt() throws {
        let path = SuiteFixtures.write(suite: Self.suite, steps: 8, name: "md")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let (status, out) = try SuiteExecutionTests.run(["run", "suite.yaml", "-o", "run", "-j", "2"], in: dir)
        #expect(status == 0, "\(out)")
        let table = try ResultTable.load(ResultStore(root: dir + "/run"))
        for row in table.rows {
            let md = try #require(row.ok?.metrics.md, "\(row.run.variant): \(row.result?.reason ?? "no MD")")
            #expect(md.trajectories.map(\.seed) == [1, 2] && md.trajectories.allSatisfy { $0.survival != nil })
            let reference = try #require(md.reference)
            #expect(reference.trajectories.allSatisfy { $0.equilibriumFailure == nil && $0.survival?.failed == false },
                    "Stillinger-Weber must not fail these criteria")
            #expect(reference.rdf?.frames == 8 && reference.angles != nil, "2 seeds × 4 sampled frames")
            if md.trajectories.allSatisfy({ $0.equilibriumFailure == nil }) { #expect(md.rdfDistance != nil && md.angleDistance != nil) }
        }
        let report = try String(contentsOfFile: dir + "/run/report/report.md", encoding: .utf8)
        #expect(report.contains("### Molecular dynamics") && report.contains("| Stillinger-Weber (reference) | – |")
                && report.contains("#### Time to failure, every trajectory (ps)"), "\(report)")
        let csv = try String(contentsOfFile: dir + "/run/report/results.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n")[0].contains("md.nve_drift [meV/atom/ps]"))
        for name in ["md-stability", "md-structure"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(dir)/run/report/plots/\(name).png")[.size] as? Int) ?? 0
            #expect(size > 1000, "\(name).png missing")
        }
    }
}

import Foundation
import SymModel
import Testing
@testable import SymExperiment

/// `metrics: [probes]`: opt-in, recorded per run, shown in the report.
@Suite("Expressivity probes in suites", .serialized)
struct ProbeMetricsTests {
    @Test func probesAreOptInAndLeaveDefaultRunIDsAlone() throws {
        let plain = try SuiteFixtures.plan("base: base.yaml\n")
        #expect(!plain.runs[0].spec.evaluation.metrics.contains(.probes))
        #expect(EvaluationSettings().metrics == [.validation, .symmetry, .cost, .timing])
        let asked = try SuiteFixtures.plan("base: base.yaml\nmetrics: [probes]\n")
        #expect(asked.runs[0].spec.evaluation.metrics == [.validation, .probes])
    }

    @Test func suiteRecordsProbesAndReportShowsThem() throws {
        let suite = """
            name: probes
            base: base.yaml
            variants:
              - name: se_e2_a
              - {name: radial, model.descriptor.rotation: radial-only}
            grid:
              training.seed: [1]
            metrics: [validation, probes]

            """
        let path = SuiteFixtures.write(suite: suite, steps: 4, name: "probes")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let (status, out) = try SuiteExecutionTests.run(["run", "suite.yaml", "-o", "run", "-j", "1"], in: dir)
        #expect(status == 0, "\(out)")
        let table = try ResultTable.load(ResultStore(root: dir + "/run"))
        let probes = table.rows.compactMap { row in row.result.map { ($0.variant, $0.metrics.probes ?? [:]) } }
        let byVariant = Dictionary(uniqueKeysWithValues: probes)
        #expect(byVariant["se_e2_a"]?["angles-separated"] == 1 && byVariant["radial"]?["angles-separated"] == 0, "\(byVariant)")
        #expect(byVariant["se_e2_a"]?["min-width-n8"] == 8 && byVariant["se_e2_a"]?["min-width-n32"] == nil)  // sel 24: n ≤ 24 only
        let report = try String(contentsOfFile: dir + "/run/report/report.md", encoding: .utf8)
        #expect(report.contains("Expressivity probes") && report.contains("angles-separated"))
    }
}

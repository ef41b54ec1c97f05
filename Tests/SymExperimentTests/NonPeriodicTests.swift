import Foundation
import SymAtoms
import Testing
@testable import SymExperiment

/// Non-periodic molecules end to end, with no special flags: a Stillinger-Weber Si cluster as
/// extended XYZ with pbc="F F F" and as a DeePMD folder with `nopbc` goes through `symlab train`,
/// `symlab test`, `symlab md` and a suite with MD metrics and its report.
@Suite("Non-periodic data end to end (extxyz pbc=F F F, DeePMD nopbc)", .serialized)
struct NonPeriodicTests {
    /// 17-atom clusters (radius 3.9 Å), 12 frames at 500 K, as (extxyz path, DeePMD folder).
    static let data: (xyz: String, deepmd: String) = {
        var spec = SiliconClusterSpec()
        (spec.temperatures, spec.framesPerTemperature, spec.trajectoriesPerTemperature) = ([500], 12, 2)
        (spec.radius, spec.equilibrationSteps, spec.sampleEvery) = (3.9, 30, 5)
        let dataset = generateSiliconClusterDataset(spec), dir = SuiteFixtures.folder("cluster-data")
        try! ExtXYZ.write(dataset, to: dir + "/cluster.xyz")
        try! DeePMDFormat.write(dataset, to: dir + "/cluster")
        return (dir + "/cluster.xyz", dir + "/cluster")
    }()

    static func config(_ train: String) -> String {
        """
        model:
          type_map: [Si]
          descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [24], neuron: [4, 8], axis_neuron: 4}
          fitting: {neuron: [16, 16]}
        data: {train: [\(train)], split: {mode: frame, fraction: 0.25}, stat_frames: 4}
        loss: {start_pref_v: 0, limit_pref_v: 0}
        learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
        training: {steps: 8, seed: 1, disp_freq: 4, save_freq: 4, validation_frames: 2}

        """
    }

    @Test func extxyzClusterTrainsTestsAndRunsMD() throws {
        #expect(try String(contentsOfFile: Self.data.xyz, encoding: .utf8).contains("pbc=\"F F F\""))
        let dir = SuiteFixtures.folder("cluster-cli")
        try Self.config(Self.data.xyz).write(toFile: dir + "/train.yaml", atomically: true, encoding: .utf8)
        let (trained, log) = try SuiteExecutionTests.run(["train", "train.yaml", "-o", "model"], in: dir)
        #expect(trained == 0, "\(log)")
        let (tested, report) = try SuiteExecutionTests.run(["test", "--model", "model/model.json", "--data", Self.data.xyz], in: dir)
        #expect(tested == 0 && report.contains("force component") && !report.contains("virial per atom"), "\(report)")
        let (ran, md) = try SuiteExecutionTests.run(["md", "--model", "model/model.json", "--structure", Self.data.xyz, "--steps", "12",
                                                     "--thermo-every", "4", "--traj-every", "6", "--min-distance", "0.5", "-o", "md"], in: dir)
        #expect(ran == 0 || md.contains("MD failed at"), "\(md)")
        #expect(md.contains("17 atoms, non-periodic"), "\(md)")
        let trajectory = try ExtXYZ.read(dir + "/md/trajectory.extxyz")
        #expect(trajectory.systems.flatMap(\.frames).allSatisfy { !$0.isPeriodic } && trajectory.frameCount >= 2)
    }

    @Test func deepmdNopbcClusterSuiteWithMDReports() throws {
        let suite = """
            name: cluster
            base: base.yaml
            grid: {training.seed: [1]}
            metrics: [validation, symmetry, stability, structure]
            evaluation: {inference_repeats: 1}
            md: {seeds: [1], equilibration: 0.004, sampling: 0.006, nve: 0.006, sample_every: 2, failure_time: 0.004, min_distance: 0.8}

            """
        let dir = SuiteFixtures.folder("cluster-suite")
        try Self.config(Self.data.deepmd).write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        try suite.write(toFile: dir + "/suite.yaml", atomically: true, encoding: .utf8)
        let (status, out) = try SuiteExecutionTests.run(["run", "suite.yaml", "-o", "run"], in: dir)
        #expect(status == 0, "\(out)")
        let result = try #require(try ResultTable.load(ResultStore(root: dir + "/run")).rows.first?.ok, "the run failed")
        #expect(result.metrics.validation?.virialRMSE == nil && result.metrics.symmetry != nil, "no virial labels for a cluster")
        let reference = try #require(result.metrics.md?.reference)
        #expect(reference.rdf?.unit == "n(r) (1/Å)", "clusters have no density: n(r)")
        let report = try String(contentsOfFile: dir + "/run/report/report.md", encoding: .utf8)
        #expect(report.contains("### Molecular dynamics") && report.contains("Stillinger-Weber (reference)"))
    }
}

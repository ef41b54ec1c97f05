import Foundation
import SymAtoms
import SymLabTestKit
@testable import SymExperiment

/// A temporary folder holding a tiny Stillinger-Weber dataset (8-atom cells), a base training
/// config that trains on it in about a second per run in a debug build, and suites over it.
enum SuiteFixtures {
    /// A fresh temporary folder.
    static func folder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("symlab-\(name)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The tiny dataset, generated once per test process.
    static let data: String = try! TestStructures.writeTinySilicon(frames: 16, name: "suite-data")

    /// A base training config (YAML) of `steps` steps on the tiny data.
    static func base(steps: Int = 12) -> String {
        """
        model:
          type_map: [Si]
          descriptor: {rcut: 4.0, rcut_smth: 1.0, sel: [24], neuron: [4, 8], axis_neuron: 4}
          fitting: {neuron: [16, 16]}
        data:
          train: [\(data)]
          split: {mode: frame, fraction: 0.25}
          stat_frames: 4
        learning_rate: {start_lr: 0.003, stop_lr: 0.0001, decay_steps: 1000}
        training: {steps: \(steps), seed: 1, disp_freq: 4, save_freq: 4, validation_frames: 2}

        """
    }

    /// Writes `base.yaml` and `suite.yaml` (with `suite` as its text) into a new folder; returns the suite path.
    static func write(suite: String, steps: Int = 12, name: String = "suite") -> String {
        let dir = folder(name)
        try! base(steps: steps).write(toFile: dir + "/base.yaml", atomically: true, encoding: .utf8)
        try! suite.write(toFile: dir + "/suite.yaml", atomically: true, encoding: .utf8)
        return dir + "/suite.yaml"
    }

    /// Parses and expands a suite text written beside the base config.
    static func plan(_ suite: String, overrides: [Setting] = []) throws -> SuitePlan {
        let path = write(suite: suite)
        return try SuitePlan.expand(try SuiteSpec.read(from: path), overrides: overrides)
    }

    /// The problems of a suite that must not parse or expand.
    static func problems(_ suite: String) -> [String] {
        do { _ = try plan(suite); return [] } catch let e as SuiteErrors { return e.problems } catch { return ["\(error)"] }
    }
}

import Foundation
import SymAtoms
import SymLabTestKit
import SymModel
@testable import SymTrain

/// A tiny Stillinger-Weber silicon dataset (8-atom cells) written to a temporary folder, and a
/// small model config that trains on it in a debug build within seconds.
enum TrainingFixtures {
    static let dataFolder: String = try! TestStructures.writeTinySilicon(frames: 12, name: "train")

    static func config(steps: Int = 6, seed: UInt64 = 3) -> TrainingConfig {
        var model = ModelConfig(typeMap: ["Si"])
        model.descriptor.rcut = 4.0
        model.descriptor.rcutSmooth = 1.0
        model.descriptor.sel = [24]
        model.descriptor.neuron = [4, 8]
        model.descriptor.axisNeuron = 4
        model.fitting.neuron = [16, 16]
        model.seed = seed
        var c = TrainingConfig(model: model)
        c.data.train = [dataFolder]
        c.data.splitMode = .byFrame
        c.data.validationFraction = 0.25
        c.data.statFrames = 4
        c.schedule.steps = steps
        c.schedule.seed = seed
        c.schedule.validateEvery = 3
        c.schedule.checkpointEvery = 3
        c.schedule.validationFrames = 2
        c.schedule.decaySteps = 1000
        c.schedule.stopLearningRate = 1e-4
        c.schedule.startLearningRate = 3e-3
        return c
    }

    static func temporaryFolder(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("symlab-\(name)-\(UUID().uuidString)").path
    }
}

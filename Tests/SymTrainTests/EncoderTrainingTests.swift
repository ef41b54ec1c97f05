import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymTrain

/// Every permutation encoder (small presets where they exist) and the DPA-1 layout train: a short
/// run on the tiny silicon set lowers the validation force error and stays finite. The longer
/// comparison on the built-in silicon data is scripts/encoders-silicon.sh.
@Suite("Every encoder trains", .serialized)
struct EncoderTrainingTests {
    static let variants = VariantRegistry.keys(.permutation) + ["dpa1"]

    static func config(_ variant: String) -> TrainingConfig {
        var config = TrainingFixtures.config(steps: 60, seed: 5)
        (config.schedule.validateEvery, config.schedule.checkpointEvery, config.schedule.decaySteps) = (60, 60, 15)
        (config.schedule.startLearningRate, config.schedule.stopLearningRate) = (5e-3, 5e-4)
        let d = variant == "dpa1" ? GatedAttention.key : variant
        config.model.descriptor.permutation = d
        let presets = VariantRegistry.entries.first { $0.key == d }?.presets.map(\.name) ?? []
        if presets.contains("small") { config.model.descriptor.permutationOptions = ["preset": .string("small")] }
        if variant == "dpa1" {
            config.model.descriptor.embedding = TypeEmbedding.key
            config.model.descriptor.embeddingOptions = ["tebd_dim": .int(4)]
            config.model.fitting.mixedTypes = true
        }
        return config
    }

    @Test(arguments: variants)
    func shortRunLowersTheValidationForceError(_ variant: String) throws {
        let config = Self.config(variant)
        let trainer = Trainer(config: config, output: TrainingFixtures.temporaryFolder("enc-\(variant)"), log: { _ in })
        let data = try TrainingData(config)
        let before = try Evaluator.evaluate(try trainer.initialModel(data), frames: Evaluator.frames(of: data.validation)).0
        let after = try #require(try trainer.run().validation)
        #expect(after.forceRMSE.isFinite && after.forceRMSE < 0.9 * before.forceRMSE, "\(variant): \(before.forceRMSE) -> \(after.forceRMSE)")
    }

    /// experiments/water-dpa1.yaml builds DeePMD-kit's se_atten_v2 water model: its 619,620 parameters.
    @Test func waterDPA1ExperimentIsDeePMDsModel() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../experiments/water-dpa1.yaml").path
        let config = try TrainingConfig.parse(yaml: try String(contentsOfFile: path, encoding: .utf8), source: path)
        #expect(try DeepPotModel(config: config.model).parameterCount == 619_620)
        #expect(config.model.descriptor.embedding == TypeEmbedding.key && config.model.fitting.mixedTypes && config.schedule.seed == 10)
    }
}

import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymTrain

@Suite("Trainer", .serialized)
struct TrainerTests {
    @Test func interruptedAndResumedRunEqualsUninterruptedRun() throws {
        let config = TrainingFixtures.config(steps: 6)
        let whole = TrainingFixtures.temporaryFolder("whole"), split = TrainingFixtures.temporaryFolder("split")
        try Trainer(config: config, output: whole, log: { _ in }).run()
        let partial = try Trainer(config: config, output: split, log: { _ in }).run(stopAfter: 3)
        #expect(partial.steps == 3 && !FileManager.default.fileExists(atPath: split + "/model.json"))
        try Trainer(config: config, output: split, log: { _ in }).run(resume: true)
        let a = try ModelFile.read(from: whole + "/model.json"), b = try ModelFile.read(from: split + "/model.json")
        #expect(a.weights == b.weights, "resumed weights differ from the uninterrupted run")
        let curveA = try String(contentsOfFile: whole + "/learning-curve.csv", encoding: .utf8)
        let curveB = try String(contentsOfFile: split + "/learning-curve.csv", encoding: .utf8)
        let metrics = { (s: String) in s.split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") } }
        #expect(metrics(curveA) == metrics(curveB))  // identical except wall time
    }

    @Test func smokeTrainingLowersTheValidationForceError() throws {
        var config = TrainingFixtures.config(steps: 100, seed: 5)
        config.schedule.validateEvery = 100
        config.schedule.checkpointEvery = 100
        config.schedule.decaySteps = 25
        config.schedule.startLearningRate = 5e-3
        config.schedule.stopLearningRate = 5e-4
        let out = TrainingFixtures.temporaryFolder("smoke")
        let trainer = Trainer(config: config, output: out, log: { _ in })
        let data = try TrainingData(config)
        let initial = try trainer.initialModel(data)
        let before = try Evaluator.evaluate(initial, frames: Evaluator.frames(of: data.validation)).0
        let after = try #require(try trainer.run().validation)
        #expect(after.forceRMSE < 0.8 * before.forceRMSE, "force RMSE \(before.forceRMSE) -> \(after.forceRMSE)")
    }

    @Test func initialWeightsReplaceTheFreshInitialisation() throws {
        let config = TrainingFixtures.config(steps: 3)
        let first = TrainingFixtures.temporaryFolder("first")
        try Trainer(config: config, output: first, log: { _ in }).run()
        let start = try ModelFile.read(from: first + "/model.json")
        let trainer = Trainer(config: config, output: TrainingFixtures.temporaryFolder("second"), initialWeights: start, log: { _ in })
        #expect(try trainer.initialModel(TrainingData(config)).weights == start.weights)
        var other = config
        other.model.descriptor.axisNeuron = 2
        #expect(throws: DataError.self) {
            _ = try Trainer(config: other, output: TrainingFixtures.temporaryFolder("third"), initialWeights: start, log: { _ in })
                .initialModel(TrainingData(other))
        }
    }

    @Test func divergenceIsRecordedAsFailed() throws {
        var config = TrainingFixtures.config(steps: 5)
        config.schedule.startLearningRate = 1e300
        config.schedule.stopLearningRate = 1e299
        let out = TrainingFixtures.temporaryFolder("nan")
        #expect(throws: TrainingDiverged.self) { try Trainer(config: config, output: out, log: { _ in }).run() }
        let result = try String(contentsOfFile: out + "/result.json", encoding: .utf8)
        #expect(result.contains("\"failed\"") && result.contains("training diverged at step"))
    }

    @Test func resumeRefusesAnotherConfiguration() throws {
        let out = TrainingFixtures.temporaryFolder("other")
        try Trainer(config: TrainingFixtures.config(steps: 3), output: out, log: { _ in }).run(stopAfter: 3)
        #expect(throws: DataError.self) { try Trainer(config: TrainingFixtures.config(steps: 4), output: out, log: { _ in }).run(resume: true) }
    }
}

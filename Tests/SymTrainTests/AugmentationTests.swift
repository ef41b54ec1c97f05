import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymTrain

/// `training.augment_rotations`: config key, seeded Haar rotations, reproducible runs, labels
/// rotated with their frames, and the rotation error of augmented-none before and after training.
@Suite("Rotation augmentation", .serialized)
struct AugmentationTests {
    static let yaml = "model: {type_map: [Si], descriptor: {sel: [24]}}\ndata: {train: [a]}\ntraining: {augment_rotations: %@}\n"

    @Test func configKeyIsValidatedAndLeftOutWhenOff() throws {
        let on = try TrainingConfig.parse(yaml: String(format: Self.yaml, "true"), source: "t")
        #expect(on.schedule.augmentRotations == true)
        let off = try TrainingConfig.parse(yaml: String(format: Self.yaml, "false"), source: "t")
        #expect(off.schedule.augmentRotations == nil)
        let json = String(decoding: try JSONEncoder().encode(off), as: UTF8.self)
        #expect(!json.contains("augment"))  // configs without it keep their encoding and run IDs
        let bad = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: String(format: Self.yaml, "maybe"), source: "t") }
        #expect(bad.description.contains("[at `training.augment_rotations`] expected true or false"), "\(bad)")
        let typo = try #require(throws: ConfigErrors.self) {
            _ = try TrainingConfig.parse(yaml: "model: {type_map: [Si], descriptor: {sel: [24]}}\ndata: {train: [a]}\ntraining: {augment_rotation: true}\n", source: "t")
        }
        #expect(typo.description.contains("Did you mean 'augment_rotations'?"), "\(typo)")
    }

    @Test func rotationsAreProperSeededAndDifferPerStep() {
        let a = RotationAugmentation.rotations(seed: 3, step: 7, count: 2)
        #expect(a == RotationAugmentation.rotations(seed: 3, step: 7, count: 2))
        #expect(a[0] != a[1] && a[0] != RotationAugmentation.rotations(seed: 3, step: 8, count: 1)[0])
        for r in a {
            var worst = 0.0  // max |R Rᵀ − I|
            for i in 0..<3 {
                for j in 0..<3 {
                    let dot: Double = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2]
                    worst = max(worst, abs(dot - (i == j ? 1 : 0)))
                }
            }
            #expect(worst < 1e-14)
        }
    }

    static func train(_ config: TrainingConfig, resumeIn folder: String? = nil) throws -> (ModelFile, String) {
        let out = folder ?? TrainingFixtures.temporaryFolder("augment")
        try Trainer(config: config, output: out, log: { _ in }).run(resume: folder != nil)
        return (try ModelFile.read(from: out + "/model.json"), out)
    }

    /// Same seed → bitwise the same weights, resumed or not; another seed → other rotations.
    @Test func augmentedRunsAreBitwiseReproducible() throws {
        var config = TrainingFixtures.config(steps: 6)
        config.model.descriptor.rotation = AugmentedNone.key
        config.schedule.augmentRotations = true
        let (a, _) = try Self.train(config), (b, _) = try Self.train(config)
        #expect(a.weights == b.weights)
        let split = TrainingFixtures.temporaryFolder("augment-split")
        _ = try Trainer(config: config, output: split, log: { _ in }).run(stopAfter: 3)
        let (resumed, _) = try Self.train(config, resumeIn: split)
        #expect(resumed.weights == a.weights)
        config.schedule.augmentRotations = nil
        #expect(try Self.train(config).0.weights != a.weights)
    }

    /// For an exactly invariant model, rotating frames with their force labels changes nothing but
    /// rounding: the augmented run ends where the plain one does (to 1e-9), not bitwise.
    @Test func labelsRotateWithTheirFrames() throws {
        var config = TrainingFixtures.config(steps: 6)
        let (plain, _) = try Self.train(config)
        config.schedule.augmentRotations = true
        let (augmented, _) = try Self.train(config)
        let x = plain.weights.fitting.flatMap { $0.layers.flatMap(\.weight) }, y = augmented.weights.fitting.flatMap { $0.layers.flatMap(\.weight) }
        let difference = zip(x, y).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
        #expect(difference > 0 && difference < 1e-9, "largest weight difference \(difference)")
    }

    @Test func rotationErrorOfAugmentedNoneIsRecordedBeforeAndAfter() throws {
        var config = TrainingFixtures.config(steps: 6)
        config.model.descriptor.rotation = AugmentedNone.key
        let (_, folder) = try Self.train(config)
        let outcome = try JSONDecoder().decode(TrainingOutcome.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/result.json")))
        let record = try #require(outcome.rotationError)
        #expect(record.before.energy > 1e-6 && record.after.energy > 1e-6 && record.before != record.after, "\(record)")
        #expect(record.reason.contains("augment"))
        let (_, invariant) = try Self.train(TrainingFixtures.config(steps: 3))
        let plain = try JSONDecoder().decode(TrainingOutcome.self, from: Data(contentsOf: URL(fileURLWithPath: invariant + "/result.json")))
        #expect(plain.rotationError == nil)
    }
}

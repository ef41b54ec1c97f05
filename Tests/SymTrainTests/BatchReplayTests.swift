import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymTrain

@Suite("Batch replay", .serialized)
struct BatchReplayTests {
    /// Writes the sampler's own draws in DeePMD-kit's SAMPLER_RECORD format.
    static func record(_ config: TrainingConfig, steps: Int) throws -> String {
        var sampler = try TrainingData(config).freshSampler()
        return (0..<steps).map { step in
            let (system, frames) = sampler.next(step: step)
            return "Step \(step): sample system\(system)  frame[\(frames.map(String.init).joined(separator: ", "))]"
        }.joined(separator: "\n") + "\n"
    }

    @Test func replayingTheSamplersOwnSequenceGivesTheSameRun() throws {
        let config = TrainingFixtures.config(steps: 4)
        let sampled = TrainingFixtures.temporaryFolder("sampled"), replayed = TrainingFixtures.temporaryFolder("replayed")
        try Trainer(config: config, output: sampled, log: { _ in }).run()
        let trainer = Trainer(config: config, output: replayed, log: { _ in })
        trainer.replay = try BatchReplay(text: Self.record(config, steps: 4), source: "record.txt")
        try trainer.run()
        let a = try ModelFile.read(from: sampled + "/model.json"), b = try ModelFile.read(from: replayed + "/model.json")
        #expect(a.weights == b.weights)
    }

    @Test func aDifferentSequenceGivesADifferentRun() throws {
        let config = TrainingFixtures.config(steps: 2)
        let sampled = TrainingFixtures.temporaryFolder("sampled2"), replayed = TrainingFixtures.temporaryFolder("replayed2")
        try Trainer(config: config, output: sampled, log: { _ in }).run()
        var other = config
        other.schedule.seed += 1
        let trainer = Trainer(config: config, output: replayed, log: { _ in })
        trainer.replay = try BatchReplay(text: Self.record(other, steps: 2), source: "record.txt")
        try trainer.run()
        let a = try ModelFile.read(from: sampled + "/model.json"), b = try ModelFile.read(from: replayed + "/model.json")
        #expect(a.weights != b.weights)
    }

    @Test func parsesDeePMDRecords() throws {
        let r = try BatchReplay(text: "Step 0: sample system1  frame[84]\nStep 1: sample system0  frame[3, 17]\n", source: "s.txt")
        #expect(r.batches[0]?.system == 1 && r.batches[0]?.frames == [84])
        #expect(r.batches[1]?.system == 0 && r.batches[1]?.frames == [3, 17])
        #expect(try r.batch(step: 1, frameCounts: [20, 100]).frames == [3, 17])
    }

    @Test(arguments: [
        ("Step 0: sample system1  frame[84]\nStep one: sample system0 frame[3]", "line 2"),
        ("Step 0: sample system1  frame[84]\nStep 0: sample system1  frame[2]", "step 0 appears twice"),
        ("Step 0: sample system1  frame[]", "line 1"),
        ("\n\n", "no 'Step N"),
    ])
    func malformedRecordsNameTheLine(text: String, phrase: String) {
        #expect { try BatchReplay(text: text, source: "s.txt") } throws: { error in
            "\(error)".contains("s.txt") && "\(error)".contains(phrase)
        }
    }

    @Test func stepsOutsideTheRecordOrDataAreErrors() throws {
        let r = try BatchReplay(text: "Step 0: sample system1  frame[84]\n", source: "s.txt")
        #expect(throws: DataError.self) { try r.batch(step: 1, frameCounts: [100, 100]) }
        #expect { try r.batch(step: 0, frameCounts: [100, 50]) } throws: { "\($0)".contains("frame 84 of system 1, which has 50 frames") }
        #expect { try r.batch(step: 0, frameCounts: [100]) } throws: { "\($0)".contains("trains on 1 systems") }
    }
}

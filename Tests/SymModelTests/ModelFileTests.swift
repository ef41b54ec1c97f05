import Foundation
import SymAtoms
import SymLabTestKit
import Testing
@testable import SymModel

@Suite("Model files")
struct ModelFileTests {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("symlab-\(UUID().uuidString)-\(name)").path
    }

    func write(_ json: String) throws -> String {
        let path = Self.temporaryPath("model.json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unknownVersionIsAClearError() throws {
        let path = try write(#"{"type": "deeppot", "formatVersion": 3}"#)
        let error = try #require(throws: DataError.self) { _ = try ModelFile.read(from: path) }
        #expect(error.file == path && error.problem.contains("format version 3 not supported (supported 1...2)"))
    }

    @Test func unknownTypeIsAClearError() throws {
        let path = try write(#"{"type": "mace", "formatVersion": 1}"#)
        let error = try #require(throws: DataError.self) { _ = try ModelFile.read(from: path) }
        #expect(error.problem.contains("model type 'mace' not supported"))
    }

    @Test func notJSONIsAClearError() throws {
        let path = try write("hello")
        let error = try #require(throws: DataError.self) { _ = try ModelFile.read(from: path) }
        #expect(error.problem.contains("not a SymLab model file"))
    }

    @Test func roundTripKeepsEveryWeight() throws {
        let model = try DeepPotModel(config: TestStructures.smallConfig(typeOneSide: false))
        let path = Self.temporaryPath("model.json")
        try ModelFile(model: model, provenance: ["commit": "test"]).write(to: path)
        let file = try ModelFile.read(from: path)
        #expect(file.weights == model.weights && file.config == model.config && file.provenance["commit"] == "test")
    }
}

@Suite("Statistics")
struct StatisticsTests {
    @Test func rankDeficientBiasIsMinimumNorm() {
        // Every frame has composition 1:2, energies 3·e: min-norm b ∝ (1, 2) with b·(1,2) = e.
        let frames = [1.0, 2.0, 3.5].map { e in Frame(types: [0, 1, 1], positions: [Double](repeating: 0, count: 9), energy: 3 * e) }
        let b = EnergyBias.leastSquares(frames: frames, typeCount: 2)
        let mean = (1.0 + 2 + 3.5) / 3
        #expect(abs(b[0] - 3 * mean / 5) < 1e-12 && abs(b[1] - 6 * mean / 5) < 1e-12)
    }

    @Test func fullRankBiasSolvesExactly() {
        let frames = [Frame(types: [0, 1], positions: [Double](repeating: 0, count: 6), energy: -3),
                      Frame(types: [0, 0, 1], positions: [Double](repeating: 0, count: 9), energy: -5)]
        let b = EnergyBias.leastSquares(frames: frames, typeCount: 2)
        #expect(abs(b[0] + 2) < 1e-12 && abs(b[1] + 1) < 1e-12)
    }

    @Test func environmentStatisticsMatchHandComputation() throws {
        // Two atoms 1 Å apart (non-periodic), rcut 3, rs 2: s = 1/r = 1 for both; nnei = 2 slots per atom.
        let frame = Frame(types: [0, 0], positions: [0, 0, 0, 1, 0, 0])
        let batch = try EnvironmentBatch.build(frames: [frame], rcut: 3, sel: [2], typeCount: 1)
        let (davg, dstd) = EnvironmentStatistics.compute(batches: [batch], typeCount: 1, rcut: 3, rcutSmooth: 2)
        // 4 slots: s values 1, 0, 1, 0 -> mean 0.5, sd 0.5; angular: ±1 once each in x among 12 values -> sd sqrt(2/12).
        #expect(abs(davg[0] - 0.5) < 1e-15 && davg[1...3].allSatisfy { $0 == 0 })
        #expect(abs(dstd[0] - 0.5) < 1e-15 && abs(dstd[1] - (2.0 / 12).squareRoot()) < 1e-15)
    }
}

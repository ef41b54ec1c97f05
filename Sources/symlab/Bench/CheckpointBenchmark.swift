import Foundation
import SymAtoms
import SymModel
import SymTrain

/// Size, encoding, write and read time of one checkpoint in both forms: version 1 (one JSON
/// object, as written until the binary form) and version 2 (binary, `Checkpoint.write`).
///
/// The model is DeePMD's water se_e2_a with fitting nets of 330 instead of 240 neurons per layer:
/// 1,508,462 parameters, the size the checkpoint issue was about. Weights are the seeded
/// initialisation and the Adam moments random values of realistic magnitude (m ~ N(0, 10⁻³),
/// v = 0.7 m²), so that every number has the 16-17 digits a trained model's have in JSON (zero
/// moments of a fresh optimiser would make the JSON form look small).
enum CheckpointBenchmark {
    static let fittingWidth = 330

    /// The checkpoint measured.
    static func checkpoint() throws -> Checkpoint {
        var config = ModelConfig(typeMap: ["O", "H"])
        config.fitting.neuron = [fittingWidth, fittingWidth, fittingWidth]
        let model = try DeepPotModel(config: config)
        var training = TrainingConfig(model: config)
        training.data.train = (0..<3).map { "data/water-dft/data_\($0)" }
        training.data.validation = ["data/water-dft/data_3"]
        var adam = Adam(sizes: model.parameters.map(\.count))
        let rng = RandomSource(seed: 7)
        for k in adam.m.indices {
            adam.m[k] = adam.m[k].map { _ in rng.gaussian(mean: 0, sigma: 1e-3) }
            adam.v[k] = adam.m[k].map { 0.7 * $0 * $0 }
        }
        adam.step = 1000
        var sampler = BatchSampler(frameCounts: [100, 100, 100], batchSizes: [1, 1, 1], seed: 1)
        for step in 0..<1000 { _ = sampler.next(step: step) }
        return Checkpoint(config: training, step: 1000, model: ModelFile(model: model, provenance: ["commit": "bench"]),
                          adam: adam, sampler: sampler, elapsedSeconds: 1234.5)
    }

    /// Runs the measurements in `folder` (created, and removed afterwards) and returns the table.
    static func run(repeats: Int, folder: String) throws -> String {
        try AtomicFile.createFolder(folder, purpose: "benchmark folder")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let c = try checkpoint()
        let parameters = c.model.weights.embedding.reduce(0) { $0 + $1.parameterCount }
            + c.model.weights.fitting.reduce(0) { $0 + $1.parameterCount }
        var failure: Error?
        func timed(_ body: () throws -> Void) -> Double {
            measure(repeats: repeats) { do { try body() } catch { failure = failure ?? error } }.median
        }
        let forms: [(name: String, file: String, encode: () throws -> Data, write: (String) throws -> Void)] = [
            ("v1 JSON (checkpoint.json)", "checkpoint.json", { try c.encodedAsVersion1() },
             { try AtomicFile.write(c.encodedAsVersion1(), to: $0) }),  // the write of version 1, unchanged
            ("v2 binary (checkpoint.bin)", "checkpoint.bin", { try c.encoded() }, { try c.write(to: $0) }),
        ]
        var table = TextTable(header: ["checkpoint, \(parameters) parameters", "size MB", "encode ms", "write ms", "read ms"])
        var figures: [(size: Double, encode: Double, write: Double, read: Double)] = []
        for form in forms {
            let path = "\(folder)/\(form.file)"
            let encode = timed { _ = try form.encode() }
            let write = timed { try form.write(path) }
            let read = timed { _ = try Checkpoint.read(from: path) }
            if let failure { throw failure }
            let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
            guard try Checkpoint.read(from: path) == c else { throw DataError(file: path, "did not read back identical (benchmark broken)") }
            figures.append((size, encode, write, read))
            table.rows.append([form.name, String(format: "%.1f", size / 1e6), String(format: "%.1f", encode * 1e3),
                               String(format: "%.1f", write * 1e3), String(format: "%.1f", read * 1e3)])
        }
        let (a, b) = (figures[0], figures[1])
        table.rows.append(["v1 / v2", String(format: "%.1fx", a.size / b.size), String(format: "%.1fx", a.encode / b.encode),
                           String(format: "%.1fx", a.write / b.write), String(format: "%.1fx", a.read / b.read)])
        return "Checkpoints (water se_e2_a, fitting \(fittingWidth)x3; medians of \(repeats) after one warm-up; in \(folder)):\n\n"
            + table.render()
            + "\n(encode: bytes in memory; write: encode + atomic write with fsync and rename; read: Checkpoint.read, file in the page cache; both read back identical)"
    }
}

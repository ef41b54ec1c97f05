import Foundation
import SymAtoms
import SymModel

/// Everything needed to continue a run bit for bit: model, optimiser, sampler, step.
///
/// Format history (the type key is "symlab-checkpoint" in both):
/// - 1: one JSON object: `type`, `version`, `config`, `step`, `model` (a model file), `adam`,
///   `sampler`, `elapsedSeconds`. Written as `checkpoint.json`; still read.
/// - 2: binary, written as `checkpoint.bin`: a fixed prefix, a JSON header holding everything but
///   the tensors (the model file with its arrays emptied, Adam's scalars, sampler, step, config and
///   a table of tensor names, shapes and offsets), then the tensors as raw little-endian Float64.
///   See `CheckpointBinary` for the layout.
public struct Checkpoint: Equatable {
    /// The `type` both versions carry.
    public static let typeKey = "symlab-checkpoint"
    /// The version `write` produces.
    public static let formatVersion = 2
    /// Versions `read` accepts.
    public static let supportedVersions = 1...2
    /// What `read` accepts, for error messages.
    static let supportedText = "supported: 1 (JSON), 2 (binary)"
    /// The file name of a run's checkpoint inside its output folder (version 2).
    public static let fileName = "checkpoint.bin"
    /// The file name version 1 checkpoints had; still resumed from when no `fileName` exists.
    public static let legacyFileName = "checkpoint.json"

    public var config: TrainingConfig
    /// Steps completed.
    public var step: Int
    public var model: ModelFile
    public var adam: Adam
    public var sampler: BatchSampler
    /// Wall seconds spent training before this checkpoint.
    public var elapsedSeconds: Double

    /// Creates a checkpoint.
    public init(config: TrainingConfig, step: Int, model: ModelFile, adam: Adam, sampler: BatchSampler, elapsedSeconds: Double) {
        self.config = config
        self.step = step
        self.model = model
        self.adam = adam
        self.sampler = sampler
        self.elapsedSeconds = elapsedSeconds
    }

    /// Writes the binary form (version 2) atomically (temporary file + rename).
    /// - Throws: `DataError` naming the path when it cannot be written (the previous file stays).
    public func write(to path: String) throws {
        try AtomicFile.write(encoded(), to: path)
    }

    /// The bytes `write` writes (version 2).
    public func encoded() throws -> Data { try CheckpointBinary.encode(self) }

    /// The checksum a version 2 file stores at bytes 32..<40: that of `bytes`, the file after its
    /// 40-byte prefix (for tools that assemble such files, e.g. the fuzz harness).
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 { CheckpointBinary.checksum(bytes) }

    /// Reads and checks a checkpoint of either version (told apart by the binary form's magic bytes).
    /// - Throws: `DataError` naming the file: unreadable, not a checkpoint, an unsupported version,
    ///   truncated or damaged, or a header that does not describe the data.
    public static func read(from path: String) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataError(file: path, "cannot read the checkpoint (\(AtomicFile.reason(error)))")
        }
        return try decode(data, file: path)
    }

    /// Decodes the bytes of a checkpoint file of either version; `file` names it in errors.
    public static func decode(_ data: Data, file path: String) throws -> Checkpoint {
        if CheckpointBinary.hasMagic(data) { return try CheckpointBinary.decode(data, file: path) }
        struct Header: Decodable { var type: String?; var version: Int? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard header?.type == typeKey else { throw DataError(file: path, "not a SymLab checkpoint") }
        guard header?.version == 1 else {
            let version = header?.version.map(String.init) ?? "missing"
            let hint = header?.version == 2 ? " (version 2 is binary, not JSON)" : ""
            throw DataError(file: path, "checkpoint version \(version) not supported\(hint) (\(supportedText))")
        }
        do { return try JSONDecoder().decode(Version1.self, from: data).checkpoint } catch {
            throw DataError(file: path, "malformed checkpoint: \(describeDecodingError(error))")
        }
    }

    /// The version 1 (JSON) encoding. `write` never uses it; it is kept so that tests can write
    /// old checkpoints and `symlab bench --only checkpoint` can compare the two forms.
    public func encodedAsVersion1() throws -> Data { try JSONEncoder().encode(Version1(self)) }

    /// The checkpoint to resume from in a run's output folder: `fileName`, else a version 1
    /// `legacyFileName` left by an older build, else nil.
    public static func existing(in folder: String) -> String? {
        paths(in: folder).first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Removes a run's checkpoints (both names) from its output folder, ignoring absent files.
    public static func remove(in folder: String) {
        for path in paths(in: folder) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The paths of both checkpoint names in `folder`, the current one first.
    static func paths(in folder: String) -> [String] {
        [fileName, legacyFileName].map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
    }

    /// The model, its optimiser state checked against its parameters and the sampler against the
    /// data's frame counts, so that a checkpoint that does not fit is an error naming `file`, not a
    /// trap halfway through a step.
    /// - Throws: `DataError` naming `file`.
    public func resumableModel(frameCounts: [Int], file: String) throws -> DeepPotModel {
        let built: DeepPotModel
        do { built = try model.makeModel() } catch let error as ConfigError {
            throw DataError(file: file, "model does not build: \(error)")
        } catch let error as PipelineError {
            throw DataError(file: file, "model does not build: \(error)")
        }
        let sizes = built.parameters.map(\.count)
        guard adam.m.map(\.count) == sizes && adam.v.map(\.count) == sizes else {
            throw DataError(file: file, "Adam moments (\(adam.m.count) and \(adam.v.count) arrays) do not fit the model's \(sizes.count) parameter tensors")
        }
        let s = sampler, n = frameCounts.count
        guard s.frameCounts == frameCounts, s.batchSizes.count == n, s.epoch.count == n, s.position.count == n,
              s.batchSizes.allSatisfy({ $0 > 0 }), zip(s.position, frameCounts).allSatisfy({ $0 >= 0 && $0 <= $1 }),
              s.epoch.allSatisfy({ $0 >= 0 }) else {
            throw DataError(file: file, "sampler state does not fit the training data (frame counts \(s.frameCounts), data has \(frameCounts))")
        }
        guard step >= 0, adam.step >= 0 else { throw DataError(file: file, "negative step count") }
        return built
    }

    /// The JSON object of version 1.
    struct Version1: Codable {
        var type = Checkpoint.typeKey, version = 1
        var config: TrainingConfig
        var step: Int
        var model: ModelFile
        var adam: Adam
        var sampler: BatchSampler
        var elapsedSeconds: Double

        init(_ c: Checkpoint) {
            (config, step, model, adam, sampler, elapsedSeconds) = (c.config, c.step, c.model, c.adam, c.sampler, c.elapsedSeconds)
        }

        var checkpoint: Checkpoint {
            Checkpoint(config: config, step: step, model: model, adam: adam, sampler: sampler, elapsedSeconds: elapsedSeconds)
        }
    }
}

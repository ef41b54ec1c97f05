import Foundation
import SymAtoms
import SymModel

/// Everything needed to continue a run bit for bit: model, optimiser, sampler, step.
///
/// Format history: 1 — `type` "symlab-checkpoint", config, step, model file, Adam, sampler.
public struct Checkpoint: Codable {
    public static let typeKey = "symlab-checkpoint"
    public static let formatVersion = 1
    public var type = typeKey
    public var version = formatVersion
    public var config: TrainingConfig
    /// Steps completed.
    public var step: Int
    public var model: ModelFile
    public var adam: Adam
    public var sampler: BatchSampler
    /// Wall seconds spent training before this checkpoint.
    public var elapsedSeconds: Double

    /// Writes atomically (temporary file + rename).
    public func write(to path: String) throws {
        try AtomicFile.write(JSONEncoder().encode(self), to: path)
    }

    /// Reads and checks a checkpoint.
    public static func read(from path: String) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataError(file: path, "cannot read the checkpoint (\(AtomicFile.reason(error)))")
        }
        struct Header: Decodable { var type: String?; var version: Int? }
        let header = try? JSONDecoder().decode(Header.self, from: data)
        guard header?.type == typeKey else { throw DataError(file: path, "not a SymLab checkpoint") }
        guard header?.version == formatVersion else {
            throw DataError(file: path, "checkpoint version \(header?.version.map(String.init) ?? "missing") not supported (supported \(formatVersion))")
        }
        do { return try JSONDecoder().decode(Checkpoint.self, from: data) } catch {
            throw DataError(file: path, "malformed checkpoint: \(error)")
        }
    }
}

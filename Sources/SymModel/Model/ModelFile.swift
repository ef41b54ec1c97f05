import Foundation
import SymAtoms

/// A saved model: versioned JSON with a type key (STYLE §13).
///
/// Format history:
/// - 1: `type` "deeppot", `formatVersion`, `config` (ModelConfig), `weights` (DeepPotWeights),
///   `provenance` (free-form strings: commit, date, data).
/// - 2: stage options: `config.descriptor.permutation` / `rotation` may be a mapping
///   `{"type": key, option: value, ...}` holding every option resolved. Version 1 files read as before.
public struct ModelFile: Codable, Equatable {
    /// The model family this file holds.
    public static let typeKey = "deeppot"
    /// Versions this build reads.
    public static let supportedVersions = 1...2

    public var type: String
    public var formatVersion: Int
    public var config: ModelConfig
    public var weights: DeepPotWeights
    public var provenance: [String: String]

    /// Wraps a model for saving.
    public init(model: DeepPotModel, provenance: [String: String] = [:]) {
        type = Self.typeKey
        formatVersion = Self.supportedVersions.upperBound
        config = model.resolvedConfig  // the stages actually used, every option resolved
        weights = model.weights
        self.provenance = provenance
    }

    /// The model this file describes (stage types resolved through the registry unless given).
    public func makeModel(permutationEncoder: (any PermutationEncoder.Type)? = nil,
                          rotationOperator: (any RotationOperator.Type)? = nil) throws -> DeepPotModel {
        try DeepPotModel(config: config, weights: weights, permutationEncoder: permutationEncoder,
                                rotationOperator: rotationOperator)
    }

    /// Writes JSON atomically (temporary file in the same folder, then rename).
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(encoder.encode(self), to: path)
    }

    /// Reads and checks a model file.
    /// - Throws: `DataError` naming the file for unreadable JSON, another type or an unsupported version.
    public static func read(from path: String) throws -> ModelFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataError(file: path, "cannot read (\(AtomicFile.reason(error)))")
        }
        struct Header: Decodable { var type: String?; var formatVersion: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw DataError(file: path, "not a SymLab model file (not a JSON object)")
        }
        guard header.type == typeKey else {
            throw DataError(file: path, "model type '\(header.type ?? "missing")' not supported (supported: \(typeKey))")
        }
        guard let version = header.formatVersion, supportedVersions.contains(version) else {
            throw DataError(file: path, "format version \(header.formatVersion.map(String.init) ?? "missing") not supported (supported \(supportedVersions.lowerBound)...\(supportedVersions.upperBound))")
        }
        do { return try JSONDecoder().decode(ModelFile.self, from: data) } catch {
            throw DataError(file: path, "malformed model file: \(error)")
        }
    }
}

import Foundation
import SymAtoms
import SymModel

/// An estimate of a training run's peak memory, checked before any work starts so that a run
/// too large for the machine is refused with a clear message instead of being killed halfway:
///
///     peak ≈ 90 MB + 50 · 8 B · parameters + 14 · 8 B · A · nnei · (Σ embedding widths + s)
///
/// A = atoms per batch (largest system), nnei = Σ sel, s = the stages' own activations per
/// neighbour slot (`StageMemory`). Calibrated on peak RSS (`/usr/bin/time -v`, release build,
/// 3 steps incl. one checkpoint) of water se_e2_a: 992 MB as is, 1,498 MB with sel doubled,
/// 1,798 MB with the embedding widths doubled, 2,502 MB with 4 frames per batch; silicon 185 MB
/// (estimated 226). The parameter term was the JSON checkpoint (about 50 copies of the weights
/// while it is encoded), the activation term the tape of the double backward through the
/// embedding net (14 values per slot and width). Since checkpoints are binary (version 2) the
/// first case peaks at 828 MB instead of 1,024 MB (same build otherwise, 2026-12-03): the
/// parameter term now overestimates by about 200 MB per million parameters (cautious; not recalibrated).
public enum MemoryEstimate {
    static let fixedBytes = 90e6, bytesPerParameter = 50.0 * 8, bytesPerSlotWidth = 14.0 * 8

    /// Estimated peak bytes of training `model` on batches of `atomsPerBatch` atoms.
    /// - Throws: `ConfigError`/`PipelineError` when the model cannot be built.
    public static func trainingPeakBytes(model: ModelConfig, atomsPerBatch: Int) throws -> Double {
        let m = try DeepPotModel(config: model)
        let widths = Double(model.descriptor.neuron.reduce(0, +)) + m.stageActivationsPerSlot
        return fixedBytes + bytesPerParameter * Double(m.parameterCount)
            + bytesPerSlotWidth * Double(atomsPerBatch) * Double(m.nnei) * widths
    }

    /// Atoms per batch of the largest training system of `config`'s data.
    public static func atomsPerBatch(_ config: TrainingConfig, data: Dataset) -> Int {
        data.systems.map { s in config.data.batchSize(atoms: s.types.count) * s.types.count }.max() ?? 0
    }

    /// `MemAvailable` of /proc/meminfo in bytes (nil where it cannot be read).
    public static func available() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
              let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kb * 1024
    }

    /// Refuses (throws) when `needed` bytes, times `copies` concurrent runs, exceed `limit`
    /// (default: the memory available now).
    /// - Throws: `MemoryLimitError` naming both figures and what to change.
    public static func check(needed: Double, copies: Int = 1, limit: Double? = nil, what: String) throws {
        guard let bound = limit ?? available(), needed * Double(copies) > bound else { return }
        throw MemoryLimitError(what: what, needed: needed, copies: copies, limit: bound, given: limit != nil)
    }

    /// "1.2 GB", "350 MB".
    public static func format(_ bytes: Double) -> String {
        bytes >= 1e9 ? String(format: "%.1f GB", bytes / 1e9) : String(format: "%.0f MB", bytes / 1e6)
    }

    /// Parses "2G", "512M", "1.5GB", "800000k" or plain bytes.
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "B", with: "")
        let units: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        if let unit = t.last, let scale = units[unit], let v = Double(t.dropLast()), v > 0 { return v * scale }
        return Double(t).flatMap { $0 > 0 ? $0 : nil }
    }
}

/// A run whose estimated peak memory exceeds the limit.
public struct MemoryLimitError: Error, CustomStringConvertible {
    public var what: String
    public var needed: Double, copies: Int, limit: Double
    /// The limit came from --max-memory (else: the memory available).
    public var given: Bool
    public var description: String {
        let total = copies > 1 ? "\(copies) concurrent runs × about \(MemoryEstimate.format(needed))" : "about \(MemoryEstimate.format(needed))"
        return "\(what) needs \(total) of memory at its peak, more than \(given ? "the --max-memory limit of" : "the") \(MemoryEstimate.format(limit))\(given ? "" : " available"); "
            + "use fewer atoms per batch (data.batch_size), smaller sel or widths\(copies > 1 ? ", fewer workers (-j)" : ""), "
            + (given ? "or raise --max-memory" : "or pass --max-memory if the estimate is too cautious")
    }
}

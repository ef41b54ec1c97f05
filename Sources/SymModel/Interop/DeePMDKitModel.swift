import Foundation
import SymAtoms

/// DeePMD-kit's backend-independent model file (`.yaml`, DeePMD-kit 3.x "dpmodel" serialisation):
/// `symlab export --format deepmd` writes one for a SymLab model, `symlab import` reads one back.
/// DeePMD-kit reads it directly (`dp convert-backend model.yaml model.pth` gives the TorchScript
/// model LAMMPS' `pair_style deepmd` loads; `.pb` the TensorFlow one).
///
/// The file is a YAML mapping: `model` (the dict `model.serialize()` gives in DeePMD-kit: `@class`,
/// `@version`, `type`, the descriptor, the fitting net and `@variables`; arrays as
/// `{'@class': np.ndarray, dtype: float64, value: nested lists}`), `model_def_script` (the model
/// section of a DeePMD-kit input that builds the same architecture; LAMMPS and `dp test` read it),
/// `backend`, `software` and SymLab's provenance. Versions follow DeePMD-kit 3.2.0 (Model 2,
/// se_e2_a descriptor 2, NetworkCollection 1, EmbeddingNetwork 2, FittingNetwork 1, Layer 2,
/// energy fitting 4).
///
/// Two descriptors: se_e2_a (SymLab's `per-type` + `deepsets-sum` + `gram-factored`) and
/// se_atten_v2 (DPA-1: `type-embedding` + `gated-attention` + `gram-factored`, mixed-type fitting;
/// mapping in `DeePMDKitModel+Attention.swift`); `gram-dense` is the same function as
/// `gram-factored`. Mapping of se_e2_a:
///
///     SymLab                               DeePMD-kit
///     embedding[c·ntypes + n] (two-side)   descriptor.embeddings.networks[c + n·ntypes]   (ndim 2)
///     embedding[n] (type_one_side)         descriptor.embeddings.networks[n]               (ndim 1)
///     layer W [n_in·n_out] row-major       @variables.w [n_in, n_out], b, idt
///     skip identity/concat by widths       resnet: true on hidden layers (DeePMD applies the same rule)
///     davg, dstd [ntypes, 4]               descriptor @variables.davg/dstd [ntypes, nnei, 4] (same row per slot)
///     energyBias [ntypes]                  model @variables.out_bias [1, ntypes, 1] (+ fitting bias_atom_e = 0)
///     fitting[t]                           fitting.nets.networks[t]; last layer linear ("none")
///
/// Numbers are written in Swift's shortest round-trip form (every Float64 survives the trip
/// exactly), with a '.' and a signed exponent so that PyYAML reads them as floats.
public enum DeePMDKitModel {
    /// The DeePMD-kit release whose serialisation format the files follow (and were checked with).
    public static let deepmdKitVersion = "3.2.0"
    /// File extensions read and written.
    public static let extensions: Set<String> = ["yaml", "yml"]

    /// The DeePMD-kit descriptors SymLab writes and reads.
    enum Kind {
        /// DeepPot-SE: per-type embedding nets, deepsets-sum, gram-factored, a fitting net per type.
        case seA
        /// DPA-1 in strip mode: type-embedding, gated-attention (1 head), gram-factored, mixed-type fitting.
        case seAttenV2
    }

    /// The DeePMD-kit descriptor `config` is, or nil.
    static func kind(_ config: ModelConfig) -> Kind? {
        let d = config.descriptor
        guard exportableRotations.contains(d.rotation) else { return nil }
        if d.embedding == PerTypeEmbedding.key && d.permutation == DeepSetsSum.key && !config.fitting.mixedTypes { return .seA }
        if d.embedding == TypeEmbedding.key && d.permutation == GatedAttention.key && config.fitting.mixedTypes
            && GatedAttention.options(d.permutationOptions).heads == 1 { return .seAttenV2 }
        return nil
    }

    /// DeePMD-kit's name of the descriptor `config` is ("se_e2_a", "se_atten_v2"), nil when none.
    public static func descriptorName(_ config: ModelConfig) -> String? {
        kind(config).map { $0 == .seA ? "se_e2_a" : "se_atten_v2" }
    }

    /// Why `config` cannot be written as a DeePMD-kit model, naming the variant; nil when it can.
    public static func unsupported(_ config: ModelConfig) -> String? {
        guard kind(config) == nil else { return nil }
        let d = config.descriptor
        var reasons: [String] = []
        if ![DeepSetsSum.key, GatedAttention.key].contains(d.permutation) {
            reasons.append("permutation encoder '\(d.permutation)' has no DeePMD-kit equivalent")
        }
        if !exportableRotations.contains(d.rotation) {
            reasons.append("rotation operator '\(d.rotation)' has no DeePMD-kit equivalent")
        }
        if d.embedding == TabulatedEmbedding.key {
            reasons.append("it is a compressed model (embedding 'tabulated'): export the exact model it was compressed from "
                           + "(provenance compressed_from) and compress that with `dp compress`")
        }
        if d.permutation == GatedAttention.key && GatedAttention.options(d.permutationOptions).heads != 1 {
            reasons.append("gated-attention with \(GatedAttention.options(d.permutationOptions).heads) heads (se_atten_v2 has one)")
        }
        if reasons.isEmpty {
            reasons.append("the combination L '\(d.embedding)', P_s '\(d.permutation)', R_s '\(d.rotation)', "
                           + (config.fitting.mixedTypes ? "mixed-type" : "per-type") + " fitting is not one DeePMD-kit has")
        }
        return "cannot export to DeePMD-kit: " + reasons.joined(separator: "; ")
            + ". DeePMD-kit represents se_e2_a (\(PerTypeEmbedding.key) + \(DeepSetsSum.key) + \(GramFactored.key), a fitting net per type) "
            + "and se_atten_v2 (\(TypeEmbedding.key) + \(GatedAttention.key) with 1 head + \(GramFactored.key), mixed-type fitting)"
    }

    /// Rotation operators that compute DeePMD-kit's descriptor D = T T<ᵀ exactly (the dense Gram
    /// form is the same function at a higher cost, spec §12).
    static let exportableRotations: Set<String> = [GramFactored.key, GramDense.key]
}

/// A model that cannot be exported or a file that cannot be imported: one line naming the file or
/// variant and what to do.
public struct InteropError: Error, CustomStringConvertible, Equatable {
    /// The file (or model) concerned.
    public var file: String
    /// What is wrong.
    public var problem: String
    /// Creates the error.
    public init(file: String, _ problem: String) { (self.file, self.problem) = (file, problem) }
    /// "file: problem", on one line (line breaks and control characters quoted from the file are escaped).
    public var description: String { "\(file): \(problem)".oneLineEscaped }
}

/// Reading any model file SymLab understands, by extension.
public enum ModelLoading {
    /// A SymLab `model.json`, or a DeePMD-kit `.yaml`/`.yml` (converted by `DeePMDKitModel.read`).
    /// - Throws: `DataError` or `InteropError` naming the file.
    public static func read(_ path: String) throws -> ModelFile {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return DeePMDKitModel.extensions.contains(ext) ? try DeePMDKitModel.read(from: path) : try ModelFile.read(from: path)
    }

    /// Reads a model file of either kind and builds its model, so that every problem, from an
    /// unreadable file to weights that do not fit the config, is one error naming the file.
    public static func load(_ path: String) throws -> DeepPotModel {
        let file = try read(path)
        do { return try file.makeModel() } catch let error as ConfigError {
            throw DataError(file: path, "model does not build: \(error)")
        } catch let error as PipelineError {
            throw DataError(file: path, "model does not build: \(error)")
        }
    }
}

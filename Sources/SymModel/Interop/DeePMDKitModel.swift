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
/// Mapping (se_e2_a = SymLab's `deepsets-sum` + `gram-factored`; `gram-dense` is the same function):
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

    /// Why `config` cannot be written as a DeePMD-kit model, naming the variant; nil when it can.
    public static func unsupported(_ config: ModelConfig) -> String? {
        let d = config.descriptor
        var reasons: [String] = []
        if d.permutation != DeepSetsSum.key {
            reasons.append("permutation encoder '\(d.permutation)' has no DeePMD-kit equivalent (se_e2_a pools with '\(DeepSetsSum.key)')")
        }
        if !exportableRotations.contains(d.rotation) {
            reasons.append("rotation operator '\(d.rotation)' has no DeePMD-kit equivalent (se_e2_a uses "
                           + exportableRotations.sorted().map { "'\($0)'" }.joined(separator: " or ") + ")")
        }
        guard !reasons.isEmpty else { return nil }
        return "cannot export to DeePMD-kit: " + reasons.joined(separator: "; ")
            + ". DeePMD-kit represents se_e2_a (\(DeepSetsSum.key) + \(GramFactored.key)) models"
    }

    /// Rotation operators that compute se_e2_a's descriptor D = T T<ᵀ exactly (the dense Gram form
    /// is the same function at a higher cost, spec §12).
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
    /// "file: problem".
    public var description: String { "\(file): \(problem)" }
}

/// Reading any model file SymLab understands, by extension.
public enum ModelLoading {
    /// A SymLab `model.json`, or a DeePMD-kit `.yaml`/`.yml` (converted by `DeePMDKitModel.read`).
    /// - Throws: `DataError` or `InteropError` naming the file.
    public static func read(_ path: String) throws -> ModelFile {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return DeePMDKitModel.extensions.contains(ext) ? try DeePMDKitModel.read(from: path) : try ModelFile.read(from: path)
    }
}

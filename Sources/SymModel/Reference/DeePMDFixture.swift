import Foundation
import SymAtoms

/// A DeePMD-kit cross-check fixture (format of `shared/fixtures/README.md`): the model's
/// parameters, labelled frames (energy, atomic energies, forces, virial as DeePMD computed them) and,
/// optionally, stage-wise intermediates for the atoms of one frame that the fixture lists.
///
/// Two descriptor types load: `se_e2_a` (also as `SeAParameters` for the oracle) and
/// `se_atten_v2` (DPA-1: SymLab's `type-embedding` + `gated-attention` + `gram-factored` with
/// mixed-type fitting; see `DeePMDFixture+Attention.swift`).
/// Mapping: `energyBias` = `energy_bias` + `fitting_bias_atom_e`; davg/dstd are
/// [ntypes, nnei, 4]; W[i][o] → `weight[i*n_out + o]`. Two-side se_e2_a embedding nets
/// (`type_one_side = false`, DeePMD storage order t_i + t_j·ntypes) are placed by the centre and
/// neighbour type named in each net at `embeddingIndex(centre:neighbour:)` = t_i·ntypes + t_j.
/// Loading throws `DataError` (file + one-line problem) for unreadable, malformed or inconsistent files,
/// and for model features SymLab does not implement (other descriptor types, env_protection ≠ 0,
/// excluded types, activations other than tanh, frame/atomic parameters).
public struct DeePMDFixture: Sendable {
    /// One input frame with DeePMD's outputs as labels.
    public struct LabelledFrame: Sendable {
        /// Frame name in the fixture, e.g. "water_data_0_frame0".
        public var name: String
        /// Types, positions (unwrapped, as stored), cell; `energy` (eV), `forces` [atoms, 3] (eV/Å)
        /// and `virial` W[3α+β] (eV) hold DeePMD's values.
        public var frame: Frame
        /// DeePMD's atomic energies E_i including the bias, [atoms] (eV).
        public var atomEnergies: [Double]
    }

    /// DeePMD's env-matrix dump for one centre atom; all arrays over the nnei slots in DeePMD order.
    public struct EnvDump: Sendable {
        /// Centre atom index.
        public var centreAtom: Int
        /// false = padded slot.
        public var valid: [Bool]
        /// Neighbour type per slot, −1 on padding.
        public var neighbourTypes: [Int]
        /// r_ij, row-major [nnei, 3] (Å), zeros on padding.
        public var rij: [Double]
        /// |r_ij| [nnei] (Å), 0 on padding.
        public var distances: [Double]
        /// w(r) [nnei], 0 on padding.
        public var switchWeights: [Double]
        /// R before normalisation, row-major [nnei, 4].
        public var raw: [Double]
        /// R̃, row-major [nnei, 4].
        public var normalized: [Double]
    }

    /// Stage-wise values for the atoms a fixture lists, of frame `frameIndex`, keyed by atom index.
    public struct Intermediates: Sendable {
        /// Index into `frames` of the frame they belong to.
        public var frameIndex: Int
        /// Env matrices.
        public var env: [Int: EnvDump]
        /// G from the embedding stage, row-major [nnei, M1].
        public var g: [Int: [Double]]
        /// G after DPA-1's attention layers, row-major [nnei, M1] (attention fixtures only).
        public var attentionG: [Int: [Double]]
        /// T = Gᵀ R̃ / nnei, row-major [M1, 4].
        public var t: [Int: [Double]]
        /// The fitting net's input: D flattened row-major [M1·M2], followed by the centre's type
        /// embedding with mixed-type fitting (DeePMD's descriptor output).
        public var d: [Int: [Double]]
    }

    /// The fixture's own one-line title.
    public var title: String
    /// DeePMD's descriptor type ("se_e2_a", "se_atten_v2").
    public var descriptorType: String
    /// The model as a SymLab config ...
    public var config: ModelConfig
    /// ... and weights.
    public var weights: DeepPotWeights
    /// The se_e2_a parameters for the oracle (`ReferenceSeA`); nil for other descriptors.
    public var seA: SeAParameters?
    /// The inputs and DeePMD's outputs.
    public var frames: [LabelledFrame]
    /// Stage-wise intermediates (nil when the fixture has none).
    public var intermediates: Intermediates?

    /// The se_e2_a parameters.
    /// - Throws: `DataError` for fixtures of another descriptor type.
    public var parameters: SeAParameters {
        get throws {
            guard let seA else { throw DataError(file: title, "a \(descriptorType) fixture has no se_e2_a parameters") }
            return seA
        }
    }

    /// The SymLab model this fixture describes.
    public func makeModel(source: String = "fixture") throws -> DeepPotModel {
        do { return try DeepPotModel(config: config, weights: weights) } catch { throw DataError(file: source, "\(error)") }
    }

    /// Reads and validates a fixture file.
    public static func load(contentsOf url: URL) throws -> DeePMDFixture {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, "cannot read (\(AtomicFile.reason(error)))")
        }
        return try decode(data, source: url.path)
    }

    /// Decodes and validates fixture JSON; `source` names the file in error messages.
    public static func decode(_ data: Data, source: String) throws -> DeePMDFixture {
        let raw: FixtureJSON.File
        do { raw = try JSONDecoder().decode(FixtureJSON.File.self, from: data) } catch let e as DecodingError {
            throw DataError(file: source, oneLine(FixtureJSON.describe(e)))
        } catch {
            throw DataError(file: source, "cannot decode: \(oneLine(String(describing: error)))")
        }
        return try FixtureConverter(source: source).fixture(raw)
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}


import Foundation
import SymAtoms

/// A DeePMD-kit `se_e2_a` cross-check fixture (format of `shared/fixtures/README.md`): the model's
/// parameters, labelled frames (energy, atomic energies, forces, virial as DeePMD computed them) and
/// stage-wise intermediates for a few atoms of one frame.
///
/// Mapping to `SeAParameters`: `energyBias` = `energy_bias` + `fitting_bias_atom_e`; davg/dstd are
/// flattened [ntypes, nnei, 4]; W[i][o] → `weight[i*n_out + o]`. Two-side embedding nets
/// (`type_one_side = false`, DeePMD storage order t_i + t_j·ntypes) are placed by the centre and
/// neighbour type named in each net at `embeddingIndex(centre:neighbour:)` = t_i·ntypes + t_j.
/// Loading throws `DataError` (file + one-line problem) for unreadable, malformed or inconsistent files,
/// and for model features the oracle does not implement (other descriptor types, env_protection ≠ 0,
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

    /// Stage-wise values for some atoms of frame `frameIndex`, keyed by atom index.
    public struct Intermediates: Sendable {
        /// Index into `frames` of the frame they belong to.
        public var frameIndex: Int
        /// Env matrices (atoms 0 and 64).
        public var env: [Int: EnvDump]
        /// G, row-major [nnei, M1] (atoms 0 and 64).
        public var g: [Int: [Double]]
        /// T = Gᵀ R̃ / nnei, row-major [M1, 4] (atoms 0, 1, 2, 64).
        public var t: [Int: [Double]]
        /// D flattened row-major [M1·M2] (atoms 0, 1, 2, 64).
        public var d: [Int: [Double]]
    }

    /// The fixture's own one-line title.
    public var title: String
    /// The model.
    public var parameters: SeAParameters
    /// The inputs and DeePMD's outputs.
    public var frames: [LabelledFrame]
    /// Stage-wise intermediates.
    public var intermediates: Intermediates

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
        return try Converter(source: source).fixture(raw)
    }

    static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// JSON mirror → validated Swift values; every problem becomes a `DataError` naming `source`.
private struct Converter {
    let source: String

    func fail(_ problem: String) -> DataError { DataError(file: source, problem) }

    func fixture(_ raw: FixtureJSON.File) throws -> DeePMDFixture {
        let p = try parameters(raw.config, raw.parameters)
        let frames = try raw.frames.enumerated().map { try frame($1, index: $0, parameters: p) }
        guard let fi = raw.frames.firstIndex(where: { $0.name == raw.intermediates.frame }) else {
            throw fail("intermediates refer to frame '\(raw.intermediates.frame)', which is not in frames")
        }
        let inter = try intermediates(raw.intermediates, frameIndex: fi, atoms: frames[fi].frame.atomCount, p)
        return DeePMDFixture(title: raw.fixture, parameters: p, frames: frames, intermediates: inter)
    }

    func parameters(_ c: FixtureJSON.Config, _ raw: FixtureJSON.Parameters) throws -> SeAParameters {
        let d = c.descriptor
        var unsupported: [String] = []
        if d.type != "se_e2_a" { unsupported.append("descriptor type '\(d.type)'") }
        if d.env_protection != 0 { unsupported.append("env_protection \(d.env_protection)") }
        if !d.exclude_types.isEmpty { unsupported.append("exclude_types") }
        if d.activation_function != "tanh" { unsupported.append("activation '\(d.activation_function)'") }
        if d.precision != "float64" { unsupported.append("precision '\(d.precision)'") }
        if c.fitting_net.type != "ener" { unsupported.append("fitting type '\(c.fitting_net.type)'") }
        if c.fitting_net.numb_fparam != 0 || c.fitting_net.numb_aparam != 0 {
            unsupported.append("frame/atomic parameters")
        }
        if !unsupported.isEmpty { throw fail("unsupported model features: " + unsupported.joined(separator: ", ")) }

        let types = c.type_map
        let nt = types.count
        let nnei = d.sel.reduce(0, +)
        func typeIndex(_ name: String?, _ what: String) throws -> Int {
            guard let name, let t = types.firstIndex(of: name) else {
                throw fail("\(what) '\(name ?? "null")' is not in type_map \(types)")
            }
            return t
        }
        var embedding = [MLPParameters?](repeating: nil, count: d.type_one_side ? nt : nt * nt)
        for net in raw.embedding_nets {
            let tj = try typeIndex(net.neighbour_type, "\(net.name): neighbour_type")
            let index: Int
            if d.type_one_side {
                index = tj
            } else {
                index = try typeIndex(net.center_type, "\(net.name): center_type") * nt + tj
            }
            guard index < embedding.count, embedding[index] == nil else {
                throw fail("embedding net \(net.name) is duplicated")
            }
            embedding[index] = try mlp(net)
        }
        guard embedding.allSatisfy({ $0 != nil }), raw.embedding_nets.count == embedding.count else {
            throw fail("expected \(embedding.count) embedding nets, found \(raw.embedding_nets.count)")
        }
        var fitting = [MLPParameters?](repeating: nil, count: nt)
        for net in raw.fitting_nets {
            let ti = try typeIndex(net.center_type, "\(net.name): center_type")
            guard fitting[ti] == nil else { throw fail("fitting net \(net.name) is duplicated") }
            fitting[ti] = try mlp(net)
        }
        guard fitting.allSatisfy({ $0 != nil }), raw.fitting_nets.count == nt else {
            throw fail("expected \(nt) fitting nets, found \(raw.fitting_nets.count)")
        }
        let bias = raw.energy_bias.data, atomE = raw.fitting_bias_atom_e.data
        guard bias.count == nt, atomE.count == nt else {
            throw fail("energy_bias/fitting_bias_atom_e need \(nt) values, found \(bias.count)/\(atomE.count)")
        }
        let p = SeAParameters(
            typeMap: types, rcut: d.rcut, rcutSmooth: d.rcut_smth, sel: d.sel, axisNeurons: d.axis_neuron,
            typeOneSide: d.type_one_side, embedding: embedding.map { $0! }, fitting: fitting.map { $0! },
            davg: try flat3(raw.davg.data, [nt, nnei, 4], "parameters.davg"),
            dstd: try flat3(raw.dstd.data, [nt, nnei, 4], "parameters.dstd"),
            energyBias: (0..<nt).map { bias[$0] + atomE[$0] })
        try p.validate(source: source)
        return p
    }

    func mlp(_ net: FixtureJSON.Net) throws -> MLPParameters {
        MLPParameters(layers: try net.layers.map { l in
            guard let activation = Activation(rawValue: l.activation) else {
                throw fail("\(l.name): unknown activation '\(l.activation)'; valid: "
                           + Activation.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let skip = SkipKind(rawValue: l.skip) else {
                throw fail("\(l.name): unknown skip '\(l.skip)'; valid: "
                           + SkipKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if l.timestep != (l.idt != nil) { throw fail("\(l.name): 'timestep' disagrees with 'idt'") }
            let layer = DenseLayer(inputs: l.n_in, outputs: l.n_out,
                                   weight: try flat2(l.W.data, [l.n_in, l.n_out], "\(l.name).W"),
                                   bias: l.b.data, timestep: l.idt?.data, activation: activation, skip: skip)
            let problems = layer.problems()
            if !problems.isEmpty { throw fail("\(l.name): " + problems.joined(separator: "; ")) }
            return layer
        })
    }

    func frame(_ f: FixtureJSON.FrameJSON, index: Int, parameters p: SeAParameters) throws
        -> DeePMDFixture.LabelledFrame {
        let n = f.natoms
        let at = "frames[\(index)] (\(f.name))"
        guard f.types.count == n, f.types.allSatisfy({ (0..<p.ntypes).contains($0) }) else {
            throw fail("\(at): need \(n) types in 0..<\(p.ntypes)")
        }
        guard f.periodic == (f.cell != nil) else { throw fail("\(at): 'periodic' disagrees with 'cell'") }
        let cell = try f.cell.map { try flat2($0, [3, 3], "\(at).cell") }
        let e = f.expected
        guard e.atom_energy.count == n else { throw fail("\(at): atom_energy needs \(n) values") }
        let frame = Frame(types: f.types, positions: try flat2(f.coord, [n, 3], "\(at).coord"), cell: cell,
                          energy: e.energy, forces: try flat2(e.force, [n, 3], "\(at).expected.force"),
                          virial: try flat2(e.virial, [3, 3], "\(at).expected.virial"))
        return .init(name: f.name, frame: frame, atomEnergies: e.atom_energy)
    }

    func intermediates(_ r: FixtureJSON.Intermediates, frameIndex: Int, atoms: Int,
                       _ p: SeAParameters) throws -> DeePMDFixture.Intermediates {
        let (nnei, m1, m2) = (p.nnei, p.embeddingWidth, p.axisNeurons)
        guard atoms > 64 else { throw fail("intermediates need at least 65 atoms in their frame") }
        var result = DeePMDFixture.Intermediates(frameIndex: frameIndex, env: [:], g: [:], t: [:], d: [:])
        for (key, env) in [("env_matrix_atom0", r.env_matrix_atom0), ("env_matrix_atom64", r.env_matrix_atom64)] {
            let at = "intermediates.\(key)"
            guard (0..<atoms).contains(env.center_atom) else { throw fail("\(at): center_atom out of range") }
            guard env.valid.count == nnei, env.neighbour_type.count == nnei, env.r.count == nnei,
                  env.sw.count == nnei else { throw fail("\(at): per-slot arrays need \(nnei) entries") }
            result.env[env.center_atom] = DeePMDFixture.EnvDump(
                centreAtom: env.center_atom, valid: env.valid, neighbourTypes: env.neighbour_type,
                rij: try flat2(env.rij, [nnei, 3], "\(at).rij"), distances: env.r, switchWeights: env.sw,
                raw: try flat2(env.R_raw.data, [nnei, 4], "\(at).R_raw"),
                normalized: try flat2(env.R_norm.data, [nnei, 4], "\(at).R_norm"))
        }
        result.g[0] = try flat2(r.embedding_G_atom0.data, [nnei, m1], "intermediates.embedding_G_atom0")
        result.g[64] = try flat2(r.embedding_G_atom64.data, [nnei, m1], "intermediates.embedding_G_atom64")
        let t012 = try flat3(r.T_atoms012.data, [3, m1, 4], "intermediates.T_atoms012")
        let d012 = try flat2(r.descriptor_atoms012.data, [3, m1 * m2], "intermediates.descriptor_atoms012")
        for a in 0..<3 {
            result.t[a] = Array(t012[(a * m1 * 4)..<((a + 1) * m1 * 4)])
            result.d[a] = Array(d012[(a * m1 * m2)..<((a + 1) * m1 * m2)])
        }
        result.t[64] = try flat2(r.T_atom64.data, [m1, 4], "intermediates.T_atom64")
        guard r.descriptor_atom64.data.count == m1 * m2 else {
            throw fail("intermediates.descriptor_atom64 needs \(m1 * m2) values")
        }
        result.d[64] = r.descriptor_atom64.data
        return result
    }

    /// Row-major flattening of a nested list after checking it is exactly `shape` = [rows, cols].
    func flat2(_ rows: [[Double]], _ shape: [Int], _ what: String) throws -> [Double] {
        guard rows.count == shape[0], rows.allSatisfy({ $0.count == shape[1] }) else {
            throw fail("\(what) must have shape \(shape)")
        }
        return rows.flatMap { $0 }
    }

    /// Row-major flattening of a 3-level nested list after checking it is exactly `shape`.
    func flat3(_ blocks: [[[Double]]], _ shape: [Int], _ what: String) throws -> [Double] {
        guard blocks.count == shape[0] else { throw fail("\(what) must have shape \(shape)") }
        return try blocks.flatMap { try flat2($0, [shape[1], shape[2]], what) }
    }
}

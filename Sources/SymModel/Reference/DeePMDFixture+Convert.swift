import Foundation
import SymAtoms

/// JSON mirror → validated Swift values; every problem becomes a `DataError` naming `source`.
struct FixtureConverter {
    let source: String

    func fail(_ problem: String) -> DataError { DataError(file: source, problem) }

    func fixture(_ raw: FixtureJSON.File) throws -> DeePMDFixture {
        let c = raw.config, d = c.descriptor
        var unsupported: [String] = []
        if !["se_e2_a", "se_atten_v2"].contains(d.type) { unsupported.append("descriptor type '\(d.type)'") }
        if let e = d.env_protection, e != 0 { unsupported.append("env_protection \(e)") }
        if !(d.exclude_types ?? []).isEmpty { unsupported.append("exclude_types") }
        if d.activation_function != "tanh" { unsupported.append("activation '\(d.activation_function)'") }
        if d.precision != "float64" { unsupported.append("precision '\(d.precision)'") }
        if c.fitting_net.type != "ener" { unsupported.append("fitting type '\(c.fitting_net.type)'") }
        if (c.fitting_net.numb_fparam ?? 0) != 0 || (c.fitting_net.numb_aparam ?? 0) != 0 { unsupported.append("frame/atomic parameters") }
        if !unsupported.isEmpty { throw fail("unsupported model features: " + unsupported.joined(separator: ", ")) }
        let seA = d.type == "se_e2_a" ? try parameters(c, raw.parameters) : nil
        let (config, weights) = try seA.map { try DeepPotModel.seAModel($0, source: source) } ?? attentionModel(c, raw.parameters)
        let frames = try raw.frames.enumerated().map { try frame($1, index: $0, types: c.type_map.count) }
        var inter: DeePMDFixture.Intermediates?
        if let r = raw.intermediates {
            guard let fi = raw.frames.firstIndex(where: { $0.name == r.frame }) else {
                throw fail("intermediates refer to frame '\(r.frame)', which is not in frames")
            }
            inter = try intermediates(r, frameIndex: fi, atoms: frames[fi].frame.atomCount, config)
        }
        return DeePMDFixture(title: raw.fixture, descriptorType: d.type, config: config, weights: weights, seA: seA,
                             frames: frames, intermediates: inter)
    }

    func parameters(_ c: FixtureJSON.Config, _ raw: FixtureJSON.Parameters) throws -> SeAParameters {
        let d = c.descriptor
        let types = c.type_map
        let nt = types.count
        let nnei = d.sel.values.reduce(0, +)
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
            typeMap: types, rcut: d.rcut, rcutSmooth: d.rcut_smth, sel: d.sel.values, axisNeurons: d.axis_neuron,
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

    func frame(_ f: FixtureJSON.FrameJSON, index: Int, types: Int) throws -> DeePMDFixture.LabelledFrame {
        let n = f.natoms
        let at = "frames[\(index)] (\(f.name))"
        guard f.types.count == n, f.types.allSatisfy({ (0..<types).contains($0) }) else {
            throw fail("\(at): need \(n) types in 0..<\(types)")
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

    /// The listed atoms' stage dumps, each checked against the model's sizes.
    func intermediates(_ r: FixtureJSON.Intermediates, frameIndex: Int, atoms: Int,
                       _ config: ModelConfig) throws -> DeePMDFixture.Intermediates {
        let d = config.descriptor, nnei = d.sel.reduce(0, +), m1 = d.neuron.last ?? 0
        let tebd = config.fitting.mixedTypes ? TypeEmbedding.options(d.embeddingOptions).tebdDim : 0
        var result = DeePMDFixture.Intermediates(frameIndex: frameIndex, env: [:], g: [:], attentionG: [:], t: [:], d: [:])
        for (atom, env) in r.env.sorted(by: { $0.key < $1.key }) {
            let at = "intermediates.env_matrix_atom\(atom)"
            guard (0..<atoms).contains(atom), env.center_atom == atom else { throw fail("\(at): center_atom out of range or mislabelled") }
            guard env.valid.count == nnei, env.neighbour_type.count == nnei, env.r.count == nnei,
                  env.sw.count == nnei else { throw fail("\(at): per-slot arrays need \(nnei) entries") }
            result.env[atom] = DeePMDFixture.EnvDump(
                centreAtom: atom, valid: env.valid, neighbourTypes: env.neighbour_type,
                rij: try flat2(env.rij, [nnei, 3], "\(at).rij"), distances: env.r, switchWeights: env.sw,
                raw: try flat2(env.R_raw.data, [nnei, 4], "\(at).R_raw"),
                normalized: try flat2(env.R_norm.data, [nnei, 4], "\(at).R_norm"))
        }
        let sizes: [(stage: String, shape: [Int], keyPath: WritableKeyPath<DeePMDFixture.Intermediates, [Int: [Double]]>)] = [
            ("G", [nnei, m1], \.g), ("G attention", [nnei, m1], \.attentionG), ("T", [m1, 4], \.t), ("D", [m1 * d.axisNeuron + tebd], \.d)]
        for (stage, shape, keyPath) in sizes {
            for (atom, numbers) in r.arrays[stage] ?? [:] {
                guard (0..<atoms).contains(atom) else { throw fail("intermediates: \(stage) of atom \(atom), which is not in the frame") }
                guard numbers.values.count == shape.reduce(1, *) else {
                    throw fail("intermediates: \(stage) of atom \(atom) needs shape \(shape), got \(numbers.shape)")
                }
                result[keyPath: keyPath][atom] = numbers.values
            }
        }
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

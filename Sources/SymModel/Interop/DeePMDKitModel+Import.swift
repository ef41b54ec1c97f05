import Foundation
import SymAtoms
import Yams

extension DeePMDKitModel {
    /// Reads a DeePMD-kit `.yaml` model (written by `export`, or by DeePMD-kit's
    /// `dp convert-backend frozen.pth model.yaml`) as a SymLab model file.
    /// - Throws: `InteropError` naming the file, the key path and what SymLab cannot represent.
    public static func read(from path: String) throws -> ModelFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InteropError(file: path, "cannot read the file (does it exist?)")
        }
        return try importModel(text, source: path)
    }

    /// Converts DeePMD-kit model YAML text; `source` names it in messages.
    public static func importModel(_ text: String, source: String) throws -> ModelFile {
        if let problem = YAMLNesting.problem(text) { throw InteropError(file: source, "not a DeePMD-kit model: \(problem)") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw InteropError(file: source, "not valid YAML: \("\(error)".split(whereSeparator: \.isNewline).first ?? "")")
        }
        // Aliases share subtrees: a few lines can stand for billions of values that the reader
        // would walk (a hang). Without aliases a document has fewer nodes than twice its bytes.
        let maximumNodes = 2 * text.utf8.count + 16
        if let root, !root.fits(nodes: maximumNodes) {
            throw InteropError(file: source, "expands to more than \(maximumNodes) nodes through YAML aliases (*name); DeePMD-kit writes none")
        }
        let r = TreeReader(source: source)
        let model = try r.map(root.flatMap { r.map($0)?["model"] }, "model")
        let d = try r.map(model["descriptor"], "model.descriptor"), f = try r.map(model["fitting"], "model.fitting")
        try r.expect(model, "type", "standard", at: "model", what: "model type (SymLab reads energy models)")
        let descriptorType = try r.string(d["type"], "model.descriptor.type")
        guard ["se_e2_a", "se_a", "se_atten_v2"].contains(descriptorType) else {
            throw r.error("model.descriptor.type", "descriptor '\(descriptorType)' is not supported; SymLab imports se_e2_a and se_atten_v2")
        }
        try r.expect(f, "type", "ener", at: "model.fitting", what: "fitting type")
        for (node, key) in [(model, "atom_exclude_types"), (model, "pair_exclude_types"), (d, "exclude_types"), (f, "exclude_types")] {
            if let list = node[key]?.sequence, !list.isEmpty { throw r.error("model.\(key)", "excluded types are not supported") }
        }
        for (node, key, path) in [(d, "activation_function", "model.descriptor"), (f, "activation_function", "model.fitting")] {
            try r.expect(node, key, "tanh", at: path, what: "activation")
        }
        if let p = d["env_protection"].flatMap(TreeReader.number), p != 0 {
            throw r.error("model.descriptor.env_protection", "env_protection \(p) is not supported (SymLab uses 0)")
        }
        if let e = d["env_mat"]?.mapping?["use_exp_switch"]?.bool, e {
            throw r.error("model.descriptor.env_mat.use_exp_switch", "the exponential switch is not supported")
        }
        for key in ["numb_fparam", "numb_aparam", "dim_case_embd"] where (f[key].flatMap(TreeReader.number) ?? 0) != 0 {
            throw r.error("model.fitting.\(key)", "frame/atomic parameters are not supported")
        }

        let typeMap = try r.strings(model["type_map"], "model.type_map")
        guard typeMap.count <= ModelConfig.maximumSize else {
            throw r.error("model.type_map", "\(typeMap.count) types, at most \(ModelConfig.maximumSize)")
        }
        let ntypes = typeMap.count, attention = descriptorType == "se_atten_v2"
        var config = ModelConfig(typeMap: typeMap)
        var embedding: [MLPParameters], stage: [[Double]] = []
        if attention {
            (config.descriptor, embedding, stage) = try importAttention(d, r: r, typeMap: typeMap)
        } else {
            (config.descriptor, embedding) = try importSeA(d, r: r, ntypes: ntypes)
        }
        config.fitting.neuron = try r.ints(f["neuron"], "model.fitting.neuron")
        config.fitting.resnetDt = f["resnet_dt"]?.bool ?? true
        config.fitting.mixedTypes = f["mixed_types"]?.bool ?? false
        if config.fitting.mixedTypes != attention {
            throw r.error("model.fitting.mixed_types", "\(descriptorType) with mixed_types \(config.fitting.mixedTypes) is not supported")
        }
        let nnei = config.descriptor.sel.reduce(0, +)  // bounded by `r.sel`

        let dv = try r.map(d["@variables"], "model.descriptor.@variables")
        let davg = try r.array(dv["davg"], "model.descriptor.@variables.davg", count: ntypes * nnei * 4)
        let dstd = try r.array(dv["dstd"], "model.descriptor.@variables.dstd", count: ntypes * nnei * 4)
        let statistics: (davg: [Double], dstd: [Double])
        do { statistics = try DeepPotModel.perTypeStatistics(davg: davg, dstd: dstd, types: ntypes, nnei: nnei, source: source) } catch {
            throw r.error("model.descriptor.@variables", "\((error as? DataError)?.problem ?? "\(error)")")
        }
        let mv = try r.map(model["@variables"], "model.@variables"), fv = try r.map(f["@variables"], "model.fitting.@variables")
        let outBias = try r.array(mv["out_bias"], "model.@variables.out_bias", count: ntypes)
        let atomBias = try fv["bias_atom_e"].map { try r.array($0, "model.fitting.@variables.bias_atom_e", count: ntypes) }
            ?? [Double](repeating: 0, count: ntypes)
        let fitting = try r.networks(f["nets"], "model.fitting.nets").enumerated().map { k, net in
            try r.net(net, "model.fitting.nets.networks[\(k)]", linearLast: true)
        }
        let weights = DeepPotWeights(embedding: embedding, fitting: fitting, davg: statistics.davg, dstd: statistics.dstd,
                                     energyBias: zip(outBias, atomBias).map { $0 + $1 }, stageParameters: stage)
        do {
            let built = try DeepPotModel(config: config, weights: weights)
            return ModelFile(model: built, provenance: ["source": source, "converted_from": "DeePMD-kit model (\(descriptorType))"])
        } catch {
            throw InteropError(file: source, "the model does not fit SymLab's \(descriptorType): \(error)")
        }
    }

    /// SymLab's descriptor config and embedding nets of an se_e2_a descriptor `d`.
    static func importSeA(_ d: [String: Node], r: TreeReader, ntypes: Int) throws -> (DescriptorConfig, [MLPParameters]) {
        var c = DescriptorConfig()
        c.rcut = try r.number(d["rcut"], "model.descriptor.rcut")
        c.rcutSmooth = try r.number(d["rcut_smth"], "model.descriptor.rcut_smth")
        c.sel = try r.sel(d["sel"], "model.descriptor.sel")
        c.neuron = try r.ints(d["neuron"], "model.descriptor.neuron")
        c.axisNeuron = try r.int(d["axis_neuron"], "model.descriptor.axis_neuron")
        c.typeOneSide = d["type_one_side"]?.bool ?? false
        c.resnetDt = d["resnet_dt"]?.bool ?? false
        c.setDavgZero = d["set_davg_zero"]?.bool ?? false
        let nodes = try r.networks(d["embeddings"], "model.descriptor.embeddings")
        let expected = c.typeOneSide ? ntypes : ntypes * ntypes
        guard nodes.count == expected else {
            throw r.error("model.descriptor.embeddings.networks", "\(nodes.count) nets, expected \(expected)")
        }
        let deepmdOrder = try nodes.enumerated().map { k, net in try r.net(net, "model.descriptor.embeddings.networks[\(k)]", linearLast: false) }
        // SymLab centre·ntypes + neighbour ← DeePMD-kit centre + neighbour·ntypes.
        return (c, c.typeOneSide ? deepmdOrder : (0..<(ntypes * ntypes)).map { k in deepmdOrder[(k % ntypes) * ntypes + k / ntypes] })
    }
}

/// Typed access to a composed YAML tree, throwing `InteropError` with the key path.
struct TreeReader {
    let source: String

    func error(_ path: String, _ message: String) -> InteropError { InteropError(file: source, "[at `\(path)`] \(message)") }

    func map(_ node: Node) -> [String: Node]? {
        guard case .mapping(let m) = node else { return nil }
        var out: [String: Node] = [:]
        for (k, v) in m { if let key = k.string { out[key] = v } }
        return out
    }

    func map(_ node: Node?, _ path: String) throws -> [String: Node] {
        guard let node, let m = map(node) else { throw error(path, "missing or not a mapping; is this a DeePMD-kit model .yaml?") }
        return m
    }

    func string(_ node: Node?, _ path: String) throws -> String {
        guard let s = node?.scalar?.string else { throw error(path, "missing or not a string") }
        return s
    }

    func expect(_ m: [String: Node], _ key: String, _ value: String, at path: String, what: String) throws {
        guard let got = m[key]?.scalar?.string else { return }
        if got != value { throw error("\(path).\(key)", "\(what) '\(got)' is not supported (SymLab: '\(value)')") }
    }

    static func number(_ node: Node) -> Double? {
        guard let s = node.scalar?.string else { return nil }
        return Double(s)
    }

    func number(_ node: Node?, _ path: String) throws -> Double {
        guard let node, let x = Self.number(node), x.isFinite else { throw error(path, "missing or not a finite number") }
        return x
    }

    func int(_ node: Node?, _ path: String) throws -> Int {
        guard let s = node?.scalar?.string, let i = Int(s) else { throw error(path, "missing or not an integer") }
        return i
    }

    func ints(_ node: Node?, _ path: String) throws -> [Int] {
        guard let items = node?.sequence else { throw error(path, "missing or not a list of integers") }
        return try items.enumerated().map { try int($0.element, "\(path)[\($0.offset)]") }
    }

    /// Neighbour slots: entries >= 0 with a sum in 1...ModelConfig.maximumSize (so that sizes
    /// computed from them cannot overflow).
    func sel(_ node: Node?, _ path: String) throws -> [Int] {
        let sel = try ints(node, path), limit = ModelConfig.maximumSize
        guard sel.allSatisfy({ (0...limit).contains($0) }), (1...limit).contains(sel.reduce(0, +)) else {
            throw error(path, "entries must be >= 0 with a sum in 1...\(limit), got \(sel)")
        }
        return sel
    }


    func strings(_ node: Node?, _ path: String) throws -> [String] {
        guard let items = node?.sequence, !items.isEmpty else { throw error(path, "missing or empty") }
        return try items.enumerated().map { try string($0.element, "\(path)[\($0.offset)]") }
    }

    /// The values of an np.ndarray node (row-major) and its shape; nil for YAML null.
    func ndarray(_ node: Node?, _ path: String) throws -> (values: [Double], shape: [Int])? {
        if node == nil || node?.null != nil { return nil }
        let m = try map(node, path)
        if let dtype = m["dtype"]?.string, !["float64", "float32"].contains(dtype) {
            throw error(path, "dtype \(dtype) is not supported (float64 or float32)")
        }
        var values: [Double] = [], shape: [Int] = [], leafDepth: Int?
        func walk(_ n: Node, depth: Int) throws {
            if let items = n.sequence {
                // Lists at one depth have one length, and values sit at one depth below all lists.
                if shape.count == depth { shape.append(items.count) } else if shape[depth] != items.count {
                    throw error(path, "ragged array")
                }
                if let leafDepth, depth >= leafDepth { throw error(path, "ragged array") }
                for item in items { try walk(item, depth: depth + 1) }
            } else {
                if leafDepth == nil { leafDepth = depth }
                guard leafDepth == depth, shape.count == depth else { throw error(path, "ragged array") }
                guard let x = Self.number(n), x.isFinite else { throw error(path, "holds a value that is not a finite number") }
                values.append(x)
            }
        }
        guard let value = m["value"] else { throw error(path, "has no `value`") }
        try walk(value, depth: 0)
        return (values, shape)
    }

    func array(_ node: Node?, _ path: String, count: Int) throws -> [Double] {
        guard let a = try ndarray(node, path), a.values.count == count else { throw error(path, "missing or not \(count) values") }
        return a.values
    }

    /// The `networks` of a NetworkCollection.
    func networks(_ node: Node?, _ path: String) throws -> [Node] {
        let m = try map(node, path)
        guard let nets = m["networks"]?.sequence else { throw error(path + ".networks", "missing") }
        return Array(nets)
    }

    /// One EmbeddingNetwork or FittingNetwork as SymLab layers.
    func net(_ node: Node, _ path: String, linearLast: Bool) throws -> MLPParameters {
        let m = try map(node, path)
        guard let layers = m["layers"]?.sequence, !layers.isEmpty else { throw error(path + ".layers", "missing or empty") }
        return MLPParameters(layers: try layers.enumerated().map { k, item in
            let lp = "\(path).layers[\(k)]", l = try map(item, lp), v = try map(l["@variables"], lp + ".@variables")
            guard let w = try ndarray(v["w"], lp + ".w"), w.shape.count == 2 else { throw error(lp + ".w", "missing or not a matrix") }
            let (nin, nout) = (w.shape[0], w.shape[1])
            guard let b = try ndarray(v["b"], lp + ".b"), b.values.count == nout else { throw error(lp + ".b", "missing or not \(nout) values") }
            let idt = try ndarray(v["idt"], lp + ".idt")?.values
            let activation = try string(l["activation_function"], lp + ".activation_function")
            let last = linearLast && k == layers.count - 1
            guard activation == (last ? "none" : "tanh") || (last && activation == "linear") else {
                throw error(lp + ".activation_function", "'\(activation)' is not supported (hidden layers tanh, output linear)")
            }
            let skip: SkipKind = l["resnet"]?.bool == true ? .rule(inputs: nin, outputs: nout) : .none
            if let idt, idt.count != nout || skip == .none {
                throw error(lp + ".idt", "a timestep vector needs a skip connection and \(nout) values")
            }
            return DenseLayer(inputs: nin, outputs: nout, weight: w.values, bias: b.values, timestep: idt,
                              activation: last ? .linear : .tanh, skip: skip)
        })
    }
}

extension Node {
    /// Whether this document has at most `nodes` nodes with YAML aliases expanded; counting stops
    /// at the limit, so an alias bomb costs at most `nodes` steps (shared by every YAML reader).
    public func fits(nodes: Int) -> Bool {
        var left = nodes
        func visit(_ n: Node) -> Bool {
            left -= 1
            if left < 0 { return false }
            switch n {
            case .sequence(let s): return s.allSatisfy(visit)
            case .mapping(let m): return m.allSatisfy { visit($0.key) && visit($0.value) }
            default: return true
            }
        }
        return visit(self)
    }
}

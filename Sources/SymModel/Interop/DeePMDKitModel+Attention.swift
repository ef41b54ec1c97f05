import SymAtoms
import Yams

/// DPA-1 as DeePMD-kit's `se_atten_v2` (strip mode, smooth type embedding), SymLab's
/// `type-embedding` + `gated-attention` (1 head) + `gram-factored` with mixed-type fitting:
///
///     SymLab                                     DeePMD-kit se_atten_v2 descriptor
///     embedding net 0 (radial, 1 → neuron)       embeddings.networks[0]           (ndim 0)
///     embedding net 1 (type pair → neuron)       embeddings_strip.networks[0]     (in_dim 2·tebd, or tebd one-side)
///     embedding net 2 (ntypes → tebd, no bias)   type_embedding.embedding          (activation "Linear", padding)
///     stage parameters of layer l:               attention_layers.attention_layers[l]:
///       W_in [M1, 3d], b_in                        attention_layer.in_proj w, b
///       W_out [d, M1], b_out                       attention_layer.out_proj w, b
///       γ, β [M1]                                  attn_layer_norm w, b   (ε = 1e-5)
///     fitting net (D ⊕ T_{t_i})                  fitting.nets.networks[0] (mixed_types, dim_descrpt M1·M2 + tebd)
///
/// DeePMD-kit options SymLab does not implement are refused on import: attn_mask, un-normalised
/// q/k/v, a temperature or scaling factor ≠ 1, more than one head, concat_output_tebd false, a
/// LayerNorm ε ≠ 1e-5, electronic-configuration type embeddings, a type-embedding bias.
extension DeePMDKitModel {
    /// The se_atten_v2 descriptor, its input-script section and the fitting input width.
    static func attentionDescriptor(_ file: ModelFile, typeMap: Node, name: String) throws -> (Node, Node, Int) {
        let c = file.config, d = c.descriptor, w = file.weights, ntypes = c.typeMap.count, nnei = d.sel.reduce(0, +)
        let tebd = TypeEmbedding.options(d.embeddingOptions).tebdDim, o = GatedAttention.options(d.permutationOptions)
        let m1 = d.neuron.last!
        let typeNet = w.embedding[2].layers[0]
        let typeEmbedding = Y.map([
            ("@class", Y.str("TypeEmbedNet")), ("@version", Y.int(2)), ("ntypes", Y.int(ntypes)), ("neuron", Y.ints([tebd])),
            ("resnet_dt", Y.bool(false)), ("precision", Y.str("float64")), ("activation_function", Y.str("Linear")),
            ("trainable", Y.bool(true)), ("padding", Y.bool(true)), ("use_econf_tebd", Y.bool(false)), ("use_tebd_bias", Y.bool(false)),
            ("type_map", typeMap),
            ("embedding", Y.map([("@class", Y.str("EmbeddingNetwork")), ("@version", Y.int(2)), ("in_dim", Y.int(ntypes)),
                                 ("neuron", Y.ints([tebd])), ("activation_function", Y.str("Linear")), ("resnet_dt", Y.bool(false)),
                                 ("bias", Y.bool(false)), ("precision", Y.str("float64")),
                                 ("layers", Y.seq([plainLayer(weight: typeNet.weight, bias: nil, inputs: ntypes, outputs: tebd,
                                                              activation: "Linear", resnet: true)]))])),
        ])
        let shared: [(String, Node)] = [("nnei", Y.int(nnei)), ("embed_dim", Y.int(m1)), ("hidden_dim", Y.int(o.width))]
        let flags: [(String, Node)] = [("dotr", Y.bool(o.dotr)), ("do_mask", Y.bool(false)), ("scaling_factor", Y.num(1)),
                                       ("normalize", Y.bool(true)), ("temperature", Y.null)]
        let lnFlags: [(String, Node)] = [("trainable_ln", Y.bool(true)), ("ln_eps", Y.num(1e-5)), ("precision", Y.str("float64"))]
        let perLayer = 6, p = w.stageParameters
        guard p.count == perLayer * o.layers else {
            throw InteropError(file: name, "gated-attention stage parameters: \(p.count) tensors, expected \(perLayer * o.layers)")
        }
        let layers = (0..<o.layers).map { l -> Node in
            let t = Array(p[(perLayer * l)..<(perLayer * l + perLayer)])
            let attention = Y.map(shared + [("num_heads", Y.int(1))] + flags + [("bias", Y.bool(true)), ("smooth", Y.bool(true)),
                ("precision", Y.str("float64")),
                ("in_proj", plainLayer(weight: t[0], bias: t[1], inputs: m1, outputs: 3 * o.width, activation: "none", resnet: false)),
                ("out_proj", plainLayer(weight: t[2], bias: t[3], inputs: o.width, outputs: m1, activation: "none", resnet: false))])
            let norm = Y.map([("@class", Y.str("LayerNorm")), ("@version", Y.int(1)), ("eps", Y.num(1e-5)), ("trainable", Y.bool(true)),
                              ("precision", Y.str("float64")),
                              ("@variables", Y.map([("w", ndarray(t[4], shape: [m1])), ("b", ndarray(t[5], shape: [m1]))]))])
            return Y.map(shared + flags + lnFlags + [("attention_layer", attention), ("attn_layer_norm", norm)])
        }
        let descriptor = Y.map(descriptorHead(file, type: "se_atten_v2") + [
            ("sel", Y.ints([nnei])), ("ntypes", Y.int(ntypes)), ("neuron", Y.ints(d.neuron)), ("axis_neuron", Y.int(d.axisNeuron)),
            ("tebd_dim", Y.int(tebd)), ("set_davg_zero", Y.bool(d.setDavgZero)), ("attn", Y.int(o.width)), ("attn_layer", Y.int(o.layers)),
            ("attn_dotr", Y.bool(o.dotr)), ("attn_mask", Y.bool(false)), ("activation_function", Y.str("tanh")),
            ("resnet_dt", Y.bool(d.resnetDt)), ("scaling_factor", Y.num(1)), ("normalize", Y.bool(true)), ("temperature", Y.null),
            ("trainable_ln", Y.bool(true)), ("ln_eps", Y.num(1e-5)), ("type_one_side", Y.bool(d.typeOneSide)),
            ("concat_output_tebd", Y.bool(true)), ("use_econf_tebd", Y.bool(false)), ("use_tebd_bias", Y.bool(false)),
            ("type_map", typeMap), ("precision", Y.str("float64")),
            ("embeddings", collection([try embeddingNet(w.embedding[0], config: d, name: name)], ndim: 0, ntypes: ntypes, type: "embedding_network")),
            ("embeddings_strip", collection([try embeddingNet(w.embedding[1], config: d, name: name)], ndim: 0, ntypes: ntypes,
                                            type: "embedding_network")),
            ("attention_layers", Y.map([("@class", Y.str("NeighborGatedAttention")), ("@version", Y.int(1)), ("layer_num", Y.int(o.layers))]
                                       + shared + flags + lnFlags + [("attention_layers", Y.seq(layers))])),
            ("env_mat", envMat(d)), ("type_embedding", typeEmbedding), ("exclude_types", Y.seq([])), ("env_protection", Y.num(0)),
            ("@variables", statistics(file)), ("trainable", Y.bool(true)), ("spin", Y.null),
        ])
        let script = Y.map(scriptHead(d, type: "se_atten_v2") + [
            ("sel", Y.int(nnei)), ("type_one_side", Y.bool(d.typeOneSide)), ("tebd_dim", Y.int(tebd)), ("attn", Y.int(o.width)),
            ("attn_layer", Y.int(o.layers)), ("attn_dotr", Y.bool(o.dotr)), ("attn_mask", Y.bool(false)),
        ])
        return (descriptor, script, m1 * d.axisNeuron + tebd)
    }

    /// A Layer holding a plain affine map (attention projections, the type embedding).
    static func plainLayer(weight: [Double], bias: [Double]?, inputs: Int, outputs: Int, activation: String, resnet: Bool) -> Node {
        Y.map([("@class", Y.str("Layer")), ("@version", Y.int(2)), ("bias", Y.bool(bias != nil)), ("use_timestep", Y.bool(false)),
               ("activation_function", Y.str(activation)), ("resnet", Y.bool(resnet)), ("precision", Y.str("float64")),
               ("trainable", Y.bool(true)),
               ("@variables", Y.map([("w", ndarray(weight, shape: [inputs, outputs])),
                                     ("b", bias.map { ndarray($0, shape: [outputs]) } ?? Y.null), ("idt", Y.null)]))])
    }
}

extension DeePMDKitModel {
    /// SymLab's config and weights of a se_atten_v2 descriptor `d` (see the mapping above).
    static func importAttention(_ d: [String: Node], r: TreeReader, typeMap: [String]) throws -> (DescriptorConfig, [MLPParameters], [[Double]]) {
        let p = "model.descriptor"
        for (key, value, why) in [("attn_mask", "false", "attention masks"), ("normalize", "true", "un-normalised q, k, v"),
                                  ("concat_output_tebd", "true", "concat_output_tebd false"), ("use_econf_tebd", "false", "electronic-configuration type embeddings"),
                                  ("use_tebd_bias", "false", "a type-embedding bias")] {
            if let got = d[key]?.bool, String(got) != value { throw r.error("\(p).\(key)", "\(why) not supported (SymLab: \(key) \(value))") }
        }
        if let s = d["scaling_factor"].flatMap(TreeReader.number), s != 1 { throw r.error("\(p).scaling_factor", "\(s) not supported (SymLab: 1)") }
        if let t = d["temperature"], t.null == nil { throw r.error("\(p).temperature", "an attention temperature is not supported") }
        if let e = d["ln_eps"].flatMap(TreeReader.number), e != 1e-5 { throw r.error("\(p).ln_eps", "\(e) not supported (SymLab: 1e-5)") }
        var c = DescriptorConfig()
        c.rcut = try r.number(d["rcut"], "\(p).rcut")
        c.rcutSmooth = try r.number(d["rcut_smth"], "\(p).rcut_smth")
        c.sel = [try r.sel(d["sel"], "\(p).sel").reduce(0, +)]
        c.neuron = try r.ints(d["neuron"], "\(p).neuron")
        guard let m1 = c.neuron.last else { throw r.error("\(p).neuron", "missing or empty") }
        c.axisNeuron = try r.int(d["axis_neuron"], "\(p).axis_neuron")
        c.typeOneSide = d["type_one_side"]?.bool ?? false
        c.resnetDt = d["resnet_dt"]?.bool ?? false
        c.setDavgZero = d["set_davg_zero"]?.bool ?? false
        let tebd = try r.int(d["tebd_dim"], "\(p).tebd_dim"), layers = try r.int(d["attn_layer"], "\(p).attn_layer")
        let width = try r.int(d["attn"], "\(p).attn")
        c.embedding = TypeEmbedding.key
        c.embeddingOptions = ["tebd_dim": .int(tebd)]
        c.permutation = GatedAttention.key
        c.permutationOptions = ["layers": .int(layers), "width": .int(width), "heads": .int(1), "dotr": .bool(d["attn_dotr"]?.bool ?? true)]
        let radial = try r.net(try r.networks(d["embeddings"], "\(p).embeddings").first.orThrow(r.error("\(p).embeddings", "no network")),
                               "\(p).embeddings.networks[0]", linearLast: false)
        let strip = try r.net(try r.networks(d["embeddings_strip"], "\(p).embeddings_strip").first
            .orThrow(r.error("\(p).embeddings_strip", "no network")), "\(p).embeddings_strip.networks[0]", linearLast: false)
        let te = try r.map(try r.map(d["type_embedding"], "\(p).type_embedding")["embedding"], "\(p).type_embedding.embedding")
        guard let teLayer = te["layers"]?.sequence?.first, te["layers"]?.sequence?.count == 1 else {
            throw r.error("\(p).type_embedding.embedding.layers", "expected one linear layer")
        }
        let tv = try r.map(try r.map(teLayer, "\(p).type_embedding.layers[0]")["@variables"], "\(p).type_embedding.layers[0].@variables")
        guard let tw = try r.ndarray(tv["w"], "\(p).type_embedding.w"), tw.shape == [typeMap.count, tebd], try r.ndarray(tv["b"], "b") == nil else {
            throw r.error("\(p).type_embedding.w", "expected a [\(typeMap.count), \(tebd)] matrix without bias")
        }
        let teSkip: SkipKind = try r.map(teLayer, "\(p).type_embedding.layers[0]")["resnet"]?.bool == true ? .rule(inputs: typeMap.count, outputs: tebd) : .none
        let typeNet = MLPParameters(layers: [DenseLayer(inputs: typeMap.count, outputs: tebd, weight: tw.values, bias: [], timestep: nil,
                                                        activation: .linear, skip: teSkip)])
        let ap = "\(p).attention_layers.attention_layers"
        let items = try r.map(d["attention_layers"], "\(p).attention_layers")["attention_layers"]?.sequence.map(Array.init) ?? []
        guard items.count == layers else { throw r.error(ap, "\(items.count) layers, attn_layer says \(layers)") }
        let stage = try items.enumerated().flatMap { l, item -> [[Double]] in
            let layer = try r.map(item, "\(ap)[\(l)]"), attention = try r.map(layer["attention_layer"], "\(ap)[\(l)].attention_layer")
            if let heads = attention["num_heads"].flatMap(TreeReader.number), heads != 1 {
                let count = heads.rounded() == heads && abs(heads) < 1e15 ? String(Int(heads)) : "\(heads)"
                throw r.error("\(ap)[\(l)].attention_layer.num_heads", "\(count) heads not supported (se_atten_v2: 1)")
            }
            func affine(_ key: String) throws -> [[Double]] {
                let v = try r.map(try r.map(attention[key], "\(ap)[\(l)].\(key)")["@variables"], "\(ap)[\(l)].\(key).@variables")
                guard let w = try r.ndarray(v["w"], "\(ap)[\(l)].\(key).w"), let b = try r.ndarray(v["b"], "\(ap)[\(l)].\(key).b") else {
                    throw r.error("\(ap)[\(l)].\(key)", "needs w and b")
                }
                return [w.values, b.values]
            }
            let norm = try r.map(try r.map(layer["attn_layer_norm"], "\(ap)[\(l)].attn_layer_norm")["@variables"], "\(ap)[\(l)].attn_layer_norm")
            return try affine("in_proj") + affine("out_proj") + [try r.array(norm["w"], "\(ap)[\(l)].attn_layer_norm.w", count: m1),
                                                                 try r.array(norm["b"], "\(ap)[\(l)].attn_layer_norm.b", count: m1)]
        }
        return (c, [radial, strip, typeNet], stage)
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}

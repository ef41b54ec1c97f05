import SymAtoms

/// DeePMD-kit `se_atten_v2` (DPA-1, spec §9) as SymLab stages: `type-embedding` (strip mode,
/// smooth type gate) + `gated-attention` (attn_layer layers of width attn, 1 head, dotr) +
/// `gram-factored`, with mixed-type fitting on D ⊕ T_{t_i}.
///
/// Storage: `type_embedding` → embedding net 2 (ntypes → tebd_dim, linear, no bias);
/// `embedding_nets[0]` (radial, 1 → neuron) → net 0; `embedding_nets[1]` (type pair,
/// 2·tebd_dim → neuron) → net 1; `attention_layers[l]` → the gated-attention stage parameters
/// W_in, b_in, W_out, b_out, γ, β of layer l; one fitting net.
/// DeePMD features SymLab does not implement are refused: attn_mask, un-normalised q/k/v, a
/// temperature or scaling factor ≠ 1, concat_output_tebd false, another LayerNorm ε than 1e-5.
extension FixtureConverter {
    func attentionModel(_ c: FixtureJSON.Config, _ raw: FixtureJSON.Parameters) throws -> (ModelConfig, DeepPotWeights) {
        let d = c.descriptor
        var unsupported: [String] = []
        if d.attn_mask == true { unsupported.append("attn_mask") }
        if d.normalize == false { unsupported.append("normalize false") }
        if d.temperature != nil { unsupported.append("temperature") }
        if let s = d.scaling_factor, s != 1 { unsupported.append("scaling_factor \(s)") }
        if d.concat_output_tebd == false { unsupported.append("concat_output_tebd false") }
        if let e = d.ln_eps, e != 1e-5 { unsupported.append("ln_eps \(e)") }
        if !unsupported.isEmpty { throw fail("unsupported se_atten_v2 features: " + unsupported.joined(separator: ", ")) }
        guard let tebd = d.tebd_dim, let width = d.attn, let layers = d.attn_layer else {
            throw fail("config.descriptor: se_atten_v2 needs tebd_dim, attn and attn_layer")
        }
        guard let typeNet = raw.type_embedding, raw.embedding_nets.count == 2, raw.fitting_nets.count == 1,
              (raw.attention_layers ?? []).count == layers else {
            throw fail("se_atten_v2 parameters need type_embedding, 2 embedding nets (radial, type pair), \(layers) attention layers and 1 fitting net")
        }
        let nt = c.type_map.count, nnei = d.sel.values.reduce(0, +)
        let radial = try mlp(raw.embedding_nets[0]), fitting = try mlp(raw.fitting_nets[0])
        var config = ModelConfig(typeMap: c.type_map)
        config.descriptor.rcut = d.rcut
        config.descriptor.rcutSmooth = d.rcut_smth
        config.descriptor.sel = [nnei]
        config.descriptor.neuron = radial.layers.map(\.outputs)
        config.descriptor.axisNeuron = d.axis_neuron
        config.descriptor.typeOneSide = d.type_one_side
        config.descriptor.resnetDt = radial.layers.contains { $0.timestep != nil }
        config.descriptor.embedding = TypeEmbedding.key
        config.descriptor.embeddingOptions = ["tebd_dim": .int(tebd)]
        config.descriptor.permutation = GatedAttention.key
        config.descriptor.permutationOptions = ["layers": .int(layers), "width": .int(width), "heads": .int(1),
                                                "dotr": .bool(d.attn_dotr ?? true)]
        config.fitting.neuron = fitting.layers.dropLast().map(\.outputs)
        config.fitting.resnetDt = fitting.layers.contains { $0.timestep != nil }
        config.fitting.mixedTypes = true
        let stage = try (raw.attention_layers ?? []).enumerated().flatMap { k, layer -> [[Double]] in
            let input = try mlp(FixtureJSON.Net(name: "attention\(k)", center_type: nil, neighbour_type: nil, layers: [layer.in_proj]))
            let output = try mlp(FixtureJSON.Net(name: "attention\(k)", center_type: nil, neighbour_type: nil, layers: [layer.out_proj]))
            guard layer.layer_norm.eps == 1e-5 else { throw fail("attention layer \(k): LayerNorm eps \(layer.layer_norm.eps), SymLab uses 1e-5") }
            return [input.layers[0].weight, input.layers[0].bias, output.layers[0].weight, output.layers[0].bias,
                    layer.layer_norm.weight, layer.layer_norm.bias]
        }
        let (davg, dstd) = try DeepPotModel.perTypeStatistics(davg: try flat3(raw.davg.data, [nt, nnei, 4], "parameters.davg"),
                                                              dstd: try flat3(raw.dstd.data, [nt, nnei, 4], "parameters.dstd"),
                                                              types: nt, nnei: nnei, source: source)
        let bias = raw.energy_bias.data, atomE = raw.fitting_bias_atom_e.data
        guard bias.count == nt, atomE.count == nt else {
            throw fail("energy_bias/fitting_bias_atom_e need \(nt) values, found \(bias.count)/\(atomE.count)")
        }
        let weights = DeepPotWeights(embedding: [radial, try mlp(raw.embedding_nets[1]), try mlp(typeNet)], fitting: [fitting],
                                     davg: davg, dstd: dstd, energyBias: (0..<nt).map { bias[$0] + atomE[$0] }, stageParameters: stage)
        return (config, weights)
    }
}

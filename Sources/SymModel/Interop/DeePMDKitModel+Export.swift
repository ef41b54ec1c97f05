import Foundation
import SymAtoms
import Yams

extension DeePMDKitModel {
    /// The DeePMD-kit `.yaml` text of `file` (see the type's documentation for the layout).
    /// - Throws: `InteropError` for a variant DeePMD-kit cannot represent or weights it cannot hold.
    public static func export(_ file: ModelFile, name: String = "model") throws -> String {
        let tree = try exportTree(file, name: name)
        do { return try Yams.serialize(node: tree, width: -1) } catch {
            throw InteropError(file: name, "cannot write YAML: \(error)")
        }
    }

    /// Writes `export(file)` to `path` atomically (`AtomicFile`; `DataError` naming the path on failure).
    public static func write(_ file: ModelFile, to path: String) throws {
        try AtomicFile.write(try export(file, name: path), to: path)
    }

    /// The whole file as a YAML tree (keys in DeePMD-kit's order).
    static func exportTree(_ file: ModelFile, name: String) throws -> Node {
        let c = file.config, w = file.weights
        guard let kind = kind(c) else { throw InteropError(file: name, unsupported(c) ?? "cannot export") }
        do { _ = try file.makeModel() } catch { throw InteropError(file: name, "not a valid model: \(error)") }
        let allWeights = (w.embedding + w.fitting).flatMap(\.layers).flatMap { $0.weight + $0.bias + ($0.timestep ?? []) }
        guard (allWeights + w.stageParameters.flatMap { $0 } + w.davg + w.dstd + w.energyBias).allSatisfy(\.isFinite) else {
            throw InteropError(file: name, "cannot export: the model holds NaN or infinite weights")
        }
        let typeMap = Y.seq(c.typeMap.map(Y.str))
        let (descriptor, script, descriptorWidth) = try kind == .seA ? seADescriptor(file, typeMap: typeMap, name: name)
            : attentionDescriptor(file, typeMap: typeMap, name: name)
        let model = Y.map([
            ("type_map", typeMap), ("atom_exclude_types", Y.seq([])), ("pair_exclude_types", Y.seq([])), ("rcond", Y.null),
            ("preset_out_bias", Y.null),
            ("@variables", Y.map([("out_bias", ndarray(w.energyBias, shape: [1, c.typeMap.count, 1])),
                                  ("out_std", ndarray([Double](repeating: 1, count: c.typeMap.count), shape: [1, c.typeMap.count, 1]))])),
            ("@class", Y.str("Model")), ("type", Y.str("standard")), ("@version", Y.int(2)),
            ("descriptor", descriptor), ("fitting", try fitting(file, width: descriptorWidth, typeMap: typeMap, name: name)),
        ])
        let fittingScript = Y.map([("type", Y.str("ener")), ("neuron", Y.ints(c.fitting.neuron)), ("resnet_dt", Y.bool(c.fitting.resnetDt)),
                                   ("activation_function", Y.str("tanh")), ("precision", Y.str("float64"))])
        let provenance = Y.map(file.provenance.sorted { $0.key < $1.key }.map { ($0.key, Y.str($0.value)) })
        return Y.map([("backend", Y.str("SymLab")), ("software", Y.str("symlab")), ("deepmd_kit_format", Y.str(deepmdKitVersion)),
                      ("symlab_provenance", provenance), ("model", model),
                      ("model_def_script", Y.map([("type_map", typeMap), ("descriptor", script), ("fitting_net", fittingScript)]))])
    }

    /// The se_e2_a descriptor, its input-script section and the descriptor width M1·M2.
    static func seADescriptor(_ file: ModelFile, typeMap: Node, name: String) throws -> (Node, Node, Int) {
        let d = file.config.descriptor, w = file.weights, ntypes = file.config.typeMap.count
        // DeePMD-kit's index k = centre + neighbour·ntypes; SymLab's centre·ntypes + neighbour.
        let order: [Int] = d.typeOneSide ? Array(0..<ntypes) : (0..<(ntypes * ntypes)).map { k in (k % ntypes) * ntypes + k / ntypes }
        let embeddings: [Node] = try order.map { try embeddingNet(w.embedding[$0], config: d, name: name) }
        let descriptor = Y.map(descriptorHead(file, type: "se_e2_a") + [
            ("sel", Y.ints(d.sel)), ("neuron", Y.ints(d.neuron)), ("axis_neuron", Y.int(d.axisNeuron)), ("resnet_dt", Y.bool(d.resnetDt)),
            ("trainable", Y.bool(true)), ("type_one_side", Y.bool(d.typeOneSide)), ("exclude_types", Y.seq([])),
            ("env_protection", Y.num(0)), ("set_davg_zero", Y.bool(d.setDavgZero)), ("activation_function", Y.str("tanh")),
            ("precision", Y.str("float64")), ("spin", Y.null), ("env_mat", envMat(d)),
            ("embeddings", collection(embeddings, ndim: d.typeOneSide ? 1 : 2, ntypes: ntypes, type: "embedding_network")),
            ("@variables", statistics(file)), ("type_map", typeMap),
        ])
        let script = Y.map(scriptHead(d, type: "se_e2_a") + [("sel", Y.ints(d.sel)), ("type_one_side", Y.bool(d.typeOneSide))])
        return (descriptor, script, d.neuron.last! * d.axisNeuron)
    }

    /// `@class`, `type`, `@version`, cutoffs: the first keys of both descriptors.
    static func descriptorHead(_ file: ModelFile, type: String) -> [(String, Node)] {
        let d = file.config.descriptor
        return [("@class", Y.str("Descriptor")), ("type", Y.str(type)), ("@version", Y.int(2)), ("rcut", Y.num(d.rcut)),
                ("rcut_smth", Y.num(d.rcutSmooth))]
    }

    /// The input-script keys both descriptors share.
    static func scriptHead(_ d: DescriptorConfig, type: String) -> [(String, Node)] {
        [("type", Y.str(type)), ("rcut", Y.num(d.rcut)), ("rcut_smth", Y.num(d.rcutSmooth)), ("neuron", Y.ints(d.neuron)),
         ("axis_neuron", Y.int(d.axisNeuron)), ("resnet_dt", Y.bool(d.resnetDt)), ("set_davg_zero", Y.bool(d.setDavgZero)),
         ("activation_function", Y.str("tanh")), ("precision", Y.str("float64"))]
    }

    /// The switch of the environment matrix (no protection, the polynomial switch).
    static func envMat(_ d: DescriptorConfig) -> Node {
        Y.map([("rcut", Y.num(d.rcut)), ("rcut_smth", Y.num(d.rcutSmooth)), ("protection", Y.num(0)), ("use_exp_switch", Y.bool(false))])
    }

    /// davg, dstd [ntypes, nnei, 4]: SymLab's row of each centre type in every slot.
    static func statistics(_ file: ModelFile) -> Node {
        let ntypes = file.config.typeMap.count, nnei = file.config.descriptor.sel.reduce(0, +)
        func perSlot(_ rows: [Double]) -> Node {
            ndarray((0..<ntypes).flatMap { t in (0..<nnei).flatMap { _ in rows[(4 * t)..<(4 * t + 4)] } }, shape: [ntypes, nnei, 4])
        }
        return Y.map([("davg", perSlot(file.weights.davg)), ("dstd", perSlot(file.weights.dstd))])
    }

    /// The energy fitting: one net per type, or one mixed-type net reading `width` inputs.
    static func fitting(_ file: ModelFile, width: Int, typeMap: Node, name: String) throws -> Node {
        let c = file.config, ntypes = c.typeMap.count, mixed = c.fitting.mixedTypes
        let nets = try file.weights.fitting.map { try fittingNet($0, config: c.fitting, name: name) }
        return Y.map([
            ("@class", Y.str("Fitting")), ("@version", Y.int(4)), ("var_name", Y.str("energy")), ("ntypes", Y.int(ntypes)),
            ("dim_descrpt", Y.int(width)), ("neuron", Y.ints(c.fitting.neuron)),
            ("resnet_dt", Y.bool(c.fitting.resnetDt)), ("numb_fparam", Y.int(0)), ("numb_aparam", Y.int(0)),
            ("dim_case_embd", Y.int(0)), ("default_fparam", Y.null), ("rcond", Y.null), ("activation_function", Y.str("tanh")),
            ("precision", Y.str("float64")), ("mixed_types", Y.bool(mixed)), ("exclude_types", Y.seq([])),
            ("nets", collection(nets, ndim: mixed ? 0 : 1, ntypes: ntypes, type: "fitting_network")),
            ("@variables", Y.map([("bias_atom_e", ndarray([Double](repeating: 0, count: ntypes), shape: [ntypes, 1])),
                                  ("case_embd", Y.null), ("fparam_avg", Y.null), ("fparam_inv_std", Y.null),
                                  ("aparam_avg", Y.null), ("aparam_inv_std", Y.null)])),
            ("type_map", typeMap), ("tot_ener_zero", Y.bool(false)),
            ("trainable", Y.seq([Node](repeating: Y.bool(true), count: c.fitting.neuron.count + 1))),
            ("layer_name", Y.null), ("use_aparam_as_mask", Y.bool(false)), ("spin", Y.null), ("type", Y.str("ener")),
            ("dim_out", Y.int(1)), ("atom_ener", Y.null),
        ])
    }

    /// A NetworkCollection of `networks`.
    static func collection(_ networks: [Node], ndim: Int, ntypes: Int, type: String) -> Node {
        Y.map([("@class", Y.str("NetworkCollection")), ("@version", Y.int(1)), ("ndim", Y.int(ndim)), ("ntypes", Y.int(ntypes)),
               ("network_type", Y.str(type)), ("networks", Y.seq(networks))])
    }

    /// An EmbeddingNetwork: in_dim (1 for the radial nets) → neuron, tanh layers with DeePMD's
    /// width-rule skips.
    static func embeddingNet(_ net: MLPParameters, config d: DescriptorConfig, name: String) throws -> Node {
        let layers = try net.layers.enumerated().map { k, l in try layer(l, hidden: true, resnetDt: d.resnetDt, name: "\(name): embedding layer \(k)") }
        return Y.map([("@class", Y.str("EmbeddingNetwork")), ("@version", Y.int(2)), ("in_dim", Y.int(net.inputs)), ("neuron", Y.ints(d.neuron)),
                      ("activation_function", Y.str("tanh")), ("resnet_dt", Y.bool(d.resnetDt)), ("bias", Y.bool(true)),
                      ("precision", Y.str("float64")), ("layers", Y.seq(layers))])
    }

    /// A FittingNetwork: hidden tanh layers, then a linear 1-output layer.
    static func fittingNet(_ net: MLPParameters, config f: FittingConfig, name: String) throws -> Node {
        let layers = try net.layers.enumerated().map { k, l in
            try layer(l, hidden: k < net.layers.count - 1, resnetDt: f.resnetDt, name: "\(name): fitting layer \(k)")
        }
        return Y.map([("@class", Y.str("FittingNetwork")), ("@version", Y.int(1)), ("in_dim", Y.int(net.inputs)), ("out_dim", Y.int(1)),
                      ("neuron", Y.ints(f.neuron)), ("activation_function", Y.str("tanh")), ("resnet_dt", Y.bool(f.resnetDt)),
                      ("precision", Y.str("float64")), ("bias_out", Y.bool(true)), ("layers", Y.seq(layers))])
    }

    /// One Layer. Hidden layers are tanh with `resnet: true` (DeePMD then skips by the width rule and
    /// keeps a timestep only where a skip fires); output layers are linear without skip.
    static func layer(_ l: DenseLayer, hidden: Bool, resnetDt: Bool, name: String) throws -> Node {
        let skip = hidden ? SkipKind.rule(inputs: l.inputs, outputs: l.outputs) : .none
        let activation: Activation = hidden ? .tanh : .linear
        let timestep = hidden && resnetDt && skip != .none
        guard l.activation == activation, l.skip == skip, (l.timestep != nil) == timestep, l.bias.count == l.outputs else {
            throw InteropError(file: name, "layer \(l.inputs)->\(l.outputs) (\(l.activation.rawValue), skip \(l.skip.rawValue), "
                               + "timestep \(l.timestep != nil), \(l.bias.isEmpty ? "no " : "")bias) differs from DeePMD-kit's "
                               + "(\(activation.rawValue), skip \(skip.rawValue), timestep \(timestep), bias)")
        }
        return Y.map([("@class", Y.str("Layer")), ("@version", Y.int(2)), ("bias", Y.bool(true)), ("use_timestep", Y.bool(timestep)),
                      ("activation_function", Y.str(hidden ? "tanh" : "none")), ("resnet", Y.bool(hidden)),
                      ("precision", Y.str("float64")), ("trainable", Y.bool(true)),
                      ("@variables", Y.map([("w", ndarray(l.weight, shape: [l.inputs, l.outputs])), ("b", ndarray(l.bias, shape: [l.outputs])),
                                            ("idt", l.timestep.map { ndarray($0, shape: [l.outputs]) } ?? Y.null)]))])
    }

    /// `{'@class': np.ndarray, '@is_variable': true, '@version': 1, dtype: float64, value: nested}`
    /// for row-major `values` of `shape` (innermost lists in flow style).
    static func ndarray(_ values: [Double], shape: [Int]) -> Node {
        precondition(values.count == shape.reduce(1, *), "ndarray: \(values.count) values for shape \(shape)")
        func nest(_ offset: Int, _ dims: ArraySlice<Int>) -> Node {
            let n = dims.first!, rest = dims.dropFirst(), stride = rest.reduce(1, *)
            if rest.isEmpty { return Y.seq((0..<n).map { Y.num(values[offset + $0]) }, flow: true) }
            return Y.seq((0..<n).map { nest(offset + $0 * stride, rest) })
        }
        return Y.map([("@class", Y.str("np.ndarray")), ("@is_variable", Y.bool(true)), ("@version", Y.int(1)),
                      ("dtype", Y.str("float64")), ("value", nest(0, shape[...]))])
    }
}

/// YAML node builders with the scalar texts DeePMD-kit's PyYAML reads back exactly.
enum Y {
    static func map(_ pairs: [(String, Node)]) -> Node { .mapping(Node.Mapping(pairs.map { (str($0.0), $0.1) }, Tag(.map))) }
    static func seq(_ items: [Node], flow: Bool = false) -> Node { .sequence(Node.Sequence(items, Tag(.seq), flow ? .flow : .any)) }
    /// A string, quoted so that YAML 1.1 readers never take it for a number, boolean or null
    /// (element "No", "null").
    static func str(_ s: String) -> Node { .scalar(Node.Scalar(s, Tag(.str), .singleQuoted)) }
    static func int(_ i: Int) -> Node { .scalar(Node.Scalar(String(i), Tag(.int))) }
    static func ints(_ values: [Int]) -> Node { seq(values.map(int), flow: true) }
    static func bool(_ b: Bool) -> Node { .scalar(Node.Scalar(b ? "true" : "false", Tag(.bool))) }
    static let null: Node = .scalar(Node.Scalar("null", Tag(.null)))
    static func num(_ x: Double) -> Node { .scalar(Node.Scalar(floatText(x), Tag(.float))) }

    /// Shortest round-trip text with a '.' in the mantissa and a signed exponent ("1e-05" →
    /// "1.0e-05", "3" → "3.0"), the form YAML 1.1 (PyYAML) resolves as a float.
    static func floatText(_ x: Double) -> String {
        precondition(x.isFinite, "YAML export of a non-finite number")
        let s = "\(x)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s.contains(".") ? s : s + ".0" }
        let mantissa = s[..<e], exponent = s[s.index(after: e)...]
        let signed = exponent.hasPrefix("-") || exponent.hasPrefix("+") ? String(exponent) : "+" + exponent
        return (mantissa.contains(".") ? String(mantissa) : mantissa + ".0") + "e" + signed
    }
}

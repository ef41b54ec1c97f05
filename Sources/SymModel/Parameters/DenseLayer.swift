import SymAtoms

/// Activation φ of a dense layer (spec §4.1). Only the two the DeePMD reference configs use.
public enum Activation: String, Codable, CaseIterable, Sendable {
    /// φ(z) = tanh(z); φ′ = 1 − tanh², φ″ = −2 tanh (1 − tanh²).
    case tanh
    /// φ(z) = z (the fitting net's output layer).
    case linear
}

/// Residual connection of a dense layer (spec §4.1).
public enum SkipKind: String, Codable, CaseIterable, Sendable {
    /// y = z.
    case none
    /// y = x + z (needs n_out = n_in).
    case identity
    /// y = concat(x, x) + z, i.e. [x₀…x₍ₙ₋₁₎, x₀…x₍ₙ₋₁₎] + z (needs n_out = 2 n_in).
    case concat

    /// DeePMD's width rule for hidden layers (spec §4.1): `identity` when n_out = n_in,
    /// `concat` when n_out = 2 n_in, `none` otherwise. (A 1 → 2 first layer therefore gets `concat`,
    /// as in DeePMD.) Output layers of fitting nets never skip; that is the caller's decision.
    public static func rule(inputs: Int, outputs: Int) -> SkipKind {
        if outputs == inputs { return .identity }
        if outputs == 2 * inputs { return .concat }
        return .none
    }
}

/// One DeePMD "native layer" x ∈ ℝ^{n_in} → y ∈ ℝ^{n_out} (spec §4.1):
///
///     z = φ(x·W + b)                 x a row vector, W [n_in, n_out], b [n_out] (or no b)
///     if timestep d present: z = z ⊙ d   (after the activation)
///     y = z | x + z | concat(x, x) + z   by `skip`
///
/// All values Float64; shapes are stored explicitly so nothing is inferred from widths.
public struct DenseLayer: Codable, Equatable, Sendable {
    /// n_in.
    public var inputs: Int
    /// n_out.
    public var outputs: Int
    /// W, row-major [inputs * outputs]: `weight[i * outputs + o]` = W[i][o].
    public var weight: [Double]
    /// b, [outputs]; empty = the layer has no bias (DeePMD's `bias=False`, e.g. the type embedding).
    public var bias: [Double]
    /// DeePMD's timestep vector `idt` d, [outputs], multiplied in after φ; nil = no timestep.
    public var timestep: [Double]?
    /// φ.
    public var activation: Activation
    /// Residual connection.
    public var skip: SkipKind

    /// Creates a layer from explicit values (not validated; see `problems()`).
    public init(inputs: Int, outputs: Int, weight: [Double], bias: [Double], timestep: [Double]? = nil,
                activation: Activation = .tanh, skip: SkipKind = .none) {
        self.inputs = inputs
        self.outputs = outputs
        self.weight = weight
        self.bias = bias
        self.timestep = timestep
        self.activation = activation
        self.skip = skip
    }

    /// Trainable scalars: |W| + |b| + |idt|.
    public var parameterCount: Int { weight.count + bias.count + (timestep?.count ?? 0) }

    /// A layer initialised as DeePMD does (spec §4.1): W ~ N(0, σ = 1/√(n_in + n_out)),
    /// b ~ N(0, 1), idt ~ N(0.1, 0.001). Draw order: W row-major, then b, then idt.
    /// With `bias: false` the layer has none (nothing drawn for it).
    public static func random(inputs: Int, outputs: Int, activation: Activation, skip: SkipKind,
                              timestep: Bool, bias: Bool = true, rng: RandomSource) -> DenseLayer {
        precondition(inputs > 0 && outputs > 0, "layer widths must be positive")
        let sigma = 1.0 / Double(inputs + outputs).squareRoot()
        let w = (0..<(inputs * outputs)).map { _ in rng.gaussian(mean: 0, sigma: sigma) }
        let b = bias ? (0..<outputs).map { _ in rng.gaussian(mean: 0, sigma: 1) } : []
        let d = timestep ? (0..<outputs).map { _ in rng.gaussian(mean: 0.1, sigma: 0.001) } : nil
        return DenseLayer(inputs: inputs, outputs: outputs, weight: w, bias: b, timestep: d,
                          activation: activation, skip: skip)
    }

    /// Shape and consistency problems (empty when the layer is well formed), one phrase each.
    public func problems() -> [String] {
        var p: [String] = []
        if inputs <= 0 || outputs <= 0 { p.append("widths \(inputs)->\(outputs) must be positive") }
        if weight.count != inputs * outputs {
            p.append("weight has \(weight.count) values, expected \(inputs)*\(outputs)")
        }
        if bias.count != outputs && !bias.isEmpty { p.append("bias has \(bias.count) values, expected \(outputs) (or none)") }
        if let d = timestep, d.count != outputs {
            p.append("timestep has \(d.count) values, expected \(outputs)")
        }
        if skip == .identity && outputs != inputs {
            p.append("identity skip needs n_out = n_in, got \(inputs)->\(outputs)")
        }
        if skip == .concat && outputs != 2 * inputs {
            p.append("concat skip needs n_out = 2 n_in, got \(inputs)->\(outputs)")
        }
        return p
    }
}

/// A feed-forward net: layers applied in order; layer k's `outputs` = layer k+1's `inputs`.
public struct MLPParameters: Codable, Equatable, Sendable {
    /// The layers, input side first.
    public var layers: [DenseLayer]

    /// Creates a net from its layers.
    public init(layers: [DenseLayer]) { self.layers = layers }

    /// Input width (0 for an empty net).
    public var inputs: Int { layers.first?.inputs ?? 0 }
    /// Output width (0 for an empty net).
    public var outputs: Int { layers.last?.outputs ?? 0 }
    /// Trainable scalars of all layers.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// A DeePMD-style net over `widths` = [n₀, n₁, …, n_k] (k layers), initialised by
    /// `DenseLayer.random`. Hidden layers: tanh, skip by `SkipKind.rule`, timestep iff `resnetDt` and a
    /// skip fires. With `linearOutput` the last layer is linear, without skip and timestep (fitting net).
    public static func random(widths: [Int], resnetDt: Bool, linearOutput: Bool,
                              rng: RandomSource) -> MLPParameters {
        precondition(widths.count >= 2, "a net needs at least one layer")
        var layers: [DenseLayer] = []
        for k in 0..<(widths.count - 1) {
            let (nIn, nOut) = (widths[k], widths[k + 1])
            if linearOutput && k == widths.count - 2 {
                layers.append(.random(inputs: nIn, outputs: nOut, activation: .linear, skip: .none,
                                      timestep: false, rng: rng))
            } else {
                let skip = SkipKind.rule(inputs: nIn, outputs: nOut)
                layers.append(.random(inputs: nIn, outputs: nOut, activation: .tanh, skip: skip,
                                      timestep: resnetDt && skip != .none, rng: rng))
            }
        }
        return MLPParameters(layers: layers)
    }

    /// Shape problems of the layers and of their chaining, each prefixed with the layer index.
    public func problems() -> [String] {
        if layers.isEmpty { return ["net has no layers"] }
        var p: [String] = []
        for (k, layer) in layers.enumerated() {
            p += layer.problems().map { "layer \(k): \($0)" }
            if k > 0 && layers[k - 1].outputs != layer.inputs {
                p.append("layer \(k) takes \(layer.inputs) inputs but layer \(k - 1) gives \(layers[k - 1].outputs)")
            }
        }
        return p
    }
}

import SymTensor

/// A DeePMD native-layer net on tensors (spec §4.1), built from `MLPParameters`:
///
///     z = φ(x·W + b);  z ← z ⊙ d if a timestep d exists;  y = z | x + z | concat(x, x) + z
///
/// Input [rows, n_in] → output [rows, n_out]. The weights are trainable `Tensor` variables;
/// `parameters` lists them in a fixed order (per layer: W, b, d?).
public final class MLP {
    /// One layer's trainable tensors and rules.
    struct Layer {
        let weight: Tensor  // [n_in, n_out]
        let bias: Tensor?  // [n_out], nil = no bias
        let timestep: Tensor?  // [n_out]
        let activation: Activation
        let skip: SkipKind
    }

    let layers: [Layer]

    /// Builds variables from stored weights (the caller has validated them).
    public init(_ p: MLPParameters) {
        layers = p.layers.map { l in
            Layer(weight: .variable(shape: [l.inputs, l.outputs], scalars: l.weight),
                  bias: l.bias.isEmpty ? nil : .variable(shape: [l.outputs], scalars: l.bias),
                  timestep: l.timestep.map { .variable(shape: [l.outputs], scalars: $0) },
                  activation: l.activation, skip: l.skip)
        }
    }

    /// Input width n_in.
    public var inputs: Int { layers.first?.weight.shape[0] ?? 0 }
    /// Output width n_out.
    public var outputs: Int { layers.last?.weight.shape[1] ?? 0 }

    /// The trainable tensors, per layer W, then b and d when present.
    public var parameters: [Tensor] { layers.flatMap { [$0.weight] + [$0.bias, $0.timestep].compactMap { $0 } } }

    /// The current values as storable parameters.
    public var stored: MLPParameters {
        MLPParameters(layers: layers.map { l in
            DenseLayer(inputs: l.weight.shape[0], outputs: l.weight.shape[1], weight: l.weight.scalars,
                       bias: l.bias?.scalars ?? [], timestep: l.timestep?.scalars, activation: l.activation, skip: l.skip)
        })
    }

    /// Applies the net to rows `x` [rows, n_in].
    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for l in layers {
            var z = l.bias.map { Tensor.affine(h, l.weight, $0) } ?? Tensor.matmul(h, l.weight)
            if l.activation == .tanh { z = z.tanh() }
            if let d = l.timestep { z = z * d }
            switch l.skip {
            case .none: h = z
            case .identity: h = h + z
            case .concat: h = Tensor.concat([h, h], axis: 1) + z
            }
        }
        return h
    }
}

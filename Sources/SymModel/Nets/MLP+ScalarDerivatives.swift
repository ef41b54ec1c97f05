import SymTensor

extension MLPParameters {
    /// Value, first and second derivative of a net with one input (an embedding net, 1 → M) at each
    /// point of `xs`, by forward-mode differentiation through the layers, as DeePMD-kit's
    /// tabulation does (`_make_data`). With h the layer input and h′, h″ its derivatives in x:
    ///
    ///     u = h W + b,   u′ = h′ W,   u″ = h″ W
    ///     z = φ(u),      z′ = φ′(u) u′,   z″ = φ″(u) u′² + φ′(u) u″      (tanh: φ′ = 1 − z², φ″ = −2z φ′)
    ///     z, z′, z″ ← ⊙ d (timestep);   y = z | h + z | [h, h] + z (skip), and likewise y′, y″
    ///
    /// Returns three [xs.count, n_out] row-major arrays. The net must take one input.
    public func scalarDerivatives(at xs: [Double]) -> (value: [Double], first: [Double], second: [Double]) {
        precondition(inputs == 1, "scalarDerivatives: the net takes \(inputs) inputs, not 1")
        return GradMode.withoutGrad {
            let n = xs.count
            var h = Tensor(shape: [n, 1], scalars: xs), h1 = Tensor.ones([n, 1]), h2 = Tensor.zeros([n, 1])
            for layer in layers {
                let w = Tensor(shape: [layer.inputs, layer.outputs], scalars: layer.weight)
                var u = Tensor.matmul(h, w)
                if !layer.bias.isEmpty { u = u + Tensor(layer.bias) }
                let u1 = Tensor.matmul(h1, w), u2 = Tensor.matmul(h2, w)
                var (z, z1, z2) = (u, u1, u2)
                if layer.activation == .tanh {
                    z = u.tanh()
                    let slope = 1 - z * z, curvature = (z * slope).scaled(by: -2)
                    (z1, z2) = (slope * u1, curvature * u1 * u1 + slope * u2)
                }
                if let d = layer.timestep.map(Tensor.init) { (z, z1, z2) = (z * d, z1 * d, z2 * d) }
                switch layer.skip {
                case .none: (h, h1, h2) = (z, z1, z2)
                case .identity: (h, h1, h2) = (h + z, h1 + z1, h2 + z2)
                case .concat:
                    (h, h1, h2) = (Tensor.concat([h, h], axis: 1) + z, Tensor.concat([h1, h1], axis: 1) + z1,
                                   Tensor.concat([h2, h2], axis: 1) + z2)
                }
            }
            return (h.scalars, h1.scalars, h2.scalars)
        }
    }
}

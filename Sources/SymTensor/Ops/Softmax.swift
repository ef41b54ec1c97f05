import Foundation

/// Softmax over the last axis with a constant mask, and layer normalisation.
extension Tensor {
    /// y = softmax over the last axis of the entries where `mask` is true; masked entries are 0
    /// (a row with no true entry is all zeros). `mask` has this tensor's shape (or nil = all true).
    /// Pullback: y ⊙ (g − Σ_last(g ⊙ y)).
    public func maskedSoftmax(mask: [Bool]? = nil) -> Tensor {
        precondition(rank >= 1, "maskedSoftmax: needs rank >= 1")
        precondition(mask == nil || mask!.count == count, "maskedSoftmax: mask count \(mask!.count) != \(count)")
        let n = shape[rank - 1], rows = count / max(n, 1)
        var out = [Double](repeating: 0, count: count)
        for r in 0..<rows {
            let base = r * n
            var top = -Double.infinity
            for k in 0..<n where mask?[base + k] ?? true { top = max(top, scalars[base + k]) }
            guard top > -Double.infinity else { continue }
            var total = 0.0
            for k in 0..<n where mask?[base + k] ?? true {
                let e = Foundation.exp(scalars[base + k] - top)
                out[base + k] = e
                total += e
            }
            for k in 0..<n { out[base + k] /= total }
        }
        return Tensor.record(.maskedSoftmax, [self], Tensor(shape: shape, scalars: out)) { g, y, _ in
            [y * (g - (g * y).sum(axis: -1, keepDims: true))]
        }
    }

    /// LayerNorm over the last axis: γ ⊙ (x − μ)/sqrt(σ² + ε) + β, γ and β of shape [last].
    /// Composite of differentiable ops (so it differentiates twice).
    public func layerNorm(gamma: Tensor, beta: Tensor, epsilon: Double = 1e-5) -> Tensor {
        let centred = self - mean(alongAxes: [-1], keepDims: true)
        let variance = centred.squared().mean(alongAxes: [-1], keepDims: true)
        return centred / (variance + epsilon).sqrt() * gamma + beta
    }
}

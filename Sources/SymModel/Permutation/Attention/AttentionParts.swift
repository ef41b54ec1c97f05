import Foundation
import SymAtoms
import SymTensor

/// A trainable affine map on rows, y = x·W + b: x [rows, in] → y [rows, out] (b optional).
/// Initialised W ~ N(0, 1/√(in + out)), b = 0.
struct Dense {
    let weight: Tensor, bias: Tensor?

    init(_ inputs: Int, _ outputs: Int, bias: Bool = true, rng: RandomSource) {
        let sigma = 1 / Double(inputs + outputs).squareRoot()
        weight = .variable(shape: [inputs, outputs], scalars: (0..<(inputs * outputs)).map { _ in rng.gaussian(sigma: sigma) })
        self.bias = bias ? .variable(shape: [outputs], scalars: [Double](repeating: 0, count: outputs)) : nil
    }

    func callAsFunction(_ x: Tensor) -> Tensor { bias.map { Tensor.affine(x, weight, $0) } ?? Tensor.matmul(x, weight) }

    var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }

    /// 2·in·out per row, plus the bias add.
    static func flops(rows: Int, _ inputs: Int, _ outputs: Int, bias: Bool = true) -> Double {
        Double(rows) * (FlopCount.matmul(1, inputs, outputs) + (bias ? Double(outputs) : 0))
    }
}

/// A trainable LayerNorm over the last axis: γ ⊙ (x − μ)/√(σ² + ε) + β, ε = 1e-5, γ = 1, β = 0 at start.
struct Norm {
    let gamma: Tensor, beta: Tensor

    init(_ width: Int) {
        gamma = .variable(shape: [width], scalars: [Double](repeating: 1, count: width))
        beta = .variable(shape: [width], scalars: [Double](repeating: 0, count: width))
    }

    func callAsFunction(_ x: Tensor) -> Tensor { x.layerNorm(gamma: gamma, beta: beta) }

    var parameters: [Tensor] { [gamma, beta] }

    /// Mean, centring, square, variance, +ε and √, division, ·γ, +β: 8 per element.
    static func flops(rows: Int, _ width: Int) -> Double { 8 * Double(rows * width) }
}

/// Shape helpers and the two smooth attention weightings used by the encoders.
enum Attention {
    /// [A, n, H·dh] → [A·H, n, dh] (head h takes features h·dh ..< (h+1)·dh).
    static func splitHeads(_ x: Tensor, heads: Int) -> Tensor {
        let a = x.shape[0], n = x.shape[1], dh = x.shape[2] / heads
        return x.reshaped([a, n, heads, dh]).permuted([0, 2, 1, 3]).reshaped([a * heads, n, dh])
    }

    /// [A·H, n, dh] → [A, n, H·dh].
    static func mergeHeads(_ x: Tensor, heads: Int) -> Tensor {
        let a = x.shape[0] / heads, n = x.shape[1], dh = x.shape[2]
        return x.reshaped([a, heads, n, dh]).permuted([0, 2, 1, 3]).reshaped([a, n, heads * dh])
    }

    /// x / max(‖x‖, ε) over the last axis (PyTorch's `normalize`, ε = 1e-12): rows of norm below ε
    /// (empty slots) are divided by ε instead, so their derivative stays finite.
    static func normalizeRows(_ x: Tensor, epsilon: Double = 1e-12) -> Tensor {
        let squares = x.squared().sum(axis: -1, keepDims: true)
        let large = squares.scalars.map { $0 > epsilon * epsilon }
        let norm = Tensor.select(large, squares, Tensor.ones(squares.shape)).sqrt()
        let expanded = x.shape.reduce(1, *) / max(squares.count, 1)
        let mask = large.flatMap { [Bool](repeating: $0, count: expanded) }
        return Tensor.select(mask, x / norm, x.scaled(by: 1 / epsilon))
    }

    /// Attention weights with a null ("sink") key that keeps them smooth when every neighbour
    /// leaves: α_qk = w_k e^{ℓ_qk} / (1 + Σ_k′ w_k′ e^{ℓ_qk′}) over the last axis of `logits`
    /// [..., nq, nk]; `keyWeights` broadcasts against it (nil = every key weighs 1). A key with w = 0
    /// (empty slot, or a neighbour at r_c) has exactly zero weight and the weights vary like w
    /// (C² in positions). Computed with the row maximum m (a constant, which cancels exactly):
    /// α = w e^{ℓ−m} / (e^{−m} + Σ w e^{ℓ−m}).
    static func sinkWeights(_ logits: Tensor, keyWeights: Tensor?) -> Tensor {
        let nk = logits.shape.last!, rows = logits.count / max(nk, 1)
        var top = [Double](repeating: 0, count: rows)
        logits.scalars.withUnsafeBufferPointer { p in
            for r in 0..<rows { for k in 0..<nk { top[r] = max(top[r], p[r * nk + k]) } }
        }
        var keptShape = logits.shape
        keptShape[keptShape.count - 1] = 1
        let shift = Tensor(shape: keptShape, scalars: top)
        var e = (logits - shift).exp()
        if let w = keyWeights { e = e * w }
        let sink = Tensor(shape: keptShape, scalars: top.map { Foundation.exp(-$0) })
        return e / (e.sum(axis: -1, keepDims: true) + sink)
    }

    /// The options problem of a multihead stage whose width is not a multiple of its head count.
    static func headProblems(width: Int, heads: Int) -> [(option: String, message: String)] {
        width % heads == 0 ? [] : [("width", "must be divisible by heads (\(heads)), got \(width)")]
    }

    /// FLOPs of `sinkWeights` on `count` logits in rows of `keys`: shift, exp, ·w, sum, division.
    static func sinkWeightFlops(_ count: Int) -> Double { 5 * Double(count) }

    /// Scaled dot products of query and key rows, [B, nq, dh]·[B, nk, dh]ᵀ / √dh → [B, nq, nk].
    static func logits(_ q: Tensor, _ k: Tensor) -> Tensor {
        Tensor.batchedMatmul(q, k, transposeB: true).scaled(by: 1 / Double(q.shape[2]).squareRoot())
    }
}

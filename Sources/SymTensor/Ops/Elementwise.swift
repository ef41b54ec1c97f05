import Foundation

/// Transcendental elementwise ops on the vectorised kernels of `VectorMath`.
extension Tensor {
    /// tanh(x); pullback g·(1 − y²) (one fused pass, `tanhPullback`).
    public func tanh() -> Tensor {
        let y = Tensor(shape: shape, scalars: VectorMath.tanh(scalars))
        return Tensor.record(.tanh, [self], y) { g, y, _ in [Tensor.tanhPullback(g, y)] }
    }

    /// g ⊙ (1 − y²) in one pass: tanh's pullback through its output y (same shapes). Fused because
    /// the four separate passes (y², negate, +1, ⊙ g) and their own pullbacks were a fifth of a
    /// training step's time. Pullback: (h ⊙ (1 − y²), −2 h ⊙ g ⊙ y).
    public static func tanhPullback(_ g: Tensor, _ y: Tensor) -> Tensor {
        precondition(g.shape == y.shape, "tanhPullback: shapes \(g.shape) and \(y.shape) differ")
        let n = g.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            g.scalars.withUnsafeBufferPointer { pg in
                y.scalars.withUnsafeBufferPointer { py in for i in 0..<n { buf[i] = pg[i] * (-(py[i] * py[i]) + 1) } }
            }
            initialized = n
        }
        return record(.tanhPullback, [g, y], Tensor(shape: g.shape, scalars: out)) { h, _, needs in
            [needs[0] ? tanhPullback(h, y) : nil, needs[1] ? scaledProduct(h, g, y, by: -2) : nil]
        }
    }

    /// c · a ⊙ b ⊙ d in one pass (same shapes). Pullback: c · g ⊙ (the other two), again fused.
    public static func scaledProduct(_ a: Tensor, _ b: Tensor, _ d: Tensor, by c: Double) -> Tensor {
        precondition(a.shape == b.shape && b.shape == d.shape, "scaledProduct: shapes \(a.shape), \(b.shape), \(d.shape) differ")
        let n = a.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    d.scalars.withUnsafeBufferPointer { pd in for i in 0..<n { buf[i] = c * pa[i] * pb[i] * pd[i] } }
                }
            }
            initialized = n
        }
        return record(.scaledProduct, [a, b, d], Tensor(shape: a.shape, scalars: out)) { g, _, needs in
            [needs[0] ? scaledProduct(g, b, d, by: c) : nil, needs[1] ? scaledProduct(g, a, d, by: c) : nil,
             needs[2] ? scaledProduct(g, a, b, by: c) : nil]
        }
    }

    /// exp(x); pullback g·y.
    public func exp() -> Tensor {
        let y = Tensor(shape: shape, scalars: VectorMath.exp(scalars))
        return Tensor.record(.exp, [self], y) { g, y, _ in [g * y] }
    }

    /// Natural log(x); pullback g/x.
    public func log() -> Tensor {
        let y = Tensor(shape: shape, scalars: scalars.map { Foundation.log($0) })
        return Tensor.record(.log, [self], y) { g, _, _ in [g / self] }
    }

    /// sqrt(x); pullback g/(2y).
    public func sqrt() -> Tensor {
        let y = Tensor(shape: shape, scalars: scalars.map { Foundation.sqrt($0) })
        return Tensor.record(.sqrt, [self], y) { g, y, _ in [(g / y).scaled(by: 0.5)] }
    }

    /// x² (as x·x, so it differentiates any number of times).
    public func squared() -> Tensor { self * self }
}

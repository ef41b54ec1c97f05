import Foundation

/// Transcendental elementwise ops on the vectorised kernels of `VectorMath`.
extension Tensor {
    /// tanh(x); pullback g·(1 − y²).
    public func tanh() -> Tensor {
        let y = Tensor(shape: shape, scalars: VectorMath.tanh(scalars))
        return Tensor.record(.tanh, [self], y) { g, y, _ in [g * (1 - y * y)] }
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

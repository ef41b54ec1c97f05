/// Broadcasting arithmetic. Each op's pullback sits next to it and is written with
/// differentiable ops, so second derivatives come for free.

extension Tensor {
    /// Reduces a broadcast cotangent back to `shape` (sum over the broadcast axes).
    public func sumTo(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        precondition(lead >= 0, "sumTo: cannot reduce \(shape) to \(target)")
        var axes = Array(0..<lead)
        for (i, d) in target.enumerated() where d == 1 && shape[lead + i] != 1 { axes.append(lead + i) }
        return sum(alongAxes: axes, keepDims: true).reshaped(target)
    }

    /// `a + b` with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastBinary(a, b, +)
        return record(.add, [a, b], Tensor(shape: shape, scalars: out)) { g, _, needs in
            [needs[0] ? g.sumTo(a.shape) : nil, needs[1] ? g.sumTo(b.shape) : nil]
        }
    }

    /// `a - b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastBinary(a, b, -)
        return record(.sub, [a, b], Tensor(shape: shape, scalars: out)) { g, _, needs in
            [needs[0] ? g.sumTo(a.shape) : nil, needs[1] ? (-g).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise `a * b` with broadcasting.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastBinary(a, b, *)
        return record(.mul, [a, b], Tensor(shape: shape, scalars: out)) { g, _, needs in
            [needs[0] ? (g * b).sumTo(a.shape) : nil, needs[1] ? (g * a).sumTo(b.shape) : nil]
        }
    }

    /// Elementwise `a / b` with broadcasting.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let (shape, out) = broadcastBinary(a, b, /)
        return record(.div, [a, b], Tensor(shape: shape, scalars: out)) { g, y, needs in
            [needs[0] ? (g / b).sumTo(a.shape) : nil,
             needs[1] ? (-(g * y) / b).sumTo(b.shape) : nil]
        }
    }

    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor {
        record(.neg, [a], Tensor(shape: a.shape, scalars: mapScalars(a.scalars) { -$0 })) { g, _, _ in [-g] }
    }

    /// `c * a` for a constant `c`.
    public func scaled(by c: Double) -> Tensor {
        Tensor.record(.scale, [self], Tensor(shape: shape, scalars: mapScalars(scalars) { $0 * c })) { g, _, _ in
            [g.scaled(by: c)]
        }
    }

    /// `a + c` for a constant `c`.
    public func shifted(by c: Double) -> Tensor {
        Tensor.record(.shift, [self], Tensor(shape: shape, scalars: mapScalars(scalars) { $0 + c })) { g, _, _ in [g] }
    }

    public static func * (a: Tensor, c: Double) -> Tensor { a.scaled(by: c) }
    public static func * (c: Double, a: Tensor) -> Tensor { a.scaled(by: c) }
    public static func + (a: Tensor, c: Double) -> Tensor { a.shifted(by: c) }
    public static func - (a: Tensor, c: Double) -> Tensor { a.shifted(by: -c) }
    public static func - (c: Double, a: Tensor) -> Tensor { (-a).shifted(by: c) }
    public static func / (a: Tensor, c: Double) -> Tensor { a.scaled(by: 1 / c) }

    /// Elementwise `mask ? a : b`; `a`, `b` and `mask` have the same shape. The mask is constant.
    public static func select(_ mask: [Bool], _ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape && mask.count == a.count, "select: shapes must agree")
        var out = b.scalars
        for i in 0..<out.count where mask[i] { out[i] = a.scalars[i] }
        return record(.select, [a, b], Tensor(shape: a.shape, scalars: out)) { g, _, needs in
            let zero = Tensor.zeros(g.shape)
            return [needs[0] ? select(mask, g, zero) : nil, needs[1] ? select(mask, zero, g) : nil]
        }
    }
}

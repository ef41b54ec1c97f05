/// A dense, row-major Float64 tensor that can take part in reverse-mode automatic differentiation.
///
/// `Tensor` is a reference type: an operation on tensors that require gradients records a tape
/// node (op name, parents, pullback) on its result, so the graph is the web of results pointing
/// at their parents. Pullbacks are written with differentiable tensor ops themselves, so the
/// gradient of a gradient works (`gradients(of:withRespectTo:createGraph: true)`).
///
/// Shapes are `[Int]`; a rank-0 tensor (shape `[]`) holds one scalar.
/// Mutating `scalars` of a tensor that is already part of a recorded graph invalidates that graph.
public final class Tensor {
    /// Extent of each axis, outermost first.
    public let shape: [Int]
    /// The values in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Double] {
        didSet { precondition(scalars.count == count, "Tensor.scalars: count must stay \(count)") }
    }
    /// The tape node that produced this tensor, or nil for a constant.
    var node: Node?

    /// Creates a constant tensor from row-major scalars.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor: \(scalars.count) scalars do not fill shape \(shape)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A rank-0 constant.
    public convenience init(_ value: Double) { self.init(shape: [], scalars: [value]) }

    /// A rank-1 constant.
    public convenience init(_ values: [Double]) { self.init(shape: [values.count], scalars: values) }

    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], _ value: Double) -> Tensor {
        Tensor(shape: shape, scalars: [Double](repeating: value, count: shape.reduce(1, *)))
    }
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { full(shape, 0) }
    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }

    /// A trainable leaf: gradients can be taken with respect to it.
    public static func variable(shape: [Int], scalars: [Double]) -> Tensor {
        Tensor(shape: shape, scalars: scalars).requiringGrad()
    }

    /// Number of scalars.
    public var count: Int { scalars.count }
    /// Number of axes.
    public var rank: Int { shape.count }
    /// True when this tensor is a leaf variable or depends on one through a recorded graph.
    public var requiresGrad: Bool { node != nil }
    /// Name of the op that produced this tensor ("leaf" for variables), nil for constants.
    public var opName: String? { node?.op.rawValue }

    /// Marks this tensor as a differentiable leaf (a variable) and returns it.
    @discardableResult
    public func requiringGrad() -> Tensor {
        if node == nil { node = Node(op: .leaf, inputs: [], pullback: { _, _, _ in [] }) }
        return self
    }

    /// A constant copy of the values (copy-on-write), cut off from the graph.
    public func detached() -> Tensor { Tensor(shape: shape, scalars: scalars) }

    /// The single value of a one-element tensor.
    public var scalar: Double {
        precondition(count == 1, "Tensor.scalar: tensor of shape \(shape) has \(count) values")
        return scalars[0]
    }

    /// Row-major strides of `shape`.
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = acc
            acc *= shape[axis]
        }
        return strides
    }

    /// Maps a possibly negative axis (`-1` = last) to `0..<rank`.
    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = scalars.prefix(8).map { String(format: "%.6g", $0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", ..." : "")]\(node.map { ", op: \($0.op.rawValue)" } ?? ""))"
    }
}

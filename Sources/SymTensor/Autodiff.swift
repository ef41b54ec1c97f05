import Foundation

/// The name of every primitive op that records a tape node. The gradient-check test enumerates
/// these cases, so an op added here without a finite-difference check makes that test fail.
public enum OpName: String, CaseIterable, Sendable {
    case leaf
    case add, sub, mul, div, neg, scale, shift
    case tanh, tanhPullback, scaledProduct, exp, log, sqrt
    case matmul, batchedMatmul, affine
    case reshape, permute, slice, padSlice, concat, broadcast, sum
    case gather, scatterAdd
    case maskedSoftmax, select
    case tabulate, tabulateContract
}

/// Cotangent of the output, the output itself and which inputs need a cotangent
/// -> one cotangent per input (nil where not needed or identically zero).
typealias Pullback = (_ cotangent: Tensor, _ output: Tensor, _ needs: [Bool]) -> [Tensor?]

/// One tape entry: how a tensor was made and how to pull a cotangent back to its inputs.
final class Node {
    let op: OpName
    let inputs: [Tensor]
    let pullback: Pullback
    init(op: OpName, inputs: [Tensor], pullback: @escaping Pullback) {
        self.op = op
        self.inputs = inputs
        self.pullback = pullback
    }
}

/// Whether ops record tape nodes on the current thread or task.
public enum GradMode {
    @TaskLocal public static var isEnabled = true

    /// Runs `body` without recording any tape nodes (inference, optimiser updates).
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        try $isEnabled.withValue(false, operation: body)
    }
}

extension Tensor {
    /// Attaches a tape node to `result` when recording is on and any input requires a gradient.
    static func record(_ op: OpName, _ inputs: [Tensor], _ result: Tensor,
                       _ pullback: @escaping Pullback) -> Tensor {
        if GradMode.isEnabled && inputs.contains(where: { $0.requiresGrad }) {
            result.node = Node(op: op, inputs: inputs, pullback: pullback)
        }
        return result
    }
}

/// Reverse-mode gradients of `output` with respect to `inputs`.
///
/// - Parameters:
///   - output: any tensor; `seed` is its cotangent (default: ones, i.e. the gradient of
///     `output.sum()`).
///   - inputs: tensors that require gradients (leaves or intermediate results).
///   - createGraph: when true the backward pass is itself recorded, so the returned gradients
///     can be differentiated again (forces from energies, then parameter gradients of a force
///     loss). When false the pass records nothing and is cheaper.
/// - Returns: one gradient per input, with the input's shape (zeros where `output` does not
///   depend on it).
public func gradients(of output: Tensor, withRespectTo inputs: [Tensor], seed: Tensor? = nil,
                      createGraph: Bool = false) -> [Tensor] {
    let order = topologicalOrder(from: output)
    // A tensor needs a cotangent when it is a requested input or leads to one.
    let wanted = Set(inputs.map(ObjectIdentifier.init))
    var needed = Set<ObjectIdentifier>()
    for t in order {
        let id = ObjectIdentifier(t)
        if wanted.contains(id) || t.node!.inputs.contains(where: { needed.contains(ObjectIdentifier($0)) }) {
            needed.insert(id)
        }
    }
    var cotangents: [ObjectIdentifier: Tensor] = [:]
    let start = seed ?? Tensor.ones(output.shape)
    precondition(start.shape == output.shape, "gradients: seed shape \(start.shape) != \(output.shape)")
    cotangents[ObjectIdentifier(output)] = start

    let run = {
        for t in order.reversed() {
            let id = ObjectIdentifier(t)
            guard needed.contains(id), let node = t.node, node.op != .leaf,
                  let g = cotangents[id] else { continue }
            if !wanted.contains(id) { cotangents[id] = nil }  // free intermediate cotangents early
            let needs = node.inputs.map { needed.contains(ObjectIdentifier($0)) }
            let parts = node.pullback(g, t, needs)
            for (input, part) in zip(node.inputs, parts) {
                guard let part else { continue }
                let key = ObjectIdentifier(input)
                guard needed.contains(key) else { continue }
                precondition(part.shape == input.shape,
                             "pullback of \(node.op) gave shape \(part.shape) for input \(input.shape)")
                cotangents[key] = cotangents[key].map { $0 + part } ?? part
            }
        }
    }
    if createGraph { GradMode.$isEnabled.withValue(true, operation: run) } else { GradMode.withoutGrad(run) }
    return inputs.map { cotangents[ObjectIdentifier($0)] ?? Tensor.zeros($0.shape) }
}

/// Tensors with tape nodes reachable from `root`, parents before children (iterative DFS).
func topologicalOrder(from root: Tensor) -> [Tensor] {
    guard root.node != nil else { return [] }
    var order: [Tensor] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(Tensor, Int)] = [(root, 0)]
    visited.insert(ObjectIdentifier(root))
    while let (t, next) = stack.popLast() {
        let inputs = t.node!.inputs
        if next < inputs.count {
            stack.append((t, next + 1))
            let child = inputs[next]
            if child.node != nil && visited.insert(ObjectIdentifier(child)).inserted {
                stack.append((child, 0))
            }
        } else {
            order.append(t)
        }
    }
    return order
}

extension Tensor {
    /// The op names of the graph that produced this tensor (for debugging and coverage checks).
    public func graphOpNames() -> Set<String> {
        Set(topologicalOrder(from: self).compactMap { $0.node?.op.rawValue })
    }
}

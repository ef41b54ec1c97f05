import Foundation
import SymTensor

/// Adam (Kingma & Ba), β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay (DeePMD's optimiser,
/// spec §8.4), with the learning rate given per step.
public struct Adam: Codable, Equatable, Sendable {
    public var beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8
    /// Steps taken.
    public var step = 0
    /// First and second moment estimates, one array per parameter tensor.
    public var m: [[Double]], v: [[Double]]

    /// Zero moments for parameters of the given sizes.
    public init(sizes: [Int]) {
        m = sizes.map { [Double](repeating: 0, count: $0) }
        v = m
    }

    /// θ ← θ − lr · m̂ / (sqrt(v̂) + ε), updating `parameters` in place.
    public mutating func update(_ parameters: [Tensor], gradients: [Tensor], learningRate lr: Double) {
        precondition(parameters.count == m.count && gradients.count == m.count, "Adam: parameter count changed")
        step += 1
        let c1 = 1 - Foundation.pow(beta1, Double(step)), c2 = 1 - Foundation.pow(beta2, Double(step))
        for k in parameters.indices {
            let g = gradients[k].scalars
            parameters[k].scalars.withUnsafeMutableBufferPointer { theta in
                m[k].withUnsafeMutableBufferPointer { mk in
                    v[k].withUnsafeMutableBufferPointer { vk in
                        for i in 0..<theta.count {
                            mk[i] = beta1 * mk[i] + (1 - beta1) * g[i]
                            vk[i] = beta2 * vk[i] + (1 - beta2) * g[i] * g[i]
                            theta[i] -= lr * (mk[i] / c1) / ((vk[i] / c2).squareRoot() + epsilon)
                        }
                    }
                }
            }
        }
    }
}

import SymTensor

/// Geometry of the neighbour slots that rotation operators reading the pair vectors share.
extension NeighbourSet {
    /// Distances r_ij [A, nnei] (Å), differentiable through the batch's pair vectors (empty slots
    /// hold the padding vector, so their distance is 2·r_c).
    public var distances: Tensor {
        let b = batch
        return b.rij.squared().sum(axis: 1).sqrt().reshaped([b.rows, b.nnei])
    }

    /// For every centre, its `count` nearest valid slots (slot indices within the centre's nnei,
    /// nearest first; ties go to the lower slot; fewer when it has fewer neighbours).
    /// Plain numbers: the selection itself is not differentiable.
    public func nearestSlots(_ count: Int) -> [[Int]] {
        let b = batch, n = b.nnei, r = b.rij.scalars
        return (0..<b.rows).map { centre in
            var best: [(slot: Int, d2: Double)] = []
            for s in 0..<n where valid[centre * n + s] {
                let k = 3 * (centre * n + s), d2 = r[k] * r[k] + r[k + 1] * r[k + 1] + r[k + 2] * r[k + 2]
                guard best.count < count || d2 < best[count - 1].d2 else { continue }
                let at = best.firstIndex { d2 < $0.d2 } ?? best.count
                best.insert((s, d2), at: at)
                if best.count > count { best.removeLast() }
            }
            return best.map(\.slot)
        }
    }
}

/// Row-wise vector algebra on [A, 3] tensors (differentiable).
enum Vectors {
    /// Σ_k a_k b_k per row, [A, 1].
    static func dot(_ a: Tensor, _ b: Tensor) -> Tensor { (a * b).sum(axis: 1, keepDims: true) }

    /// a / |a| per row.
    static func normalised(_ a: Tensor) -> Tensor { a / dot(a, a).sqrt() }

    /// a × b per row.
    static func cross(_ a: Tensor, _ b: Tensor) -> Tensor {
        func c(_ t: Tensor, _ k: Int) -> Tensor { t.slice(axis: 1, k..<(k + 1)) }
        return Tensor.concat([c(a, 1) * c(b, 2) - c(a, 2) * c(b, 1), c(a, 2) * c(b, 0) - c(a, 0) * c(b, 2),
                              c(a, 0) * c(b, 1) - c(a, 1) * c(b, 0)], axis: 1)
    }
}

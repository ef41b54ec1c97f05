/// Row gather and scatter-add along axis 0 (each the other's pullback).
extension Tensor {
    /// `out[i, ...] = self[indices[i], ...]`. Shape [n, rest...] -> [indices.count, rest...].
    public func gather(rows indices: [Int]) -> Tensor {
        precondition(rank >= 1, "gather: needs rank >= 1")
        let n = shape[0], inner = count / max(n, 1)
        var out = [Double](repeating: 0, count: indices.count * inner)
        out.withUnsafeMutableBufferPointer { po in
            scalars.withUnsafeBufferPointer { pi in
                for (i, row) in indices.enumerated() {
                    precondition(row >= 0 && row < n, "gather: index \(row) outside 0..<\(n)")
                    for k in 0..<inner { po[i * inner + k] = pi[row * inner + k] }
                }
            }
        }
        var outShape = shape
        outShape[0] = indices.count
        return Tensor.record(.gather, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.scatterAdd(rows: indices, extent: n)]
        }
    }

    /// `out[indices[i], ...] += self[i, ...]` into zeros with `extent` rows.
    /// Shape [m, rest...] -> [extent, rest...].
    public func scatterAdd(rows indices: [Int], extent: Int) -> Tensor {
        precondition(rank >= 1 && shape[0] == indices.count, "scatterAdd: \(indices.count) indices for shape \(shape)")
        let inner = count / max(shape[0], 1)
        var out = [Double](repeating: 0, count: extent * inner)
        out.withUnsafeMutableBufferPointer { po in
            scalars.withUnsafeBufferPointer { pi in
                for (i, row) in indices.enumerated() {
                    precondition(row >= 0 && row < extent, "scatterAdd: index \(row) outside 0..<\(extent)")
                    for k in 0..<inner { po[row * inner + k] += pi[i * inner + k] }
                }
            }
        }
        var outShape = shape
        outShape[0] = extent
        return Tensor.record(.scatterAdd, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.gather(rows: indices)]
        }
    }
}

/// Loop machinery shared by broadcasting, reductions and permutations: the output is contiguous
/// and each operand is read through strides (0 on broadcast axes).

/// NumPy broadcasting of two shapes (aligned at the last axis).
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        precondition(da == db || da == 1 || db == 1, "shapes \(a) and \(b) do not broadcast")
        out[i] = da == 1 ? db : da
    }
    return out
}

/// Strides for reading a tensor of `shape` as if it had shape `target` (0 on broadcast axes).
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let own = Tensor.contiguousStrides(shape)
    let offset = target.count - shape.count
    precondition(offset >= 0, "cannot broadcast \(shape) to \(target)")
    return (0..<target.count).map { i in
        if i < offset { return 0 }
        let d = shape[i - offset]
        precondition(d == target[i] || d == 1, "cannot broadcast \(shape) to \(target)")
        return d == 1 && target[i] != 1 ? 0 : own[i - offset]
    }
}

/// Merges adjacent axes that are contiguous for every operand, so inner runs are long.
func collapseAxes(_ shape: [Int], _ strideSets: [[Int]]) -> ([Int], [[Int]]) {
    guard !shape.isEmpty else { return ([], strideSets) }
    var outShape = [shape[0]]
    var outStrides = strideSets.map { [$0[0]] }
    let outContig = Tensor.contiguousStrides(shape)
    for axis in 1..<shape.count {
        let mergeable = strideSets.indices.allSatisfy { k in
            strideSets[k][axis - 1] == strideSets[k][axis] * shape[axis]
        } && outContig[axis - 1] == outContig[axis] * shape[axis]
        if mergeable {
            outShape[outShape.count - 1] *= shape[axis]
            for k in strideSets.indices { outStrides[k][outStrides[k].count - 1] = strideSets[k][axis] }
        } else {
            outShape.append(shape[axis])
            for k in strideSets.indices { outStrides[k].append(strideSets[k][axis]) }
        }
    }
    return (outShape, outStrides)
}

/// Visits the contiguous output in runs along the last axis.
/// `body(outStart, offsetA, offsetB, runLength, innerStrideA, innerStrideB)`.
@inline(__always)
func forEachRun(shape: [Int], stridesA: [Int], stridesB: [Int],
                _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
    let (shape, s) = collapseAxes(shape, [stridesA, stridesB])
    let sa = s[0], sb = s[1]
    let rank = shape.count
    if rank == 0 { body(0, 0, 0, 1, 0, 0); return }
    let n = shape[rank - 1]
    let outer = shape.dropLast().reduce(1, *)
    if n == 0 || outer == 0 { return }
    var index = [Int](repeating: 0, count: max(rank - 1, 0))
    var oa = 0, ob = 0
    for run in 0..<outer {
        body(run * n, oa, ob, n, sa[rank - 1], sb[rank - 1])
        var d = rank - 2
        while d >= 0 {
            index[d] += 1; oa += sa[d]; ob += sb[d]
            if index[d] < shape[d] { break }
            oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// Elementwise `f(a, b)` with broadcasting; result has the broadcast shape.
@inline(__always)
func broadcastBinary(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> ([Int], [Double]) {
    if a.shape == b.shape {
        let n = a.count
        let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for i in 0..<n { buf[i] = f(pa[i], pb[i]) }
                }
            }
            initialized = n
        }
        return (a.shape, out)
    }
    let shape = broadcastShape(a.shape, b.shape)
    let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
    let n = shape.reduce(1, *)
    let out = [Double](unsafeUninitializedCapacity: n) { buf, initialized in
        a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                forEachRun(shape: shape, stridesA: sa, stridesB: sb) { o, oa, ob, len, ia, ib in
                    // Known unit/zero strides let the compiler vectorise the common cases.
                    switch (ia, ib) {
                    case (1, 1): for k in 0..<len { buf[o + k] = f(pa[oa + k], pb[ob + k]) }
                    case (1, 0): let y = pb[ob]; for k in 0..<len { buf[o + k] = f(pa[oa + k], y) }
                    case (0, 1): let x = pa[oa]; for k in 0..<len { buf[o + k] = f(x, pb[ob + k]) }
                    default: for k in 0..<len { buf[o + k] = f(pa[oa + k * ia], pb[ob + k * ib]) }
                    }
                }
            }
        }
        initialized = n
    }
    return (shape, out)
}

/// `f` applied to every scalar, into a new array.
@inline(__always)
func mapScalars(_ x: [Double], _ f: (Double) -> Double) -> [Double] {
    let n = x.count
    return [Double](unsafeUninitializedCapacity: n) { buf, initialized in
        x.withUnsafeBufferPointer { p in for i in 0..<n { buf[i] = f(p[i]) } }
        initialized = n
    }
}

/// Copies `source` read through `strides` (for `shape`) into a contiguous array.
func gatherStrided(_ source: [Double], shape: [Int], strides: [Int]) -> [Double] {
    let n = shape.reduce(1, *)
    return [Double](unsafeUninitializedCapacity: n) { buf, initialized in
        source.withUnsafeBufferPointer { p in
            forEachRun(shape: shape, stridesA: strides, stridesB: [Int](repeating: 0, count: shape.count)) {
                o, oa, _, len, ia, _ in
                if ia == 1 {
                    for k in 0..<len { buf[o + k] = p[oa + k] }
                } else {
                    for k in 0..<len { buf[o + k] = p[oa + k * ia] }
                }
            }
        }
        initialized = n
    }
}

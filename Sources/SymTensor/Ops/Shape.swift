/// Shape ops: reshape, permute, slice, concat, broadcast and sum, each with its pullback.
extension Tensor {
    /// Same scalars, new shape (one extent may be -1 and is inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let k = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != k }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape \(shape) -> \(newShape)")
            target[k] = count / known
        }
        precondition(target.reduce(1, *) == count, "reshape: \(shape) has \(count) values, not \(target)")
        if target == shape { return self }
        let inShape = shape
        return Tensor.record(.reshape, [self], Tensor(shape: target, scalars: scalars)) { g, _, _ in
            [g.reshaped(inShape)]
        }
    }

    /// Axes reordered: result axis i is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permute: \(axes) is not a permutation of 0..<\(rank)")
        if axes == Array(0..<rank) { return self }
        let own = Tensor.contiguousStrides(shape)
        let outShape = axes.map { shape[$0] }
        let out = gatherStrided(scalars, shape: outShape, strides: axes.map { own[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor.record(.permute, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.permuted(inverse)]
        }
    }

    /// Swaps the last two axes.
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transposed: needs rank >= 2, got \(shape)")
        var axes = Array(0..<rank)
        axes.swapAt(rank - 1, rank - 2)
        return permuted(axes)
    }

    /// Elements `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax], "slice \(range) of axis extent \(shape[ax])")
        if range.count == shape[ax] { return self }
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        var outShape = shape
        outShape[ax] = range.count
        let full = shape[ax], run = range.count * inner
        let out = [Double](unsafeUninitializedCapacity: outer * run) { dst, initialized in
            scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    (dst.baseAddress! + o * run).initialize(from: src.baseAddress! + (o * full + range.lowerBound) * inner, count: run)
                }
            }
            initialized = outer * run
        }
        return Tensor.record(.slice, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.padSlice(axis: ax, at: range.lowerBound, toExtent: full)]
        }
    }

    /// Places this tensor at offset `start` along `axis` inside zeros of extent `extent`
    /// (the adjoint of `slice`).
    public func padSlice(axis: Int, at start: Int, toExtent extent: Int) -> Tensor {
        let ax = normalizedAxis(axis)
        let n = shape[ax]
        precondition(start >= 0 && start + n <= extent, "padSlice: \(start)+\(n) > \(extent)")
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        var outShape = shape
        outShape[ax] = extent
        let before = start * inner, run = n * inner, after = (extent - start - n) * inner, row = extent * inner
        let out = [Double](unsafeUninitializedCapacity: outer * row) { dst, initialized in
            scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    let d = dst.baseAddress! + o * row
                    d.initialize(repeating: 0, count: before)
                    (d + before).initialize(from: src.baseAddress! + o * run, count: run)
                    (d + before + run).initialize(repeating: 0, count: after)
                }
            }
            initialized = outer * row
        }
        return Tensor.record(.padSlice, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.slice(axis: ax, start..<(start + n))]
        }
    }

    /// Concatenation along `axis`; all other extents must agree.
    public static func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(!parts.isEmpty, "concat of nothing")
        if parts.count == 1 { return parts[0] }
        let ax = parts[0].normalizedAxis(axis)
        let extents = parts.map { $0.shape[ax] }
        for p in parts {
            precondition(p.rank == parts[0].rank && p.shape.enumerated().allSatisfy { $0.offset == ax || $0.element == parts[0].shape[$0.offset] },
                         "concat: shapes \(parts.map(\.shape)) disagree off axis \(ax)")
        }
        let outer = parts[0].shape[..<ax].reduce(1, *), inner = parts[0].shape[(ax + 1)...].reduce(1, *)
        var outShape = parts[0].shape
        outShape[ax] = extents.reduce(0, +)
        let row = outShape[ax] * inner
        let out = [Double](unsafeUninitializedCapacity: outer * row) { dst, initialized in
            var offset = 0
            for (p, e) in zip(parts, extents) {
                let run = e * inner
                p.scalars.withUnsafeBufferPointer { src in
                    for o in 0..<outer { (dst.baseAddress! + o * row + offset).initialize(from: src.baseAddress! + o * run, count: run) }
                }
                offset += run
            }
            initialized = outer * row
        }
        return record(.concat, parts, Tensor(shape: outShape, scalars: out)) { g, _, needs in
            var start = 0
            return zip(extents, needs).map { e, need in
                defer { start += e }
                return need ? g.slice(axis: ax, start..<(start + e)) : nil
            }
        }
    }

    /// Broadcasts to `target` (NumPy rules); pullback sums over the broadcast axes.
    public func broadcast(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let out = gatherStrided(scalars, shape: target, strides: broadcastStrides(shape, to: target))
        let inShape = shape
        return Tensor.record(.broadcast, [self], Tensor(shape: target, scalars: out)) { g, _, _ in
            [g.sumTo(inShape)]
        }
    }

    /// Sum over `axes` (all axes when empty); reduced axes are kept with extent 1 when `keepDims`.
    public func sum(alongAxes axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let reduce = Set(axes.isEmpty ? Array(0..<rank) : axes.map(normalizedAxis))
        let kept = shape.enumerated().map { reduce.contains($0.offset) ? 1 : $0.element }
        var outStrides = Tensor.contiguousStrides(kept)
        for a in reduce { outStrides[a] = 0 }
        var out = [Double](repeating: 0, count: kept.reduce(1, *))
        out.withUnsafeMutableBufferPointer { po in
            scalars.withUnsafeBufferPointer { pi in
                forEachRun(shape: shape, stridesA: outStrides, stridesB: outStrides) { i, oo, _, len, io, _ in
                    if io == 0 {
                        var acc = 0.0
                        for k in 0..<len { acc += pi[i + k] }
                        po[oo] += acc
                    } else {
                        for k in 0..<len { po[oo + k * io] += pi[i + k] }
                    }
                }
            }
        }
        let outShape = keepDims ? kept : shape.enumerated().filter { !reduce.contains($0.offset) }.map(\.element)
        let inShape = shape
        return Tensor.record(.sum, [self], Tensor(shape: outShape, scalars: out)) { g, _, _ in
            [g.reshaped(kept).broadcast(to: inShape)]
        }
    }

    /// Sum along one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(alongAxes: [axis], keepDims: keepDims) }

    /// Mean over `axes` (all when empty).
    public func mean(alongAxes axes: [Int] = [], keepDims: Bool = false) -> Tensor {
        let n = axes.isEmpty ? count : axes.map { shape[normalizedAxis($0)] }.reduce(1, *)
        return sum(alongAxes: axes, keepDims: keepDims).scaled(by: 1 / Double(n))
    }
}

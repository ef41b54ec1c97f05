import COpenBLAS

/// Matrix products through OpenBLAS `cblas_dgemm` (row-major).
extension Tensor {
    /// `op(a) · op(b)` for rank-2 tensors, `op(x)` = x or xᵀ.
    /// Shapes: op(a) [m, k], op(b) [k, n] -> [m, n].
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matmul: rank-2 operands, got \(a.shape) and \(b.shape)")
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (k2, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        precondition(k == k2, "matmul: inner extents \(k) and \(k2) differ (\(a.shape) x \(b.shape))")
        let out = [Double](unsafeUninitializedCapacity: m * n) { pc, initialized in  // dgemm with β = 0 writes every entry
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    gemm(transposeA, transposeB, m, n, k, pa.baseAddress!, a.shape[1], pb.baseAddress!, b.shape[1], pc.baseAddress!)
                }
            }
            initialized = m * n
        }
        return record(.matmul, [a, b], Tensor(shape: [m, n], scalars: out)) { g, _, needs in
            matmulPullback(a, b, g, transposeA, transposeB, needs, product: matmul)
        }
    }

    /// Batched `op(a[i]) · op(b[i])` for rank-3 tensors with equal batch extent.
    public static func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0],
                     "batchedMatmul: rank-3 operands with one batch extent, got \(a.shape) and \(b.shape)")
        let batch = a.shape[0]
        let (m, k) = transposeA ? (a.shape[2], a.shape[1]) : (a.shape[1], a.shape[2])
        let (k2, n) = transposeB ? (b.shape[2], b.shape[1]) : (b.shape[1], b.shape[2])
        precondition(k == k2, "batchedMatmul: inner extents \(k) and \(k2) differ")
        let sa = a.shape[1] * a.shape[2], sb = b.shape[1] * b.shape[2]
        let out = [Double](unsafeUninitializedCapacity: batch * m * n) { pc, initialized in
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    for i in 0..<batch {
                        gemm(transposeA, transposeB, m, n, k, pa.baseAddress! + i * sa, a.shape[2],
                             pb.baseAddress! + i * sb, b.shape[2], pc.baseAddress! + i * m * n)
                    }
                }
            }
            initialized = batch * m * n
        }
        return record(.batchedMatmul, [a, b], Tensor(shape: [batch, m, n], scalars: out)) { g, _, needs in
            matmulPullback(a, b, g, transposeA, transposeB, needs, product: batchedMatmul)
        }
    }

    /// x·W + b in one pass (dgemm with β = 1 onto rows pre-filled with b): the dense layer.
    /// Shapes: x [m, k], W [k, n], b [n] -> [m, n]. Pullback: dx = g Wᵀ, dW = xᵀ g, db = Σ_rows g.
    public static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        precondition(x.rank == 2 && w.rank == 2 && b.rank == 1 && x.shape[1] == w.shape[0] && b.shape[0] == w.shape[1],
                     "affine: shapes \(x.shape) · \(w.shape) + \(b.shape) do not fit")
        let m = x.shape[0], k = x.shape[1], n = w.shape[1]
        var out = [Double](unsafeUninitializedCapacity: m * n) { buf, initialized in
            b.scalars.withUnsafeBufferPointer { pb in
                for r in 0..<m { (buf.baseAddress! + r * n).update(from: pb.baseAddress!, count: n) }
            }
            initialized = m * n
        }
        if k > 0 && m > 0 && n > 0 {
            MatmulFlops.add(m, n, k)
            x.scalars.withUnsafeBufferPointer { px in
                w.scalars.withUnsafeBufferPointer { pw in
                    out.withUnsafeMutableBufferPointer { pc in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1.0,
                                    px.baseAddress!, Int32(k), pw.baseAddress!, Int32(n), 1.0, pc.baseAddress!, Int32(n))
                    }
                }
            }
        }
        return record(.affine, [x, w, b], Tensor(shape: [m, n], scalars: out)) { g, _, needs in
            [needs[0] ? matmul(g, w, transposeB: true) : nil,
             needs[1] ? matmul(x, g, transposeA: true) : nil,
             needs[2] ? g.sum(axis: 0) : nil]
        }
    }

    /// Cotangents of C = op(A)·op(B), written as products with transpose flags (no copies):
    /// C = AB: dA = g Bᵀ, dB = Aᵀ g;  C = AᵀB: dA = B gᵀ, dB = A g;
    /// C = ABᵀ: dA = g B, dB = gᵀ A;  C = AᵀBᵀ: dA = Bᵀ gᵀ, dB = gᵀ Aᵀ.
    private static func matmulPullback(_ a: Tensor, _ b: Tensor, _ g: Tensor, _ ta: Bool, _ tb: Bool, _ needs: [Bool],
                                       product: (Tensor, Tensor, Bool, Bool) -> Tensor) -> [Tensor?] {
        let da: Tensor?, db: Tensor?
        switch (ta, tb) {
        case (false, false):
            da = needs[0] ? product(g, b, false, true) : nil
            db = needs[1] ? product(a, g, true, false) : nil
        case (true, false):
            da = needs[0] ? product(b, g, false, true) : nil
            db = needs[1] ? product(a, g, false, false) : nil
        case (false, true):
            da = needs[0] ? product(g, b, false, false) : nil
            db = needs[1] ? product(g, a, true, false) : nil
        case (true, true):
            da = needs[0] ? product(b, g, true, true) : nil
            db = needs[1] ? product(g, a, true, true) : nil
        }
        return [da, db]
    }
}

/// Counts the floating-point operations (2·m·n·k per product) of every matrix product while
/// `enabled`, for benchmarks that compare a step's matrix work with the machine's dgemm rate.
/// Not synchronised: enable it only around single-threaded work (`Parallelism.threads == 1`).
public enum MatmulFlops {
    nonisolated(unsafe) public static var enabled = false
    nonisolated(unsafe) public static var count = 0.0

    /// The FLOPs of the matrix products made by `body` (run single-threaded).
    public static func counting(_ body: () -> Void) -> Double {
        (enabled, count) = (true, 0)
        defer { enabled = false }
        body()
        return count
    }

    @inline(__always) static func add(_ m: Int, _ n: Int, _ k: Int) {
        if enabled { count += 2 * Double(m) * Double(n) * Double(k) }
    }
}

/// Row-major C[m×n] = op(A)·op(B) with leading dimensions `lda`, `ldb` (row lengths as stored).
@inline(__always)
func gemm(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int,
          _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
          _ c: UnsafeMutablePointer<Double>) {
    if m == 0 || n == 0 { return }
    if k == 0 { c.update(repeating: 0, count: m * n); return }
    MatmulFlops.add(m, n, k)
    cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1.0, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)),
                0.0, c, Int32(max(n, 1)))
}

/// Which BLAS runs the matrix products: OpenBLAS's build string and core name.
public enum BLASInfo {
    /// e.g. "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    public static var config: String { String(cString: openblas_get_config()) }
    /// The kernel family OpenBLAS selected for this CPU, e.g. "Zen".
    public static var coreName: String { String(cString: openblas_get_corename()) }
    /// Threads OpenBLAS uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// Sets OpenBLAS's thread count.
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}

import Foundation

/// Vectorised Float64 tanh and exp over arrays (SIMD8 lanes), accurate to a few ulp of the
/// scalar libm results. Compile with a host `-target-cpu` (the Makefile does) to get AVX2/FMA
/// code; the default x86-64 target emits SSE2 and is about 1.6x slower.
///
/// Lanes holding NaN, ±0 (tanh) or arguments outside exp's normal range go through libm, so
/// special values behave exactly as in Foundation.
public enum VectorMath {
    /// Elementwise tanh.
    public static func tanh(_ x: [Double]) -> [Double] { apply(x, kernel: tanh8, fallback: Foundation.tanh) }
    /// Elementwise exp.
    public static func exp(_ x: [Double]) -> [Double] { apply(x, kernel: exp8, fallback: Foundation.exp) }

    /// The kernel in optimised builds, libm in debug builds (see `vectorisedTanh`).
    static func apply(_ x: [Double], kernel: (SIMD8<Double>) -> (SIMD8<Double>, Bool), fallback: (Double) -> Double) -> [Double] {
        #if DEBUG
        return x.map(fallback)
        #else
        return map(x, kernel: kernel, fallback: fallback)
        #endif
    }

    /// The SIMD8 kernels themselves, in every build configuration (the tests check them against
    /// libm). Debug builds map `tanh`/`exp` through libm instead: unoptimised SIMD8 code is ~50×
    /// slower than libm, which made the debug-build tests of attention models (exp on every
    /// attention logit) take minutes. The two agree to a few ulp.
    static func vectorisedTanh(_ x: [Double]) -> [Double] { map(x, kernel: tanh8, fallback: Foundation.tanh) }
    /// See `vectorisedTanh`.
    static func vectorisedExp(_ x: [Double]) -> [Double] { map(x, kernel: exp8, fallback: Foundation.exp) }

    @inline(__always)
    static func map(_ x: [Double], kernel: (SIMD8<Double>) -> (SIMD8<Double>, Bool),
                    fallback: (Double) -> Double) -> [Double] {
        let n = x.count
        return [Double](unsafeUninitializedCapacity: n) { out, initialized in
            x.withUnsafeBufferPointer { src in
                let raw = UnsafeRawPointer(src.baseAddress!)
                var i = 0
                while i + 8 <= n {
                    let v = raw.loadUnaligned(fromByteOffset: i * 8, as: SIMD8<Double>.self)
                    let (r, special) = kernel(v)
                    if special {
                        for k in 0..<8 { out[i + k] = fallback(src[i + k]) }
                    } else {
                        UnsafeMutableRawPointer(out.baseAddress!).storeBytes(of: r, toByteOffset: i * 8, as: SIMD8<Double>.self)
                    }
                    i += 8
                }
                while i < n { out[i] = fallback(src[i]); i += 1 }
            }
            initialized = n
        }
    }

    typealias V = SIMD8<Double>
    // Computed, not stored: a stored `static let` is reached through swift_once on every use
    // (profiled: 14 million calls, 1.5% of a benchmark's instructions); literals fold to constants.
    @inline(__always) static var ln2hi: V { V(repeating: 6.93147180369123816490e-01) }
    @inline(__always) static var ln2lo: V { V(repeating: 1.90821492927058770002e-10) }
    @inline(__always) static var invln2: V { V(repeating: 1.4426950408889634074) }
    @inline(__always) static var magic: V { V(repeating: 6755399441055744.0) }  // 1.5·2^52: adding it rounds to an integer

    /// expm1(r) for |r| ≤ ln2/2 by a degree-13 Taylor polynomial (truncation < 1e-17 relative).
    @inline(__always)
    static func expm1Reduced(_ r: V) -> V {
        var p = V(repeating: 1.0 / 6227020800.0)
        p = p * r + V(repeating: 1.0 / 479001600.0)
        p = p * r + V(repeating: 1.0 / 39916800.0)
        p = p * r + V(repeating: 1.0 / 3628800.0)
        p = p * r + V(repeating: 1.0 / 362880.0)
        p = p * r + V(repeating: 1.0 / 40320.0)
        p = p * r + V(repeating: 1.0 / 5040.0)
        p = p * r + V(repeating: 1.0 / 720.0)
        p = p * r + V(repeating: 1.0 / 120.0)
        p = p * r + V(repeating: 1.0 / 24.0)
        p = p * r + V(repeating: 1.0 / 6.0)
        p = p * r + V(repeating: 0.5)
        return r + (r * r) * p
    }

    /// Splits z = n·ln2 + r and returns (2^n, expm1(r)); valid for n in -1022...1023.
    @inline(__always)
    static func reduce(_ z: V) -> (V, V) {
        let nf0 = z * invln2 + magic
        let nf = nf0 - magic
        let r = (z - nf * ln2hi) - nf * ln2lo
        let nbits = unsafeBitCast(nf0, to: SIMD8<Int64>.self) &- unsafeBitCast(magic, to: SIMD8<Int64>.self)
        let twoN = unsafeBitCast((nbits &+ 1023) &<< 52, to: V.self)
        return (twoN, expm1Reduced(r))
    }

    /// tanh(x) = e/(e+2) with e = expm1(2|x|), sign restored; |x| > 20 saturates to ±1.
    @inline(__always)
    static func tanh8(_ x: V) -> (V, Bool) {
        let special = any((x .!= x) .| (x .== 0))
        let ax = x.replacing(with: -x, where: x .< 0)
        let z = (ax + ax).replacing(with: 40.0, where: ax .> 20.0)
        let (twoN, em1r) = reduce(z)
        let e = twoN * em1r + (twoN - 1.0)
        let t = e / (e + 2.0)
        return (t.replacing(with: -t, where: x .< 0), special)
    }

    /// exp(x) = 2^n·(1 + expm1(r)); arguments outside [-708, 709] (or NaN) use libm.
    @inline(__always)
    static func exp8(_ x: V) -> (V, Bool) {
        let special = any((x .!= x) .| (x .> 709.0) .| (x .< -708.0))
        let safe = x.replacing(with: 0, where: (x .!= x) .| (x .> 709.0) .| (x .< -708.0))
        let (twoN, em1r) = reduce(safe)
        return (twoN * em1r + twoN, special)
    }
}

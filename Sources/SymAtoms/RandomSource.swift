import CGSL

/// A seeded GSL Mersenne Twister (mt19937) stream. All randomness in SymLab flows from these,
/// so one seed reproduces a run. Not thread-safe: give each thread its own stream.
public final class RandomSource {
    let rng: OpaquePointer

    /// A stream seeded with `seed` (GSL uses the low 32 bits for mt19937; seed 0 maps to GSL's default 4357).
    public init(seed: UInt64) {
        GSLSupport.disableAbortOnError()
        rng = OpaquePointer(gsl_rng_alloc(cgsl_rng_mt19937()))
        gsl_rng_set(UnsafePointer(rng), UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(UnsafeMutablePointer(rng)) }

    var pointer: UnsafePointer<gsl_rng> { UnsafePointer(rng) }

    /// Uniform on [0, 1).
    public func uniform() -> Double { gsl_rng_uniform(pointer) }
    /// Uniform on [a, b).
    public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(pointer, a, b) }
    /// Gaussian with mean `mean` and standard deviation `sigma` (GSL ziggurat).
    public func gaussian(mean: Double = 0, sigma: Double = 1) -> Double { mean + gsl_ran_gaussian_ziggurat(pointer, sigma) }
    /// Uniform integer in 0..<n.
    public func integer(below n: Int) -> Int { Int(gsl_rng_uniform_int(pointer, UInt(n))) }
    /// A uniformly random permutation of 0..<n (GSL Fisher-Yates shuffle).
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        p.withUnsafeMutableBytes { buf in
            gsl_ran_shuffle(pointer, buf.baseAddress, n, MemoryLayout<Int>.stride)
        }
        return p
    }
    /// A derived independent stream (seeded from this one), e.g. one per purpose.
    public func split() -> RandomSource { RandomSource(seed: UInt64(gsl_rng_get(pointer))) }
}

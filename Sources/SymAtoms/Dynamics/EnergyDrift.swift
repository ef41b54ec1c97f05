import CGSL

/// The drift of the total energy of an NVE run: a least-squares line through (t, E_tot/N)
/// (GSL `gsl_fit_linear`),
///
///     E_tot(t)/N ≈ c0 + c1 t,   drift = c1 (eV/atom/ps),
///     fluctuation = √(Σ_k (E_k/N − c0 − c1 t_k)² / n)  (eV/atom, RMS about the line),
///
/// and the standard error of the slope, √cov11 = s / √Σ(t − t̄)² with s² = Σ residual² / (n − 2).
/// Velocity Verlet's error in E_tot is a bounded O(Δt²) oscillation (the fluctuation) on top of
/// a drift that a smooth, exactly differentiated potential keeps near zero; a potential with
/// discontinuities (neighbour-list truncation, non-smooth descriptors) or forces that are not
/// −∂E/∂r drifts.
public struct EnergyDrift: Equatable, Sendable {
    /// Slope c1, eV/atom/ps.
    public var slope: Double
    /// Standard error of the slope, eV/atom/ps.
    public var slopeStandardError: Double
    /// RMS deviation from the fitted line, eV/atom.
    public var fluctuation: Double
    /// Largest |E_tot(t) − E_tot(t₀)|/N over the samples, eV/atom.
    public var maxDeviation: Double
    /// Samples fitted.
    public var samples: Int

    /// Fits `samples` of an NVE run of `atoms` atoms; nil with fewer than 3 samples or non-finite
    /// energies.
    public init?(_ samples: [ThermoSample], atoms: Int) {
        guard samples.count >= 3, atoms > 0 else { return nil }
        let t = samples.map(\.time), e = samples.map { $0.total / Double(atoms) }
        guard e.allSatisfy(\.isFinite), t.allSatisfy(\.isFinite) else { return nil }
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        GSLSupport.disableAbortOnError()
        let status = gsl_fit_linear(t, 1, e, 1, t.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        guard status == GSL_SUCCESS, c1.isFinite else { return nil }
        slope = c1
        slopeStandardError = cov11.squareRoot()
        fluctuation = (sumsq / Double(t.count)).squareRoot()
        maxDeviation = e.map { abs($0 - e[0]) }.max() ?? 0
        self.samples = t.count
    }
}

import CGSL
import Foundation

/// The reference check of an NVE integrator: the same start state run for the same simulated
/// time with several time steps Δt. Velocity Verlet is symplectic and second order, so for a smooth
/// potential with exact forces the total energy oscillates with an amplitude ∝ Δt² about a shadow
/// energy and does not drift: the fitted exponent k of fluctuation ∝ Δt^k is ≈ 2. A drift measured
/// for a learned model at a Δt where the reference potential gives this behaviour therefore
/// reflects the model, not the integrator.
public struct TimestepScaling: Sendable {
    /// One time step's measurement.
    public struct Point: Equatable, Sendable {
        /// Δt, fs.
        public var timestepFs: Double
        /// Steps run (duration / Δt).
        public var steps: Int
        /// The energy drift fit of the run (fluctuation and slope per atom).
        public var drift: EnergyDrift
    }

    /// Measurements, in the order of the time steps given.
    public var points: [Point]
    /// k in fluctuation ∝ Δt^k (least squares on log–log, GSL `gsl_fit_linear`); nil with fewer
    /// than two points.
    public var exponent: Double?

    /// Runs NVE from `positions` (row-major [atoms, 3], Å) with `velocities` (Å/ps) for `duration`
    /// ps at every Δt in `timestepsFs` (rounded to whole steps), sampling every step, with
    /// `criteria` checked; a run that fails is left out (`failures` names it).
    public static func measure<P: ClassicalPotential>(potential: P, positions: [Double], velocities: [Double], masses: [Double],
                                                      cell: [Double]?, timestepsFs: [Double], duration: Double,
                                                      criteria: FailureCriteria = FailureCriteria())
        -> (scaling: TimestepScaling, failures: [(timestepFs: Double, failure: MDFailure)]) {
        var points: [Point] = [], failures: [(Double, MDFailure)] = []
        for dt in timestepsFs {
            var md = MolecularDynamics(potential: potential, positions: positions, masses: masses, cell: cell,
                                       timestep: dt * 1e-3, temperature: 0, friction: 0, random: RandomSource(seed: 0))
            md.velocities = velocities
            let steps = max(1, Int((duration / (dt * 1e-3)).rounded()))
            var samples = [md.thermo]
            if let failure = md.advance(steps: steps, checking: criteria, observe: { samples.append($0.thermo) }) {
                failures.append((dt, failure))
                continue
            }
            if let drift = EnergyDrift(samples, atoms: md.atomCount) { points.append(Point(timestepFs: dt, steps: steps, drift: drift)) }
        }
        return (TimestepScaling(points: points, exponent: logLogSlope(points.map(\.timestepFs), points.map(\.drift.fluctuation))), failures)
    }

    /// Slope of log y against log x (GSL least squares); nil with < 2 points or non-positive values.
    static func logLogSlope(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count >= 2, x.allSatisfy({ $0 > 0 }), y.allSatisfy({ $0 > 0 }) else { return nil }
        let lx = x.map { Foundation.log($0) }, ly = y.map { Foundation.log($0) }
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        GSLSupport.disableAbortOnError()
        guard gsl_fit_linear(lx, 1, ly, 1, lx.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) == GSL_SUCCESS else { return nil }
        return c1
    }
}

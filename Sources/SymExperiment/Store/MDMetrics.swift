import SymAtoms

/// One MD seed's trajectories (`StabilityProtocol`): the equilibrium run (NVT, then NVE) and the
/// time-to-failure run. Energies per atom; nil where the protocol did not get there.
public struct MDTrajectory: Codable, Equatable, Sendable {
    /// The MD seed.
    public var seed: UInt64
    /// Why the equilibrium run stopped early (`MDFailure` description), nil when it ran through.
    public var equilibriumFailure: String?
    /// Mean temperature of the NVT sampling phase, K.
    public var meanTemperature: Double?
    /// Fitted NVE total-energy slope, eV/atom/ps (signed), and its standard error.
    public var nveDrift: Double?, nveDriftError: Double?
    /// RMS of E_tot/N about the fitted line, eV/atom.
    public var nveFluctuation: Double?
    /// The time-to-failure run (nil when `stability` was not measured).
    public var survival: SurvivalOutcome?

    /// A trajectory record with nothing measured yet.
    public init(seed: UInt64) { self.seed = seed }
}

/// The same protocol with the reference potential (Stillinger-Weber silicon).
public struct MDReference: Codable, Equatable, Sendable {
    /// The type map the reference potential describes.
    public static let typeMap = ["Si"]
    /// Display name.
    public var name: String
    /// Per MD seed, in seed order.
    public var trajectories: [MDTrajectory]
    /// Distributions averaged over the seeds' sampling phases.
    public var rdf: Distribution?, angles: Distribution?
}

/// What MD with a trained model gave (`RunMetrics.md`).
public struct MDMetrics: Codable, Equatable, Sendable {
    /// Per MD seed, in seed order.
    public var trajectories: [MDTrajectory]
    /// RDF and bond-angle distribution averaged over the seeds that finished sampling.
    public var rdf: Distribution?, angles: Distribution?
    /// ∫|g − g_ref| dr (Å; for clusters ∫|n − n_ref| dr, neighbours per atom) and the total
    /// variation distance ½∫|p − p_ref| dθ ∈ [0, 1] against the reference.
    public var rdfDistance: Double?, angleDistance: Double?
    /// The reference potential under the same settings and seeds.
    public var reference: MDReference?
    /// Neighbours beyond sel dropped over all trajectories (the energy is discontinuous there).
    public var droppedNeighbours: Int
    /// Wall seconds of the MD (model and reference).
    public var wallSeconds: Double

    /// Metrics of `trajectories`; distributions, distances and the reference are set afterwards.
    public init(trajectories: [MDTrajectory], droppedNeighbours: Int = 0, wallSeconds: Double = 0) {
        self.trajectories = trajectories
        self.droppedNeighbours = droppedNeighbours
        self.wallSeconds = wallSeconds
    }
}

extension Array where Element == MDTrajectory {
    /// Mean temperature of the NVT sampling phases, K.
    var meanSampledTemperature: Double? { mean(compactMap(\.meanTemperature)) }
    /// Mean |NVE slope| over the trajectories with one, meV/atom/ps.
    var meanAbsoluteDrift: Double? { mean(compactMap(\.nveDrift).map { 1000 * abs($0) }) }
    /// Mean NVE fluctuation, meV/atom.
    var meanFluctuation: Double? { mean(compactMap(\.nveFluctuation).map { 1000 * $0 }) }
    /// Restricted mean time to failure: mean over the runs of the time to failure, censored runs
    /// counting their full length, ps.
    var restrictedMeanSurvival: Double? { mean(compactMap(\.survival).map(\.time)) }
    /// Equilibrium runs that failed.
    var equilibriumFailures: Int { filter { $0.equilibriumFailure != nil }.count }
    /// Time-to-failure runs that failed, and all of them.
    var survivalFailures: (failed: Int, runs: Int) { (compactMap(\.survival).filter(\.failed).count, compactMap(\.survival).count) }

    func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
}

extension Distribution {
    /// The bin-wise mean of distributions with the same bins (frames summed); nil for none.
    static func average(_ items: [Distribution]) -> Distribution? {
        guard let first = items.first, items.allSatisfy({ $0.centres == first.centres }) else { return nil }
        let values = first.values.indices.map { k in items.reduce(0) { $0 + $1.values[k] } / Double(items.count) }
        return Distribution(centres: first.centres, values: values, unit: first.unit, frames: items.reduce(0) { $0 + $1.frames })
    }
}

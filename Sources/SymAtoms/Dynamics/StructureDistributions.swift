import CGSL
import Foundation

/// A histogram-based distribution averaged over MD frames: bin centres and values, with how it
/// was normalised. Accumulated with GSL histograms (`gsl_histogram_increment`).
public struct Distribution: Codable, Equatable, Sendable {
    /// Bin centres (Å for radial, degrees for angular).
    public var centres: [Double]
    /// The distribution at each centre (unit in `unit`).
    public var values: [Double]
    /// What `values` are, e.g. "g(r)", "n(r) (1/Å)", "p(θ) (1/deg)".
    public var unit: String
    /// Frames averaged.
    public var frames: Int

    /// Creates a distribution (see the properties for units).
    public init(centres: [Double], values: [Double], unit: String, frames: Int) {
        (self.centres, self.values, self.unit, self.frames) = (centres, values, unit, frames)
    }

    /// Bin width (uniform bins).
    public var binWidth: Double { centres.count > 1 ? centres[1] - centres[0] : 0 }

    /// ∫ |f − f_ref| dx over the common bins (rectangle rule): the L1 distance of two curves with
    /// the same bins, in the units of the abscissa times `unit`. Nil when the bins differ.
    public func l1Distance(to reference: Distribution) -> Double? {
        guard centres == reference.centres, !centres.isEmpty else { return nil }
        return zip(values, reference.values).reduce(0) { $0 + abs($1.0 - $1.1) } * binWidth
    }
}

/// One GSL histogram with uniform bins on [lower, upper).
final class GSLHistogram {
    let pointer: UnsafeMutablePointer<gsl_histogram>
    let bins: Int

    init(bins: Int, lower: Double, upper: Double) {
        precondition(bins > 0 && upper > lower, "histogram needs bins and a range")
        GSLSupport.disableAbortOnError()
        pointer = gsl_histogram_alloc(bins)
        gsl_histogram_set_ranges_uniform(pointer, lower, upper)
        self.bins = bins
    }

    deinit { gsl_histogram_free(pointer) }

    /// Adds one count at `x` (values outside the range are ignored, as GSL does).
    func add(_ x: Double) { _ = gsl_histogram_increment(pointer, x) }

    /// (centre, count) of every bin.
    var bars: [(centre: Double, count: Double)] {
        (0..<bins).map { k in
            var lower = 0.0, upper = 0.0
            gsl_histogram_get_range(pointer, k, &lower, &upper)
            return (0.5 * (lower + upper), gsl_histogram_get(pointer, k))
        }
    }
}

/// The radial distribution function of MD frames of one system (all atoms, types ignored).
///
/// Periodic frames: g(r) = ⟨n(r, r + Δr)⟩ / (ρ · 4π/3 [(r + Δr)³ − r³]), the mean number of
/// neighbours per atom in a shell over that of an ideal gas of density ρ = N/V (1 at large r for a
/// liquid; peaks at the neighbour shells of a crystal). Non-periodic frames (clusters) have no
/// density: `values` are then n(r), neighbours per atom per Å (∫ n dr counts neighbours).
/// Neighbours come from `NeighbourPairs` (periodic images included, any cell size).
public struct RadialDistributionAccumulator {
    let histogram: GSLHistogram
    let maximum: Double
    var frames = 0, atoms = 0, volume = 0.0, periodic = true

    /// Bins of width `maximum / bins` on [0, `maximum`) Å.
    public init(maximum: Double, bins: Int) {
        histogram = GSLHistogram(bins: bins, lower: 0, upper: maximum)
        self.maximum = maximum
    }

    /// Adds the pair distances of one configuration (positions row-major [atoms, 3], Å; cell rows or
    /// nil). Configurations the neighbour search rejects (non-finite, coincident atoms) are skipped.
    public mutating func add(positions: [Double], cell: [Double]?) {
        let n = positions.count / 3
        let frame = Frame(types: [Int](repeating: 0, count: n), positions: positions, cell: cell)
        guard let pairs = try? NeighbourPairs.build(frame: frame, rcut: maximum, source: "RDF") else { return }
        for d in pairs.distance { histogram.add(d) }
        frames += 1
        atoms = n
        periodic = cell != nil
        if let c = cell { volume += abs(PeriodicCell.determinant(c)) }
    }

    /// The averaged distribution (g(r) periodic, n(r) otherwise); nil before any frame.
    public var distribution: Distribution? {
        guard frames > 0, atoms > 0 else { return nil }
        let bars = histogram.bars, width = maximum / Double(histogram.bins)
        let perAtom = bars.map { $0.count / Double(frames * atoms) }
        guard periodic else {
            return Distribution(centres: bars.map(\.centre), values: perAtom.map { $0 / width }, unit: "n(r) (1/Å)", frames: frames)
        }
        let density = Double(atoms) / (volume / Double(frames))
        let values = zip(bars, perAtom).map { bar, count -> Double in
            let r0 = bar.centre - width / 2, r1 = bar.centre + width / 2
            return count / (density * 4 * Double.pi / 3 * (r1 * r1 * r1 - r0 * r0 * r0))
        }
        return Distribution(centres: bars.map(\.centre), values: values, unit: "g(r)", frames: frames)
    }
}

/// The bond-angle distribution of MD frames: for every atom i and every pair of its neighbours
/// j, k within `cutoff` (periodic images included), the angle θ_jik, as a probability density
/// p(θ) in 1/degree on [0°, 180°] (∫ p dθ = 1). Tetrahedral silicon peaks at 109.47°.
public struct BondAngleDistributionAccumulator {
    let histogram: GSLHistogram
    let cutoff: Double
    var frames = 0, angles = 0

    /// Bins of width 180°/`bins`; neighbours closer than `cutoff` (Å) form the bonds.
    public init(cutoff: Double, bins: Int) {
        histogram = GSLHistogram(bins: bins, lower: 0, upper: 180)
        self.cutoff = cutoff
    }

    /// Adds the bond angles of one configuration (as `RadialDistributionAccumulator.add`).
    public mutating func add(positions: [Double], cell: [Double]?) {
        let n = positions.count / 3
        let frame = Frame(types: [Int](repeating: 0, count: n), positions: positions, cell: cell)
        guard let pairs = try? NeighbourPairs.build(frame: frame, rcut: cutoff, source: "bond angles") else { return }
        for i in 0..<n {
            let entries = pairs.entries(of: i)
            for a in entries {
                for b in entries where b > a {
                    var dot = 0.0
                    for k in 0..<3 { dot += pairs.vector[3 * a + k] * pairs.vector[3 * b + k] }
                    let c = max(-1, min(1, dot / (pairs.distance[a] * pairs.distance[b])))
                    histogram.add(min(acos(c) * 180 / Double.pi, 180.0.nextDown))  // 180° into the last bin
                    angles += 1
                }
            }
        }
        frames += 1
    }

    /// The normalised density p(θ); nil before any angle was seen.
    public var distribution: Distribution? {
        guard angles > 0 else { return nil }
        let bars = histogram.bars, width = 180.0 / Double(histogram.bins)
        return Distribution(centres: bars.map(\.centre), values: bars.map { $0.count / (Double(angles) * width) },
                            unit: "p(θ) (1/deg)", frames: frames)
    }
}

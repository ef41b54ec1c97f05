import CGSL

/// Count, mean, sample standard deviation (n − 1 denominator), minimum and maximum of a sample,
/// computed with GSL (`gsl_stats_mean`, `gsl_stats_sd_m`, `gsl_stats_minmax`).
public struct SampleSummary: Equatable, Sendable {
    /// Number of values.
    public var count: Int
    /// Arithmetic mean.
    public var mean: Double
    /// Sample standard deviation; NaN when `count` is 1.
    public var standardDeviation: Double
    /// Smallest value.
    public var minimum: Double
    /// Largest value.
    public var maximum: Double

    /// Summarises `values`; nil when empty.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        GSLSupport.disableAbortOnError()
        count = values.count
        var low = 0.0, high = 0.0
        let n = values.count
        (mean, standardDeviation) = values.withUnsafeBufferPointer { buffer in
            let mean = gsl_stats_mean(buffer.baseAddress, 1, n)
            gsl_stats_minmax(&low, &high, buffer.baseAddress, 1, n)
            return (mean, n > 1 ? gsl_stats_sd_m(buffer.baseAddress, 1, n, mean) : .nan)
        }
        minimum = low
        maximum = high
    }
}

/// What one system holds.
public struct SystemStatistics: Equatable, Sendable {
    /// System name (folder or file).
    public var name: String
    /// Number of frames.
    public var frames: Int
    /// Atoms per frame.
    public var atoms: Int
    /// Atoms of each type per frame, indexed like the type map.
    public var typeCounts: [Int]
    /// True when the frames have a cell.
    public var periodic: Bool
    /// Frames that carry energy, forces, virial.
    public var energyFrames: Int, forceFrames: Int, virialFrames: Int
}

/// Summary statistics of a dataset, the numbers `symlab data inspect` prints.
/// Energies per atom are E/N_at per frame (eV/atom); force statistics run over all Cartesian
/// components of all atoms of all frames (eV/Å); `maxForceNorm` is the largest per-atom ‖F‖.
public struct DatasetStatistics: Equatable, Sendable {
    /// Element names by type index.
    public var typeMap: [String]
    /// One entry per system, in dataset order.
    public var systems: [SystemStatistics]
    /// Total frames.
    public var frames: Int
    /// E/N_at over frames with an energy (eV/atom); nil when no frame has one.
    public var energyPerAtom: SampleSummary?
    /// Force components over frames with forces (eV/Å); nil when none has forces.
    public var forceComponents: SampleSummary?
    /// Largest per-atom force norm ‖F_i‖ (eV/Å); nil when no frame has forces.
    public var maxForceNorm: Double?
    /// Frames with a virial label.
    public var virialFrames: Int

    /// Computes the statistics of `dataset`.
    public init(_ dataset: Dataset) {
        typeMap = dataset.typeMap
        systems = dataset.systems.map { system in
            let types = system.types
            let counts = dataset.typeMap.indices.map { t in types.filter { $0 == t }.count }
            return SystemStatistics(
                name: system.name, frames: system.frames.count, atoms: types.count, typeCounts: counts,
                periodic: system.frames.first?.isPeriodic ?? false,
                energyFrames: system.frames.filter { $0.energy != nil }.count,
                forceFrames: system.frames.filter { $0.forces != nil }.count,
                virialFrames: system.frames.filter { $0.virial != nil }.count)
        }
        frames = dataset.frameCount
        let all = dataset.systems.flatMap(\.frames)
        energyPerAtom = SampleSummary(all.compactMap { frame in frame.energy.map { $0 / Double(frame.atomCount) } })
        let forces = all.compactMap(\.forces)
        forceComponents = SampleSummary(forces.flatMap { $0 })
        var largest: Double?
        for f in forces {
            for atom in 0..<(f.count / 3) {
                let x = f[3 * atom], y = f[3 * atom + 1], z = f[3 * atom + 2]
                let norm: Double = (x * x + y * y + z * z).squareRoot()
                largest = max(largest ?? norm, norm)
            }
        }
        maxForceNorm = largest
        virialFrames = all.filter { $0.virial != nil }.count
    }
}

/// Spread of the labels of one system (GSL statistics), printed by the generators so a user sees
/// how much signal a dataset carries. Standard deviations are sample standard deviations (n − 1).
public struct LabelSpread: Equatable, Sendable {
    /// Frames in the system.
    public var frames: Int
    /// Atoms per frame.
    public var atoms: Int
    /// Mean total energy, eV.
    public var energyMean: Double
    /// Standard deviation of the total energy over frames, eV.
    public var energyStd: Double
    /// Mean of the force components (≈ 0), eV/Å.
    public var forceMean: Double
    /// Standard deviation of all force components pooled (frames × atoms × 3), eV/Å.
    public var forceStd: Double
    /// Standard deviation of all virial components pooled (frames × 9), eV; nil without virials.
    public var virialStd: Double?

    /// The spread of `system`'s labels; frames without energy or forces are skipped for that label.
    public init(_ system: AtomSystem) {
        frames = system.frames.count
        atoms = system.types.count
        let energies = system.frames.compactMap(\.energy)
        let forces = system.frames.compactMap(\.forces).flatMap { $0 }
        let virials = system.frames.compactMap(\.virial).flatMap { $0 }
        (energyMean, energyStd) = Self.meanAndStd(energies)
        (forceMean, forceStd) = Self.meanAndStd(forces)
        virialStd = virials.isEmpty ? nil : Self.meanAndStd(virials).std
    }

    /// Energy standard deviation per atom, eV/atom.
    public var energyStdPerAtom: Double { atoms > 0 ? energyStd / Double(atoms) : .nan }

    /// (mean, sample standard deviation) from `SampleSummary` (GSL); NaN when undefined (fewer than
    /// 1 or 2 values).
    static func meanAndStd(_ x: [Double]) -> (mean: Double, std: Double) {
        SampleSummary(x).map { ($0.mean, $0.standardDeviation) } ?? (.nan, .nan)
    }
}

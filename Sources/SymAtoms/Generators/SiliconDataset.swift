import Foundation

/// Settings of the built-in bulk-silicon dataset: Langevin MD of a diamond supercell with the
/// Stillinger-Weber potential (`StillingerWeber`), one system per temperature.
///
/// Each temperature runs `trajectoriesPerTemperature` independent trajectories. Every trajectory
/// starts from perfect diamond in a cell strained by a random symmetric ε (each of the six
/// independent components uniform in ±`strainJitter`; h → h(I + ε), positions likewise), so the
/// virial varies between trajectories; velocities are Maxwell–Boltzmann at the target temperature.
/// After `equilibrationSteps` steps a frame is recorded every `sampleEvery` steps.
public struct SiliconDatasetSpec: MDDatasetSpec, Equatable, Sendable {
    /// Thermostat temperatures, K; one system per entry.
    public var temperatures: [Double] = [300, 1200]
    /// Frames recorded per temperature (split as evenly as possible over the trajectories).
    public var framesPerTemperature: Int = 200
    /// Independent trajectories per temperature, each with its own random strain.
    public var trajectoriesPerTemperature: Int = 4
    /// Conventional 8-atom cubic diamond cells per axis: n gives 8n³ atoms (2 → 64 atoms).
    public var supercell: Int = 2
    /// Cubic lattice constant before strain, Å (5.431 = the SW equilibrium, 4·2^{1/6}σ/√3).
    public var latticeConstant: Double = 5.431
    /// Largest magnitude of each random strain component (dimensionless).
    public var strainJitter: Double = 0.01
    /// MD time step, fs.
    public var timestepFs: Double = 1.0
    /// Langevin friction γ, 1/ps.
    public var friction: Double = 5.0
    /// Steps between recorded frames.
    public var sampleEvery: Int = 20
    /// Steps run per trajectory before the first frame is recorded.
    public var equilibrationSteps: Int = 500
    /// Seed of the GSL mt19937 stream everything is drawn from.
    public var seed: UInt64 = 1

    /// The defaults above: 300 K and 1200 K, 200 frames each, 64 atoms, 1 fs, ≈ 2.5 ps per temperature.
    public init() {}

    /// Every problem with these settings, one line each (empty when valid).
    public var problems: [String] {
        var out = sharedProblems
        if supercell < 1 { out.append("supercell: \(supercell) < 1") }
        if !(strainJitter >= 0 && strainJitter < 0.2) {
            out.append("strainJitter: \(strainJitter) outside 0…0.2")
        }
        return out
    }

    /// Atoms per frame, 8 · supercell³.
    public var atomCount: Int { 8 * supercell * supercell * supercell }

    /// System name for a temperature: "si-sw-300K" (decimals kept when not whole, "si-sw-300.5K").
    public static func systemName(_ temperature: Double) -> String { temperatureName("si-sw", temperature) }
}

/// Positions (row-major [8n³, 3], Å) and cell (rows, Å) of an n×n×n supercell of cubic diamond
/// with lattice constant `a` (conventional cell: fcc at 0 and ½½0-type sites, plus (¼, ¼, ¼)).
public func diamondSupercell(latticeConstant a: Double,
                             repeats n: Int) -> (positions: [Double], cell: [Double]) {
    precondition(n >= 1, "at least one cell per axis")
    let fcc: [(Double, Double, Double)] = [(0, 0, 0), (0, 0.5, 0.5), (0.5, 0, 0.5), (0.5, 0.5, 0)]
    var positions: [Double] = []
    positions.reserveCapacity(24 * n * n * n)
    for i in 0..<n {
        for j in 0..<n {
            for k in 0..<n {
                for f in fcc {
                    for shift in [0.0, 0.25] {
                        positions.append(a * (Double(i) + f.0 + shift))
                        positions.append(a * (Double(j) + f.1 + shift))
                        positions.append(a * (Double(k) + f.2 + shift))
                    }
                }
            }
        }
    }
    let L = a * Double(n)
    return (positions, [L, 0, 0, 0, L, 0, 0, 0, L])
}

/// Generates the built-in silicon dataset: typeMap ["Si"], one `AtomSystem` per temperature named
/// `SiliconDatasetSpec.systemName` ("si-sw-300K"), frames with cell (Å), positions wrapped into the
/// cell (Å), energy (eV), forces (eV/Å) and virial (eV, spec §7.2) from `StillingerWeber`.
/// Deterministic for a given spec (all randomness from `spec.seed`).
/// `progress` receives one line per finished trajectory. The spec must be valid
/// (`spec.problems` empty): callers taking user input check that first.
public func generateSiliconDataset(_ spec: SiliconDatasetSpec, progress: ((String) -> Void)? = nil) -> Dataset {
    let (perfect, cubicCell) = diamondSupercell(latticeConstant: spec.latticeConstant, repeats: spec.supercell)
    let masses = [Double](repeating: MDUnits.siliconMass, count: perfect.count / 3)
    return spec.generate(progress: progress) { temperature, random in
        let strain = randomSymmetricStrain(spec.strainJitter, random)
        let md = MolecularDynamics(potential: StillingerWeber(), positions: applyStrain(strain, to: perfect),
                                   masses: masses, cell: applyStrain(strain, to: cubicCell),
                                   timestep: spec.timestepFs * 1e-3, temperature: temperature,
                                   friction: spec.friction, random: random)
        return (md, { _ in String(format: "strain diag (%.4f, %.4f, %.4f)", strain[0], strain[4], strain[8]) })
    }
}

/// A symmetric 3×3 strain (row-major) with the six independent components uniform in ±`jitter`.
func randomSymmetricStrain(_ jitter: Double, _ random: RandomSource) -> [Double] {
    var e = [Double](repeating: 0, count: 9)
    for α in 0..<3 {
        for β in α..<3 {
            let x = jitter > 0 ? random.uniform(-jitter, jitter) : 0
            e[3 * α + β] = x
            e[3 * β + α] = x
        }
    }
    return e
}

/// Row vectors r → r (I + ε) for every row of `rows` (row-major [rows, 3]).
func applyStrain(_ strain: [Double], to rows: [Double]) -> [Double] {
    var out = rows
    for r in 0..<(rows.count / 3) {
        for β in 0..<3 {
            var x = rows[3 * r + β]
            for α in 0..<3 { x += rows[3 * r + α] * strain[3 * α + β] }
            out[3 * r + β] = x
        }
    }
    return out
}

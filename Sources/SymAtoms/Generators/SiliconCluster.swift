import Foundation

/// Settings of the built-in silicon-cluster dataset: a non-periodic Si cluster (diamond fragment)
/// under Langevin MD with `StillingerWeber`, one system per temperature. Its character differs
/// from the bulk set: no cell (DeePMD `nopbc`), no virial, under-coordinated surface atoms that
/// rearrange during equilibration, large rigid-body motions.
///
/// Each trajectory starts from the ideal fragment: every atom of cubic diamond (lattice constant
/// `latticeConstant`) within `radius` of one atom (4.6 Å: 1 + 4 + 12 + 12 = 29 atoms), with
/// Maxwell–Boltzmann velocities; stored positions are shifted so the centre of mass is at the origin.
public struct SiliconClusterSpec: MDDatasetSpec, Equatable, Sendable {
    /// Thermostat temperatures, K; one system per entry.
    public var temperatures: [Double] = [300, 1000]
    /// Frames recorded per temperature (split as evenly as possible over the trajectories).
    public var framesPerTemperature: Int = 200
    /// Independent trajectories per temperature.
    public var trajectoriesPerTemperature: Int = 4
    /// Cut-out radius around the central atom, Å.
    public var radius: Double = 4.6
    /// Lattice constant of the diamond the cluster is cut from, Å.
    public var latticeConstant: Double = 5.431
    /// MD time step, fs.
    public var timestepFs: Double = 1.0
    /// Langevin friction γ, 1/ps.
    public var friction: Double = 5.0
    /// Steps between recorded frames.
    public var sampleEvery: Int = 20
    /// Steps run per trajectory before the first frame is recorded.
    public var equilibrationSteps: Int = 1000
    /// Seed of the GSL mt19937 stream everything is drawn from.
    public var seed: UInt64 = 1

    /// The defaults above: 29 atoms, 300 K and 1000 K, 200 frames each.
    public init() {}

    /// Every problem with these settings, one line each (empty when valid).
    public var problems: [String] {
        var out = sharedProblems
        if !(radius >= latticeConstant * 3.0.squareRoot() / 4 && radius <= 12) {
            out.append("radius: \(radius) Å outside nearest-neighbour distance…12 Å")
        }
        return out
    }

    /// Atoms per frame.
    public var atomCount: Int { diamondCluster(latticeConstant: latticeConstant, radius: radius).count / 3 }

    /// System name for a temperature: "si-sw-cluster-300K".
    public static func systemName(_ temperature: Double) -> String {
        temperatureName("si-sw-cluster", temperature)
    }
}

/// Positions (row-major [atoms, 3], Å) of all atoms of cubic diamond (lattice constant `a`, an atom
/// at the origin) within `radius` of the origin, ordered by distance (then x, y, z).
public func diamondCluster(latticeConstant a: Double, radius: Double) -> [Double] {
    let m = Int((radius / a).rounded(.up)) + 1
    let basis: [(Double, Double, Double)] = [(0, 0, 0), (0, 0.5, 0.5), (0.5, 0, 0.5), (0.5, 0.5, 0),
                                              (0.25, 0.25, 0.25), (0.25, 0.75, 0.75), (0.75, 0.25, 0.75),
                                              (0.75, 0.75, 0.25)]
    var atoms: [(Double, Double, Double)] = []
    for i in -m...m {
        for j in -m...m {
            for k in -m...m {
                for b in basis {
                    let r = (a * (Double(i) + b.0), a * (Double(j) + b.1), a * (Double(k) + b.2))
                    if r.0 * r.0 + r.1 * r.1 + r.2 * r.2 <= radius * radius + 1e-9 { atoms.append(r) }
                }
            }
        }
    }
    func key(_ r: (Double, Double, Double)) -> [Double] {
        [((r.0 * r.0 + r.1 * r.1 + r.2 * r.2) * 1e6).rounded(), r.0, r.1, r.2]
    }
    atoms.sort { key($0).lexicographicallyPrecedes(key($1)) }
    return atoms.flatMap { [$0.0, $0.1, $0.2] }
}

/// Generates the built-in silicon-cluster dataset: typeMap ["Si"], one non-periodic `AtomSystem`
/// per temperature named `SiliconClusterSpec.systemName` ("si-sw-cluster-300K"); frames carry
/// positions (Å, centre of mass at the origin), energy (eV) and forces (eV/Å), no cell, no virial.
/// Deterministic for a given spec. `progress` receives one line per finished trajectory. The spec
/// must be valid (`spec.problems` empty): callers taking user input check that first.
public func generateSiliconClusterDataset(_ spec: SiliconClusterSpec,
                                          progress: ((String) -> Void)? = nil) -> Dataset {
    let ideal = diamondCluster(latticeConstant: spec.latticeConstant, radius: spec.radius)
    let masses = [Double](repeating: MDUnits.siliconMass, count: ideal.count / 3)
    return spec.generate(progress: progress) { temperature, random in
        let md = MolecularDynamics(potential: StillingerWeber(), positions: ideal, masses: masses,
                                   cell: nil, timestep: spec.timestepFs * 1e-3, temperature: temperature,
                                   friction: spec.friction, random: random)
        return (md, { sampled in
            let cutoff = StillingerWeberParameters.silicon.cutoff
            let isolated = sampled.last.map { isolatedAtoms($0.positions, cutoff: cutoff) } ?? 0
            return "\(isolated) atoms without neighbours"
        })
    }
}

/// Atoms of a non-periodic configuration with no other atom within `cutoff` (evaporated from a
/// cluster); all of them when the neighbour search rejects the positions (non-finite after a
/// blown-up run, or coincident atoms).
func isolatedAtoms(_ positions: [Double], cutoff: Double) -> Int {
    let n = positions.count / 3
    let frame = Frame(types: [Int](repeating: 0, count: n), positions: positions)
    guard let list = try? NeighbourPairs.build(frame: frame, rcut: cutoff, source: "cluster") else { return n }
    return (0..<n).filter { list.entries(of: $0).isEmpty }.count
}

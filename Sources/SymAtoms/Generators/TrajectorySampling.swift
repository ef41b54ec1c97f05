import Foundation

/// The settings every built-in MD dataset generator has (`SiliconDatasetSpec`, `SiliconClusterSpec`):
/// for each temperature, `trajectoriesPerTemperature` independent runs of Langevin MD with
/// `StillingerWeber`; each equilibrates for `equilibrationSteps` steps, then records a frame every
/// `sampleEvery` steps until the temperature has `framesPerTemperature` frames. The start structure
/// is cut from diamond with lattice constant `latticeConstant`. Generic code (the CLI, tests) sets
/// these through this protocol.
public protocol MDDatasetSpec {
    /// Thermostat temperatures, K; one system per entry.
    var temperatures: [Double] { get set }
    /// Frames recorded per temperature (split as evenly as possible over the trajectories).
    var framesPerTemperature: Int { get set }
    /// Independent trajectories per temperature.
    var trajectoriesPerTemperature: Int { get set }
    /// MD time step, fs.
    var timestepFs: Double { get set }
    /// Langevin friction γ, 1/ps.
    var friction: Double { get set }
    /// Steps between recorded frames.
    var sampleEvery: Int { get set }
    /// Steps run per trajectory before the first frame is recorded.
    var equilibrationSteps: Int { get set }
    /// Lattice constant of the diamond the start structure is built from, Å.
    var latticeConstant: Double { get set }
    /// Seed of the GSL mt19937 stream everything is drawn from.
    var seed: UInt64 { get set }
    /// Atoms per frame.
    var atomCount: Int { get }
    /// Every problem with the settings, one line each (empty when valid).
    var problems: [String] { get }
    /// The name of the system of one temperature, e.g. "si-sw-300K".
    static func systemName(_ temperature: Double) -> String
}

extension MDDatasetSpec {
    /// MD steps run per temperature: trajectories × equilibration steps + frames × `sampleEvery`.
    public var stepsPerTemperature: Int {
        trajectoriesPerTemperature * equilibrationSteps + framesPerTemperature * sampleEvery
    }

    /// Problems with the shared settings, one line each, naming the setting (duplicate system names
    /// from `temperatures` included); conforming specs add their own to these.
    var sharedProblems: [String] {
        var out: [String] = []
        if temperatures.isEmpty { out.append("temperatures: give at least one") }
        for t in temperatures where !(t > 0 && t.isFinite) {
            out.append("temperatures: \(t) K is not positive")
        }
        if Set(temperatures.map(Self.systemName)).count != temperatures.count {
            out.append("temperatures: duplicates \(temperatures)")
        }
        if framesPerTemperature < 1 { out.append("framesPerTemperature: \(framesPerTemperature) < 1") }
        if trajectoriesPerTemperature < 1 { out.append("trajectoriesPerTemperature: \(trajectoriesPerTemperature) < 1") }
        if !(timestepFs > 0 && timestepFs <= 5) { out.append("timestep: \(timestepFs) fs outside (0, 5] fs") }
        if !(friction >= 0 && friction.isFinite) { out.append("friction: \(friction) /ps is negative") }
        if sampleEvery < 1 { out.append("sampleEvery: \(sampleEvery) < 1") }
        if equilibrationSteps < 0 { out.append("equilibrationSteps: \(equilibrationSteps) < 0") }
        if !(latticeConstant > 3 && latticeConstant < 10) {
            out.append("latticeConstant: \(latticeConstant) Å outside 3…10 Å")
        }
        return out
    }

    /// Frames recorded by trajectory `t`: the total split as evenly as possible, earlier ones first.
    func frames(inTrajectory t: Int) -> Int {
        framesPerTemperature / trajectoriesPerTemperature + (t < framesPerTemperature % trajectoriesPerTemperature ? 1 : 0)
    }

    /// The dataset (typeMap ["Si"], one system per temperature named `systemName`): for each
    /// temperature and trajectory, `start(temperature, random)` builds the MD run from its own stream
    /// (`random`, split from the master stream of `seed`) and returns it with a function that
    /// describes the sampled frames for the `progress` line of the trajectory. The spec must be valid.
    func generate(progress: ((String) -> Void)?,
                  start: (_ temperature: Double, _ random: RandomSource)
                      -> (md: MolecularDynamics<StillingerWeber>, describe: ([Frame]) -> String)) -> Dataset {
        precondition(problems.isEmpty, "invalid \(Self.self): \(problems.joined(separator: "; "))")
        let master = RandomSource(seed: seed)
        var systems: [AtomSystem] = []
        for temperature in temperatures {
            let name = Self.systemName(temperature)
            var frames: [Frame] = []
            for trajectory in 0..<trajectoriesPerTemperature {
                var (md, describe) = start(temperature, master.split())
                let (sampled, meanT) = sample(&md, temperature: temperature, count: self.frames(inTrajectory: trajectory))
                frames += sampled
                progress?(name + String(format: " trajectory %d/%d: %d frames, mean T %.1f K, ", trajectory + 1,
                                        trajectoriesPerTemperature, sampled.count, meanT) + describe(sampled))
            }
            systems.append(AtomSystem(name: name, frames: frames))
        }
        return Dataset(typeMap: ["Si"], systems: systems)
    }

    /// Runs one trajectory from `md`'s state: Maxwell–Boltzmann velocities at `temperature`,
    /// equilibration, then `count` frames with energy and forces; periodic: the cell, positions
    /// wrapped into it and the virial; non-periodic: positions with the centre of mass at the origin.
    /// Returns the frames and their mean temperature.
    func sample(_ md: inout MolecularDynamics<StillingerWeber>, temperature: Double,
                count: Int) -> (frames: [Frame], meanTemperature: Double) {
        md.initialiseVelocities(temperature: temperature)
        md.run(steps: equilibrationSteps)
        let types = [Int](repeating: 0, count: md.atomCount)
        var frames: [Frame] = []
        var temperatureSum = 0.0
        for _ in 0..<count {
            md.run(steps: sampleEvery)
            temperatureSum += md.instantaneousTemperature
            if let cell = md.cell {
                frames.append(Frame(types: types, positions: positionsWrapped(md.positions, into: cell), cell: cell,
                                    energy: md.current.energy, forces: md.current.forces,
                                    virial: md.current.virial))
            } else {
                frames.append(Frame(types: types, positions: centredOnMass(md.positions, md.masses),
                                    energy: md.current.energy, forces: md.current.forces))
            }
        }
        return (frames, count > 0 ? temperatureSum / Double(count) : md.instantaneousTemperature)
    }
}

/// "si-sw-300K"-style names: `prefix`, the temperature (decimals only when not whole), "K".
func temperatureName(_ prefix: String, _ temperature: Double) -> String {
    let t = temperature == temperature.rounded() && abs(temperature) < 1e9
        ? String(Int(temperature)) : String(temperature)
    return "\(prefix)-\(t)K"
}

/// Positions (row-major [atoms, 3], Å) wrapped into `cell` (`PeriodicCell.wrap`: fractional
/// coordinates in [0, 1)); returned unchanged when the cell or positions are rejected (a blown-up run
/// keeps its non-finite coordinates, which dataset validation then reports).
func positionsWrapped(_ positions: [Double], into cell: [Double]) -> [Double] {
    (try? PeriodicCell(cell, source: "MD cell").wrap(positions, source: "MD positions").wrapped) ?? positions
}

/// Positions (row-major [atoms, 3]) shifted so that Σ m r / Σ m = 0.
func centredOnMass(_ positions: [Double], _ masses: [Double]) -> [Double] {
    let total = masses.reduce(0, +)
    var centre = [0.0, 0.0, 0.0]
    for i in masses.indices {
        for α in 0..<3 { centre[α] += masses[i] * positions[3 * i + α] / total }
    }
    return positions.enumerated().map { $0.element - centre[$0.offset % 3] }
}

import Foundation

/// The MD sampling schedule shared by the built-in generators: for each temperature,
/// `trajectories` independent runs; each equilibrates for `equilibrationSteps` steps, then records
/// a frame every `sampleEvery` steps until the temperature has `framesPerTemperature` frames.
struct TrajectorySchedule {
    var temperatures: [Double]
    var framesPerTemperature: Int
    var trajectories: Int
    var timestepFs: Double
    var friction: Double
    var sampleEvery: Int
    var equilibrationSteps: Int

    /// Every problem with the schedule, one line each, naming the setting; `name` maps a
    /// temperature to its system name (duplicates are reported).
    func problems(systemName name: (Double) -> String) -> [String] {
        var out: [String] = []
        if temperatures.isEmpty { out.append("temperatures: give at least one") }
        for t in temperatures where !(t > 0 && t.isFinite) {
            out.append("temperatures: \(t) K is not positive")
        }
        if Set(temperatures.map(name)).count != temperatures.count {
            out.append("temperatures: duplicates \(temperatures)")
        }
        if framesPerTemperature < 1 { out.append("framesPerTemperature: \(framesPerTemperature) < 1") }
        if trajectories < 1 { out.append("trajectoriesPerTemperature: \(trajectories) < 1") }
        if !(timestepFs > 0 && timestepFs <= 5) { out.append("timestep: \(timestepFs) fs outside (0, 5] fs") }
        if !(friction >= 0 && friction.isFinite) { out.append("friction: \(friction) /ps is negative") }
        if sampleEvery < 1 { out.append("sampleEvery: \(sampleEvery) < 1") }
        if equilibrationSteps < 0 { out.append("equilibrationSteps: \(equilibrationSteps) < 0") }
        return out
    }

    /// Frames recorded by trajectory `t`: the total split as evenly as possible, earlier ones first.
    func frames(inTrajectory t: Int) -> Int {
        framesPerTemperature / trajectories + (t < framesPerTemperature % trajectories ? 1 : 0)
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
                frames.append(Frame(types: types, positions: ImageCellGeometry(cell).wrap(md.positions), cell: cell,
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

/// Positions (row-major [atoms, 3]) shifted so that Σ m r / Σ m = 0.
func centredOnMass(_ positions: [Double], _ masses: [Double]) -> [Double] {
    let total = masses.reduce(0, +)
    var centre = [0.0, 0.0, 0.0]
    for i in masses.indices {
        for α in 0..<3 { centre[α] += masses[i] * positions[3 * i + α] / total }
    }
    return positions.enumerated().map { $0.element - centre[$0.offset % 3] }
}

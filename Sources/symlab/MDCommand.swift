import ArgumentParser
import Foundation
import SymAtoms
import SymModel
import SymTrain

/// `symlab md`: molecular dynamics with a trained model (or the Stillinger-Weber reference).
struct MDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "md",
        abstract: "Molecular dynamics with a trained model: NVE velocity Verlet or NVT Langevin (BAOAB).",
        discussion: """
        Starts from one frame of --structure (extended XYZ or a DeePMD folder; periodic or not, as the \
        file says) with Maxwell-Boltzmann velocities at --initial-temperature (default: --temperature) \
        and zero total momentum, optionally equilibrates with NVT for --equilibrate ps (not recorded), \
        then runs --steps steps of --ensemble:

          nve   velocity Verlet:  v += dt/2 F/m;  x += dt v;  F = -dE/dx(x);  v += dt/2 F/m
          nvt   Langevin BAOAB (Leimkuhler & Matthews 2013): the same with an exact Ornstein-Uhlenbeck \
        step v = c1 v + sqrt((1 - c1^2) kT/m) xi, c1 = exp(-friction dt), between the two drifts.

        Units: fs (--timestep), K, 1/ps (--friction), Å, eV, amu. Masses are standard atomic weights \
        by element (--mass El=amu to override). Writes OUT/thermo.csv (step, time_ps, potential_eV, \
        kinetic_eV, total_eV, temperature_K every --thermo-every steps) and OUT/trajectory.extxyz \
        (positions wrapped into the cell, potential energy, forces, every --traj-every steps), both \
        rewritten atomically as the run goes. The run stops at the first failure: a non-finite value, \
        two atoms closer than --min-distance, or a potential-energy change above --energy-jump eV/atom \
        within --energy-window ps (exit status 1).

        --scan-timesteps 0.5,1,2 runs the integrator check instead: after equilibration, NVE from the \
        same state for --duration ps at each time step; the RMS fluctuation of the total energy \
        should scale as dt^2 (the fitted exponent is printed).

        Examples:
          symlab md --model runs/si/model.json --structure data/silicon-sw --temperature 900 --steps 5000
          symlab md --model stillinger-weber --structure data/silicon-sw --ensemble nve --equilibrate 0.5
          symlab md --model stillinger-weber --structure data/silicon-sw --scan-timesteps 0.5,1,2,4
        """)

    enum Ensemble: String, ExpressibleByArgument, CaseIterable { case nve, nvt }

    @Option(help: "A model.json from `symlab train`, a DeePMD-kit model .yaml, or 'stillinger-weber' (the reference potential, Si).")
    var model: String

    @Option(help: "Start structure: an .xyz/.extxyz file or a DeePMD system folder (or folder of them).")
    var structure: String

    @Option(help: "Which frame of --structure (counting over all its systems in order).")
    var frame = 0

    @Option(help: "nve (velocity Verlet) or nvt (Langevin BAOAB).")
    var ensemble: Ensemble = .nvt

    @Option(help: "Time step in fs.")
    var timestep = 1.0

    @Option(help: "Steps of the recorded run.")
    var steps = 1000

    @Option(help: "Thermostat temperature in K (NVT and --equilibrate).")
    var temperature = 300.0

    @Option(help: "Temperature of the Maxwell-Boltzmann start velocities in K (default: --temperature).")
    var initialTemperature: Double?

    @Option(help: "Langevin friction in 1/ps (NVT and --equilibrate).")
    var friction = 5.0

    @Option(help: "NVT equilibration before the recorded run, ps.")
    var equilibrate = 0.0

    @Option(help: "Seed of the GSL stream (velocities, thermostat).")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Output folder.")
    var output = "runs/md"

    @Option(help: "Steps between rows of thermo.csv.")
    var thermoEvery = 10

    @Option(help: "Steps between frames of trajectory.extxyz.")
    var trajEvery = 100

    @Option(help: "Failure: two atoms closer than this, Å.")
    var minDistance = FailureCriteria().minimumDistance

    @Option(help: "Failure: potential energy changing by more than this within --energy-window, eV/atom.")
    var energyJump = FailureCriteria().energyJumpPerAtom

    @Option(help: "Window of the energy-jump test, ps.")
    var energyWindow = FailureCriteria().energyWindow

    @Option(help: "Mass override El=amu (repeatable), e.g. --mass H=2.014 for deuterium.")
    var mass: [String] = []

    @Option(help: "Comma-separated time steps in fs: run the dt^2 integrator check instead of a trajectory.")
    var scanTimesteps: String?

    @Option(help: "Duration of each --scan-timesteps run, ps.")
    var duration = 0.5

    var criteria: FailureCriteria {
        FailureCriteria(minimumDistance: minDistance, energyJumpPerAtom: energyJump, energyWindow: energyWindow)
    }

    func validate() throws {
        var problems: [String] = []
        if !(timestep > 0 && timestep <= 10) { problems.append("--timestep must be in (0, 10] fs, got \(timestep)") }
        if steps < 1 { problems.append("--steps must be at least 1, got \(steps)") }
        if !(temperature >= 0), !(initialTemperature ?? 0 >= 0) { problems.append("temperatures must be >= 0 K") }
        if !(friction > 0) { problems.append("--friction must be > 0 /ps, got \(friction)") }
        if !(equilibrate >= 0) { problems.append("--equilibrate must be >= 0 ps, got \(equilibrate)") }
        if thermoEvery < 1 || trajEvery < 1 { problems.append("--thermo-every and --traj-every must be >= 1") }
        if !(duration > 0) { problems.append("--duration must be > 0 ps, got \(duration)") }
        problems += criteria.problems(path: "options").map {
            $0.replacingOccurrences(of: "[at `options.", with: "--").replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: "`]", with: "")
        }
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
    }

    @OptionGroup var cores: ThreadsOption

    func run() throws {
        cores.apply()
        let choice = try MDSetup.potential(model), typeMap = choice.typeMap
        let start = try MDSetup.frame(structure, index: frame, typeMap: typeMap)
        let (potential, learned) = choice.make(types: start.types)
        let masses = try AtomicMasses.masses(types: start.types, typeMap: typeMap, overrides: try MDSetup.massOverrides(mass))
        defer {
            if let learned, learned.droppedNeighbours > 0 {
                print("warning: \(learned.droppedNeighbours) neighbours beyond sel were dropped (the energy jumps where that happens)")
            }
        }
        var md = MolecularDynamics(potential: potential, positions: start.positions, masses: masses, cell: start.cell,
                                   timestep: timestep * 1e-3, temperature: temperature, friction: friction,
                                   random: RandomSource(seed: seed))
        md.initialiseVelocities(temperature: initialTemperature ?? temperature)
        print("\(potential.name) on \(structure) frame \(frame): \(start.atomCount) atoms, "
              + (start.isPeriodic ? "periodic" : "non-periodic") + ", dt \(timestep) fs")
        if equilibrate > 0 {
            let n = max(1, Int((equilibrate / (timestep * 1e-3)).rounded()))
            print("equilibrating: NVT \(temperature) K, friction \(friction)/ps, \(n) steps")
            if let failure = md.advance(steps: n, checking: criteria) {
                throw ValidationError("MD failed during equilibration, \(failure)")
            }
        }
        if let scan = scanTimesteps { return try runScan(scan, md: md, criteria: criteria) }
        try runTrajectory(&md, typeMap: typeMap, types: start.types, criteria: criteria)
    }

    func runTrajectory(_ md: inout MolecularDynamics<AnyPotential>, typeMap: [String], types: [Int], criteria: FailureCriteria) throws {
        try AtomicFile.createFolder(output, purpose: "MD output folder")
        let (csvPath, trajectoryPath) = (output + "/thermo.csv", output + "/trajectory.extxyz")
        md.friction = ensemble == .nve ? 0 : friction
        let first = md.stepCount
        var recorder = MDRecorder(typeMap: typeMap, types: types)
        var samples = [md.thermo]
        recorder.record(md.thermo)
        recorder.recordFrame(md)
        print("\(ensemble == .nve ? "NVE velocity Verlet" : "NVT Langevin \(temperature) K, friction \(friction)/ps"): \(steps) steps -> \(output)")
        let clock = ContinuousClock(), started = clock.now
        var lastPrint = started
        let failure = md.advance(steps: steps, checking: criteria, sampleEvery: 1) { m in
            let k = m.stepCount - first
            if k % thermoEvery == 0 || k == steps { recorder.record(m.thermo); samples.append(m.thermo) }
            if k % trajEvery == 0 || k == steps { recorder.recordFrame(m) }
            if clock.now - lastPrint > .seconds(10) || k == steps {
                lastPrint = clock.now
                let seconds = (clock.now - started).seconds, eta = seconds / Double(k) * Double(steps - k)
                let t = m.thermo
                print(String(format: "step %d/%d  t %.3f ps  T %.1f K  E_pot %.5f eV  E_tot %.5f eV  %.1f ms/step  ETA %@",
                             k, steps, t.time, t.temperature, t.potential, t.total, 1000 * seconds / Double(k), formatDuration(eta)))
                fflush(stdout)
                try? recorder.write(csv: csvPath, trajectory: trajectoryPath)
            }
        }
        try recorder.write(csv: csvPath, trajectory: trajectoryPath)
        let temperatures = samples.dropFirst().map(\.temperature)
        if !temperatures.isEmpty {
            print(String(format: "mean T %.1f K over %d samples", temperatures.reduce(0, +) / Double(temperatures.count), temperatures.count))
        }
        if ensemble == .nve, let drift = EnergyDrift(samples, atoms: md.atomCount) {
            print(String(format: "NVE total-energy drift %+.4g meV/atom/ps (± %.2g), fluctuation %.4g meV/atom RMS about the fit",
                         1000 * drift.slope, 1000 * drift.slopeStandardError, 1000 * drift.fluctuation))
        }
        print("wrote \(csvPath) (\(samples.count) rows) and \(trajectoryPath) (\(recorder.frames) frames)")
        if let failure { throw MDRunFailed(failure: failure, output: output) }
    }

    func runScan(_ text: String, md: MolecularDynamics<AnyPotential>, criteria: FailureCriteria) throws {
        let dts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !dts.isEmpty, dts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--scan-timesteps needs positive fs values separated by commas, e.g. 0.5,1,2; got '\(text)'")
        }
        print("NVE from the same state for \(duration) ps at each time step")
        let (scaling, failures) = TimestepScaling.measure(potential: md.potential, positions: md.positions, velocities: md.velocities,
                                                          masses: md.masses, cell: md.cell, timestepsFs: dts.map { $0! },
                                                          duration: duration, criteria: criteria)
        var table = TextTable(header: ["dt (fs)", "steps", "fluctuation (meV/atom)", "drift (meV/atom/ps)", "max |ΔE| (meV/atom)"])
        for p in scaling.points {
            table.rows.append([String(p.timestepFs), String(p.steps), String(format: "%.4g", 1000 * p.drift.fluctuation),
                               String(format: "%+.3g ± %.2g", 1000 * p.drift.slope, 1000 * p.drift.slopeStandardError),
                               String(format: "%.4g", 1000 * p.drift.maxDeviation)])
        }
        print(table.render())
        for f in failures { print("dt \(f.timestepFs) fs failed: \(f.failure)") }
        if let k = scaling.exponent {
            print(String(format: "fluctuation ∝ dt^%.3f (velocity Verlet: 2 for a smooth potential with exact forces)", k))
        }
    }
}

/// A trajectory that ended in an `MDFailure`: exit status 1 with one line.
struct MDRunFailed: Error, CustomStringConvertible {
    var failure: MDFailure
    var output: String
    var description: String { "MD failed at \(failure); the files in \(output) end there" }
}

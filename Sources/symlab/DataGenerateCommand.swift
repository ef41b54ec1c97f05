import ArgumentParser
import Foundation
import SymAtoms

extension BuiltInDataset: ExpressibleByArgument {}

/// `symlab data generate <generator> --out <folder>`: builds a built-in dataset with SymLab's own
/// reference potential and MD (no Python) and writes it as DeePMD npy systems. Options left out
/// take the generator's defaults (`SiliconDatasetSpec()`, `SiliconClusterSpec()`).
struct DataGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a built-in dataset (reference potential + molecular dynamics, no Python).",
        discussion: "Generators:\n" + BuiltInDataset.allCases.map { "  \($0.rawValue): \($0.summary)" }
            .joined(separator: "\n")
            + "\n\nExample: symlab data generate silicon-sw --out data/silicon-sw")

    private static let bulk = SiliconDatasetSpec()
    private static let cluster = SiliconClusterSpec()

    /// Help text ending "(default: X)" when both generators agree, else
    /// "(default: X (silicon-sw), Y (silicon-sw-cluster))".
    private static func help<T>(_ text: String, _ bulkKey: KeyPath<SiliconDatasetSpec, T>,
                                _ clusterKey: KeyPath<SiliconClusterSpec, T>) -> ArgumentHelp {
        func show(_ value: Any) -> String {
            (value as? [Double]).map { $0.map { String(Int($0)) }.joined(separator: ",") } ?? "\(value)"
        }
        let (b, c) = (show(bulk[keyPath: bulkKey]), show(cluster[keyPath: clusterKey]))
        let defaults = b == c ? b : "\(b) (silicon-sw), \(c) (silicon-sw-cluster)"
        return ArgumentHelp(text + " (default: \(defaults)).")
    }

    @Argument(help: "Which dataset to generate.")
    var generator: BuiltInDataset

    @Option(help: "Output folder (DeePMD npy systems, one per temperature).")
    var out: String

    @Option(help: help("Comma-separated thermostat temperatures in K", \.temperatures, \.temperatures))
    var temperatures: String?

    @Option(help: help("Frames per temperature", \.framesPerTemperature, \.framesPerTemperature))
    var frames: Int?

    @Option(help: help("Independent trajectories per temperature", \.trajectoriesPerTemperature,
                    \.trajectoriesPerTemperature))
    var trajectories: Int?

    @Option(help: help("Seed of the random stream: velocities, strains, thermostat", \.seed, \.seed))
    var seed: UInt64?

    @Option(help: help("MD time step in fs", \.timestepFs, \.timestepFs))
    var timestep: Double?

    @Option(help: help("Langevin friction in 1/ps", \.friction, \.friction))
    var friction: Double?

    @Option(help: help("MD steps between recorded frames", \.sampleEvery, \.sampleEvery))
    var sampleEvery: Int?

    @Option(help: help("MD steps per trajectory before recording", \.equilibrationSteps,
                    \.equilibrationSteps))
    var equilibrationSteps: Int?

    @Option(help: help("Diamond lattice constant before strain, Å", \.latticeConstant, \.latticeConstant))
    var latticeConstant: Double?

    @Option(help: "silicon-sw only: cubic 8-atom cells per axis, 2 -> 64 atoms (default: \(bulk.supercell)).")
    var supercell: Int?

    @Option(help: ArgumentHelp("silicon-sw only: largest random strain component per trajectory "
                               + "(default: \(bulk.strainJitter))."))
    var strainJitter: Double?

    @Option(help: ArgumentHelp("silicon-sw-cluster only: cut-out radius in Å, 4.6 -> 29 atoms "
                               + "(default: \(cluster.radius))."))
    var radius: Double?

    /// Parsed `--temperatures`, or a problem line.
    func parsedTemperatures() -> (values: [Double]?, problem: String?) {
        guard let temperatures else { return (nil, nil) }
        let parts = temperatures.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap(Double.init)
        guard values.count == parts.count else {
            return (nil, "--temperatures: '\(temperatures)' is not a comma-separated list of numbers "
                         + "(e.g. 300,1200)")
        }
        return (values, nil)
    }

    /// Options that belong to the other generator, as problem lines.
    func foreignOptions() -> [String] {
        switch generator {
        case .siliconSW:
            return radius == nil ? [] : ["--radius: only for silicon-sw-cluster"]
        case .siliconSWCluster:
            return [supercell == nil ? nil : "--supercell: only for silicon-sw",
                    strainJitter == nil ? nil : "--strain-jitter: only for silicon-sw"].compactMap { $0 }
        }
    }

    /// Throws every problem at once, as one validation error.
    func check(_ problems: [String]) throws {
        guard problems.isEmpty else {
            throw ValidationError("invalid options for \(generator.rawValue):\n"
                                  + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
    }

    /// `spec` (a generator's defaults) with the given shared options, then `own` for the generator's
    /// own options; throws every problem at once.
    func configured<Spec: MDDatasetSpec>(_ spec: Spec, own: (inout Spec) -> Void) throws -> Spec {
        var spec = spec
        let (values, problem) = parsedTemperatures()
        if let values { spec.temperatures = values }
        if let frames { spec.framesPerTemperature = frames }
        if let trajectories { spec.trajectoriesPerTemperature = trajectories }
        if let seed { spec.seed = seed }
        if let timestep { spec.timestepFs = timestep }
        if let friction { spec.friction = friction }
        if let sampleEvery { spec.sampleEvery = sampleEvery }
        if let equilibrationSteps { spec.equilibrationSteps = equilibrationSteps }
        if let latticeConstant { spec.latticeConstant = latticeConstant }
        own(&spec)
        try check([problem].compactMap { $0 } + foreignOptions() + spec.problems)
        return spec
    }

    /// The bulk spec: defaults overridden by the given options.
    func siliconSpec() throws -> SiliconDatasetSpec {
        try configured(SiliconDatasetSpec()) { spec in
            if let supercell { spec.supercell = supercell }
            if let strainJitter { spec.strainJitter = strainJitter }
        }
    }

    /// The cluster spec: defaults overridden by the given options.
    func clusterSpec() throws -> SiliconClusterSpec {
        try configured(SiliconClusterSpec()) { spec in
            if let radius { spec.radius = radius }
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let dataset: Dataset
        switch generator {
        case .siliconSW:
            let spec = try siliconSpec()
            printHeader(spec)
            dataset = generateSiliconDataset(spec) { print("  " + $0) }
        case .siliconSWCluster:
            let spec = try clusterSpec()
            printHeader(spec)
            dataset = generateSiliconClusterDataset(spec) { print("  " + $0) }
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(String(format: "generated %d frames in %.1f s", dataset.frameCount, seconds))
        printSpread(dataset)
        try DeePMDFormat.write(dataset, to: out)
        print("wrote \(dataset.systems.count) systems to \(out)")
    }

    private func printHeader(_ spec: some MDDatasetSpec) {
        print("\(generator.rawValue): \(spec.atomCount) atoms, temperatures \(spec.temperatures) K, "
              + "\(spec.framesPerTemperature) frames each, \(spec.stepsPerTemperature) MD steps per temperature "
              + "(dt \(spec.timestepFs) fs, friction \(spec.friction)/ps), seed \(spec.seed)")
    }

    /// Per-system label statistics: how much signal the dataset carries.
    private func printSpread(_ dataset: Dataset) {
        print("system              frames atoms  E mean (eV)  E std (eV)  E std (meV/atom)  "
              + "F std (eV/Å)  W std (eV)")
        for system in dataset.systems {
            let s = LabelSpread(system)
            let virial = s.virialStd.map { String(format: "%11.4f", $0) } ?? "          -"
            print(system.name.padding(toLength: 19, withPad: " ", startingAt: 0)
                  + String(format: " %6d %5d %12.4f %11.4f %17.3f %13.4f ", s.frames, s.atoms, s.energyMean,
                           s.energyStd, 1000 * s.energyStdPerAtom, s.forceStd) + virial)
        }
    }
}

import ArgumentParser
import Foundation
import SymLabTestKit
import SymModel

/// `symlab check`: the conformance kit on registered variants, or a DeePMD-kit fixture comparison.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Measure symmetry and physics errors of registered variants, or compare with a DeePMD-kit fixture.",
        discussion: """
        Without --fixture: builds each variant (all by default) into a small two-type model with \
        random weights and non-trivial normalisation, and measures in Float64 over GSL-random trials: \
        rotation (Haar), translation, same-type permutation, neighbour order, padding, forces against \
        central differences, energy/force continuity at the cutoff and across neighbour rank swaps and \
        collinearity, save/load round trip and declared \
        sizes. Exit status 1 when an exact property fails.

        With --expressivity: builds each variant (all by default) into DeePMD's water-sized model \
        (r_c 6 Å, sel 46/92, embedding 25-50-100, M2 16) with fresh seeded nets and prints whether its \
        descriptor separates (a) environments with equal neighbour distances and different angles, \
        (b) three-body-degenerate environment pairs (Pozdnyakov et al. 2020), against a relative \
        threshold of 1e-8 that a rotated copy must fail and a changed distance must pass, and (c) the \
        smallest embedding width M1 at which its P_s separates neighbour sets of size n. Release build \
        recommended (probe (c) takes minutes in a debug build).

        With --fixture FILE: loads a DeePMD-kit se_e2_a fixture (weights, statistics, frames and \
        DeePMD's env rows, G, T, D, energies, forces, virials; see Tests/SymModelTests/Fixtures) into \
        the batched model and prints the max relative error per stage. Exit status 1 above tolerance.
        """)

    @Argument(help: "Variant keys to check (default: every registered variant). See `symlab variants`.")
    var keys: [String] = []

    @Option(help: "A DeePMD-kit fixture JSON file to reproduce instead.")
    var fixture: String?

    @Option(help: "Random structures per property (each trial uses a periodic cell and a cluster).")
    var trials = 3

    @Option(help: "Seed of the GSL random stream.")
    var seed: UInt64 = 2024

    @Flag(help: "Also print every field's error and tolerance per property (E, F, W, E swap, ...).")
    var details = false

    @Flag(help: "Run the expressivity probes instead (what each variant's descriptor separates; see below).")
    var expressivity = false

    @Option(parsing: .upToNextOption,
            help: "With --expressivity: neighbour-set sizes of the width probe, e.g. --sizes 8 16 (default 8 16 32 64 128; 0 skips it).")
    var sizes: [Int] = ExpressivityProbes.setSizes

    func run() throws {
        if let fixture { return try checkFixture(fixture) }
        let known = VariantRegistry.entries.map(\.key) + VariantRegistry.embeddingKeys
        for key in keys where !known.contains(key) {
            throw ValidationError(ConfigError.unknownChoice(path: ["check", "keys"], value: key, valid: known, what: "variant").message)
        }
        if expressivity { return try checkExpressivity() }
        var reports: [ConformanceReport] = []
        for config in ConformanceKit.registryConfigs(keys: keys) {
            print("checking \(ConformanceKit.pipelineName(config)) ...", to: &standardError)
            reports.append(try ConformanceKit.check(config: config, trials: trials, seed: seed))
        }
        print(conformanceTable(reports))
        if details { for r in reports { print("\n\(r.description)") } }
        let failed = reports.filter { !$0.passed }
        for r in failed { print("\nFAILED:\n\(r.description)") }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    func checkFixture(_ path: String) throws {
        let fixture = try DeePMDFixture.load(contentsOf: URL(fileURLWithPath: path))
        let stages = try FixtureCheck.run(fixture, source: path)
        var table = TextTable(header: ["stage", "max rel error", "tolerance", ""])
        for s in stages {
            table.rows.append([s.name, String(format: "%.2e", s.maxRelativeError), String(format: "%.0e", s.tolerance), s.passed ? "ok" : "FAIL"])
        }
        print("\(fixture.title)\n")
        print(table.render())
        if stages.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}

/// Standard error as a text stream (progress lines).
nonisolated(unsafe) var standardError = FileHandleOutputStream(FileHandle.standardError)

/// A TextOutputStream over a FileHandle.
struct FileHandleOutputStream: TextOutputStream {
    let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
    mutating func write(_ string: String) { handle.write(Data(string.utf8)) }
}

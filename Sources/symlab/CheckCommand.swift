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
        central differences, energy/force continuity at the cutoff, save/load round trip and declared \
        sizes. Exit status 1 when an exact property fails.

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

    func run() throws {
        if let fixture { return try checkFixture(fixture) }
        let known = VariantRegistry.entries.map(\.key) + VariantRegistry.embeddingKeys
        for key in keys where !known.contains(key) {
            throw ValidationError(ConfigError.unknownChoice(path: ["check", "keys"], value: key, valid: known, what: "variant").message)
        }
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

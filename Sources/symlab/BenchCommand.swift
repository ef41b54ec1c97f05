import ArgumentParser

/// Placeholder until the benchmark lands.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Speed benchmarks.")
    func run() throws { throw ValidationError("not implemented yet") }
}

import ArgumentParser
import SymTensor

/// `--threads` of the commands that evaluate a model (`symlab test`, `symlab md`).
struct ThreadsOption: ParsableArguments {
    @Option(help: "Cores: blocks of centre atoms are evaluated in parallel (0 = every core).")
    var threads = 0

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (every core) or a positive number, got \(threads)") }
    }

    /// Sets `Parallelism`'s core count (and OpenBLAS's) for the rest of the process.
    func apply() { Parallelism.setThreads(threads) }
}

import ArgumentParser
import Foundation
import SymAtoms
import SymExperiment
import SymTrain

/// `symlab run`: an ablation suite (variants x data x seeds), locally or on SLURM, resumable.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an ablation suite (experiments/*.yaml): variants x data x seeds, then write its report.",
        discussion: """
        A suite is a base training config plus variants and a grid of dotted keys (see \
        docs/experiments.md and experiments/default.yaml). Every grid point is resolved and validated \
        before anything runs (defaults < base < set < variant < grid point < --set); each run's ID is a \
        hash of its resolved config. Runs with the same seed are paired: they share the batch \
        sequence, the validation frames and, where shapes match, the baseline's initial nets.

        Results go to RUN_DIR (default runs/<suite name>): results/<id>.json (one atomic file per run), \
        runs/<id>/ (training output and log.txt), report/ (report.md, results.csv, plots). Rerunning \
        the same command resumes: finished runs are skipped, interrupted ones continue from their \
        checkpoint, failed ones are rerun only with --retry-failed. A diverging or crashing run is \
        recorded failed with its reason and the suite goes on.

        Examples:
          symlab run experiments/default.yaml --dry-run
          symlab run experiments/default.yaml -j 2
          symlab run experiments/water.yaml --set training.steps=500 -o runs/water-short
          symlab run experiments/water.yaml --executor slurm --dry-run
        """)

    @Argument(help: "The suite file (YAML).")
    var suite: String

    @Option(name: .shortAndLong, help: "Run folder (default: runs/<suite name>).")
    var output: String?

    @Flag(help: "List the runs with their IDs and states (and, with --executor slurm, print the sbatch scripts); run nothing.")
    var dryRun = false

    @Option(help: "Where runs execute: local (worker processes here) or slurm (an sbatch job array).")
    var executor: ExecutorKind = .local

    @Option(name: [.customShort("j"), .long], help: "Local worker processes (default: cores / resources.threads).")
    var workers: Int?

    @Option(name: .customLong("set"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Override a dotted key in every run, e.g. --set training.steps=500 (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(help: "Rerun runs recorded as failed.")
    var retryFailed = false

    @Option(help: "Start at most this many pending runs (the rest stay pending for a later run).")
    var maxRuns: Int?

    @Flag(help: "Do not write the report at the end.")
    var noReport = false

    @Flag(help: "With --executor slurm: wait until the array and the report job have finished.")
    var wait = false

    @Option(help: ArgumentHelp("Refuse to start when the runs' estimated peak memory (times the workers) exceeds this (e.g. 16G; default: the memory available now).",
                               valueName: "size"))
    var maxMemory: String?

    enum ExecutorKind: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    func run() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
        if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be at least 1, got \(maxRuns)") }
        let (spec, plan) = try { () throws -> (SuiteSpec, SuitePlan) in
            let spec = try SuiteSpec.read(from: suite)
            return (spec, try SuitePlan.expand(spec, overrides: try parseOverrides()))
        }()
        let store = ResultStore(root: output ?? "runs/\(plan.name)")
        if dryRun { return try showPlan(plan, spec: spec, store: store) }
        let cores = ProcessInfo.processInfo.activeProcessorCount, workerCount = workers ?? max(1, cores / plan.resources.threads)
        let peak = try SuiteMemory.largestPeak(plan)
        if executor == .local {
            try MemoryEstimate.check(needed: peak.bytes, copies: workerCount, limit: try maxMemory.map(parseMemory), what: "suite \(plan.name) (\(peak.run))")
        } else if let requested = plan.resources.memory.flatMap(MemoryEstimate.parse) {
            try MemoryEstimate.check(needed: peak.bytes, limit: requested, what: "\(peak.run) (resources.memory: \(plan.resources.memory!) per array task)")
        }
        try store.prepare()
        try store.write(plan)
        if let text = try? String(contentsOfFile: suite, encoding: .utf8) { try AtomicFile.write(text, to: store.path("suite.yaml")) }
        print("run folder \(store.root): results/ (one JSON per run), runs/<id>/log.txt, report/ at the end")
        switch executor {
        case .local:
            var options = LocalExecutor.Options(workers: workerCount, executable: try selfExecutable())
            options.retryFailed = retryFailed
            options.maxRuns = maxRuns
            options.interactive = isatty(STDOUT_FILENO) == 1
            let progress = try LocalExecutor(store: store, plan: plan, options: options, output: emit).execute()
            if progress.failed > 0 { print("\(progress.failed) run\(progress.failed == 1 ? "" : "s") failed: see the report's 'Failed runs' (rerun them with --retry-failed)") }
            if !noReport { try writeReport(store) }
        case .slurm:
            let slurm = SlurmExecutor(store: store, plan: plan, executable: try selfExecutable(), retryFailed: retryFailed,
                                      maxRuns: maxRuns, report: !noReport)
            try slurm.submit(wait: wait, interactive: isatty(STDOUT_FILENO) == 1, output: emit)
        }
    }

    func parseOverrides() throws -> [Setting] {
        try overrides.map { text in
            guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
                throw SuiteErrors(source: "--set", problems: ["'\(text)' is not key=value, e.g. --set training.steps=500"])
            }
            return try Setting(commandLine: String(text[..<eq]), String(text[text.index(after: eq)...]))
        }
    }

    func showPlan(_ plan: SuitePlan, spec: SuiteSpec, store: ResultStore) throws {
        print("suite \(plan.name): \(plan.runs.count) runs (\(plan.variants.count) variants), baseline '\(plan.baseline)', run folder \(store.root)")
        print(PlanTable.render(plan, states: plan.runs.map { store.state($0.id) }))
        if executor == .slurm {
            let slurm = SlurmExecutor(store: store, plan: plan, executable: try selfExecutable(), retryFailed: retryFailed,
                                      maxRuns: maxRuns, report: !noReport)
            print(try slurm.dryRun())
        }
    }
}

/// Prints without a newline and flushes (progress lines).
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// The running binary (workers and SLURM tasks run the same one).
func selfExecutable() throws -> String {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).standardizedFileURL.path
}

/// Writes the report of a run folder and says where.
func writeReport(_ store: ResultStore) throws {
    let written = try ReportWriter(store: store).write()
    print("report: \(written.markdown)\n        \(written.csv)\n        plots in \(written.plots)")
}

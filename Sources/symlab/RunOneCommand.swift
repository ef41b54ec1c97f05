import ArgumentParser
import CSystem
import Foundation
import SymExperiment
#if canImport(Glibc)
import Glibc
#endif

/// `symlab run-one`: the worker behind `symlab run` (a local process or a SLURM array task).
struct RunOneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-one",
        abstract: "Train and evaluate one run of a suite's plan (used by `symlab run` and its SLURM tasks).",
        discussion: """
        Claims the run (a lock in RUN_DIR/runs/<id>/), trains it, or continues it from its checkpoint, \
        measures the suite's metrics and writes RUN_DIR/results/<id>.json atomically. Exit status 75 \
        when another process holds the run; 0 when the result is stored (ok or failed).
        """,
        shouldDisplay: false)

    @Argument(help: "The suite's run folder (holding plan.json).")
    var runDir: String

    @Argument(help: "The run ID (omit with --task-list).")
    var id: String?

    @Option(help: "A file with one run ID per line; the line is $SLURM_ARRAY_TASK_ID.")
    var taskList: String?

    @Flag(help: "Rerun a run recorded as failed.")
    var retryFailed = false

    func run() throws {
        if let parent = ProcessInfo.processInfo.environment["SYMLAB_PARENT_PID"].flatMap(Int32.init) {
            // Die with the executor that started us, however it dies (no orphaned training).
            _ = csystem_die_with_parent()
            if getppid() != parent { throw ExitCode(1) }
        }
        let store = ResultStore(root: runDir)
        let plan = try store.readPlan()
        let runID = try id ?? taskID()
        guard let run = plan.runs.first(where: { $0.id == runID }) else {
            throw UserError("\(store.planPath): no run with ID '\(runID)' in this plan")
        }
        let execution = RunExecution(store: store, plan: plan, run: run) { line in
            print(line)
            fflush(stdout)
        }
        switch try execution.execute(retryFailed: retryFailed) {
        case .claimedElsewhere:
            print("run \(runID) is claimed by another process (\((try? String(contentsOfFile: store.runFolder(runID) + "/.lock", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?")); nothing done")
            throw ExitCode(WorkerExit.claimedElsewhere)
        case .alreadyStored(let status):
            print("run \(runID) already has a result (\(status.rawValue)); nothing done")
        case .stored(let status):
            print("run \(runID): result stored (\(status.rawValue)) in \(store.resultPath(runID))")
        }
    }

    /// The ID on line $SLURM_ARRAY_TASK_ID of the task list.
    func taskID() throws -> String {
        guard let taskList else { throw ValidationError("give a run ID or --task-list FILE") }
        guard let text = try? String(contentsOfFile: taskList, encoding: .utf8) else {
            throw UserError("\(taskList): cannot read the task list")
        }
        guard let index = ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init) else {
            throw ValidationError("--task-list needs $SLURM_ARRAY_TASK_ID (set by sbatch --array)")
        }
        let ids = text.split(separator: "\n").map(String.init)
        guard ids.indices.contains(index) else {
            throw UserError("\(taskList): no line \(index) (the list has \(ids.count) run IDs)")
        }
        return ids[index]
    }
}

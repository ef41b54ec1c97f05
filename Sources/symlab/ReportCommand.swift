import ArgumentParser
import Foundation
import SymExperiment

/// `symlab report`: the comparison report of a suite's run folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the comparison report of a suite's run folder (report.md, results.csv, plots).",
        discussion: """
        Reads RUN_DIR/plan.json and RUN_DIR/results/*.json and writes RUN_DIR/report/: report.md (findings, \
        summary table with confidence intervals and paired tests against the baseline, failed runs, \
        provenance), results.csv (one row per run) and plots (PNG and SVG, rendered by gnuplot). \
        `symlab run` writes it at the end of every suite; run this to refresh it while a suite is running \
        or after editing nothing but the report code.
        """)

    @Argument(help: "The suite's run folder (e.g. runs/default).")
    var runDir: String

    @Option(help: ArgumentHelp("Record every run of this task list that has no result as failed first (the SLURM report job does this).",
                               visibility: .hidden))
    var missingAsFailed: String?

    func run() throws {
        let store = ResultStore(root: runDir)
        if let missingAsFailed { try recordMissing(store, taskList: missingAsFailed) }
        try writeReport(store)
    }

    /// Runs of the list that ended without a result (killed, timed out, crashed) become failed results.
    func recordMissing(_ store: ResultStore, taskList: String) throws {
        let plan = try store.readPlan()
        guard let text = try? String(contentsOfFile: taskList, encoding: .utf8) else { throw StoreError("\(taskList): cannot read the task list") }
        let job = ProcessInfo.processInfo.environment["SLURM_JOB_DEPENDENCY"] ?? ""
        for (task, id) in text.split(separator: "\n").map(String.init).enumerated() {
            guard let run = plan.runs.first(where: { $0.id == id }), store.state(id) == .pending else { continue }
            let reason = "its SLURM array task \(task) ended without a result (time limit, memory, node failure or crash); see \(store.path("slurm", "logs")) \(job)"
            try store.write(RunResult(run: run, status: .failed, reason: reason))
        }
    }
}

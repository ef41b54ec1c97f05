import Foundation
import SymTrain
import SymAtoms

/// Runs a suite's pending runs as one SLURM job array (one task per run, resources from the
/// suite) and a dependent report job (`--dependency=afterany`, so it runs whatever the tasks'
/// fate). Each task is `symlab run-one` on the shared run folder: it claims its run and writes its
/// own atomic result, exactly as a local worker does, so a suite can start locally and finish on
/// SLURM or the reverse. The report job first records every run of the array that ended without a
/// result (time limit, node failure, crash) as failed, so it appears in the report.
public struct SlurmExecutor {
    public let store: ResultStore
    public let plan: SuitePlan
    /// The `symlab` binary the tasks run (on a cluster: on a shared file system).
    public let executable: String
    public var retryFailed: Bool
    public var maxRuns: Int?
    /// Submit the report job.
    public var report: Bool

    public init(store: ResultStore, plan: SuitePlan, executable: String, retryFailed: Bool, maxRuns: Int?, report: Bool) {
        (self.store, self.plan, self.executable) = (store, plan, executable)
        (self.retryFailed, self.maxRuns, self.report) = (retryFailed, maxRuns, report)
    }

    /// Runs to submit: pending ones, and failed ones with `retryFailed`; runs another process
    /// holds are left to it.
    public func pendingRuns() -> [PlannedRun] {
        let runs = plan.runs.filter { run in
            switch store.state(run.id) {
            case .pending: return true
            case .failed: return retryFailed
            case .done, .running: return false
            }
        }
        return maxRuns.map { Array(runs.prefix($0)) } ?? runs
    }

    /// Absolute path of `path`.
    func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL.path
    }

    /// The array job script for `count` tasks reading their run IDs from `taskList` (pure text).
    public func arrayScript(taskList: String, count: Int) -> String {
        let r = plan.resources, root = absolute(store.root)
        var lines = ["#!/bin/bash",
                     "# SymLab suite '\(plan.name)': \(count) run\(count == 1 ? "" : "s"), one array task each (symlab run-one).",
                     "#SBATCH --job-name=symlab-\(plan.name)",
                     "#SBATCH --array=0-\(count - 1)",
                     "#SBATCH --ntasks=1",
                     "#SBATCH --cpus-per-task=\(r.threads)"]
        if let m = r.memory { lines.append("#SBATCH --mem=\(m)") }
        if let t = r.time { lines.append("#SBATCH --time=\(t)") }
        if let p = r.partition { lines.append("#SBATCH --partition=\(p)") }
        lines += r.slurmOptions.map { "#SBATCH \($0)" }
        lines += ["#SBATCH --chdir=\(plan.workingDirectory)",
                  "#SBATCH --output=\(root)/slurm/logs/run-%A_%a.out",
                  "export OPENBLAS_NUM_THREADS=\(r.threads)",
                  "exec \(shellQuoted(executable)) run-one \(shellQuoted(root)) --task-list \(shellQuoted(absolute(taskList)))"
                    + (retryFailed ? " --retry-failed" : "")]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report job script (submitted with --dependency=afterany on the array).
    public func reportScript(taskList: String) -> String {
        let root = absolute(store.root)
        return ["#!/bin/bash",
                "# SymLab suite '\(plan.name)': the report, after every task of the array (afterany).",
                "#SBATCH --job-name=symlab-\(plan.name)-report",
                "#SBATCH --ntasks=1",
                "#SBATCH --cpus-per-task=1",
                "#SBATCH --chdir=\(plan.workingDirectory)",
                "#SBATCH --output=\(root)/slurm/logs/report-%j.out",
                "exec \(shellQuoted(executable)) report \(shellQuoted(root)) --missing-as-failed \(shellQuoted(absolute(taskList)))"]
            .joined(separator: "\n") + "\n"
    }

    /// The scripts `submit` would write, for `--dry-run`.
    public func dryRun() throws -> String {
        let runs = pendingRuns()
        guard !runs.isEmpty else { return "\nnothing to submit: no pending runs" }
        let list = store.path("slurm", "tasks-<stamp>.txt")
        var text = "\n# \(store.path("slurm", "array-<stamp>.sbatch")) (submitted with sbatch --parsable)\n"
            + arrayScript(taskList: list, count: runs.count)
        if report {
            text += "\n# \(store.path("slurm", "report-<stamp>.sbatch")) (submitted with sbatch --parsable --dependency=afterany:<array job>)\n"
                + reportScript(taskList: list)
        }
        return text
    }

    /// Writes the scripts and task list into `slurm/`, submits them, and with `wait` polls squeue
    /// until both jobs have left the queue.
    /// - Throws: `SlurmError` when sbatch is missing or refuses the job.
    public func submit(wait: Bool, interactive: Bool = false, output: (String) -> Void) throws {
        let runs = pendingRuns()
        guard !runs.isEmpty else {
            output("suite \(plan.name): no pending runs; nothing submitted\n")
            return
        }
        let folder = store.path("slurm")
        try AtomicFile.createFolder(folder + "/logs", purpose: "SLURM log folder")
        let stamp = Self.stamp()
        let list = "\(folder)/tasks-\(stamp).txt", array = "\(folder)/array-\(stamp).sbatch", reportFile = "\(folder)/report-\(stamp).sbatch"
        try AtomicFile.write(runs.map(\.id).joined(separator: "\n") + "\n", to: list)
        try AtomicFile.write(arrayScript(taskList: list, count: runs.count), to: array)
        let arrayJob = try Slurm.sbatch([array])
        var jobs = [arrayJob]
        output("suite \(plan.name): submitted array job \(arrayJob) (\(runs.count) run\(runs.count == 1 ? "" : "s"), \(plan.resources.threads) CPU each)\n")
        if report {
            try AtomicFile.write(reportScript(taskList: list), to: reportFile)
            let reportJob = try Slurm.sbatch(["--dependency=afterany:\(arrayJob)", reportFile])
            jobs.append(reportJob)
            output("submitted report job \(reportJob) (after every task: afterany); it writes \(store.reportFolder)/report.md\n")
        }
        output("watch: squeue -j \(jobs.joined(separator: ",")); logs: \(folder)/logs; rerun `symlab run` to see states\n")
        guard wait else { return }
        let started = Date()
        var lastLine = Date()
        while try Slurm.active(jobs) {
            Thread.sleep(forTimeInterval: 1)
            let done = runs.filter { store.state($0.id) == .done || store.state($0.id) == .failed }.count
            let line = "\(done)/\(runs.count) finished · \(formatDuration(Date().timeIntervalSince(started))) elapsed"
            if interactive { output("\r\u{1B}[K" + line) } else if Date().timeIntervalSince(lastLine) >= 30 {
                output(line + "\n")
                lastLine = Date()
            }
        }
        let states = runs.map { store.state($0.id) }
        output((interactive ? "\r\u{1B}[K" : "") + "jobs finished: \(states.filter { $0 == .done }.count) done, \(states.filter { $0 == .failed }.count) failed, "
               + "\(states.filter { $0 == .pending || $0 == .running }.count) without a result\n")
    }

    static func stamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date()) + "-\(getpid())"
    }
}

/// Calls of the SLURM command-line tools.
public enum Slurm {
    /// Submits with `sbatch --parsable`; returns the job ID.
    public static func sbatch(_ arguments: [String]) throws -> String {
        let (status, out, err) = try run("sbatch", ["--parsable"] + arguments)
        guard status == 0, let id = out.split(separator: ";").first.map(String.init), !id.isEmpty else {
            throw SlurmError("sbatch \(arguments.joined(separator: " ")) failed (status \(status)): \(err.isEmpty ? out : err)")
        }
        return id
    }

    /// Whether any of `jobs` is pending, running or completing.
    public static func active(_ jobs: [String]) throws -> Bool {
        let (status, out, err) = try run("squeue", ["-h", "-j", jobs.joined(separator: ","), "-t", "PD,R,CG", "-o", "%i"])
        if status != 0 && err.contains("Invalid job id") { return false }  // already purged from the queue
        guard status == 0 else { throw SlurmError("squeue failed (status \(status)): \(err)") }
        return !out.isEmpty
    }

    /// Runs a SLURM tool; (status, trimmed stdout, trimmed stderr).
    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let r: Subprocess.Result
        do { r = try Subprocess.run(tool, arguments) } catch { throw SlurmError("cannot run \(tool): \(error)") }
        if r.status == 127 {
            throw SlurmError("\(tool) not found on PATH: run on a SLURM login node, or start a local test cluster with scripts/local-slurm.sh start")
        }
        let trim = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines) }
        return (r.status, trim(r.standardOutput), trim(r.standardError))
    }
}

/// A SLURM problem, as one line.
public struct SlurmError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// `text` quoted for bash when it contains anything but safe characters.
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:+,@%")
    return text.allSatisfy(safe.contains) ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

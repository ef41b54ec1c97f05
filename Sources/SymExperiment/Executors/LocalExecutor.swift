import Foundation
import SymAtoms
import SymTrain
#if canImport(Glibc)
import Glibc
#endif

/// Runs a suite's pending runs on this machine: N worker processes (`symlab run-one`), each
/// claiming its run, training it and writing its result atomically. Finished runs are skipped,
/// failed ones rerun only with `retryFailed`; a worker that crashes is recorded failed with its
/// exit status and last log line, and the suite goes on. Runs another process holds are waited
/// for: counted when it lets go with a result, run here when it let go without one (it died). Workers die with the executor
/// (PR_SET_PDEATHSIG), so a killed suite leaves no orphans; rerunning it resumes every
/// interrupted run from its last checkpoint.
public final class LocalExecutor {
    public struct Options: Sendable {
        /// Concurrent worker processes.
        public var workers: Int
        /// Rerun runs stored as failed.
        public var retryFailed = false
        /// Start at most this many runs (nil: all pending).
        public var maxRuns: Int?
        /// The `symlab` binary the workers run.
        public var executable: String
        /// Redraw one status line in place (a terminal) instead of printing status lines.
        public var interactive = false
        /// Seconds between status lines when not interactive.
        public var statusEvery = 30.0
        public init(workers: Int, executable: String) { (self.workers, self.executable) = (max(1, workers), executable) }
    }

    let store: ResultStore
    let plan: SuitePlan
    let options: Options
    let output: (String) -> Void
    var progress: SuiteProgress

    public init(store: ResultStore, plan: SuitePlan, options: Options, output: @escaping (String) -> Void) {
        (self.store, self.plan, self.options, self.output) = (store, plan, options, output)
        progress = SuiteProgress(total: plan.runs.count, workers: options.workers)
    }

    struct Worker {
        let run: PlannedRun
        let process: Process
        let started: Date
    }

    /// Runs until every pending run has been tried; returns the final counts.
    @discardableResult
    public func execute() throws -> SuiteProgress {
        var queue: [PlannedRun] = [], watching: [PlannedRun] = []
        for run in plan.runs {
            switch store.state(run.id) {
            case .done: progress.done += 1
            case .failed where !options.retryFailed: progress.failed += 1
            case .running: watching.append(run)
            case .failed, .pending: queue.append(run)
            }
        }
        var budget = options.maxRuns ?? Int.max
        queue = Array(queue.prefix(budget))
        progress.pending = queue.count
        progress.elsewhere = watching.count
        output(progress.headline(name: plan.name))
        var workers: [Worker] = []
        var lastStatus = Date.distantPast
        while !queue.isEmpty || !workers.isEmpty || !watching.isEmpty {
            while workers.count < options.workers, !queue.isEmpty, budget > 0 {
                let run = queue.removeFirst()
                workers.append(try launch(run))
                budget -= 1
                progress.pending -= 1
                progress.running += 1
            }
            usleep(200_000)
            var still: [Worker] = []
            for w in workers {
                if w.process.isRunning { still.append(w) } else if try finished(w) { watching.append(w.run) }
            }
            workers = still
            // Runs another process held: once it lets go, count its result, or run them if it died without one.
            for run in watching where !RunClaim.isHeld(folder: store.runFolder(run.id)) {
                watching.removeAll { $0.id == run.id }
                switch store.state(run.id) {
                case .done: progress.done += 1
                case .failed where !options.retryFailed: progress.failed += 1
                case _ where budget > 0:
                    queue.insert(run, at: 0)
                    progress.pending += 1
                default: break
                }
            }
            if queue.isEmpty && workers.isEmpty && budget == 0 { watching.removeAll() }
            progress.elsewhere = watching.count
            progress.runningEstimates = workers.map { estimate($0) }
            let now = Date()
            if options.interactive {
                output("\r\u{1B}[K" + progress.statusLine(now: now))
            } else if now.timeIntervalSince(lastStatus) >= options.statusEvery && !(workers.isEmpty && watching.isEmpty) {
                output(progress.statusLine(now: now) + "\n")
                lastStatus = now
            }
        }
        if options.interactive { output("\r\u{1B}[K") }
        output(progress.statusLine(now: Date()) + "\n")
        return progress
    }

    func launch(_ run: PlannedRun) throws -> Worker {
        let folder = store.runFolder(run.id)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // O_APPEND: another executor's worker for this run (which will find it claimed) appends
        // its line instead of overwriting this one's.
        let logPath = folder + "/log.txt", fd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError("\(logPath): cannot open the run's log for writing (\(String(cString: strerror(errno))))") }
        let log = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: options.executable)
        process.arguments = ["run-one", store.root, run.id] + (options.retryFailed ? ["--retry-failed"] : [])
        process.currentDirectoryURL = URL(fileURLWithPath: plan.workingDirectory)
        var environment = ProcessInfo.processInfo.environment
        environment["SYMLAB_PARENT_PID"] = String(getpid())
        environment["OPENBLAS_NUM_THREADS"] = String(run.spec.training.schedule.threads)
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        do { try process.run() } catch {
            throw StoreError("\(options.executable): cannot start a worker (\(AtomicFile.reason(error)))")
        }
        try? log.close()
        output(event("started", run, detail: "pid \(process.processIdentifier)"))
        return Worker(run: run, process: process, started: Date())
    }

    /// Records how a worker ended; true when its run was claimed by another process (to watch).
    func finished(_ w: Worker) throws -> Bool {
        progress.running -= 1
        let seconds = Date().timeIntervalSince(w.started)
        let status = w.process.terminationStatus, bySignal = w.process.terminationReason == .uncaughtSignal
        if !bySignal && status == WorkerExit.claimedElsewhere {
            output(event("waiting", w.run, detail: "another process is running it"))
            return true
        }
        var result = store.result(w.run.id)
        if result == nil || (bySignal || status != 0) && result?.status != .ok {
            let how = bySignal ? "killed by signal \(status) (\(signalName(status)))"
                : status == 0 ? "ended without a result" : "exited with status \(status)"
            var failed = RunResult(run: w.run, status: .failed, reason: "worker \(how); last log line: \(lastLogLine(w.run))")
            failed.wallSeconds = seconds
            try store.write(failed)
            result = failed
        }
        if result?.status == .ok {
            progress.done += 1
            progress.durations.append(seconds)
            let f = result?.metrics.validation.map { String(format: "val F RMSE %.1f meV/Å", 1000 * $0.forceRMSE) } ?? "ok"
            output(event("done", w.run, detail: "\(f), \(formatDuration(seconds))"))
        } else {
            progress.failed += 1
            output(event("FAILED", w.run, detail: result?.reason ?? "no result"))
        }
        return false
    }

    func event(_ what: String, _ run: PlannedRun, detail: String) -> String {
        (options.interactive ? "\r\u{1B}[K" : "") + "[\(run.index + 1)/\(plan.runs.count)] \(what) \(run.id) \(run.variant) seed \(run.seed): \(detail)\n"
    }

    /// Training time left and in all of a running worker's run, from its progress file (nil before
    /// the first validation).
    func estimate(_ w: Worker) -> SuiteProgress.RunEstimate? {
        guard let data = FileManager.default.contents(atPath: store.runFolder(w.run.id) + "/progress.json"),
              let p = try? JSONDecoder().decode(RunProgress.self, from: data) else { return nil }
        return .init(remaining: Double(p.total - p.step) * p.secondsPerStep, whole: Double(p.total) * p.secondsPerStep)
    }

    func lastLogLine(_ run: PlannedRun) -> String {
        let text = (try? String(contentsOfFile: store.runFolder(run.id) + "/log.txt", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last.map(String.init) ?? "(empty log)"
    }
}

/// Exit statuses of `symlab run-one`.
public enum WorkerExit {
    /// The run's claim is held by another process (nothing was done).
    public static let claimedElsewhere: Int32 = 75
}

/// "SIGKILL" for 9 and so on.
func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
                                  SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
                                  SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ"]
    return names[signal] ?? "signal \(signal)"
}

import Foundation
import SymTrain

/// Counts of a suite's runs while an executor works through them, and the status line with an
/// ETA: the remaining steps of running runs (from their progress files) plus the pending runs at
/// the mean duration of the runs finished so far, spread over the workers.
public struct SuiteProgress: Equatable, Sendable {
    public var total: Int
    public var workers: Int
    public var done = 0, failed = 0, running = 0, pending = 0
    /// Runs another process holds (left to it).
    public var elsewhere = 0
    /// Wall seconds of the runs finished by this executor.
    public var durations: [Double] = []
    /// Estimates for each running run (nil until its first validation).
    public var runningEstimates: [RunEstimate?] = []
    public let started = Date()

    public init(total: Int, workers: Int) { (self.total, self.workers) = (total, workers) }

    /// Seconds of training left and of the whole training of a running run.
    public struct RunEstimate: Equatable, Sendable {
        public var remaining: Double, whole: Double
        public init(remaining: Double, whole: Double) { (self.remaining, self.whole) = (remaining, whole) }
    }

    /// Seconds until the last run ends, or nil when nothing is known yet.
    public var eta: Double? {
        if pending == 0 && running == 0 { return 0 }
        let mean = durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count)
        guard let perRun = mean ?? runningEstimates.compactMap({ $0?.whole }).max() else { return nil }
        let runningLeft = runningEstimates.map { $0?.remaining ?? perRun }.reduce(0, +)
        return (runningLeft + Double(pending) * perRun) / Double(max(1, min(workers, running + pending)))
    }

    /// "suite default: 9 runs; 3 done, 0 failed already; 6 to run with 2 workers".
    public func headline(name: String) -> String {
        var parts = ["suite \(name): \(total) run\(total == 1 ? "" : "s")"]
        if done + failed > 0 { parts.append("\(done) done and \(failed) failed already") }
        if elsewhere > 0 { parts.append("\(elsewhere) being run by another process (waited for)") }
        parts.append("\(pending) to run with \(workers) worker\(workers == 1 ? "" : "s")")
        return parts.joined(separator: "; ") + "\n"
    }

    /// "3/9 done · 2 running · 0 failed · 4 pending · 5m12s elapsed · ETA 7m40s".
    public func statusLine(now: Date) -> String {
        var line = "\(done)/\(total) done · \(running) running · \(failed) failed · \(pending) pending"
        if elsewhere > 0 { line += " · \(elsewhere) elsewhere" }
        line += " · \(formatDuration(now.timeIntervalSince(started))) elapsed"
        if running + pending > 0 { line += " · ETA " + (eta.map(formatDuration) ?? "after the first validation") }
        return line
    }
}

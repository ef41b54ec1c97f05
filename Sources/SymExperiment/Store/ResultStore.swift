import Foundation
import SymAtoms
#if canImport(Glibc)
import Glibc
#endif

/// A suite's run folder:
///
///     plan.json            the expanded suite (rewritten atomically by every `symlab run`)
///     suite.yaml           the suite file as given
///     results/<id>.json    one atomic result per run: the store
///     runs/<id>/           the run's training output, log.txt, progress.json, .lock
///     report/              report.md, results.csv, plots/
///     slurm/               sbatch scripts, task lists and job logs
///
/// Local and SLURM executors share it, so a suite started with one can finish with the other.
public struct ResultStore: Sendable {
    /// The run folder.
    public let root: String

    public init(root: String) { self.root = root }

    public func path(_ parts: String...) -> String {
        parts.reduce(URL(fileURLWithPath: root)) { $0.appendingPathComponent($1) }.path
    }
    public var planPath: String { path("plan.json") }
    public func resultPath(_ id: String) -> String { path("results", "\(id).json") }
    public func runFolder(_ id: String) -> String { path("runs", id) }
    public var reportFolder: String { path("report") }

    /// Creates the folders.
    public func prepare() throws {
        for folder in [root, path("results"), path("runs")] { try AtomicFile.createFolder(folder, purpose: "run folder") }
    }

    public func write(_ plan: SuitePlan) throws { try AtomicFile.writeJSON(plan, to: planPath) }

    /// The plan of this folder.
    /// - Throws: `StoreError` when the folder holds no readable plan.
    public func readPlan() throws -> SuitePlan {
        guard let data = FileManager.default.contents(atPath: planPath) else {
            throw StoreError("\(root): no plan.json here; is this a run folder made by `symlab run`?")
        }
        do { return try JSONDecoder().decode(SuitePlan.self, from: data) } catch {
            throw StoreError("\(planPath): not a readable suite plan (\(error))")
        }
    }

    /// The stored result of run `id`; nil when there is none. A file that does not decode is
    /// reported through `unreadable` and treated as missing (the run then counts as pending).
    public func result(_ id: String, unreadable: ((String) -> Void)? = nil) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: resultPath(id)) else { return nil }
        do { return try JSONDecoder().decode(RunResult.self, from: data) } catch {
            unreadable?("\(resultPath(id)): unreadable result, the run will be redone (\(error))")
            return nil
        }
    }

    /// Writes a result atomically.
    public func write(_ result: RunResult) throws { try AtomicFile.writeJSON(result, to: resultPath(result.id)) }

    /// Every stored result, keyed by run ID.
    public func allResults() -> [String: RunResult] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path("results"))) ?? []
        var out: [String: RunResult] = [:]
        for f in files where f.hasSuffix(".json") {
            let id = String(f.dropLast(5))
            if let r = result(id) { out[id] = r }
        }
        return out
    }

    /// State of a run in the store.
    public enum RunState: String, CaseIterable, Sendable {
        case done, failed, running, pending
    }

    /// The state of run `id` (running = another process holds its claim).
    public func state(_ id: String) -> RunState {
        if let r = result(id) { return r.status == .ok ? .done : .failed }
        if FileManager.default.fileExists(atPath: runFolder(id)), RunClaim.isHeld(folder: runFolder(id)) { return .running }
        return .pending
    }
}

/// A store problem, as one line.
public struct StoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// An exclusive claim on a run: an advisory `flock` on `runs/<id>/.lock`, held while the run
/// trains. The kernel drops it when the process dies, however it dies, so a killed worker never
/// leaves a stale claim; two executors on one run folder never run the same run at once.
public final class RunClaim {
    let descriptor: Int32

    /// Claims the run whose folder is `folder`; nil when another process holds it.
    /// - Throws: `StoreError` when the lock file cannot be created.
    public init?(folder: String) throws {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/.lock"
        let fd = open(file, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError("\(file): cannot create the run's lock file (\(String(cString: strerror(errno))))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        let owner = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = owner.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(descriptor) }

    /// Whether some process holds the claim of the run in `folder`.
    public static func isHeld(folder: String) -> Bool {
        let fd = open(folder + "/.lock", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return true
    }
}

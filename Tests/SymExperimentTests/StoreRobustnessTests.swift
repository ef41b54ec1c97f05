import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymExperiment

@Suite("Store robustness: failed writes, concurrent executors", .serialized)
struct StoreRobustnessTests {
    @Test func aFailedWriteNamesThePathAndKeepsThePreviousFile() throws {
        let dir = SuiteFixtures.folder("writes")
        try BadInputCatalogueTests.file("c.yaml", SuiteFixtures.base())(dir)
        let first = try Subprocess.run(SuiteExecutionTests.symlab, ["train", "c.yaml", "-o", "out", "--stop-after", "4"], directory: dir)
        #expect(first.status == 0, "\(first.standardError)")
        let before = try #require(FileManager.default.contents(atPath: dir + "/out/checkpoint.bin"))
        // A 4 KiB file-size limit (as a full disk would): the next checkpoint cannot be written.
        let limited = try Subprocess.run("bash", ["-c", "ulimit -f 4; exec \(SuiteExecutionTests.symlab) train c.yaml -o out --resume"], directory: dir)
        #expect(!limited.signalled && limited.status == 1)
        #expect(limited.standardError.contains("out/checkpoint.bin: cannot write (File too large); the previous file, if any, is unchanged"),
                "\(limited.standardError)")
        #expect(FileManager.default.contents(atPath: dir + "/out/checkpoint.bin") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
        #expect(throws: DataError.self) { try AtomicFile.write("x", to: dir + "/no/such/folder/file.json") }
    }

    @Test func twoExecutorsOnOneFolderNeverRunARunTwice() throws {
        let path = SuiteFixtures.write(suite: SuiteExecutionTests.suite, steps: 20, name: "concurrent")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let a = try SuiteExecutionTests.start(["run", "suite.yaml", "-o", "shared", "-j", "2"], in: dir)
        let b = try SuiteExecutionTests.start(["run", "suite.yaml", "-o", "shared", "-j", "2"], in: dir)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let table = try ResultTable.load(ResultStore(root: dir + "/shared"))
        #expect(table.rows.count == 6 && table.rows.allSatisfy { $0.result?.status == .ok })
        for row in table.rows {
            let log = try String(contentsOfFile: "\(dir)/shared/runs/\(row.run.id)/log.txt", encoding: .utf8)
            let starts = log.components(separatedBy: "model: P_s").count - 1
            #expect(starts == 1, "run \(row.run.id) trained \(starts) times:\n\(log)")
        }
    }
}

/// Holds a run's claim as another process would, until released.
final class ClaimHolder: @unchecked Sendable {
    var claim: RunClaim?
    init(_ claim: RunClaim?) { self.claim = claim }
}

extension StoreRobustnessTests {
    @Test func runsHeldByAnotherProcessAreWaitedForAndRunWhenItDiesWithoutAResult() throws {
        let path = SuiteFixtures.write(suite: "base: base.yaml\ngrid: {training.seed: [1, 2]}\n", steps: 4, name: "held")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let plan = try SuitePlan.expand(try SuiteSpec.read(from: path), workingDirectory: dir)
        let store = ResultStore(root: dir + "/run")
        try store.prepare()
        try store.write(plan)
        let holder = ClaimHolder(try RunClaim(folder: store.runFolder(plan.runs[0].id)))
        #expect(store.state(plan.runs[0].id) == .running)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) { holder.claim = nil }  // "dies" without a result
        var lines = ""
        let progress = try LocalExecutor(store: store, plan: plan, options: .init(workers: 2, executable: SuiteExecutionTests.symlab)) {
            lines += $0 }.execute()
        #expect(progress.done == 2 && progress.failed == 0 && progress.elsewhere == 0, "\(lines)")
        #expect(lines.contains("1 being run by another process (waited for)"))
        #expect(store.state(plan.runs[0].id) == .done)
    }
}

@Suite("Determinism", .serialized)
struct DeterminismTests {
    /// The same suite run twice (same seeds, same thread count) gives bitwise-identical results:
    /// weights, metrics, learning curves, pairing digests; only timings and provenance differ.
    @Test func aSuiteRunTwiceGivesBitwiseIdenticalResults() throws {
        let suite = """
            name: twice
            base: base.yaml
            variants: [{name: se_e2_a}, {name: dense, model.descriptor.rotation: gram-dense}]

            """
        let path = SuiteFixtures.write(suite: suite, steps: 8, name: "twice")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for out in ["a", "b"] {
            let r = try Subprocess.run(SuiteExecutionTests.symlab, ["run", "suite.yaml", "-o", out, "-j", "1"], directory: dir)
            #expect(r.status == 0, "\(r.standardError)")
        }
        let a = try ResultTable.load(ResultStore(root: dir + "/a")), b = try ResultTable.load(ResultStore(root: dir + "/b"))
        #expect(a.withoutTimings == b.withoutTimings)
        #expect(a.rows.allSatisfy { $0.result?.metrics.validation != nil })
        for row in a.rows {
            let x = try ModelFile.read(from: "\(dir)/a/runs/\(row.run.id)/model.json")
            let y = try ModelFile.read(from: "\(dir)/b/runs/\(row.run.id)/model.json")
            #expect(x.weights == y.weights && x.config == y.config, "run \(row.run.id): weights differ between the two executions")
        }
    }
}

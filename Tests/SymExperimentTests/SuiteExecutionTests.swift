import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymExperiment
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests through the `symlab` binary (built with the tests: the target depends on it).
@Suite("Suite execution: workers, resume after SIGKILL, failures", .serialized)
struct SuiteExecutionTests {
    /// The `symlab` binary next to this test binary.
    static let symlab: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("symlab").path
    }()

    static let suite = """
        name: kill-test
        base: base.yaml
        variants:
          - name: se_e2_a
          - {name: wide axis, model.descriptor.axis_neuron: 8}
        grid:
          training.seed: [1, 2, 3]
        evaluation: {inference_repeats: 1}

        """

    /// Runs `symlab` with `arguments` in `directory`; returns the process (started) for killing.
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: symlab)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Runs `symlab` to completion; (status, stdout + stderr).
    static func run(_ arguments: [String], in directory: String) throws -> (Int32, String) {
        let r = try Subprocess.run(symlab, arguments, directory: directory)
        return (r.signalled ? -r.status : r.status, r.standardOutput + r.standardError)
    }

    /// Result files of a run folder: name → bytes.
    static func results(_ folder: String) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/results")) ?? []
        return Dictionary(uniqueKeysWithValues: names.filter { $0.hasSuffix(".json") }.map {
            ($0, FileManager.default.contents(atPath: "\(folder)/results/\($0)")!)
        })
    }

    @Test func sigkilledSuiteResumesWithoutLosingRunsAndReportsTheSame() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.symlab), "symlab binary not found at \(Self.symlab)")
        let path = SuiteFixtures.write(suite: Self.suite, steps: 80, name: "kill")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let started = Date()
        let (status, _) = try Self.run(["run", "suite.yaml", "-o", "whole", "-j", "2"], in: dir)
        #expect(status == 0)
        // Kill after 3-12% of an uninterrupted suite's wall time, so that ten kills fit on a fast
        // machine as on a slow one (each attempt also pays the start-up again).
        let whole = Date().timeIntervalSince(started)
        let delays = UInt32(max(0.2, 0.03 * whole) * 1e6)...UInt32(max(0.4, 0.12 * whole) * 1e6)

        var rng = SystemRandomNumberGenerator()
        var kept: [String: Data] = [:], kills = 0, interruptedMidRun = 0
        while kills < 10 {
            let p = try Self.start(["run", "suite.yaml", "-o", "killed", "-j", "2"], in: dir)
            usleep(UInt32.random(in: delays, using: &rng))
            guard p.isRunning else { p.waitUntilExit(); break }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            kills += 1
            usleep(100_000)  // the workers die with their parent (PR_SET_PDEATHSIG)
            let now = Self.results(dir + "/killed")
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/killed/runs")) ?? []
            interruptedMidRun += folders.filter { id in
                FileManager.default.fileExists(atPath: "\(dir)/killed/runs/\(id)/checkpoint.bin") && now["\(id).json"] == nil
            }.count
            for (name, bytes) in kept { #expect(now[name] == bytes, "kill \(kills): finished result \(name) lost or changed") }
            kept = now
        }
        let (final, out) = try Self.run(["run", "suite.yaml", "-o", "killed", "-j", "2"], in: dir)
        #expect(final == 0, "\(out)")
        #expect(kills == 10, "the suite finished after \(kills) kills; make it longer")
        #expect(interruptedMidRun >= 1, "no kill landed inside a run's training (checkpoint without result)")
        for (name, bytes) in kept { #expect(Self.results(dir + "/killed")[name] == bytes) }

        let uninterrupted = try ResultTable.load(ResultStore(root: dir + "/whole")).withoutTimings
        let killed = try ResultTable.load(ResultStore(root: dir + "/killed")).withoutTimings
        #expect(killed.rows.allSatisfy { $0.result?.status == .ok })
        #expect(MarkdownReport.render(killed) == MarkdownReport.render(uninterrupted), "reports differ after \(kills) kills")
        #expect(CSVReport.render(killed) == CSVReport.render(uninterrupted))
        #expect(FileManager.default.fileExists(atPath: dir + "/killed/report/report.md"))
    }

    @Test func divergingAndCrashingRunsAreRecordedFailedAndTheSuiteGoesOn() throws {
        let suite = """
            name: failures
            base: base.yaml
            variants:
              - name: se_e2_a
              - {name: absurd lr, learning_rate.start_lr: 1.0e300, learning_rate.stop_lr: 1.0e299}
              - {name: crashes, model.descriptor.axis_neuron: 2}
            grid:
              training.seed: [1]

            """
        let path = SuiteFixtures.write(suite: suite, steps: 8, name: "failures")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let plan = try SuitePlan.expand(try SuiteSpec.read(from: path), workingDirectory: dir)
        let store = ResultStore(root: dir + "/run")
        try store.prepare()
        try store.write(plan)
        // A worker that dies of SIGSEGV for the third run, as a trapping worker would.
        let crashing = plan.runs[2].id, wrapper = dir + "/worker.sh"
        try "#!/bin/sh\n[ \"$3\" = \"\(crashing)\" ] && kill -SEGV $$\nexec \(Self.symlab) \"$@\"\n"
            .write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        var options = LocalExecutor.Options(workers: 2, executable: wrapper)
        options.statusEvery = 1000
        var lines = ""
        let progress = try LocalExecutor(store: store, plan: plan, options: options) { lines += $0 }.execute()
        #expect(progress.done == 1 && progress.failed == 2, "\(lines)")
        #expect(store.result(plan.runs[0].id)?.status == .ok)
        #expect(store.result(plan.runs[1].id)?.reason?.contains("training diverged at step") == true)
        #expect(store.result(crashing)?.reason?.contains("killed by signal 11 (SIGSEGV)") == true)
        let report = MarkdownReport.render(try ResultTable.load(store))
        #expect(report.contains("## Failed runs") && report.contains("killed by signal 11") && report.contains("1 of 3 runs finished"))
        // Failed runs are not rerun without --retry-failed.
        let again = try LocalExecutor(store: store, plan: plan, options: options) { _ in }.execute()
        #expect(again.failed == 2 && again.done == 1 && again.pending == 0)
    }

    @Test func dryRunListsRunsAndBadSuitesExitWithOneLinePerProblem() throws {
        let path = SuiteFixtures.write(suite: Self.suite, name: "dry")
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let (status, out) = try Self.run(["run", "suite.yaml", "--dry-run"], in: dir)
        #expect(status == 0 && out.contains("6 runs (2 variants), baseline 'se_e2_a'") && out.contains("6 pending"), "\(out)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/runs"), "a dry run must not create the run folder")
        try "base: base.yaml\ngrid: {model.descriptor.rotation: [gram-dens]}\nmetrics: [symetry]\n"
            .write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let (bad, message) = try Self.run(["run", "bad.yaml"], in: dir)
        #expect(bad == 1)
        #expect(message.contains("bad.yaml: 2 problems in the suite:") && message.contains("Did you mean 'gram-dense'?")
                && message.contains("Did you mean 'symmetry'?") && !message.contains("USAGE"), "\(message)")
    }
}

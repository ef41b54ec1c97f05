import Foundation
import SymLabTestKit
import SymModel
import Testing
@testable import SymExperiment

@Suite("Paired initialisation and SLURM scripts")
struct PairingAndSlurmTests {
    @Test func variantsShareTheBaselinesNetsWhereShapesMatch() throws {
        let baseline = TestStructures.smallConfig()
        var dense = baseline
        dense.descriptor.rotation = GramDense.key
        var narrow = baseline
        narrow.descriptor.axisNeuron = 2  // descriptor 8·2 instead of 8·3: other fitting-net input
        let reference = try DeepPotModel(config: baseline).weights
        let a = try PairedInitialisation.start(variant: dense, baseline: baseline)
        #expect(a.nets?.embedding == reference.embedding && a.nets?.fitting == reference.fitting)
        #expect(a.shared == ["embedding 2/2", "fitting 2/2"])
        let b = try PairedInitialisation.start(variant: narrow, baseline: baseline)
        #expect(b.nets?.embedding == reference.embedding && b.nets?.fitting != reference.fitting)
        #expect(b.shared == ["embedding 2/2", "fitting 0/2"] && a.embeddingDigest == b.embeddingDigest)
        var otherSeed = baseline
        otherSeed.seed += 1
        let own = try PairedInitialisation.start(variant: otherSeed, baseline: nil)
        #expect(own.nets == nil && own.shared.isEmpty && own.embeddingDigest != a.embeddingDigest)
    }

    static func plan() throws -> SuitePlan {
        try SuiteFixtures.plan("""
            name: cluster
            base: base.yaml
            variants: [{name: a}, {name: b, training.steps: 13}]
            resources: {threads: 2, memory: 4G, time: "01:00:00", partition: short, slurm_options: [--account=lab]}

            """)
    }

    @Test func arrayScriptCarriesTheResourcesAndRunsTheWorker() throws {
        let plan = try Self.plan()
        let slurm = SlurmExecutor(store: ResultStore(root: "/data/runs/cluster"), plan: plan, executable: "/opt/symlab/bin/symlab",
                                  retryFailed: false, maxRuns: nil, report: true)
        #expect(slurm.arrayScript(taskList: "/data/runs/cluster/slurm/tasks-x.txt", count: 2) == """
            #!/bin/bash
            # SymLab suite 'cluster': 2 runs, one array task each (symlab run-one).
            #SBATCH --job-name=symlab-cluster
            #SBATCH --array=0-1
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=2
            #SBATCH --mem=4G
            #SBATCH --time=01:00:00
            #SBATCH --partition=short
            #SBATCH --account=lab
            #SBATCH --chdir=\(plan.workingDirectory)
            #SBATCH --output=/data/runs/cluster/slurm/logs/run-%A_%a.out
            export OPENBLAS_NUM_THREADS=2
            exec /opt/symlab/bin/symlab run-one /data/runs/cluster --task-list /data/runs/cluster/slurm/tasks-x.txt

            """)
        let report = slurm.reportScript(taskList: "/data/runs/cluster/slurm/tasks-x.txt")
        #expect(report.contains("exec /opt/symlab/bin/symlab report /data/runs/cluster --missing-as-failed /data/runs/cluster/slurm/tasks-x.txt"))
        #expect(slurm.pendingRuns().count == 2)
        #expect(try slurm.dryRun().contains("--dependency=afterany:<array job>"))
    }

    @Test func shellQuotingKeepsPathsWithSpacesWhole() {
        #expect(shellQuoted("/plain/path-1.txt") == "/plain/path-1.txt")
        #expect(shellQuoted("/my runs/it's") == "'/my runs/it'\\''s'")
    }
}

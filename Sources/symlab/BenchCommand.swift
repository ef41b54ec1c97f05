import ArgumentParser
import Foundation
import SymModel
import SymTensor

/// `symlab bench`: speed benchmarks. Timing lives here, never in tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of the tensor core (dgemm, tanh/exp, MLP backward passes), the model, and cost scaling.",
        discussion: """
        Every figure is reported with a baseline measured in the same run: dgemm GFLOP/s as a \
        percentage of OpenBLAS's own square-dgemm rate, vectorised tanh/exp against Foundation's scalar \
        loop, and backward passes as multiples of the forward pass. Shapes are DeePMD's water model: \
        26,496 embedding rows (192 atoms x 138 neighbours, widths 1->25->50->100) and 192-atom fitting \
        layers (1600->240->240->240->1).

        `scaling`: inference time and FLOPs per atom against the neighbour count (16 … 256) for models \
        that differ only in the rotation operator, and only in the permutation encoder, with fitted \
        log-log exponents; writes a CSV and a gnuplot plot (PNG, SVG) into --output.

        `checkpoint`: size and median encode, write (atomic, with fsync) and read time of a checkpoint \
        of a 1.5 M-parameter model (water se_e2_a, fitting 330x3) as version 1 JSON and as version 2 binary.

        Build with `make bench` (release, host CPU). Debug builds are refused unless --allow-debug-build.
        """)

    @Option(help: "Timed repetitions per figure (after one warm-up).")
    var repeats = 5

    @Option(help: "Cores: model evaluations run blocks of centre atoms in parallel (OpenBLAS single-threaded inside); the tensor benchmarks give OpenBLAS this many threads (default: 1 core for models, OpenBLAS's own choice for tensors).")
    var threads: Int?

    /// Benchmark groups.
    enum Group: String, CaseIterable, ExpressibleByArgument { case dgemm, elementwise, mlp, model, scaling, checkpoint }

    @Option(help: "Folder for the scaling benchmark's CSV, gnuplot script and PNG/SVG plot.")
    var output = "runs/bench-scaling"

    @Option(help: "Folder for the checkpoint benchmark's files (removed afterwards; on the disk runs are written to).")
    var checkpointFolder = "runs/bench-checkpoint"

    @Option(help: "Run only these groups (\(Group.allCases.map(\.rawValue).joined(separator: ", "))); default all.")
    var only: [Group] = []

    @Option(help: ArgumentHelp("A water model (model.json or DeePMD-kit .yaml, type map O, H) for the `model` group, instead of the default se_e2_a with fresh weights.",
                               discussion: "E.g. a compressed model from `symlab compress` against its exact original. A model that cannot be trained (tabulated) has no training-step row."))
    var model: String?

    @Flag(help: "Allow timing a debug build (numbers are then meaningless).")
    var allowDebugBuild = false

    func run() throws {
        if isDebugBuild && !allowDebugBuild {
            throw ValidationError("this is a debug build: timings would be meaningless. Use `make bench` (release) or pass --allow-debug-build.")
        }
        if let threads { Parallelism.setThreads(threads) }
        let options = TensorBenchmarks.Options(repeats: repeats)
        print("SymLab bench  (\(isDebugBuild ? "DEBUG build" : "release build"), \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        print("BLAS: \(BLASInfo.config); core \(BLASInfo.coreName); \(BLASInfo.threads) thread(s)\n")
        let groups = only.isEmpty ? Group.allCases : only
        for group in Group.allCases where groups.contains(group) {
            switch group {
            case .dgemm: print(TensorBenchmarks.dgemm(options))
            case .elementwise: print(TensorBenchmarks.elementwise(options))
            case .mlp: print(TensorBenchmarks.mlp(options))
            case .model:
                guard let model else { print(try ModelBenchmarks.run(repeats: repeats)); continue }
                let loaded = try ModelLoading.load(model)
                guard loaded.config.typeMap == ["O", "H"] else {
                    throw UserError("\(model): `symlab bench --model` times one water frame, so it needs type_map [O, H], got \(loaded.config.typeMap)")
                }
                print(try ModelBenchmarks.run(repeats: repeats, model: loaded, name: "\(model) (L \(loaded.config.descriptor.embedding))"))
            case .checkpoint: print(try CheckpointBenchmark.run(repeats: repeats, folder: checkpointFolder))
            case .scaling:
                let points = try ScalingBenchmark.points(repeats: repeats)
                print("Cost scaling with the neighbour count (64-atom dense periodic structure, water widths; one thread, thread CPU time):\n")
                print(ScalingBenchmark.summary(points))
                print("\nwritten: " + (try ScalingPlot.write(points, to: output)).joined(separator: ", "))
            }
            print()
        }
    }
}

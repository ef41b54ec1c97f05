import Foundation
import SymAtoms
import SymModel
import SymTensor
import SymTrain

/// Inference and training-step time of the water se_e2_a model on one 192-atom frame.
enum ModelBenchmarks {
    static func waterFrame() throws -> Frame {
        let candidates = ["data/water-dft/data_0", "../shared/data/deepmd-water/data_0"]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw DataError(file: candidates[0], "water data not found (run from the repository root)")
        }
        return try DeePMDFormat.readSystem(at: path).system.frames[0]
    }

    /// `model`: a loaded water model (type map O, H) instead of the default config with fresh weights.
    static func run(repeats: Int, model loaded: DeepPotModel? = nil, name: String = "water se_e2_a") throws -> String {
        let frame = try waterFrame()
        let model = try loaded ?? DeepPotModel(config: ModelConfig(typeMap: ["O", "H"]))
        let batch = try model.batch(for: frame)
        let d = model.config.descriptor
        let neighbour = measure(repeats: repeats) { _ = try? NeighbourList.build(frame: frame, rcut: d.rcut, sel: d.sel, typeCount: 2) }.median
        let energyOnly = measure(repeats: repeats) { GradMode.withoutGrad { _ = model.atomicEnergies(batch) } }.median
        let inference = measure(repeats: repeats) { _ = model.predict(batch) }.median
        // A model that cannot be trained (a tabulated embedding) has no training step.
        let trainable = type(of: model.embeddingStage).trainingProblem == nil
        let loss = EnergyLoss()
        var adam = Adam(sizes: model.parameters.map(\.count))
        func trainingStep() {
            let p = model.predictInBlocks(batch, createGraph: true)
            let (_, g) = p.parameterGradients(model.parameters) { loss.loss($0, labels: [frame], lr: 1e-3, lr0: 1e-3) }
            adam.update(model.parameters, gradients: g, learningRate: 1e-9)
        }
        let step = !trainable ? nil : measure(repeats: repeats) { trainingStep() }.median
        let floor = matrixFloor(inference: { _ = model.predict(batch) }, step: trainable ? trainingStep : nil, repeats: repeats)
        var table = TextTable(header: ["\(name), 192 atoms, 1 frame", "ms (median)", "x energy-only"])
        table.rows.append(["neighbour list", String(format: "%.1f", neighbour * 1e3), String(format: "%.2f", neighbour / energyOnly)])
        table.rows.append(["energy only (no graph)", String(format: "%.1f", energyOnly * 1e3), "1.00"])
        table.rows.append(["inference: E + F + virial", String(format: "%.1f", inference * 1e3), String(format: "%.2f", inference / energyOnly)])
        if let step {
            table.rows.append(["training step (E+F loss, 2nd order, Adam)", String(format: "%.1f", step * 1e3), String(format: "%.2f", step / energyOnly)])
        }
        var bound = TextTable(header: ["matrix-product floor", "dgemm GFLOP", "floor ms at square-dgemm rate", "measured ms", "floor / measured"])
        var rows = [("inference: E + F + virial", floor.inference, inference)]
        if let step, let flops = floor.step { rows.append(("training step", flops, step)) }
        for (label, flops, measured) in rows {
            let floorSeconds = flops / (floor.rate * 1e9)
            bound.rows.append([label, String(format: "%.2f", flops / 1e9), String(format: "%.1f", floorSeconds * 1e3),
                               String(format: "%.1f", measured * 1e3), String(format: "%.0f%%", 100 * floorSeconds / measured)])
        }
        return table.render() + "\n(parameters: \(model.parameterCount); \(Parallelism.threads) thread(s), \(model.blocks(batch).count) block(s) of centres; "
            + "DeePMD-kit side by side: scripts/bench-vs-deepmd.sh)\n\n" + bound.render()
            + String(format: "\n(square dgemm 1024³ in this run: %.1f GFLOP/s with %d OpenBLAS thread(s); the floor is the time the step's matrix "
                     + "products would take at that rate, everything else (tanh, copies, tape) excluded)", floor.rate, BLASInfo.threads)
    }

    /// FLOPs of the matrix products of one inference and one training step (counted on one
    /// thread), and the square-dgemm rate (GFLOP/s) with the current thread count.
    static func matrixFloor(inference: () -> Void, step: (() -> Void)?, repeats: Int) -> (inference: Double, step: Double?, rate: Double) {
        let (threads, blas) = (Parallelism.threads, BLASInfo.threads)
        Parallelism.setThreads(1)
        let counted = (MatmulFlops.counting(inference), step.map { MatmulFlops.counting($0) })
        Parallelism.setThreads(threads)
        BLASInfo.setThreads(blas)
        let n = 1024, a = TensorBenchmarks.random([n, n], seed: 1), b = TensorBenchmarks.random([n, n], seed: 2)
        let seconds = measure(repeats: repeats) { _ = Tensor.matmul(a, b) }.median
        return (counted.0, counted.1, TensorBenchmarks.gflops(n, n, n, seconds: seconds))
    }
}

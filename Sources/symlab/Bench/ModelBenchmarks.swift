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

    static func run(repeats: Int) throws -> String {
        let frame = try waterFrame()
        let model = try DeepPotModel(config: ModelConfig(typeMap: ["O", "H"]))
        let batch = try model.batch(for: frame)
        let neighbour = measure(repeats: repeats) { _ = try? NeighbourList.build(frame: frame, rcut: 6, sel: [46, 92], typeCount: 2) }.median
        let energyOnly = measure(repeats: repeats) { GradMode.withoutGrad { _ = model.atomicEnergies(batch) } }.median
        let inference = measure(repeats: repeats) { _ = model.predict(batch) }.median
        let loss = EnergyLoss()
        var adam = Adam(sizes: model.parameters.map(\.count))
        let step = measure(repeats: repeats) {
            let p = model.predictInBlocks(batch, createGraph: true)
            let (_, g) = p.parameterGradients(model.parameters) { loss.loss($0, labels: [frame], lr: 1e-3, lr0: 1e-3) }
            adam.update(model.parameters, gradients: g, learningRate: 1e-9)
        }.median
        var table = TextTable(header: ["water se_e2_a, 192 atoms, 1 frame", "ms (median)", "x energy-only"])
        table.rows.append(["neighbour list", String(format: "%.1f", neighbour * 1e3), String(format: "%.2f", neighbour / energyOnly)])
        table.rows.append(["energy only (no graph)", String(format: "%.1f", energyOnly * 1e3), "1.00"])
        table.rows.append(["inference: E + F + virial", String(format: "%.1f", inference * 1e3), String(format: "%.2f", inference / energyOnly)])
        table.rows.append(["training step (E+F loss, 2nd order, Adam)", String(format: "%.1f", step * 1e3), String(format: "%.2f", step / energyOnly)])
        return table.render() + "\n(parameters: \(model.parameterCount); \(Parallelism.threads) thread(s), \(model.blocks(batch).count) block(s) of centres; "
            + "DeePMD-kit side by side: scripts/bench-vs-deepmd.sh)"
    }
}

import Foundation
import SymAtoms
import SymModel
import SymTensor
import SymTrain

/// Inference and training-step time of the water se_e2_a model on one 192-atom frame.
enum ModelBenchmarks {
    /// DeePMD-kit 3.2.0 TensorFlow backend on this machine kind (docs/benchmarks.md; measured
    /// outside this run, so shown for orientation only).
    static let deepmdInferenceMs = 157.7, deepmdStepSeconds = 0.350

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
        let step = !trainable ? nil : measure(repeats: repeats) {
            let p = model.predict(batch, createGraph: true)
            let l = loss.loss(p, labels: [frame], lr: 1e-3, lr0: 1e-3)
            let g = gradients(of: l, withRespectTo: model.parameters)
            adam.update(model.parameters, gradients: g, learningRate: 1e-9)
        }.median
        var table = TextTable(header: ["\(name), 192 atoms, 1 frame", "ms (median)", "x energy-only", "DeePMD-kit TF ms"])
        table.rows.append(["neighbour list", String(format: "%.1f", neighbour * 1e3), String(format: "%.2f", neighbour / energyOnly), ""])
        table.rows.append(["energy only (no graph)", String(format: "%.1f", energyOnly * 1e3), "1.00", ""])
        table.rows.append(["inference: E + F + virial", String(format: "%.1f", inference * 1e3), String(format: "%.2f", inference / energyOnly),
                           loaded == nil ? String(format: "%.1f", deepmdInferenceMs) : ""])
        if let step {
            table.rows.append(["training step (E+F loss, 2nd order, Adam)", String(format: "%.1f", step * 1e3), String(format: "%.2f", step / energyOnly),
                               loaded == nil ? String(format: "%.1f", deepmdStepSeconds * 1e3) : ""])
        }
        return table.render() + "\n(parameters: \(model.parameterCount)"
            + (loaded == nil ? "; DeePMD-kit figures (default model) from docs/benchmarks.md, measured outside this run)" : ")")
    }
}

import Foundation
import SymAtoms
import SymModel

/// Small random structures and a small config for the conformance kit (spec §14): a periodic
/// triclinic cell whose cutoff exceeds half the smallest face distance (so periodic images of the
/// centre are neighbours) and a non-periodic cluster; two atom types.
public enum TestStructures {
    /// A small two-type model config with a cutoff of 3 Å.
    /// With the `type-embedding` stage the 48 slots form one mixed block and the fitting net is
    /// mixed-type (DPA-1 / se_atten_v2 layout), with a small type embedding (tebd_dim 3). Other
    /// embedding stages (e.g. `tabulated`) keep the per-type layout and their default options.
    public static func smallConfig(embedding: String = PerTypeEmbedding.key,
                                   permutation: String = DeepSetsSum.key, permutationOptions: OptionValues = [:],
                                   rotation: String = GramFactored.key, rotationOptions: OptionValues = [:],
                                   typeOneSide: Bool = true, seed: UInt64 = 7) -> ModelConfig {
        var c = ModelConfig(typeMap: ["A", "B"])
        c.descriptor.rcut = 3.0
        c.descriptor.rcutSmooth = 1.0
        c.descriptor.sel = [24, 24]
        c.descriptor.neuron = [4, 8]
        c.descriptor.axisNeuron = 3
        c.descriptor.typeOneSide = typeOneSide
        c.descriptor.permutation = permutation
        c.descriptor.permutationOptions = permutationOptions
        c.descriptor.rotation = rotation
        c.descriptor.rotationOptions = rotationOptions
        c.fitting.neuron = [8, 8]
        c.seed = seed
        c.descriptor.embedding = embedding
        if embedding == TypeEmbedding.key {
            c.descriptor.embeddingOptions = ["tebd_dim": .int(3)]
            c.descriptor.sel = [48]
            c.fitting.mixedTypes = true
        }
        return c
    }

    /// A model of `config` with its seeded nets and the non-trivial statistics of `weights(for:)`.
    public static func model(_ config: ModelConfig, permutationEncoder: (any PermutationEncoder.Type)? = nil,
                             rotationOperator: (any RotationOperator.Type)? = nil) throws -> DeepPotModel {
        let draft = try DeepPotModel(config: config, permutationEncoder: permutationEncoder, rotationOperator: rotationOperator)
        return try DeepPotModel(config: config, weights: weights(for: draft), permutationEncoder: permutationEncoder,
                                rotationOperator: rotationOperator)
    }

    /// Weights with non-trivial statistics (μ_s = 0.1, σ_s = 0.2, σ_a = 0.15) and bias, so
    /// normalisation bugs are visible.
    public static func weights(for model: DeepPotModel) -> DeepPotWeights {
        var w = model.weights
        w.davg = (0..<model.typeCount).flatMap { t in [0.1 + 0.05 * Double(t), 0, 0, 0] }
        w.dstd = (0..<model.typeCount).flatMap { t in [0.2 + 0.02 * Double(t), 0.15, 0.15, 0.15] }
        w.energyBias = (0..<model.typeCount).map { -1.5 - Double($0) }
        return w
    }

    /// A random periodic triclinic frame: 8 atoms (types alternate) at least `minDistance` apart,
    /// in a cell of edge ~4.2 Å (rcut 3 Å > half the face distance).
    public static func periodicFrame(_ rng: RandomSource, atoms: Int = 8, minDistance: Double = 1.2) -> Frame {
        let cell = [4.2, 0, 0, 0.6, 4.0, 0, -0.4, 0.5, 4.4].map { $0 + 0.1 * (rng.uniform() - 0.5) }
        var fractional: [[Double]] = []
        while fractional.count < atoms {
            let f = [rng.uniform(), rng.uniform(), rng.uniform()]
            let ok = fractional.allSatisfy { g in minimumImageDistance(f, g, cell: cell) >= minDistance }
            if ok { fractional.append(f) }
        }
        let positions = fractional.flatMap { f in (0..<3).map { a in f[0] * cell[a] + f[1] * cell[3 + a] + f[2] * cell[6 + a] } }
        return Frame(types: (0..<atoms).map { $0 % 2 }, positions: positions, cell: cell)
    }

    /// A random non-periodic cluster of `atoms` atoms within ~2.5 Å, at least `minDistance` apart.
    public static func cluster(_ rng: RandomSource, atoms: Int = 7, minDistance: Double = 1.0) -> Frame {
        var points: [[Double]] = []
        while points.count < atoms {
            let p = (0..<3).map { _ in 2.6 * (rng.uniform() - 0.5) }
            if points.allSatisfy({ q in zip(p, q).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() >= minDistance }) {
                points.append(p)
            }
        }
        return Frame(types: (0..<atoms).map { $0 % 3 == 0 ? 1 : 0 }, positions: points.flatMap { $0 })
    }

    static func minimumImageDistance(_ f: [Double], _ g: [Double], cell: [Double]) -> Double {
        var best = Double.infinity
        for i in -1...1 { for j in -1...1 { for k in -1...1 {
            let d = [f[0] - g[0] + Double(i), f[1] - g[1] + Double(j), f[2] - g[2] + Double(k)]
            let v = (0..<3).map { a in d[0] * cell[a] + d[1] * cell[3 + a] + d[2] * cell[6 + a] }
            best = min(best, (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot())
        } } }
        return best
    }

    /// A tiny Stillinger-Weber silicon dataset (8-atom cells at 600 K, `frames` frames from two
    /// trajectories) written as a DeePMD folder under a new temporary folder; returns its path.
    public static func writeTinySilicon(frames: Int = 12, name: String = "tiny-si") throws -> String {
        var spec = SiliconDatasetSpec()
        spec.temperatures = [600]
        spec.framesPerTemperature = frames
        spec.trajectoriesPerTemperature = 2
        spec.supercell = 1
        spec.equilibrationSteps = 40
        spec.sampleEvery = 5
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("symlab-\(name)-\(UUID().uuidString)").path
        try DeePMDFormat.write(generateSiliconDataset(spec), to: folder)
        return folder
    }
}

import Foundation
import SymAtoms
import SymModel
import SymTensor

/// Conformance and physics checks that every registered variant gets (spec §12.3, §14; STYLE §3–4).
/// Each check runs several GSL-random trials in Float64 and returns measured errors; nothing here
/// asserts, so `Tests/` and `symlab check` share it. Errors are relative: |ΔE|/max(1, |E|),
/// max|ΔF|/max(1, max|F|), max|ΔW|/max(1, max|W|).
public enum ConformanceKit {
    /// Tolerance of the exact invariances in Float64.
    public static let invarianceTolerance = 1e-10

    /// Runs every check on a model built from `config` (with kit weights: non-trivial statistics).
    public static func check(config: ModelConfig, permutationEncoder: (any PermutationEncoder.Type)? = nil,
                             rotationOperator: (any RotationOperator.Type)? = nil, trials: Int = 3,
                             seed: UInt64 = 2024) throws -> ConformanceReport {
        BLASInfo.setThreads(1)  // tiny matrices: more BLAS threads only spin (it was a quarter of the time)
        let draft = try DeepPotModel(config: config, permutationEncoder: permutationEncoder, rotationOperator: rotationOperator)
        let model = try DeepPotModel(config: config, weights: TestStructures.weights(for: draft),
                                     permutationEncoder: permutationEncoder, rotationOperator: rotationOperator)
        let rng = RandomSource(seed: seed)
        let frames = (0..<trials).flatMap { _ in [TestStructures.periodicFrame(rng), TestStructures.cluster(rng)] }
        let approx = model.approximateProperties
        var results: [PropertyResult] = []
        func add(_ p: ConformanceProperty, _ fields: [FieldError]) {
            results.append(PropertyResult(property: p, fieldErrors: fields, approximation: approx[p]))
        }
        add(.rotation, try rotation(model, frames, rng))
        add(.translation, try translation(model, frames, rng))
        add(.permutation, try permutation(model, frames, rng))
        add(.neighbourOrder, try neighbourOrder(model, frames, rng, movePadding: false))
        add(.padding, try neighbourOrder(model, frames, rng, movePadding: true))
        add(.forcesAreGradient, try finiteDifferenceForces(model, Array(frames.prefix(2))))
        add(.cutoffContinuity, try cutoffContinuity(model, rng))
        add(.saveLoad, try roundTrip(model, frames[0], permutationEncoder, rotationOperator))
        add(.outputSizes, try outputSizes(model, frames[0]))
        return ConformanceReport(variant: pipelineName(config), results: results)
    }

    /// "P_s sab[preset small] + R_s gram-factored": the stages of a config with their given options.
    public static func pipelineName(_ c: ModelConfig) -> String {
        func stage(_ key: String, _ options: OptionValues) -> String {
            options.isEmpty ? key : key + "[" + options.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "]"
        }
        let d = c.descriptor
        let embedding = d.embedding == PerTypeEmbedding.key && d.embeddingOptions.isEmpty ? "" : "L \(stage(d.embedding, d.embeddingOptions)) + "
        return embedding + "P_s \(stage(d.permutation, d.permutationOptions)) + R_s \(stage(d.rotation, d.rotationOptions))"
    }

    /// Symmetry errors of a (trained) model on given frames: GSL Haar-random rotations, random
    /// translations and same-type permutations, one per frame, drawn from `seed`. Relative errors
    /// as in `check` (E, F and, where defined, W per property, largest over the frames).
    public static func symmetryErrors(of model: DeepPotModel, frames: [Frame], seed: UInt64)
        throws -> [ConformanceProperty: [FieldError]] {
        let rng = RandomSource(seed: seed)
        return [.rotation: try rotation(model, frames, rng), .translation: try translation(model, frames, rng),
                .permutation: try permutation(model, frames, rng)]
    }

    /// The pipelines that test every registered variant (or those in `keys`) at its defaults and at
    /// each of its presets: each P_s with the baseline R_s and each R_s with the baseline P_s, each
    /// L with the baseline P_s and R_s, and DPA-1 as a whole; each distinct pipeline once.
    public static func registryConfigs(keys: [String] = []) -> [ModelConfig] {
        var configs: [ModelConfig] = []
        for entry in VariantRegistry.entries where keys.isEmpty || keys.contains(entry.key) {
            let presets = entry.presets.filter { !$0.values.isEmpty }  // a preset equal to the defaults adds nothing
            for options in [[:]] + presets.map({ ["preset": OptionValue.string($0.name)] }) {
                let config = entry.role == .permutation ? TestStructures.smallConfig(permutation: entry.key, permutationOptions: options)
                    : TestStructures.smallConfig(rotation: entry.key, rotationOptions: options)
                if !configs.contains(config) { configs.append(config) }
            }
        }
        for key in VariantRegistry.embeddingKeys where keys.isEmpty || keys.contains(key) {
            let config = TestStructures.smallConfig(embedding: key)
            if !configs.contains(config) { configs.append(config) }
        }
        if keys.isEmpty || keys.contains(TypeEmbedding.key) || keys.contains(GatedAttention.key) {  // DPA-1 as a whole
            configs.append(TestStructures.smallConfig(embedding: TypeEmbedding.key, permutation: GatedAttention.key,
                                                      permutationOptions: ["preset": .string("dpa1")]))
        }
        return configs
    }

    /// Reports for every registered variant (see `registryConfigs`).
    public static func checkRegistry(keys: [String] = [], trials: Int = 3, seed: UInt64 = 2024) throws -> [ConformanceReport] {
        try registryConfigs(keys: keys).map { try check(config: $0, trials: trials, seed: seed) }
    }

    /// E, F, W errors against the invariance tolerance, in that order.
    static func invariance(_ errors: [String: Double]) -> [FieldError] {
        ["E", "F", "W"].compactMap { k in errors[k].map { FieldError(field: k, error: $0, tolerance: invarianceTolerance) } }
    }

    static func rotation(_ m: DeepPotModel, _ frames: [Frame], _ rng: RandomSource) throws -> [FieldError] {
        var e = 0.0, f = 0.0, w = 0.0
        for frame in frames {
            let q = randomRotation(rng)
            let a = try m.evaluate(frame), b = try m.evaluate(rotated(frame, by: q))
            e = max(e, abs(a.energy - b.energy) / max(1, abs(a.energy)))
            f = max(f, maxAbsDifference(rotateRows(a.forces, q), b.forces) / scale(a.forces))
            w = max(w, maxAbsDifference(rotateTensor(a.virial, q), b.virial) / scale(a.virial))
        }
        return invariance(["E": e, "F": f, "W": w])
    }

    static func translation(_ m: DeepPotModel, _ frames: [Frame], _ rng: RandomSource) throws -> [FieldError] {
        var e = 0.0, f = 0.0, w = 0.0
        for frame in frames {
            let t = (0..<3).map { _ in 10 * (rng.uniform() - 0.5) }
            let a = try m.evaluate(frame), b = try m.evaluate(translated(frame, by: t))
            e = max(e, abs(a.energy - b.energy) / max(1, abs(a.energy)))
            f = max(f, maxAbsDifference(a.forces, b.forces) / scale(a.forces))
            w = max(w, maxAbsDifference(a.virial, b.virial) / scale(a.virial))
        }
        return invariance(["E": e, "F": f, "W": w])
    }

    static func permutation(_ m: DeepPotModel, _ frames: [Frame], _ rng: RandomSource) throws -> [FieldError] {
        var e = 0.0, f = 0.0
        for frame in frames {
            let p = randomSameTypePermutation(types: frame.types, rng: rng)
            let a = try m.evaluate(frame), b = try m.evaluate(permutedSameType(frame, permutation: p))
            let expected = p.flatMap { a.forces[(3 * $0)..<(3 * $0 + 3)] }
            e = max(e, abs(a.energy - b.energy) / max(1, abs(a.energy)))
            f = max(f, maxAbsDifference(expected, b.forces) / scale(a.forces))
        }
        return invariance(["E": e, "F": f])
    }

    /// Shuffles slots inside each type block (valid and padded mixed); with `movePadding` the
    /// padded pair vectors are also replaced by other vectors beyond r_c.
    static func neighbourOrder(_ m: DeepPotModel, _ frames: [Frame], _ rng: RandomSource, movePadding: Bool) throws -> [FieldError] {
        var e = 0.0, f = 0.0
        for frame in frames {
            let batch = try m.batch(for: frame)
            var order: [Int] = []
            for centre in 0..<batch.rows {
                var offset = centre * batch.nnei
                for count in batch.sel {
                    order += rng.permutation(count).map { offset + $0 }
                    offset += count
                }
            }
            let far = movePadding ? rotateRows([3.7 * batch.rcut, 0, 0], randomRotation(rng)) : nil
            let a = m.evaluate(batch), b = m.evaluate(batch.reordered(slots: order, paddingVector: far))
            e = max(e, abs(a.energy - b.energy) / max(1, abs(a.energy)))
            f = max(f, maxAbsDifference(a.forces, b.forces) / scale(a.forces))
        }
        return invariance(["E": e, "F": f])
    }

    /// |F − F_fd| / (1e-7/1e-6 + max|F|) with F_fd = −(E(r + h) − E(r − h))/2h, h = 1e-5 Å, every coordinate
    /// (the tolerance 1e-6 then means 1e-7 eV/Å absolute + 1e-6 relative, spec §14.2).
    static func finiteDifferenceForces(_ m: DeepPotModel, _ frames: [Frame]) throws -> [FieldError] {
        var worst = 0.0
        let h = 1e-5
        for frame in frames {
            let analytic = try m.evaluate(frame).forces
            for k in 0..<frame.positions.count {
                var plus = frame, minus = frame
                plus.positions[k] += h
                minus.positions[k] -= h
                let numeric = -(try m.energy(of: plus) - m.energy(of: minus)) / (2 * h)
                worst = max(worst, abs(numeric - analytic[k]) / (0.1 + scale(analytic)))  // 1e-7 abs + 1e-6 rel
            }
        }
        return [FieldError(field: "F", error: worst, tolerance: 1e-6)]
    }

    /// Moves one neighbour radially through r_c (r_c ∓ δ, δ = 1e-4 Å) from a cluster whose other
    /// atoms sit behind the centre, farther than r_c from it: E must agree to 1e-9 relative and
    /// the forces to 1e-6 relative (w is C², so the jumps shrink like δ³ and δ², spec §14.7).
    /// Then the rank-swap probe (`rankSwap`).
    static func cutoffContinuity(_ m: DeepPotModel, _ rng: RandomSource) throws -> [FieldError] {
        let rc = m.config.descriptor.rcut, delta = 1e-4
        let direction = rotateRows([1, 0, 0], randomRotation(rng))
        var core: [Double] = [0, 0, 0]
        for k in 1..<4 {
            let jitter = (0..<3).map { _ in 0.3 * (rng.uniform() - 0.5) }
            core += (0..<3).map { -1.1 * Double(k) * direction[$0] + jitter[$0] }
        }
        func frame(at r: Double) -> Frame { Frame(types: [0, 1, 0, 1, 1], positions: core + direction.map { $0 * r }) }
        let inside = try m.evaluate(frame(at: rc - delta)), outside = try m.evaluate(frame(at: rc + delta))
        return [FieldError(field: "E", error: abs(inside.energy - outside.energy) / max(1, abs(inside.energy)), tolerance: 1e-9),
                FieldError(field: "F", error: maxAbsDifference(inside.forces, outside.forces) / scale(inside.forces), tolerance: 1e-6),
                try rankSwap(m, rng)]
    }

    /// Moves neighbour b of a centre radially through the distance of neighbour a (other type), from
    /// r_a − δ to r_a + δ with δ = 1e-6 Å, and compares the energy change with the work of the
    /// forces along the move (trapezoid rule, error O(δ³)): a smooth model agrees to round-off, an
    /// encoder that depends on the distance order jumps by O(1).
    static func rankSwap(_ m: DeepPotModel, _ rng: RandomSource) throws -> FieldError {
        let q = randomRotation(rng), ra = 0.45 * m.config.descriptor.rcut, delta = 1e-6
        let (ua, ub) = (rotateRows([1, 0, 0], q), rotateRows([-0.2, 0.96.squareRoot(), 0], q))
        func frame(_ rb: Double) -> Frame {
            Frame(types: [0, 1, 0, 0], positions: [0, 0, 0] + ua.map { $0 * ra } + ub.map { $0 * rb } + rotateRows([-0.7, -0.5, 0.6], q))
        }
        let before = try m.evaluate(frame(ra - delta)), after = try m.evaluate(frame(ra + delta))
        var work = 0.0  // ∫ F·dr along the move
        for a in 0..<3 { work += 0.5 * (before.forces[6 + a] + after.forces[6 + a]) * ub[a] * 2 * delta }
        let jump = abs(after.energy - before.energy + work) / max(1, abs(before.energy))
        return FieldError(field: "E swap", error: jump, tolerance: 1e-9)
    }

    /// Saves the model as JSON, loads it back, and compares E and F exactly.
    static func roundTrip(_ m: DeepPotModel, _ frame: Frame, _ p: (any PermutationEncoder.Type)?,
                          _ r: (any RotationOperator.Type)?) throws -> [FieldError] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("symlab-kit-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile(model: m).write(to: path)
        let loaded = try ModelFile.read(from: path).makeModel(permutationEncoder: p, rotationOperator: r)
        let a = try m.evaluate(frame), b = try loaded.evaluate(frame)
        return [FieldError(field: "E", error: abs(a.energy - b.energy), tolerance: 0),
                FieldError(field: "F", error: maxAbsDifference(a.forces, b.forces), tolerance: 0)]
    }

    /// Declared per-centre shapes of the pooled matrix and descriptor against the computed ones
    /// (error = number of mismatching extents).
    static func outputSizes(_ m: DeepPotModel, _ frame: Frame) throws -> [FieldError] {
        let batch = try m.batch(for: frame)
        let declared = m.declaredFields
        let (pooled, descriptor) = m.stageOutputs(m.neighbourSet(batch))
        func mismatch(_ t: Tensor, _ spec: FieldSpec) -> Double {
            Double(Array(t.shape.dropFirst()) == spec.shape && t.shape.first == batch.rows ? 0 : 1)
        }
        return [FieldError(field: "pooled", error: mismatch(pooled, declared.pooled), tolerance: 0),
                FieldError(field: "D", error: mismatch(descriptor, declared.descriptor), tolerance: 0)]
    }
}

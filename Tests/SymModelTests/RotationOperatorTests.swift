import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

/// truncated-axis, radial-only, local-frame and augmented-none against independent computations.
@Suite("Rotation operators")
struct RotationOperatorTests {
    /// A kit model with `rotation` and `options`, sharing the nets of `like` when given.
    static func model(_ rotation: String, _ options: OptionValues = [:], like: DeepPotModel? = nil) throws -> DeepPotModel {
        let model = try TestStructures.model(TestStructures.smallConfig(rotation: rotation, rotationOptions: options))
        guard let like else { return model }
        var weights = model.weights
        weights.embedding = like.weights.embedding
        return try DeepPotModel(config: model.config, weights: weights)
    }

    static func descriptors(_ m: DeepPotModel, _ frame: Frame) throws -> (pooled: Tensor, d: Tensor) {
        let outputs = m.stageOutputs(m.neighbourSet(try m.batch(for: frame)))
        return (outputs.pooled, outputs.descriptor)
    }

    @Test func truncatedAxisIsGramFactoredWithItsOwnWidth() throws {
        let factored = try Self.model(GramFactored.key)  // axis_neuron 3
        let truncated = try Self.model(TruncatedAxis.key, ["axis": .int(3)], like: factored)
        let frame = TestStructures.periodicFrame(RandomSource(seed: 3))
        #expect(try Self.descriptors(truncated, frame).d.scalars == Self.descriptors(factored, frame).d.scalars)
        let one = try Self.model(TruncatedAxis.key, ["preset": .string("single")], like: factored)
        let (pooled, d) = try Self.descriptors(one, frame)
        // axis 1: D[a] = Σ_k T[a, k] T[0, k].
        let t = pooled.scalars, rows = pooled.shape[1]
        let expected = (0..<(t.count / 4)).map { i in (0..<4).reduce(0.0) { $0 + t[4 * i + $1] * t[4 * (i / rows * rows) + $1] } }
        #expect(FixtureCheck.relativeError(d.scalars, expected) < 1e-14)
    }

    @Test func truncatedAxisWiderThanTheEmbeddingIsAConfigError() {
        let config = TestStructures.smallConfig(rotation: TruncatedAxis.key, rotationOptions: ["axis": .int(9)])
        let problems = config.problems().map(\.description)
        #expect(problems == ["[at `model.descriptor.rotation.axis`] must be at most the embedding width M1 = 8 (model.descriptor.neuron), got 9"])
        #expect(throws: ConfigError.self) { _ = try DeepPotModel(config: config) }
    }

    /// Turning one neighbour about the centre (same distance) leaves radial-only's D of that
    /// centre unchanged and changes gram-factored's.
    @Test func radialOnlySeesDistancesOnly() throws {
        let radial = try Self.model(RadialOnly.key), gram = try Self.model(GramFactored.key, like: radial)
        let frame = TestStructures.cluster(RandomSource(seed: 12))
        var turned = frame
        let centre = Array(frame.positions[0..<3]), q = randomRotation(RandomSource(seed: 4))
        let v = (0..<3).map { frame.positions[3 + $0] - centre[$0] }
        for a in 0..<3 { turned.positions[3 + a] = centre[a] + (0..<3).reduce(0) { $0 + q[3 * a + $1] * v[$1] } }
        func centreDescriptor(_ m: DeepPotModel, _ f: Frame) throws -> [Double] {
            let d = try Self.descriptors(m, f).d
            return Array(d.scalars[0..<d.shape[1]])
        }
        #expect(FixtureCheck.relativeError(try centreDescriptor(radial, turned), try centreDescriptor(radial, frame)) < 1e-14)
        #expect(FixtureCheck.relativeError(try centreDescriptor(gram, turned), try centreDescriptor(gram, frame)) > 1e-3)
    }

    /// local-frame's D is T expressed in the frame: rotating the structure so that the frame of
    /// atom 0 becomes the lab frame, atom 0's D equals its T there.
    @Test func localFrameIsTheCentresTInItsFrame() throws {
        let m = try Self.model(LocalFrame.key)
        let frame = TestStructures.cluster(RandomSource(seed: 21))
        let set = m.neighbourSet(try m.batch(for: frame))
        let e = LocalFrame.frames(set).scalars  // [A, 3, 3]
        let rows = Array(e[0..<9])
        let product = (0..<9).map { (k: Int) -> Double in
            let i = k / 3, j = k % 3
            return rows[3 * i] * rows[3 * j] + rows[3 * i + 1] * rows[3 * j + 1] + rows[3 * i + 2] * rows[3 * j + 2]
        }
        #expect(FixtureCheck.relativeError(product, [1, 0, 0, 0, 1, 0, 0, 0, 1]) < 1e-14)
        let minors: [Double] = [rows[4] * rows[8] - rows[5] * rows[7], rows[3] * rows[8] - rows[5] * rows[6],
                                rows[3] * rows[7] - rows[4] * rows[6]]
        let det: Double = rows[0] * minors[0] - rows[1] * minors[1] + rows[2] * minors[2]
        #expect(abs(det - 1) < 1e-14)
        let d = m.stageOutputs(set).descriptor
        let (pooled, _) = try Self.descriptors(m, rotated(frame, by: rows))  // r' = E r: e1 → x, e2 → y
        let width = d.shape[1]
        #expect(FixtureCheck.relativeError(Array(d.scalars[0..<width]), Array(pooled.scalars[0..<width])) < 1e-12)
    }

    /// With noise 0 augmented-none starts as gram-factored; with noise its D changes under rotation.
    @Test func augmentedNoneStartsInvariantOnlyWithoutNoise() throws {
        let factored = try Self.model(GramFactored.key)
        let clean = try Self.model(AugmentedNone.key, ["noise": .number(0)], like: factored)
        let frame = TestStructures.periodicFrame(RandomSource(seed: 5))
        #expect(try Self.descriptors(clean, frame).d.scalars == Self.descriptors(factored, frame).d.scalars)
        let noisy = try Self.model(AugmentedNone.key, like: factored)
        let q = randomRotation(RandomSource(seed: 6))
        let a = try noisy.evaluate(frame).energy, b = try noisy.evaluate(rotated(frame, by: q)).energy
        #expect(abs(a - b) > 1e-6 * abs(a))
        #expect(noisy.parameterCount == factored.parameterCount + 16)
    }
}

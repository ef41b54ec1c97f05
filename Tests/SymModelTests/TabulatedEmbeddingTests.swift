import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

@Suite("Tabulated embedding (compressed se_e2_a)")
struct TabulatedEmbeddingTests {
    /// DeePMD-kit's tiny se_e2_a fixture (rcut 6 Å, sel 46/92, nets 1→8→16→16→32, statistics of
    /// water data_0) as an exact model, and its compressed form with r_min of the fixture frames.
    static func exactAndCompressed(stride: Double = 0.01, fixture name: String = "deepmd-se_e2_a-tiny") throws
        -> (exact: DeepPotModel, compressed: DeepPotModel, frames: [Frame]) {
        let fixture = try TestFixtures.fixture(name)
        let exact = try fixture.makeModel(), frames = fixture.frames.map(\.frame)
        let rmin = try #require(try TabulatedEmbedding.minimumNeighbourDistance(
            in: Dataset(typeMap: ["O", "H"], systems: frames.map { AtomSystem(name: "fixture", frames: [$0]) }), rcut: 6))
        let file = try TabulatedEmbedding.compress(ModelFile(model: exact), source: "fixture", minimumDistance: rmin, stride: stride)
        return (exact, try file.makeModel(), frames)
    }

    @Test("value, slope and curvature of a net with concat and identity skips and timesteps, against differences")
    func scalarDerivativesOfANet() {
        let net = MLPParameters.random(widths: [1, 2, 4, 4], resnetDt: true, linearOutput: false, rng: RandomSource(seed: 5))
        #expect(net.layers.map(\.skip) == [.concat, .concat, .identity] && net.layers[2].timestep != nil)
        let xs = [-1.3, -0.2, 0.4, 2.5], h = 1e-4
        let d = net.scalarDerivatives(at: xs)
        for (i, x) in xs.enumerated() {
            let (plus, minus) = (net.scalarDerivatives(at: [x + h]), net.scalarDerivatives(at: [x - h]))
            for c in 0..<4 {
                #expect(abs(d.value[4 * i + c] - ReferenceSeA.apply(net, to: [x])[c]) < 1e-15)
                #expect(abs(d.first[4 * i + c] - (plus.value[c] - minus.value[c]) / (2 * h)) < 1e-8)
                #expect(abs(d.second[4 * i + c] - (plus.first[c] - minus.first[c]) / (2 * h)) < 1e-8)
            }
        }
    }

    @Test("DeePMD-kit's table range: s̃ of an empty slot and of the closest neighbour over all four columns, rounded outward")
    func tableRange() {
        // μ_s = (0.1, 0.3), σ_s = (0.2, 0.25), σ_a = (0.1, 0.15); r_min = 1.5 between r_s = 1 and r_c = 3:
        // u = 0.25, w = 0.896484375, s = w/r = 0.59765625
        let r = TabulatedEmbedding.range(davg: [0.1, 0, 0, 0, 0.3, 0, 0, 0], dstd: [0.2, 0.1, 0.1, 0.1, 0.25, 0.15, 0.15, 0.15],
                                         rcut: 3, rcutSmooth: 1, minimumDistance: 1.5)
        // lower = ⌊min(−0.5, 0, −1.2, 0)⌋ = −2; upper = ⌈max((s − 0.1)/0.2, s/0.1, (s − 0.3)/0.25, s/0.15)⌉ = ⌈5.977⌉ = 6
        // (the radial column alone would give ⌈2.488⌉ = 3: DeePMD-kit's PyTorch backend takes all four)
        #expect(r.lower == -2 && r.upper == 6)
    }

    @Test("the tables match the nets between nodes to the quintic Hermite bound, and a coarse stride exceeds it")
    func interpolationError() throws {
        let (_, compressed, _) = try Self.exactAndCompressed()
        let stage = try #require(compressed.embeddingStage as? TabulatedEmbedding)
        let errors = stage.interpolationErrors()
        #expect(errors.count == 4 && errors.allSatisfy { $0.points > 0 })
        // Fine grid h = 0.01: error ≤ h⁶/46080 · max|N⁽⁶⁾| ~ 1e-17 · max|N⁽⁶⁾|; round-off dominates.
        for e in errors where e.region == "fine" {
            #expect(e.valueRelative < 1e-12 && e.slopeRelative < 1e-10, "net \(e.net): \(e.valueRelative), \(e.slopeRelative)")
        }
        for e in errors where e.region == "coarse" {
            #expect(e.valueRelative < 1e-8 && e.slopeRelative < 1e-6, "net \(e.net) coarse: \(e.valueRelative), \(e.slopeRelative)")
        }
        // The same measure notices a 30x coarser table (h⁶: ~1e9 times larger errors).
        let coarse = try #require(try Self.exactAndCompressed(stride: 0.3).compressed.embeddingStage as? TabulatedEmbedding)
        #expect(coarse.interpolationErrors().contains { $0.region == "fine" && $0.valueRelative > 1e-10 })
    }

    @Test("compressed against exact on DeePMD-kit's fixture frames: E to 1e-12 eV/atom, F to 1e-10 eV/Å; a 30x coarser table fails both")
    func energiesAndForcesMatchTheExactModel() throws {
        // With h = 0.01 the interpolation error (∝ h⁶) is below round-off for these nets (measured:
        // ΔE 0, ΔF 1e-14): the bounds sit two orders above that and ten below a trained water
        // model's errors (~1e-3 eV/atom, ~4e-2 eV/Å), so compression cannot change a reported
        // error (|RMSE_c − RMSE_e| ≤ RMS ΔF by the triangle inequality). A table with h = 0.3
        // (measured: ΔE 8e-11, ΔF 4e-9) must exceed both bounds, so they would catch a wrong table.
        // The two-side fixture (a net per type pair, timestep vectors) checks the net of each slot.
        for (stride, within, name) in [(0.01, true, "deepmd-se_e2_a-tiny"), (0.3, false, "deepmd-se_e2_a-tiny"),
                                       (0.01, true, "deepmd-se_e2_a-tiny-two-side")] {
            let (exact, compressed, frames) = try Self.exactAndCompressed(stride: stride, fixture: name)
            #expect(compressed.embeddingStage is TabulatedEmbedding)
            let d = try PredictionDifference.measure(compressed, exact, frames: frames)
            #expect(d.frames == 3)
            #expect((d.energyPerAtomMax < 1e-12) == within, "\(name), stride \(stride): max |ΔE|/N = \(d.energyPerAtomMax) eV")
            #expect((d.forceMax < 1e-10) == within, "\(name), stride \(stride): max |ΔF| = \(d.forceMax) eV/Å")
            let rmse = try #require(d.labelForceRMSE)
            #expect(abs(rmse.a - rmse.b) <= d.forceRMS + 1e-15)
        }
    }

    @Test("a compressed file keeps the nets, records its settings and loads bit-identically")
    func compressedFileRoundTrip() throws {
        let (_, compressed, frames) = try Self.exactAndCompressed()
        let path = ModelFileTests.temporaryPath("compressed.json")
        try ModelFile(model: compressed, provenance: ["compressed_from": "fixture"]).write(to: path)
        let file = try ModelFile.read(from: path)
        #expect(file.config.descriptor.embedding == "tabulated" && file.weights == compressed.weights)
        #expect(Set(file.config.descriptor.embeddingOptions.keys) == ["lower", "upper", "stride", "extrapolate"])
        let loaded = try ModelFile.load(from: path)
        #expect(try loaded.evaluate(frames[0]).forces == compressed.evaluate(frames[0]).forces)
    }

    @Test func compressRefusesOtherEmbeddingsAndBadDistances() throws {
        let attention = try DeepPotModel(config: TestStructures.smallConfig(embedding: TypeEmbedding.key))
        let error = try #require(throws: DataError.self) {
            _ = try TabulatedEmbedding.compress(ModelFile(model: attention), source: "dpa1.json", minimumDistance: 1)
        }
        #expect(error.description == "dpa1.json: has embedding 'type-embedding'; only per-type embedding nets (DeePMD-kit se_e2_a) can be tabulated")
        let tabulated = try DeepPotModel(config: TestStructures.smallConfig(embedding: TabulatedEmbedding.key))
        #expect(throws: DataError.self) { _ = try TabulatedEmbedding.compress(ModelFile(model: tabulated), source: "t.json", minimumDistance: 1) }
        let perType = try DeepPotModel(config: TestStructures.smallConfig())
        let far = try #require(throws: DataError.self) {
            _ = try TabulatedEmbedding.compress(ModelFile(model: perType), source: "m.json", minimumDistance: 3.5)
        }
        #expect(far.problem.contains("must be in (0, rcut = 3.0) Å, got 3.5"))
    }

    @Test func optionProblemsNameTheOption() {
        var config = TestStructures.smallConfig(embedding: TabulatedEmbedding.key)
        config.descriptor.embeddingOptions = ["lower": .number(2), "upper": .number(1)]
        #expect(config.problems().map(\.description) == ["[at `model.descriptor.embedding.upper`] must be greater than lower (2.0), got 1.0"])
        config.descriptor.embeddingOptions = ["stride": .number(1e-6)]
        #expect(config.problems().first.map { $0.description.contains("embedding.stride`] gives") && $0.description.contains("(at most 20000)") } == true)
        config.descriptor.embeddingOptions = ["upper": .number(-0.5), "lower": .number(-1)]
        #expect(config.problems().first?.description.contains("must be > 0") == true)
        #expect(TabulatedEmbedding.trainingProblem?.contains("symlab compress") == true && PerTypeEmbedding.trainingProblem == nil)
    }
}

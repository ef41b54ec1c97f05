import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// SeAParameters / DenseLayer / MLPParameters: sizes, DeePMD's layer rules, initialisation, Codable.
@Suite("se_e2_a parameters")
struct ReferenceParametersTests {
    /// DeePMD's water example: embedding [25, 50, 100], M2 16, fitting [240, 240, 240] with resnet_dt.
    static func water(seed: UInt64 = 1, typeOneSide: Bool = true) -> SeAParameters {
        .random(typeMap: ["O", "H"], rcut: 6, rcutSmooth: 0.5, sel: [46, 92], embeddingWidths: [25, 50, 100],
                axisNeurons: 16, fittingWidths: [240, 240, 240], typeOneSide: typeOneSide,
                resnetDtFitting: true, seed: seed)
    }

    @Test("water-size model has DeePMD's 1,014,182 trainable parameters")
    func waterParameterCount() {
        let p = Self.water()
        #expect(p.problems().isEmpty)
        #expect(p.nnei == 138 && p.embeddingWidth == 100 && p.descriptorWidth == 1600)
        // Embedding 1→25→50→100: (25+25) + (1250+50) + (5000+100) = 6,450 per net, no idt.
        #expect(p.embedding.map(\.parameterCount) == [6_450, 6_450])
        // Fitting 1600→240 (384,240) + 2 × 240→240 with idt (58,080) + 240→1 (241) = 500,641 per type.
        #expect(p.fitting.map(\.parameterCount) == [500_641, 500_641])
        #expect(p.parameterCount == 1_014_182)
        // Two-side: four embedding nets.
        var two = p
        two.typeOneSide = false
        two.embedding += p.embedding
        #expect(two.problems().isEmpty && two.parameterCount == 1_014_182 + 12_900)
    }

    @Test("width rule: identity when equal, concat when doubling, none otherwise")
    func skipRule() {
        let cases: [(Int, Int, SkipKind)] = [(1, 25, .none), (25, 50, .concat), (50, 100, .concat), (1, 2, .concat),
                                             (16, 16, .identity), (240, 240, .identity), (1600, 240, .none),
                                             (240, 1, .none), (1, 1, .identity)]
        for (nIn, nOut, kind) in cases { #expect(SkipKind.rule(inputs: nIn, outputs: nOut) == kind) }
    }

    @Test("random water model: layer kinds and timesteps follow DeePMD")
    func randomLayerRules() {
        let p = Self.water()
        for net in p.embedding {
            #expect(net.layers.map { [$0.inputs, $0.outputs] } == [[1, 25], [25, 50], [50, 100]])
            #expect(net.layers.map(\.skip) == [.none, .concat, .concat])
            #expect(net.layers.allSatisfy { $0.timestep == nil && $0.activation == .tanh })
        }
        for net in p.fitting {
            #expect(net.layers.map { [$0.inputs, $0.outputs] } == [[1600, 240], [240, 240], [240, 240], [240, 1]])
            #expect(net.layers.map(\.skip) == [.none, .identity, .identity, .none])
            #expect(net.layers.map { $0.timestep != nil } == [false, true, true, false])
            #expect(net.layers.map(\.activation) == [.tanh, .tanh, .tanh, .linear])
        }
        // resnet_dt on the embedding net gives idt exactly where a skip fires.
        let e = MLPParameters.random(widths: [1, 25, 50, 100], resnetDt: true, linearOutput: false,
                                     rng: RandomSource(seed: 5))
        #expect(e.layers.map { $0.timestep != nil } == [false, true, true])
        #expect(p.davg.allSatisfy { $0 == 0 } && p.dstd.allSatisfy { $0 == 1 } && p.energyBias == [0, 0])
    }

    @Test("initial values: W ~ N(0, 1/√(n_in+n_out)), b ~ N(0, 1), idt ~ N(0.1, 0.001)")
    func initialDistributions() {
        func meanStd(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            return (m, (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot())
        }
        let p = Self.water(seed: 42)
        let big = p.fitting[0].layers[0]                        // 384,000 weights
        let (wm, ws) = meanStd(big.weight)
        let sigma = 1 / (1840.0).squareRoot()
        #expect(abs(wm) < 5 * sigma / (384_000.0).squareRoot())
        #expect(abs(ws / sigma - 1) < 0.01)
        let biases = (p.embedding + p.fitting).flatMap { $0.layers.flatMap(\.bias) }   // 1,792 values
        let (bm, bs) = meanStd(biases)
        #expect(abs(bm) < 0.15 && abs(bs - 1) < 0.06)
        let idt = p.fitting.flatMap { $0.layers.compactMap(\.timestep).flatMap { $0 } }  // 960 values
        let (dm, ds) = meanStd(idt)
        #expect(abs(dm - 0.1) < 2e-4 && abs(ds / 0.001 - 1) < 0.1)
    }

    @Test("same seed, same parameters; another seed, other parameters")
    func seeding() {
        let small = { (seed: UInt64) in SmallSystems.parameters(seed: seed) }
        #expect(small(3) == small(3))
        #expect(small(3) != small(4))
    }

    @Test("Codable round trip through JSON is exact", arguments: TestFixtures.names)
    func codableRoundTrip(name: String) throws {
        let p = try TestFixtures.fixture(name).parameters
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(SeAParameters.self, from: data) == p)
    }

    @Test("embedding index: neighbour type (one side) or t_i·ntypes + t_j (two side)")
    func embeddingIndex() {
        let one = SmallSystems.parameters(typeOneSide: true)
        let two = SmallSystems.parameters(typeOneSide: false)
        #expect(one.embedding.count == 2 && two.embedding.count == 4)
        #expect([(0, 0), (0, 1), (1, 0), (1, 1)].map { one.embeddingIndex(centre: $0, neighbour: $1) } == [0, 1, 0, 1])
        #expect([(0, 0), (0, 1), (1, 0), (1, 1)].map { two.embeddingIndex(centre: $0, neighbour: $1) } == [0, 1, 2, 3])
    }

    @Test("inconsistent parameters are reported, and validate throws a one-line DataError")
    func validation() {
        var p = SmallSystems.parameters()
        #expect(p.problems().isEmpty)
        p.fitting[1].layers[0].weight.removeLast()
        p.sel = [24]
        p.dstd[5] = 0
        p.embedding[0].layers[1].skip = .identity
        let problems = p.problems()
        #expect(problems.contains { $0.hasPrefix("fitting 1: layer 0: weight has") })
        #expect(problems.contains { $0.hasPrefix("sel has 1 entries") })
        #expect(problems.contains { $0.hasPrefix("dstd must be positive") })
        #expect(problems.contains { $0.hasPrefix("embedding 0: layer 1: identity skip") })
        #expect(throws: DataError.self) { try p.validate(source: "model.json") }
        do { try p.validate(source: "model.json") } catch let e as DataError {
            #expect(e.file == "model.json" && !e.description.contains("\n"))
        } catch { Issue.record("unexpected error \(error)") }
    }
}

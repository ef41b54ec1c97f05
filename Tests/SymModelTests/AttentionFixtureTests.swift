import Foundation
import SymAtoms
import SymLabTestKit
import Testing
@testable import SymModel

/// The se_atten_v2 (DPA-1) fixture and the fixture reader's handling of whichever atoms a fixture
/// lists (issue 11 item 5).
@Suite("DeePMD-kit se_atten_v2 fixture and flexible intermediates")
struct AttentionFixtureTests {
    @Test func attentionFixtureDecodesWithTheGeneratorsSizes() throws {
        let fx = try TestFixtures.fixture("deepmd-se_atten_v2-tiny")
        let d = fx.config.descriptor
        #expect(fx.descriptorType == "se_atten_v2" && fx.seA == nil)
        #expect(d.sel == [120] && d.neuron == [8, 16, 16] && d.axisNeuron == 4 && !d.typeOneSide && fx.config.fitting.mixedTypes)
        #expect(d.embedding == TypeEmbedding.key && d.embeddingOptions == ["tebd_dim": .int(8)])
        #expect(d.permutation == GatedAttention.key && d.permutationOptions["layers"] == .int(2) && d.permutationOptions["width"] == .int(12))
        #expect(fx.weights.embedding.map(\.inputs) == [1, 16, 2] && fx.weights.fitting.map(\.inputs) == [16 * 4 + 8])
        #expect(fx.weights.stageParameters.map(\.count) == [16 * 36, 36, 12 * 16, 16, 16, 16, 16 * 36, 36, 12 * 16, 16, 16, 16])
        let inter = try #require(fx.intermediates)
        #expect(Set(inter.env.keys) == [0, 1, 64, 65] && Set(inter.attentionG.keys) == [0, 1, 64, 65] && inter.d[64]?.count == 72)
        #expect(throws: DataError.self) { _ = try fx.parameters }
    }

    /// DeePMD-kit 3.2.0's own count for its water se_atten_v2 example (sel 120, neuron [25, 50, 100],
    /// axis 16, attn 128 × 2 layers, tebd 8, fitting [240, 240, 240]): 117,059 descriptor +
    /// 502,561 fitting (shared/anchors/deepmd.md).
    @Test func waterDPA1HasDeePMDsParameterCount() throws {
        var c = ModelConfig(typeMap: ["O", "H"])
        c.descriptor.sel = [120]
        c.descriptor.typeOneSide = false
        c.descriptor.embedding = TypeEmbedding.key
        c.descriptor.permutation = GatedAttention.key
        c.descriptor.permutationOptions = ["preset": .string("dpa1")]
        c.fitting.mixedTypes = true
        let model = try DeepPotModel(config: c)
        #expect(model.parameterCount == 619_620)
        #expect(model.fittingNets[0].parameters.map(\.count).reduce(0, +) == 502_561)
    }

    /// The se_e2_a fixture's JSON as a mutable tree.
    func tree() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: TestFixtures.data("deepmd-se_e2_a-tiny")) as? [String: Any])
    }

    func load(_ tree: [String: Any]) throws -> DeePMDFixture {
        try DeePMDFixture.decode(try JSONSerialization.data(withJSONObject: tree), source: "edited.json")
    }

    @Test func onlyTheListedAtomsAreCompared() throws {
        var t = try tree()
        var inter = try #require(t["intermediates"] as? [String: Any])
        for key in ["env_matrix_atom64", "embedding_G_atom64", "T_atom64", "descriptor_atom64"] { inter[key] = nil }
        t["intermediates"] = inter
        let fixture = try load(t)
        let stages = try FixtureCheck.run(fixture)
        #expect(Set(try #require(fixture.intermediates).t.keys) == [0, 1, 2])
        #expect(!stages.contains { $0.name.hasSuffix("atom 64") } && stages.contains { $0.name == "T atom 2" })
        #expect(stages.allSatisfy { $0.passed })
    }

    @Test func withoutIntermediatesTheLabelsAreStillCompared() throws {
        var t = try tree()
        t["intermediates"] = nil
        let fx = try load(t)
        let stages = try FixtureCheck.run(fx)
        #expect(fx.intermediates == nil && stages.count == 12 && stages.allSatisfy { $0.passed })
        #expect(stages.map(\.name).filter { $0.hasPrefix("forces") }.count == 3)
    }

    /// A small molecule (the 9-atom cluster) with intermediates for its last atom, computed by the
    /// oracle (which matches DeePMD to 1e-15 on the fixture atoms): it loads and reproduces.
    @Test func smallMoleculeIntermediatesLoad() throws {
        var t = try tree()
        let fx = try TestFixtures.fixture("deepmd-se_e2_a-tiny")
        let cluster = try #require(fx.frames.last)
        let s = ReferenceSeA.stages(atom: 8, in: cluster.frame, parameters: try fx.parameters)
        func rows(_ v: [Double], _ w: Int) -> [[Double]] { stride(from: 0, to: v.count, by: w).map { Array(v[$0..<($0 + w)]) } }
        t["intermediates"] = [
            "frame": cluster.name,
            "env_matrix_atom8": ["center_atom": 8, "valid": s.slots.map(\.isValid), "neighbour_type": s.slots.map(\.type),
                                 "rij": s.slots.map(\.rij), "r": s.slots.map(\.distance), "sw": s.switchWeights,
                                 "R_raw": ["data": rows(s.raw, 4)], "R_norm": ["data": rows(s.normalized, 4)]],
            "embedding_G_atom8": ["data": rows(s.g, 32)], "T_atom8": ["data": rows(s.t, 4)], "descriptor_atom8": ["data": s.d],
        ] as [String: Any]
        let stages = try FixtureCheck.run(try load(t))
        #expect(stages.contains { $0.name == "D atom 8" } && stages.allSatisfy { $0.passed }, "\(stages.filter { !$0.passed }.map(\.name))")
        var wrong = t
        var inter = try #require(wrong["intermediates"] as? [String: Any])
        inter["T_atom12"] = ["data": rows(s.t, 4)]
        wrong["intermediates"] = inter
        let error = try #require(throws: DataError.self) { _ = try load(wrong) }
        #expect(error.problem.contains("T of atom 12, which is not in the frame"))
    }

    /// DeePMD's se_atten_v2 statistics (one block of 120 slots of all types) from ours.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: StatisticsAgainstDeePMDTests.water), "data/water-dft is missing"))
    func mixedBlockStatisticsMatchDeePMD() throws {
        let fx = try TestFixtures.fixture("deepmd-se_atten_v2-tiny")
        let model = try fx.makeModel()
        let frames = Array(try DeePMDFormat.readSystem(at: StatisticsAgainstDeePMDTests.water).system.frames.prefix(10))
        let batches = try frames.map { try model.batch(for: $0) }
        let (davg, dstd) = EnvironmentStatistics.compute(batches: batches, typeCount: 2, rcut: 6, rcutSmooth: 0.5)
        #expect(relativeError(davg, fx.weights.davg) <= 1e-12 && relativeError(dstd, fx.weights.dstd) <= 1e-12)
    }
}

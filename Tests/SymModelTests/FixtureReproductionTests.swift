import SymModel
import Testing

/// The batched model (autodiff forces and virial) reproduces DeePMD-kit's numbers for every
/// bundled fixture (se_e2_a one- and two-side, se_atten_v2) at the tolerances of the fixture README.
@Suite("DeePMD-kit fixtures through the batched model")
struct FixtureReproductionTests {
    @Test(arguments: TestFixtures.all)
    func everyStageMatches(_ name: String) throws {
        let stages = try FixtureCheck.run(try TestFixtures.fixture(name), source: name)
        #expect(stages.count >= 20)
        let attention = TestFixtures.attentionNames.contains(name)
        for kind in ["R~", "G", "T", "D", "energy", "forces", "virial"] + (attention ? ["G attention", "neighbour types"] : []) {
            #expect(stages.contains { $0.name.hasPrefix(kind + " ") }, "no \(kind) stage compared")
        }
        for stage in stages { #expect(stage.passed, "\(name) \(stage.name): \(stage.maxRelativeError) > \(stage.tolerance)") }
    }
}

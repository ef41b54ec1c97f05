import SymModel
import Testing

/// The batched model (autodiff forces and virial) reproduces DeePMD-kit's numbers for both
/// bundled fixtures at the tolerances of the fixture README.
@Suite("DeePMD-kit fixtures through the batched model")
struct FixtureReproductionTests {
    @Test(arguments: TestFixtures.names)
    func everyStageMatches(_ name: String) throws {
        let stages = try FixtureCheck.run(try TestFixtures.fixture(name), source: name)
        #expect(stages.count >= 20)
        for kind in ["R~", "G", "T", "D", "energy", "forces", "virial"] {
            #expect(stages.contains { $0.name.hasPrefix(kind + " ") }, "no \(kind) stage compared")
        }
        for stage in stages { #expect(stage.passed, "\(name) \(stage.name): \(stage.maxRelativeError) > \(stage.tolerance)") }
    }
}

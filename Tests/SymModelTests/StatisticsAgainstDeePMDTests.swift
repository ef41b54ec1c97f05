import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// DeePMD-kit computed the fixtures' davg/dstd with its own statistics code over frames 0–9 of
/// water data_0 (fixture README); ours must give the same numbers from the same frames.
@Suite("Environment statistics against DeePMD-kit")
struct StatisticsAgainstDeePMDTests {
    static let water = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../data/water-dft/data_0").path

    @Test(.enabled(if: FileManager.default.fileExists(atPath: water), "data/water-dft is missing"))
    func davgAndDstdMatchTheFixture() throws {
        let fixture = try TestFixtures.fixture("deepmd-se_e2_a-tiny")
        let p = try fixture.parameters
        let frames = Array(try DeePMDFormat.readSystem(at: Self.water).system.frames.prefix(10))
        let batches = try frames.map { try EnvironmentBatch.build(frames: [$0], rcut: p.rcut, sel: p.sel, typeCount: 2) }
        let (davg, dstd) = EnvironmentStatistics.compute(batches: batches, typeCount: 2, rcut: p.rcut, rcutSmooth: p.rcutSmooth)
        for t in 0..<2 {
            let base = t * p.nnei * 4
            for k in 0..<4 {
                #expect(abs(davg[4 * t + k] - p.davg[base + k]) <= 1e-12 * max(1, abs(p.davg[base + k])), "davg[\(t)][\(k)]")
                #expect(abs(dstd[4 * t + k] - p.dstd[base + k]) <= 1e-12 * abs(p.dstd[base + k]), "dstd[\(t)][\(k)]: \(dstd[4 * t + k]) vs \(p.dstd[base + k])")
            }
        }
    }
}

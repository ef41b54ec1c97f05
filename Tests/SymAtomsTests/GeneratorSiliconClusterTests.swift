import Testing
@testable import SymAtoms

@Suite("Built-in silicon-cluster dataset generator")
struct GeneratorSiliconClusterTests {
    /// A tiny spec: 5-atom SiSi₄ cluster, 3 frames per temperature over 2 trajectories, short runs.
    func tinySpec(seed: UInt64 = 1) -> SiliconClusterSpec {
        var spec = SiliconClusterSpec()
        spec.radius = 2.4
        return shortRun(spec, frames: 3, equilibrationSteps: 30, seed: seed)
    }

    @Test("diamond fragments: 1 + 4 + 12 + 12 = 29 atoms within 4.6 Å, ordered by distance")
    func fragment() {
        let a = 5.431
        let p = diamondCluster(latticeConstant: a, radius: 4.6)
        #expect(p.count == 3 * 29)
        #expect(Array(p[0..<3]) == [0, 0, 0])
        let r: [Double] = (0..<29).map { i in
            let (x, y, z) = (p[3 * i], p[3 * i + 1], p[3 * i + 2])
            return (x * x + y * y + z * z).squareRoot()
        }
        #expect(zip(r, r.dropFirst()).allSatisfy { $0 <= $1 + 1e-12 })
        let shells = [a * 3.0.squareRoot() / 4, a / 2.0.squareRoot(), a * 11.0.squareRoot() / 4]
        for (k, d) in shells.enumerated() {
            #expect(r.filter { abs($0 - d) < 1e-9 }.count == [4, 12, 12][k])
        }
        #expect(diamondCluster(latticeConstant: a, radius: 2.4).count == 3 * 5)
        #expect(SiliconClusterSpec().atomCount == 29 && SiliconClusterSpec().problems.isEmpty)
    }

    @Test("invalid settings are reported")
    func validation() {
        var spec = SiliconClusterSpec()
        spec.radius = 1.0
        spec.sampleEvery = 0
        #expect(spec.problems.count == 2, "\(spec.problems)")
        #expect(SiliconClusterSpec.systemName(300) == "si-sw-cluster-300K")
    }

    @Test("non-periodic frames: no cell or virial, centre of mass at the origin, labels match SW")
    func contents() {
        let dataset = generateSiliconClusterDataset(tinySpec())
        #expect(dataset.typeMap == ["Si"])
        #expect(dataset.systems.map(\.name) == ["si-sw-cluster-300K", "si-sw-cluster-1000K"])
        let sw = StillingerWeber()
        for frame in dataset.systems.flatMap(\.frames) {
            #expect(frame.cell == nil && frame.virial == nil && frame.atomCount == 5)
            for α in 0..<3 {
                #expect(abs(stride(from: α, to: 15, by: 3).map { frame.positions[$0] }.reduce(0, +)) < 1e-12)
            }
            let fresh = sw.evaluate(positions: frame.positions, cell: nil)
            #expect(abs(fresh.energy - frame.energy!) < 1e-9)
            #expect(zip(fresh.forces, frame.forces!).allSatisfy { abs($0 - $1) < 1e-9 })
        }
        #expect(dataset.systems.allSatisfy { $0.frames.count == 3 })
    }

    @Test("deterministic for a seed, different for another seed")
    func determinism() {
        let a = generateSiliconClusterDataset(tinySpec(seed: 2))
        #expect(a == generateSiliconClusterDataset(tinySpec(seed: 2)))
        #expect(a != generateSiliconClusterDataset(tinySpec(seed: 3)))
    }
}

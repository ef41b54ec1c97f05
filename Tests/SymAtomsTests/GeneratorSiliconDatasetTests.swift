import Testing
@testable import SymAtoms

@Suite("Built-in silicon dataset generator")
struct GeneratorSiliconDatasetTests {
    /// A tiny spec: 8 atoms, 5 frames per temperature over 2 trajectories, short runs.
    func tinySpec(seed: UInt64 = 1) -> SiliconDatasetSpec {
        var spec = SiliconDatasetSpec()
        spec.supercell = 1
        spec.friction = 20
        spec.timestepFs = 2
        return shortRun(spec, frames: 5, equilibrationSteps: 60, seed: seed)
    }

    @Test("defaults are valid: ≥ 2 temperatures, 64 atoms, ~200 frames each")
    func defaults() {
        let spec = SiliconDatasetSpec()
        #expect(spec.problems.isEmpty)
        #expect(spec.temperatures.count >= 2 && spec.atomCount == 64 && spec.framesPerTemperature >= 100)
    }

    @Test("invalid settings are all reported")
    func validation() {
        var spec = SiliconDatasetSpec()
        spec.temperatures = [300, -5, 300]
        spec.framesPerTemperature = 0
        spec.timestepFs = 0
        let problems = spec.problems
        #expect(problems.count == 4, "\(problems)")
        #expect(problems.contains { $0.contains("-5.0 K") } && problems.contains { $0.contains("duplicates") })
    }

    @Test("system names")
    func names() {
        #expect(SiliconDatasetSpec.systemName(300) == "si-sw-300K")
        #expect(SiliconDatasetSpec.systemName(300.5) == "si-sw-300.5K")
    }

    @Test("diamond supercell: 8n³ atoms, nearest neighbours at a√3/4")
    func supercell() throws {
        let (positions, cell) = diamondSupercell(latticeConstant: 5.0, repeats: 2)
        #expect(positions.count == 3 * 64 && cell == [10, 0, 0, 0, 10, 0, 0, 0, 10])
        let list = try allPairs(positions, cell, rcut: 2.3)
        #expect(list.distance.count == 4 * 64)
        #expect(list.distance.allSatisfy { abs($0 - 5.0 * 3.0.squareRoot() / 4) < 1e-12 })
    }

    @Test("layout, labels equal a fresh SW evaluation of the stored frame, strain differs per trajectory")
    func contents() throws {
        let spec = tinySpec()
        var lines: [String] = []
        let dataset = generateSiliconDataset(spec) { lines.append($0) }
        #expect(dataset.typeMap == ["Si"])
        #expect(dataset.systems.map(\.name) == ["si-sw-300K", "si-sw-1200K"])
        #expect(dataset.systems.allSatisfy { $0.frames.count == 5 && $0.types == [Int](repeating: 0, count: 8) })
        #expect(lines.count == 4)
        let sw = StillingerWeber()
        for frame in dataset.systems.flatMap(\.frames) {
            let cell = try! #require(frame.cell)
            let fresh = sw.evaluate(positions: frame.positions, cell: cell)
            #expect(abs(fresh.energy - frame.energy!) < 1e-9)
            #expect(zip(fresh.forces, frame.forces!).allSatisfy { abs($0 - $1) < 1e-9 })
            #expect(zip(fresh.virial, frame.virial!).allSatisfy { abs($0 - $1) < 1e-9 })
            // Positions are wrapped into the cell.
            let f = try PeriodicCell(cell, source: "test").fractional(frame.positions)
            #expect(f.count == 3 * 8 && f.allSatisfy { $0 > -1e-12 && $0 < 1 + 1e-12 })
        }
        let frames = dataset.systems[0].frames
        // Frames 0-2 come from trajectory 1, frames 3-4 from trajectory 2: different random cells.
        #expect(frames[0].cell == frames[2].cell && frames[0].cell != frames[3].cell)
        let jitter = zip(frames[0].cell!, [5.431, 0, 0, 0, 5.431, 0, 0, 0, 5.431]).map { abs($0 - $1) / 5.431 }
        #expect(jitter.max()! <= spec.strainJitter + 1e-12 && jitter.max()! > 0)
    }

    @Test("deterministic for a seed, different for another seed")
    func determinism() {
        let a = generateSiliconDataset(tinySpec(seed: 7))
        #expect(a == generateSiliconDataset(tinySpec(seed: 7)))
        #expect(a != generateSiliconDataset(tinySpec(seed: 8)))
    }

    @Test("hotter system: higher mean energy and larger force spread")
    func temperatureOrdering() {
        var spec = tinySpec()
        spec.framesPerTemperature = 12
        let dataset = generateSiliconDataset(spec)
        let cold = LabelSpread(dataset.systems[0]), hot = LabelSpread(dataset.systems[1])
        #expect(hot.energyMean > cold.energyMean + 0.3)
        #expect(hot.forceStd > 1.4 * cold.forceStd)
    }
}

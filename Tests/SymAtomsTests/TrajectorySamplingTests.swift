import Testing
@testable import SymAtoms

/// `spec` cut down for debug-build tests: `frames` frames per temperature over 2 trajectories,
/// `equilibrationSteps` steps of equilibration, a frame every 5 steps, seed `seed`.
func shortRun<Spec: MDDatasetSpec>(_ spec: Spec, frames: Int, equilibrationSteps: Int, seed: UInt64) -> Spec {
    var spec = spec
    spec.framesPerTemperature = frames
    spec.trajectoriesPerTemperature = 2
    spec.equilibrationSteps = equilibrationSteps
    spec.sampleEvery = 5
    spec.seed = seed
    return spec
}

@Suite("MD sampling shared by the generators")
struct TrajectorySamplingTests {
    @Test("frames split over trajectories, earlier ones first; steps per temperature")
    func schedule() {
        var spec = shortRun(SiliconClusterSpec(), frames: 7, equilibrationSteps: 11, seed: 1)
        spec.trajectoriesPerTemperature = 3
        #expect((0..<3).map { spec.frames(inTrajectory: $0) } == [3, 2, 2])
        #expect(spec.stepsPerTemperature == 3 * 11 + 7 * 5)
    }

    @Test("shared settings are checked the same way for both generators")
    func sharedProblems() {
        func broken<Spec: MDDatasetSpec>(_ spec: Spec) -> [String] {
            var spec = spec
            spec.temperatures = [300, -1]
            spec.friction = -2
            spec.latticeConstant = 2.5
            return spec.problems
        }
        let expected = ["temperatures: -1.0 K is not positive", "friction: -2.0 /ps is negative",
                        "latticeConstant: 2.5 Å outside 3…10 Å"]
        #expect(broken(SiliconDatasetSpec()) == expected)
        #expect(broken(SiliconClusterSpec()) == expected)
    }

    @Test("stored positions are wrapped into the cell; non-finite ones are kept as they are")
    func wrapping() throws {
        let cell = [4.0, 0, 0, 1, 4, 0, 0, 1, 4]
        let positions = [9.5, -3.2, 0.4, -0.1, 0.2, 17.0]
        let wrapped = positionsWrapped(positions, into: cell)
        let f = try PeriodicCell(cell, source: "t").fractional(wrapped)
        #expect(f.allSatisfy { $0 >= -1e-12 && $0 < 1 + 1e-12 })
        let blownUp = [Double.nan, 0, 0, 1, 1, 1]
        #expect(positionsWrapped(blownUp, into: cell)[0].isNaN && positionsWrapped(blownUp, into: cell)[3] == 1)
    }
}

import Testing
@testable import SymAtoms

@Suite struct DatasetSplitTests {
    /// Systems s0..s(n-1); frame k of system s has energy 100 s + k, so every frame is identifiable.
    func dataset(frames: [Int]) -> Dataset {
        Dataset(typeMap: ["H"], systems: frames.enumerated().map { s, count in
            AtomSystem(name: "s\(s)", frames: (0..<count).map { k in
                Frame(types: [0], positions: [0, 0, 0], energy: Double(100 * s + k))
            })
        })
    }

    func energies(_ d: Dataset) -> [Double] { d.systems.flatMap { $0.frames.compactMap(\.energy) } }

    @Test func modesHaveStableNames() {
        #expect(SplitMode.allCases.map(\.rawValue) == ["system", "frame"])
        #expect(SplitMode(rawValue: "frame") == .byFrame)
    }

    @Test func bySystemKeepsSystemsWhole() throws {
        let data = dataset(frames: [3, 2, 4, 1])
        let split = try DatasetSplit(data, validationFraction: 0.25, mode: .bySystem, seed: 5)
        #expect(split.validation.systems.count == 1 && split.train.systems.count == 3)
        let names = Set(split.train.systems.map(\.name)).union(split.validation.systems.map(\.name))
        #expect(names == ["s0", "s1", "s2", "s3"])
        for part in [split.train, split.validation] {
            #expect(part.typeMap == ["H"])
            for system in part.systems { #expect(system == data.systems.first { $0.name == system.name }) }
        }
        #expect(try DatasetSplit(data, validationFraction: 0.25, mode: .bySystem, seed: 5) == split, "same seed, same split")
        let chosen = Set(try (0..<20).map { seed in
            try DatasetSplit(data, validationFraction: 0.25, mode: .bySystem, seed: UInt64(seed)).validation.systems[0].name
        })
        #expect(chosen.count > 1, "the seed changes which system validates")
    }

    @Test func byFrameDrawsFramesAndKeepsTheirOrder() throws {
        let data = dataset(frames: [6, 4])
        let split = try DatasetSplit(data, validationFraction: 0.3, mode: .byFrame, seed: 3)
        #expect(split.validation.frameCount == 3 && split.train.frameCount == 7)
        #expect((energies(split.train) + energies(split.validation)).sorted() == energies(data).sorted())
        for part in [split.train, split.validation] {
            for system in part.systems {
                let e = system.frames.compactMap(\.energy)
                #expect(e == e.sorted(), "frames keep their order within \(system.name)")
                #expect(e.allSatisfy { Int($0) / 100 == Int(system.name.dropFirst())! }, "frames stay in their system")
            }
        }
        let splits = try (0..<10).map { try DatasetSplit(data, validationFraction: 0.3, mode: .byFrame, seed: UInt64($0)) }
        #expect(Set(splits.map { energies($0.validation) }).count > 1, "the seed changes which frames validate")
    }

    @Test func clampsToOneOnEachSide() throws {
        let data = dataset(frames: [1, 1, 1])
        #expect(try DatasetSplit(data, validationFraction: 0.01, mode: .bySystem, seed: 0).validation.systems.count == 1)
        #expect(try DatasetSplit(data, validationFraction: 0.99, mode: .bySystem, seed: 0).train.systems.count == 1)
    }

    @Test func reportsImpossibleSplits() {
        IOTest.expectDataError(file: "cfg", "strictly between 0 and 1") {
            _ = try DatasetSplit(dataset(frames: [2, 2]), validationFraction: 1, mode: .byFrame, seed: 0, source: "cfg")
        }
        IOTest.expectDataError(file: "dataset", "cannot split 1 system(s) by system: need at least 2 (try splitting by frame)") {
            _ = try DatasetSplit(dataset(frames: [5]), validationFraction: 0.2, mode: .bySystem, seed: 0)
        }
        IOTest.expectDataError(file: "dataset", "cannot split 1 frame(s) by frame") {
            _ = try DatasetSplit(dataset(frames: [1]), validationFraction: 0.2, mode: .byFrame, seed: 0)
        }
    }
}

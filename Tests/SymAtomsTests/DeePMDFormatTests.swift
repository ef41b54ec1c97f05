import Foundation
import Testing
@testable import SymAtoms

@Suite struct DeePMDFormatTests {
    /// Writes a minimal periodic 3-atom system (types 0 1 1, type_map O H) by hand with two frames.
    func writeHandMadeSystem(_ folder: String, typeMap: String? = "O\nH\n", frames: Int = 2) {
        IOTest.write("0\n1\n1\n", to: "\(folder)/type.raw")
        if let typeMap { IOTest.write(typeMap, to: "\(folder)/type_map.raw") }
        let coord = (0..<frames).flatMap { k in [0.0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0].map { $0 + 0.01 * Double(k) } }
        IOTest.writeNPY(coord, shape: "(\(frames), 9)", to: "\(folder)/set.000/coord.npy")
        IOTest.writeNPY((0..<frames).flatMap { _ in [8.0, 0, 0, 0, 8, 0, 0, 0, 8] }, shape: "(\(frames), 9)", to: "\(folder)/set.000/box.npy")
        IOTest.writeNPY((0..<frames).map { -10 - Double($0) }, shape: "(\(frames),)", to: "\(folder)/set.000/energy.npy")
    }

    @Test(arguments: [true, false])
    func writeThenReadIsIdentity(periodic: Bool) throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        let random = RandomSource(seed: periodic ? 1 : 2)
        let cell = periodic ? IOTest.triclinicCell : nil
        let water = (0..<3).map { _ in IOTest.frame(types: [0, 1, 1, 0, 1, 1], cell: cell, random: random) }
        let other = (0..<2).map { _ in IOTest.frame(types: [1, 0, 2], cell: cell, random: random, virial: false) }
        let dataset = Dataset(typeMap: ["O", "H", "C"], systems: [
            AtomSystem(name: "somewhere/water", frames: water), AtomSystem(name: "other", frames: other),
        ])
        try DeePMDFormat.write(dataset, to: folder)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/water/nopbc") == !periodic)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/water/set.000/box.npy") == periodic)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/other/set.000/virial.npy") == false)
        let back = try DeePMDFormat.read([folder])
        #expect(back.typeMap == dataset.typeMap)
        #expect(back.systems.map(\.name) == ["\(folder)/other", "\(folder)/water"], "systems sorted by folder name")
        #expect(back.systems[0].frames == other)
        #expect(back.systems[1].frames == water)
        try DeePMDFormat.write(back, to: folder)  // overwrite in place: same result, no temp folders left
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["other", "water"])
        #expect(try DeePMDFormat.read([folder]) == back)
    }

    @Test func float32InputIsWidenedExactly() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        IOTest.write("0 1\n", to: "\(folder)/type.raw")
        IOTest.write("", to: "\(folder)/nopbc")
        let coord: [Float] = [0.1, 0.2, 0.3, 1.1, 1.7, -0.9]
        let energy: [Float] = [-123.456]
        IOTest.write(IOTest.npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }",
                                     payload: IOTest.bytes(f4: coord)), to: "\(folder)/set.000/coord.npy")
        IOTest.write(IOTest.npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
                                     payload: IOTest.bytes(f4: energy)), to: "\(folder)/set.000/energy.npy")
        let (map, system) = try DeePMDFormat.readSystem(at: folder)
        #expect(map == ["type_0", "type_1"], "no type_map.raw: placeholder names")
        #expect(system.frames[0].positions == coord.map(Double.init))
        #expect(system.frames[0].energy == Double(energy[0]))
        #expect(system.frames[0].cell == nil && system.frames[0].forces == nil)
        let out = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(out) }
        try DeePMDFormat.write(Dataset(typeMap: map, systems: [system]), to: out)
        #expect(try NPY.read("\(out)/\(URL(fileURLWithPath: folder).lastPathComponent)/set.000/coord.npy").dtype == .float64)
    }

    @Test func setsAreConcatenatedInNameOrder() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        writeHandMadeSystem(folder)
        // set.001 holds one more frame, stored [nframes, N, 3] / [nframes, 3, 3] / [nframes, 1].
        IOTest.writeNPY([5, 5, 5, 6, 5, 5, 5, 6, 5], shape: "(1, 3, 3)", to: "\(folder)/set.001/coord.npy")
        IOTest.writeNPY([9, 0, 0, 0, 9, 0, 0, 0, 9], shape: "(1, 3, 3)", to: "\(folder)/set.001/box.npy")
        IOTest.writeNPY([-30], shape: "(1, 1)", to: "\(folder)/set.001/energy.npy")
        IOTest.write("a file, not a set folder", to: "\(folder)/set.notes")
        let (map, system) = try DeePMDFormat.readSystem(at: folder)
        #expect(map == ["O", "H"])
        #expect(system.frames.map(\.energy) == [-10, -11, -30])
        #expect(system.frames[2].positions == [5, 5, 5, 6, 5, 5, 5, 6, 5])
        #expect(system.frames[2].cell == [9, 0, 0, 0, 9, 0, 0, 0, 9])
        #expect(system.frames[1].positions[0] == 0.01)
    }

    @Test func typeMapsAreMergedAndRemappedByName() throws {
        let root = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(root) }
        writeHandMadeSystem("\(root)/b_system")
        writeHandMadeSystem("\(root)/a_system", typeMap: "H O\n")  // same type.raw, so atom 0 is H here
        let dataset = try DeePMDFormat.read([root])
        #expect(dataset.typeMap == ["H", "O"], "first system in name order sets the order")
        #expect(dataset.systems.map { URL(fileURLWithPath: $0.name).lastPathComponent } == ["a_system", "b_system"])
        let names = dataset.systems.map { $0.types.map { dataset.typeMap[$0] } }
        #expect(names == [["H", "O", "O"], ["O", "H", "H"]])
        let given = try DeePMDFormat.read(["\(root)/a_system", "\(root)/b_system"], typeMap: ["C", "O", "H"])
        #expect(given.systems.map { $0.types.map { given.typeMap[$0] } } == names)
        IOTest.expectDataError(file: "b_system/type_map.raw", "element 'H' is not in the type map") {
            _ = try DeePMDFormat.read(["\(root)/b_system"], typeMap: ["O"])
        }
    }

    @Test func reportsMissingFilesAndFolders() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        IOTest.expectDataError(file: "nowhere", "folder not found") { _ = try DeePMDFormat.read(["\(folder)/nowhere"]) }
        IOTest.expectDataError(file: folder, "neither a DeePMD system") { _ = try DeePMDFormat.read([folder]) }
        IOTest.expectDataError(file: "type.raw", "file not found") { _ = try DeePMDFormat.readSystem(at: folder) }
        IOTest.write("0 1 1", to: "\(folder)/type.raw")
        IOTest.expectDataError(file: folder, "no set.* folders") { _ = try DeePMDFormat.readSystem(at: folder) }
        writeHandMadeSystem(folder)
        try FileManager.default.removeItem(atPath: "\(folder)/set.000/coord.npy")
        IOTest.expectDataError(file: "set.000/coord.npy", "file not found") { _ = try DeePMDFormat.readSystem(at: folder) }
        writeHandMadeSystem(folder)
        try FileManager.default.removeItem(atPath: "\(folder)/set.000/box.npy")
        IOTest.expectDataError(file: "set.000/box.npy", "nopbc") { _ = try DeePMDFormat.readSystem(at: folder) }
        IOTest.write("", to: "\(folder)/nopbc")
        #expect(try DeePMDFormat.readSystem(at: folder).system.frames[0].cell == nil)
    }

    @Test func reportsBadArrays() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        func check(_ file: String, _ phrase: String, _ damage: () -> Void) {
            IOTest.cleanUp(folder)
            writeHandMadeSystem(folder)
            damage()
            IOTest.expectDataError(file: file, phrase) { _ = try DeePMDFormat.readSystem(at: folder) }
        }
        let coord = "\(folder)/set.000/coord.npy"
        check("set.000/coord.npy", "truncated data") {
            let bytes = Array(FileManager.default.contents(atPath: coord)!)
            IOTest.write(Array(bytes.dropLast(8)), to: coord)
        }
        check("set.000/energy.npy", "unsupported dtype '<c16'") {
            IOTest.write(IOTest.npyBytes(header: "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }",
                                         payload: [UInt8](repeating: 0, count: 32)), to: "\(folder)/set.000/energy.npy")
        }
        check("set.000/box.npy", "big-endian") {
            IOTest.write(IOTest.npyBytes(header: "{'descr': '>f8', 'fortran_order': False, 'shape': (2, 9), }",
                                         payload: [UInt8](repeating: 0, count: 144)), to: "\(folder)/set.000/box.npy")
        }
        check("set.000/coord.npy", "does not fit 3 atoms") { IOTest.writeNPY([Double](repeating: 1, count: 16), shape: "(2, 8)", to: coord) }
        check("set.000/force.npy", "does not fit 3 atoms") {
            IOTest.writeNPY([Double](repeating: 0, count: 12), shape: "(2, 2, 3)", to: "\(folder)/set.000/force.npy")
        }
        check("set.000/energy.npy", "has 1 frames but coord.npy has 2") { IOTest.writeNPY([-1], shape: "(1,)", to: "\(folder)/set.000/energy.npy") }
        check("set.000/box.npy", "has 3 frames but coord.npy has 2") {
            IOTest.writeNPY((0..<3).flatMap { _ in [8.0, 0, 0, 0, 8, 0, 0, 0, 8] }, shape: "(3, 9)", to: "\(folder)/set.000/box.npy")
        }
        check("set.000/force.npy", "frame 1: force contains NaN at atom 2 component y") {
            var f = [Double](repeating: 0, count: 18)
            f[9 + 7] = .nan
            IOTest.writeNPY(f, shape: "(2, 9)", to: "\(folder)/set.000/force.npy")
        }
        check("set.000/coord.npy", "frame 0: coord contains inf") {
            IOTest.writeNPY([.infinity, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0] + [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0], shape: "(2, 9)", to: coord)
        }
        check("type.raw", "type index 2, outside type_map [O, H]") { IOTest.write("0 2 1", to: "\(folder)/type.raw") }
        check("set.000/coord.npy", "frame 1: atoms 0 and 1 overlap") {
            IOTest.writeNPY([0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0] + [0, 0, 0, 0.05, 0, 0, -0.24, 0.93, 0], shape: "(2, 9)", to: coord)
        }
        check("set.000/coord.npy", "atoms 0 and 2 overlap: distance 0.05 Å (minimum image)") {
            IOTest.writeNPY([0.02, 4, 4, 0.96, 4, 4, 7.97, 4, 4] + [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0], shape: "(2, 9)", to: coord)
        }
        check("set.000/box.npy", "frame 1: cell volume 0.0 Å^3 is zero or degenerate") {
            IOTest.writeNPY([8.0, 0, 0, 0, 8, 0, 0, 0, 8] + [8.0, 0, 0, 0, 8, 0, 16, 0, 0], shape: "(2, 9)", to: "\(folder)/set.000/box.npy")
        }
        check("set.001/energy.npy", "labels must be in every set") {
            IOTest.writeNPY([0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0], shape: "(1, 9)", to: "\(folder)/set.001/coord.npy")
            IOTest.writeNPY([8.0, 0, 0, 0, 8, 0, 0, 0, 8], shape: "(1, 9)", to: "\(folder)/set.001/box.npy")
        }
        check("type.raw", "'x' is not a non-negative integer") { IOTest.write("0 x 1", to: "\(folder)/type.raw") }
    }

    @Test func readsTheVendoredWaterData() throws {
        let dataset = try DeePMDFormat.read(["\(IOTest.packageRoot)/data/water-dft"])
        try expectWaterShape(dataset)
    }

    static let sharedWater = "\(IOTest.packageRoot)/../shared/data/deepmd-water"

    @Test func readsTheSharedWaterDataWhenPresent() throws {
        guard FileManager.default.fileExists(atPath: Self.sharedWater) else {
            print("skipped: \(Self.sharedWater) is absent (shared data is only on project machines)")
            return
        }
        let shared = try DeePMDFormat.read([Self.sharedWater])
        try expectWaterShape(shared)
        let vendored = try DeePMDFormat.read(["\(IOTest.packageRoot)/data/water-dft"])
        #expect(shared.systems.map(\.frames) == vendored.systems.map(\.frames), "vendored copy is unchanged")
    }

    func expectWaterShape(_ dataset: Dataset) throws {
        #expect(dataset.typeMap == ["O", "H"])
        #expect(dataset.systems.count == 4)
        #expect(dataset.frameCount == 400)
        #expect(dataset.systems.map(\.frames.count) == [80, 160, 80, 80])
        for system in dataset.systems {
            #expect(system.types.count == 192)
            #expect(system.types.filter { $0 == 0 }.count == 64 && system.types.filter { $0 == 1 }.count == 128)
            let frame = try #require(system.frames.first)
            #expect(frame.isPeriodic && frame.energy != nil && frame.forces?.count == 576 && frame.virial == nil)
            let box = try #require(frame.cell)
            #expect(abs(box[0] - 12.44) < 0.1 && box[1] == 0 && abs(box[4] - 12.44) < 0.1)
        }
    }

    /// A huge type index in a system without type_map.raw built a type map of that many names
    /// (a hang, then out of memory); now it is an error naming type.raw.
    @Test func hugeTypeIndexWithoutTypeMapIsAnError() {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        writeHandMadeSystem(folder, typeMap: nil)
        IOTest.write("0 4611686018427387904 1", to: "\(folder)/type.raw")
        IOTest.expectDataError(file: "type.raw", "type index 4611686018427387904 without a type_map.raw") {
            _ = try DeePMDFormat.readSystem(at: folder)
        }
        IOTest.write("0 1023 1", to: "\(folder)/type.raw")
        #expect((try? DeePMDFormat.readSystem(at: folder))?.typeMap.count == 1024, "1024 unnamed types are still read")
    }
}

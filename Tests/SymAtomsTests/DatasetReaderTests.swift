import Foundation
import Testing
@testable import SymAtoms

@Suite struct DatasetReaderTests {
    @Test func mixesFormatsAndMergesTypeMapsByName() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        // A DeePMD system with type_map H O (atom 0 is H) next to the ASE file (O first).
        IOTest.write("0 1 0\n", to: "\(folder)/sys/type.raw")
        IOTest.write("H O\n", to: "\(folder)/sys/type_map.raw")
        IOTest.write("", to: "\(folder)/sys/nopbc")
        IOTest.writeNPY([0.96, 0, 0, 0, 0, 0, -0.24, 0.93, 0], shape: "(1, 9)", to: "\(folder)/sys/set.000/coord.npy")
        let dataset = try DatasetReader.read(["\(folder)/sys", "\(IOTest.fixtures)/ase_water.extxyz"])
        #expect(dataset.typeMap == ["H", "O"])
        #expect(dataset.systems.count == 3)
        let names = dataset.systems.map { $0.types.map { dataset.typeMap[$0] } }
        #expect(names == [["H", "O", "H"], ["O", "H", "H"], ["H", "H"]])
        let given = try DatasetReader.read(["\(IOTest.fixtures)/ase_water.extxyz", "\(folder)/sys"], typeMap: ["O", "H"])
        #expect(given.systems.map { $0.types.map { given.typeMap[$0] } } == [["O", "H", "H"], ["H", "H"], ["H", "O", "H"]])
        IOTest.expectDataError(file: "(no path)", "no dataset path") { _ = try DatasetReader.read([]) }
    }
}

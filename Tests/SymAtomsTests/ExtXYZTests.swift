import Foundation
import Testing
@testable import SymAtoms

@Suite struct ExtXYZTests {
    let asePath = "\(IOTest.fixtures)/ase_water.extxyz"

    @Test func readsWhatASEWrites() throws {
        let dataset = try ExtXYZ.read(asePath)
        #expect(dataset.typeMap == ["O", "H"], "first appearance order")
        #expect(dataset.systems.map(\.name) == ["\(asePath)#0", "\(asePath)#1"])
        #expect(dataset.systems.map(\.frames.count) == [2, 1])
        let water = dataset.systems[0].frames
        #expect(water[0].types == [0, 1, 1])
        #expect(water[1].positions == [0.1, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0])
        #expect(water[0].cell == [5, 0, 0, 0.5, 6, 0, 0, 0.3, 7])
        #expect(water.map(\.energy) == [-14.5, -15.5])
        #expect(water[1].forces == [0.2, 0.4, 0.6, -0.2, 0, 0, 0, -0.4, -0.6])
        // ASE stress (Voigt xx yy zz yz xz xy) = (0.01, 0.02, 0.03, 0.004, 0.005, 0.006) eV/Å^3, V = 5·6·7.
        let sigma = [0.01, 0.006, 0.005, 0.006, 0.02, 0.004, 0.005, 0.004, 0.03]
        let virial = try #require(water[0].virial)
        for k in 0..<9 { #expect(abs(virial[k] + sigma[k] * 210) < 1e-12) }
        let h2 = dataset.systems[1].frames[0]
        #expect(h2.types == [1, 1] && h2.cell == nil && h2.energy == -1.1 && h2.virial == nil)
        #expect(h2.forces == [0.5, 0, 0, -0.5, 0, 0])
    }

    @Test func readsAnASEVirialInRowMajorOrder() throws {
        let frame = try ExtXYZ.read("\(IOTest.fixtures)/ase_virial.extxyz").systems[0].frames[0]
        #expect(frame.virial == [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(frame.cell == [5, 0, 0, 1, 6, 0, 0, 2, 7])
        let text = ExtXYZ.format(Dataset(typeMap: ["H"], systems: [AtomSystem(name: "v", frames: [frame])]))
        #expect(text.contains("virial=\"0.0 3.0 6.0 1.0 4.0 7.0 2.0 5.0 8.0\""), "written as ASE writes it")
    }

    @Test func mapsSpeciesThroughAGivenTypeMap() throws {
        let dataset = try ExtXYZ.read(asePath, typeMap: ["C", "H", "O"])
        #expect(dataset.typeMap == ["C", "H", "O"])
        #expect(dataset.systems[0].types == [2, 1, 1] && dataset.systems[1].types == [1, 1])
        IOTest.expectDataError(file: "ase_water.extxyz", "line 3: unknown species 'O' (type map: H)") {
            _ = try ExtXYZ.read(asePath, typeMap: ["H"])
        }
    }

    @Test func writeThenReadIsIdentity() throws {
        let random = RandomSource(seed: 7)
        let periodic = (0..<2).map { _ in IOTest.frame(types: [0, 1, 1, 2], cell: IOTest.triclinicCell, random: random) }
        let open = [IOTest.frame(types: [2, 0], cell: nil, random: random)]
        var bare = IOTest.frame(types: [1, 1, 1], cell: nil, random: random)
        bare.energy = nil
        bare.forces = nil
        let dataset = Dataset(typeMap: ["O", "H", "Cu"], systems: [
            AtomSystem(name: "p", frames: periodic), AtomSystem(name: "o", frames: open), AtomSystem(name: "b", frames: [bare]),
        ])
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        try ExtXYZ.write(dataset, to: "\(folder)/out.extxyz")
        let back = try ExtXYZ.read("\(folder)/out.extxyz", typeMap: dataset.typeMap)
        #expect(back.systems.map(\.frames) == dataset.systems.map(\.frames))
    }

    @Test func acceptsOtherWritersSpellings() throws {
        let text = """
        2
        Lattice="4 0 0 0 4 0 0 0 4" Properties=species:S:1:pos:R:3:tags:I:1:F:R:3 E=-2.5 stress="1 2 3 4 5 6"
        Na 0 0 0 7 0.1 0.2 0.3
        Cl 2 2 2 8 -0.1 -0.2 -0.3

        1
        Lattice="4 0 0 0 4 0 0 0 4" Properties=species:S:1:pos:R:3:force:R:3 free_energy=-1 virial="1 2 3 4 5 6 7 8 9" pbc="T T T"
        Na 1 1 1 0 0 0
        1
        some_flag note='not used' free_energy=-3 energy=-4
        Cl 1 1 1

        """
        let dataset = try ExtXYZ.parse(text, file: "mixed.xyz")
        #expect(dataset.typeMap == ["Na", "Cl"])
        let first = dataset.systems[0].frames[0]
        #expect(first.isPeriodic, "a Lattice without pbc is periodic")
        #expect(first.energy == -2.5 && first.forces == [0.1, 0.2, 0.3, -0.1, -0.2, -0.3])
        #expect(first.virial == [1, 6, 5, 6, 2, 4, 5, 4, 3].map { -$0 * 64.0 }, "Voigt stress, W = -sigma V")
        let full = try ExtXYZ.parse("1\nLattice=\"4 0 0 0 4 0 0 0 4\" stress=\"1 2 3 4 5 6 7 8 9\"\nNa 0 0 0\n", file: "s.xyz")
        #expect(full.systems[0].frames[0].virial == [1, 4, 7, 2, 5, 8, 3, 6, 9].map { -$0 * 64.0 }, "9-number stress is column-major")
        let na = dataset.systems[1].frames[0]
        #expect(na.energy == -1 && na.forces == [0, 0, 0])
        #expect(na.virial == [1, 4, 7, 2, 5, 8, 3, 6, 9], "ASE stores 3 x 3 info matrices column-major")
        let cl = dataset.systems[2].frames[0]
        #expect(cl.energy == -4 && cl.cell == nil && cl.forces == nil, "no Properties: species and pos only")
    }

    @Test func reportsBadFiles() {
        func check(_ phrase: String, _ text: String) {
            IOTest.expectDataError(file: "bad.xyz", phrase) { _ = try ExtXYZ.parse(text, file: "bad.xyz") }
        }
        let header = "Properties=species:S:1:pos:R:3:forces:R:3 energy=-1 pbc=\"F F F\""
        check("line 3: missing columns: found 4, Properties declares 7", "2\n\(header)\nH 0 0 0\nH 1 0 0 0 0 0\n")
        check("line 4: extra columns", "2\n\(header)\nH 0 0 0 0 0 0\nH 1 0 0 0 0 0 9\n")
        check("no pos:R:3 column", "1\nProperties=species:S:1:position:R:3\nH 0 0 0\n")
        // The count line says 3 atoms but the frame has 2: the next count line is read as an atom line.
        check("or the count line on line 1 is wrong",
              "3\n\(header)\nH 0 0 0 0 0 0\nH 1 0 0 0 0 0\n1\n\(header)\nH 0 0 0 0 0 0\n")
        // The count line says 1 atom but the frame has 2: the second atom line is read as a count line.
        check("line 4: expected a count line (number of atoms), found 'H 1 0 0 0 0 0'",
              "1\n\(header)\nH 0 0 0 0 0 0\nH 1 0 0 0 0 0\n")
        check("line 1: count line says 5 atoms, but the file ends after 2 atom lines", "5\n\(header)\nH 0 0 0 0 0 0\nH 1 0 0 0 0 0\n")
        check("line 1: expected a count line", "two\n\(header)\nH 0 0 0 0 0 0\n")
        check("line 3: pos: '0.0.1' is not a number", "1\n\(header)\nH 0.0.1 0 0 0 0 0\n")
        check("line 2: energy='abc' is not a number", "1\nenergy=abc\nH 0 0 0\n")
        check("mixed pbc \"T T F\" is unsupported (only all T or all F)", "1\nLattice=\"4 0 0 0 4 0 0 0 4\" pbc=\"T T F\"\nH 0 0 0\n")
        check("Lattice has 8 numbers", "1\nLattice=\"4 0 0 0 4 0 0 0\"\nH 0 0 0\n")
        check("unterminated", "1\nLattice=\"4 0 0 0 4 0 0 0 4\nH 0 0 0\n")
        check("frame 0: atoms 0 and 1 overlap", "2\n\(header)\nH 0 0 0 0 0 0\nH 0.01 0 0 0 0 0\n")
        check("frame 1: force contains NaN", "1\n\(header)\nH 0 0 0 0 0 0\n1\n\(header)\nH 0 0 0 nan 0 0\n")
        check("no frames", "\n\n")
        IOTest.expectDataError(file: "missing.xyz", "file not found") { _ = try ExtXYZ.read("/nonexistent/missing.xyz") }
    }

    /// Inputs that trapped or gave multi-line errors before the fuzzing work (docs/fuzzing.md).
    @Test func hostileInputsGiveOneLineErrors() {
        func check(_ phrase: String, _ text: String) {
            IOTest.expectDataError(file: "bad.xyz", phrase) { _ = try ExtXYZ.parse(text, file: "bad.xyz") }
        }
        // FuzzExtXYZ: a carriage return inside the Properties value was printed as is.
        check("Properties column 'species' has count '.'", "1\nProperties=species:S:.:pos:R:3\r0\nH 0 0 0\n")
        // Count lines and column counts near Int.max overflowed the line arithmetic.
        check("line 1: count line says 9223372036854775807 atoms, but the file ends after 1 atom lines",
              "9223372036854775807\ncomment\nH 0 0 0\n")
        check("Properties column 'a' has count '9223372036854775807'",
              "1\nProperties=species:S:1:pos:R:3:a:R:9223372036854775807:b:R:2\nH 0 0 0\n")
    }
}

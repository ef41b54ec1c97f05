import Foundation

extension ExtXYZ {
    /// Extended XYZ text for all frames of all systems, in order. Periodic frames get
    /// `Lattice="..." pbc="T T T"`, others `pbc="F F F"`; `energy=` and `virial="9 numbers"` (eV,
    /// column-major like every 3 x 3 matrix ASE writes besides Lattice) and a
    /// `forces:R:3` column when present. Numbers are written in Swift's shortest round-trip form, so
    /// reading the text back gives the same Float64 values. Type indices must lie in `typeMap`.
    public static func format(_ dataset: Dataset) -> String {
        var out = ""
        for system in dataset.systems {
            for frame in system.frames {
                out += "\(frame.atomCount)\n"
                var info: [String] = []
                if let cell = frame.cell { info.append("Lattice=\"\(joined(cell))\"") }
                info.append("Properties=species:S:1:pos:R:3" + (frame.forces == nil ? "" : ":forces:R:3"))
                if let energy = frame.energy { info.append("energy=\(energy)") }
                if let virial = frame.virial { info.append("virial=\"\(joined(transposed(virial)))\"") }  // column-major, as ASE
                info.append(frame.isPeriodic ? "pbc=\"T T T\"" : "pbc=\"F F F\"")
                out += info.joined(separator: " ") + "\n"
                for atom in 0..<frame.atomCount {
                    precondition(dataset.typeMap.indices.contains(frame.types[atom]), "ExtXYZ.format: type outside typeMap")
                    let name = dataset.typeMap[frame.types[atom]]
                    var fields = [name.padding(toLength: max(name.count, 2), withPad: " ", startingAt: 0)]
                    fields += frame.positions[(3 * atom)..<(3 * atom + 3)].map { "\($0)" }
                    if let forces = frame.forces { fields += forces[(3 * atom)..<(3 * atom + 3)].map { "\($0)" } }
                    out += fields.joined(separator: " ") + "\n"
                }
            }
        }
        return out
    }

    /// Validates `dataset` (`validate(_:source:)`), then writes `format(dataset)` to `path`
    /// atomically (temp file, then rename).
    public static func write(_ dataset: Dataset, to path: String) throws {
        try validate(dataset, source: path)
        do {
            try AtomicFile.write(format(dataset), to: path)
        } catch {
            throw DataError(file: path, "cannot write: \(AtomicFile.reason(error))")
        }
    }

    static func joined(_ values: [Double]) -> String { values.map { "\($0)" }.joined(separator: " ") }
}

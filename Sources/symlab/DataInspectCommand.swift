import ArgumentParser
import Foundation
import SymAtoms

/// `symlab data inspect PATH...`: reads, validates and summarises datasets.
struct DataInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check a dataset and print its statistics and neighbour counts.",
        discussion: """
        PATH is a DeePMD system folder (type.raw, set.*/coord.npy ...), a folder of such systems \
        (e.g. data/water-dft), or an extended XYZ file (.xyz, .extxyz). Every frame is checked \
        (NaN/inf, type indices, array lengths, frame counts, overlapping atoms closer than 0.1 A, \
        degenerate cells); the first problem is printed as one line naming the file and the command \
        exits non-zero.

        What the numbers mean:
          systems table   one row per system: frames, atoms per frame, atoms of each type, periodic \
        or not, labels present (E energy, F forces, V virial).
          energy/atom     E / N_at per frame (eV/atom). Its std is the spread the fitting net must \
        learn beyond the per-type energy bias; compare a model's energy RMSE/atom with it.
          force comp.     all Cartesian force components (eV/A); the std is the RMSE of a model that \
        predicts zero force, the baseline any force RMSE should beat by far.
          max |F|         largest per-atom force norm; very large values point to broken frames.
          max neighbours  for each neighbour type t, the largest number of type-t atoms found \
        within rcut of any atom (periodic images included). DeePMD calls this neighbor-stat.

        Choosing sel: sel[t] is the number of neighbour slots of type t in the descriptor. Take the \
        max neighbour count plus about 20% headroom (denser frames appear in MD; overflowing sel \
        silently drops neighbours and makes the energy discontinuous), rounded up to a multiple of 4. \
        Water at rcut 6 A: max [38, 72], DeePMD's example uses sel [46, 92]. Larger sel costs time \
        linearly, so do not overdo it.

        Examples:
          symlab data inspect data/water-dft
          symlab data inspect data/water-dft/data_0 train.extxyz --type-map O,H --rcut 5
        """
    )

    @Argument(help: "Dataset paths: DeePMD system folders, folders of systems, or .xyz/.extxyz files.")
    var paths: [String]

    @Option(help: "Element names in type order, comma separated, e.g. O,H (default: from the data).")
    var typeMap: String?

    @Option(help: "Cutoff radius in Angstrom for the neighbour counts.")
    var rcut: Double = 6.0

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one dataset path") }
        if !(rcut > 0) || !rcut.isFinite { throw ValidationError("--rcut must be a positive number of Angstrom, got \(rcut)") }
        if let names = parsedTypeMap, names.isEmpty || Set(names).count != names.count {
            throw ValidationError("--type-map needs distinct element names separated by commas, e.g. O,H")
        }
    }

    var parsedTypeMap: [String]? {
        typeMap.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    func run() throws {
        do {
            let dataset = try DatasetReader.read(paths, typeMap: parsedTypeMap)
            print(InspectReport.summary(DatasetStatistics(dataset), paths: paths))
            let counts = try NeighbourList.maxNeighbourCounts(dataset: dataset, rcut: rcut)
            print(InspectReport.neighbours(counts, typeMap: dataset.typeMap, rcut: rcut))
        } catch let error as DataError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Text tables of `symlab data inspect`.
enum InspectReport {
    static func summary(_ stats: DatasetStatistics, paths: [String]) -> String {
        let types = stats.typeMap
        var lines = ["Dataset \(paths.joined(separator: " ")): \(stats.systems.count) systems, \(stats.frames) frames, "
            + "type map [\(types.joined(separator: ", "))]", ""]
        let nameWidth = max(6, stats.systems.map(\.name.count).max() ?? 0)
        var header = pad("system", nameWidth) + rpad("frames", 8) + rpad("atoms", 7)
        for name in types { header += rpad(name, 6) }
        lines.append(header + "  pbc  labels")
        for s in stats.systems {
            var row = pad(s.name, nameWidth) + rpad("\(s.frames)", 8) + rpad("\(s.atoms)", 7)
            for count in s.typeCounts { row += rpad("\(count)", 6) }
            let labels = [("E", s.energyFrames), ("F", s.forceFrames), ("V", s.virialFrames)]
                .map { $0.1 == s.frames ? $0.0 : $0.1 == 0 ? "-" : "\($0.0)(\($0.1))" }.joined(separator: " ")
            lines.append(row + "  " + pad(s.periodic ? "yes" : "no", 5) + labels)
        }
        lines.append(pad("total", nameWidth) + rpad("\(stats.frames)", 8))
        lines.append("")
        lines.append(pad("quantity", 24) + rpad("count", 9) + rpad("mean", 13) + rpad("std", 12) + rpad("min", 13) + rpad("max", 13))
        func row(_ title: String, _ s: SampleSummary?) {
            guard let s else { lines.append(pad(title, 24) + "   none"); return }
            lines.append(pad(title, 24) + rpad("\(s.count)", 9) + rpad(fmt(s.mean, "%.6f"), 13) + rpad(fmt(s.standardDeviation, "%.6f"), 12)
                + rpad(fmt(s.minimum, "%.6f"), 13) + rpad(fmt(s.maximum, "%.6f"), 13))
        }
        row("energy per atom (eV)", stats.energyPerAtom)
        row("force component (eV/A)", stats.forceComponents)
        if let norm = stats.maxForceNorm { lines.append(pad("max |F| (eV/A)", 24) + rpad(fmt(norm, "%.4f"), 9 + 13)) }
        lines.append("virial: " + (stats.virialFrames == 0 ? "none" : "\(stats.virialFrames) of \(stats.frames) frames"))
        return lines.joined(separator: "\n")
    }

    static func neighbours(_ counts: [Int], typeMap: [String], rcut: Double) -> String {
        let suggested = counts.map { (Int((1.2 * Double($0)).rounded(.up)) + 3) / 4 * 4 }
        var lines = ["", "max neighbours per type within rcut = \(fmt(rcut, "%g")) A (largest count of each type around any atom):"]
        lines.append(pad("  neighbour type", 28) + typeMap.map { rpad($0, 6) }.joined())
        lines.append(pad("  max count", 28) + counts.map { rpad("\($0)", 6) }.joined())
        lines.append(pad("  suggested sel (+20%, x4)", 28) + suggested.map { rpad("\($0)", 6) }.joined())
        return lines.joined(separator: "\n")
    }

    static func fmt(_ value: Double, _ format: String) -> String {
        value.isNaN ? "n/a" : String(format: format, value)
    }
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
    static func rpad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}

import ArgumentParser
import Foundation
import SymAtoms
import SymModel
import SymTrain

/// `symlab test`: errors of a trained model on labelled data.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Energy (per atom), force and virial MAE/RMSE of a model on labelled data, plus a per-frame CSV.",
        discussion: "Energies are compared per atom (eV/atom), forces per component (eV/Å), virials per atom (eV/atom), as DeePMD-kit's dp test reports them.")

    @Option(help: "A model.json written by `symlab train`, or a DeePMD-kit model .yaml.")
    var model: String

    @Option(help: "Data: DeePMD system folders (or folders of them) and/or .xyz files.")
    var data: [String]

    @Option(help: "Per-frame CSV output (system, frame, atoms, predicted and reference energy, force RMSE).")
    var csv: String?

    @Option(help: ArgumentHelp("JSON output of every frame with the model's energy, forces and virial (eV, eV/Å, eV).",
                               discussion: "{\"frames\": [{name, types, positions, cell (absent when non-periodic), energy, forces, virial}]}, numbers exact: "
                                   + "for comparisons with another code (scripts/deepmd-interop/check-model.sh)."))
    var predictions: String?

    @OptionGroup var cores: ThreadsOption

    func run() throws {
        cores.apply()
        let m = try ModelLoading.load(model)
        let dataset = try DatasetReader.read(data, typeMap: m.config.typeMap)
        let (metrics, rows) = try Evaluator.evaluate(m, frames: Evaluator.frames(of: dataset))
        var table = TextTable(header: ["quantity", "MAE", "RMSE", "unit"])
        table.rows.append(["energy per atom", String(format: "%.4e", metrics.energyMAE), String(format: "%.4e", metrics.energyRMSE), "eV/atom"])
        table.rows.append(["force component", String(format: "%.4e", metrics.forceMAE), String(format: "%.4e", metrics.forceRMSE), "eV/Å"])
        if let mae = metrics.virialMAE, let rmse = metrics.virialRMSE {
            table.rows.append(["virial per atom", String(format: "%.4e", mae), String(format: "%.4e", rmse), "eV/atom"])
        }
        print("\(metrics.frames) frames of \(data.joined(separator: ", "))\n")
        print(table.render())
        if let csv {
            var text = "system,frame,atoms,energy,reference_energy,force_rmse\n"
            for r in rows {
                text += "\(r.system),\(r.frame),\(r.atoms),\(r.energy),\(r.referenceEnergy.map { "\($0)" } ?? ""),\(r.forceRMSE.map { "\($0)" } ?? "")\n"
            }
            try AtomicFile.write(text, to: csv)
            print("\nper-frame errors: \(csv)")
        }
        if let predictions { try writePredictions(m, dataset, to: predictions) }
    }

    /// One JSON object per frame: the input and the model's E, F, W.
    func writePredictions(_ m: DeepPotModel, _ dataset: Dataset, to path: String) throws {
        struct Row: Encodable { var name: String, types: [Int], positions: [Double], cell: [Double]?, energy: Double, forces: [Double], virial: [Double] }
        struct File: Encodable { var frames: [Row] }
        let rows = try Evaluator.frames(of: dataset).map { system, index, frame -> Row in
            let p = m.predict(try m.batch(for: frame, source: "\(system) frame \(index)"))
            return Row(name: "\(system)#\(index)", types: frame.types, positions: frame.positions, cell: frame.cell,
                       energy: p.energy.scalars[0], forces: p.forces.scalars, virial: p.virial.scalars)
        }
        try AtomicFile.write(try JSONEncoder().encode(File(frames: rows)), to: path)
        print("predictions of \(rows.count) frames: \(path)")
    }
}

import ArgumentParser
import Foundation
import SymModel

/// `symlab export --format deepmd MODEL OUT.yaml`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a trained model in another code's format (DeePMD-kit .yaml).",
        discussion: """
        --format deepmd writes DeePMD-kit's backend-independent model file (DeePMD-kit \(DeePMDKitModel.deepmdKitVersion) \
        serialisation) of an se_e2_a or DPA-1 (se_atten_v2) model. DeePMD-kit then runs it: `dp convert-backend OUT.yaml OUT.pth` makes the TorchScript \
        model that LAMMPS' `pair_style deepmd OUT.pth` loads (`OUT.pb` the TensorFlow one), and \
        `dp test -m OUT.pth -s DATA` tests it. Energies, forces and virials agree with SymLab's to 1e-10 \
        relative (checked against DeePMD-kit; see docs/md.md).

        DeePMD-kit represents se_e2_a (per-type embedding + deepsets-sum + gram-factored, or the equal \
        gram-dense) and se_atten_v2 (type-embedding + gated-attention with one head + gram-factored, \
        mixed-type fitting). Other variants are refused with a message naming them.

        Example: symlab export --format deepmd runs/si/model.json si.yaml && dp convert-backend si.yaml si.pth
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// DeePMD-kit's .yaml model file.
        case deepmd
    }

    @Option(help: "Output format (deepmd: DeePMD-kit .yaml).")
    var format: Format

    @Argument(help: "A model.json written by `symlab train` (or a DeePMD-kit .yaml).")
    var model: String

    @Argument(help: "The file to write (.yaml).")
    var output: String

    func run() throws {
        guard DeePMDKitModel.extensions.contains(URL(fileURLWithPath: output).pathExtension.lowercased()) else {
            throw ValidationError("\(output): DeePMD-kit reads this format from a .yaml file; name the output OUT.yaml")
        }
        let file = try ModelLoading.read(model)
        try DeePMDKitModel.write(file, to: output)
        let c = file.config
        print("wrote \(output): \(DeePMDKitModel.descriptorName(c) ?? "?"), type_map \(c.typeMap), rcut \(c.descriptor.rcut) Å, sel \(c.descriptor.sel) "
              + "(DeePMD-kit \(DeePMDKitModel.deepmdKitVersion) format; run `dp convert-backend \(output) model.pth` for LAMMPS)")
    }
}

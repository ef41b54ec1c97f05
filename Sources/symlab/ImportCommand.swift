import ArgumentParser
import Foundation
import SymModel

/// `symlab import MODEL.yaml`: a DeePMD-kit model as a SymLab model.json.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a DeePMD-kit model (.yaml) and write it as a SymLab model.json.",
        discussion: """
        Reads DeePMD-kit's backend-independent .yaml model (from `symlab export`, or from DeePMD-kit: \
        `dp convert-backend frozen.pth model.yaml`) with an se_e2_a or se_atten_v2 descriptor and an energy fitting net, \
        and writes a model.json that `symlab test`, `symlab md` and `symlab export` use. Features SymLab \
        does not implement (other descriptors, excluded types, env_protection, frame parameters, other \
        activations) are refused with their key path. (`symlab test` and `symlab md` also read the .yaml directly.)

        Example: symlab import water.yaml -o water.json && symlab test --model water.json --data data/water-dft/data_3
        """)

    @Argument(help: "A DeePMD-kit model .yaml.")
    var model: String

    @Option(name: .shortAndLong, help: "The model.json to write.")
    var output = "model.json"

    func run() throws {
        let file = try DeePMDKitModel.read(from: model)
        let built = try file.makeModel()
        try file.write(to: output)
        print("wrote \(output): \(file.config.typeMap), rcut \(file.config.descriptor.rcut) Å, sel \(file.config.descriptor.sel), "
              + "\(built.parameterCount) parameters")
    }
}

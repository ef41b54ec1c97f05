import ArgumentParser

/// The `symlab` command line: one subcommand per file in this folder.
@main
struct SymLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "symlab",
        abstract: "Compare the symmetry operators of machine-learned interatomic potentials (DeepPot-SE first).",
        discussion: """
        DeepPot-SE writes the energy as F = U_f U_p P_s T_s R_s L(r, y): type embedding L, relative \
        coordinates T_s, rotation removal R_s, permutation pooling P_s, fitting U_p, forces U_f = -dE/dr. \
        SymLab swaps R_s and P_s for alternatives, trains them and compares accuracy per unit of cost.

        Start with `symlab data inspect data/water-dft` and `symlab bench`.
        """,
        subcommands: [RunCommand.self, ReportCommand.self, RunOneCommand.self, TrainCommand.self, TestCommand.self, MDCommand.self,
                      ExportCommand.self, ImportCommand.self, CompressCommand.self, DataCommand.self, VariantsCommand.self, NewVariantCommand.self,
                      CheckCommand.self, BenchCommand.self]
    )
}

/// `symlab data ...`: dataset tools.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Inspect and generate datasets (DeePMD npy folders, extended XYZ).",
        subcommands: [DataInspectCommand.self, DataGenerateCommand.self]
    )
}

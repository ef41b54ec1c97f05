import ArgumentParser
import Foundation
import SymAtoms
import SymModel
import SymTrain

/// `symlab compress MODEL -o OUT`: DeePMD-kit's `dp compress` for se_e2_a (embedding `tabulated`).
struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Tabulate a trained se_e2_a model's embedding nets, as DeePMD-kit's dp compress does: faster inference, same physics.",
        discussion: """
        Each per-type embedding net N_t (1 -> M1) becomes a table of quintic polynomials over s~, the \
        normalised radial column of the environment matrix: step --stride from lower to upper, then step \
        10 x stride up to --extrapolate x upper. Each piece matches the net's value, first and second \
        derivative at both of its ends, so the table is twice continuously differentiable and the forces \
        stay the exact gradient of the (tabulated) energy. Beyond the table G continues linearly (as in \
        DeePMD-kit 3.2.0); only atoms much closer than any pair of the data get there.

        lower is the s~ of an empty slot and upper the s~ of the closest neighbour pair, from the model's \
        statistics (davg, dstd; all four columns, as `dp --pt compress`) and the smallest neighbour \
        distance r_min, rounded outward to integers. A SymLab model does not record r_min: give the \
        training data with --data (as DeePMD-kit's `dp compress -t input.json`; repeat --data per folder, \
        or name a folder of systems), or r_min itself with --min-distance.

        Prints the interpolation error of G and dG/ds~ against the exact nets between the table nodes and, \
        with --data, the energy and force differences between the compressed and the exact model on \
        --check-frames frames. The output is a model.json with embedding `tabulated` that `symlab test`, \
        `symlab md` and `symlab bench --model` read. It keeps the exact nets (the tables are rebuilt in \
        milliseconds when it is loaded). A table is not trained: `symlab train` refuses a tabulated \
        embedding; train the exact model, then compress it.

        Example: symlab compress runs/water/model.json -o runs/water/compressed.json --data data/water-dft/data_0 \
        --data data/water-dft/data_1 --data data/water-dft/data_2
        """)

    @Argument(help: "A trained model with per-type embedding nets (se_e2_a): a model.json, or a DeePMD-kit .yaml.")
    var model: String

    @Option(name: .shortAndLong, help: "The compressed model.json to write.")
    var output: String

    @Option(help: "Fine table step in s~ (DeePMD-kit's -s); the coarse table uses 10 x stride.")
    var stride = 0.01

    @Option(help: "The coarse table ends at extrapolate x upper (DeePMD-kit's -e).")
    var extrapolate = 5.0

    @Option(help: "Data (DeePMD system folders or .xyz; the training data): gives r_min and the frames of the E/F check.")
    var data: [String] = []

    @Option(help: ArgumentHelp("The smallest neighbour distance r_min (Å) to tabulate for, instead of the one of --data.",
                               valueName: "Å"))
    var minDistance: Double?

    @Option(help: "Frames of --data, evenly spread, on which E and F of the compressed and exact models are compared (0: none).")
    var checkFrames = 20

    /// Value checks (in `run`, so that a bad value is one line, as for the other commands).
    func checkValues() throws {
        guard stride > 0 && stride.isFinite else { throw ValidationError("--stride must be a positive step in s~, e.g. 0.01, got \(stride)") }
        guard extrapolate >= 1 && extrapolate.isFinite else { throw ValidationError("--extrapolate must be at least 1, e.g. 5, got \(extrapolate)") }
        if let minDistance, !(minDistance > 0 && minDistance.isFinite) {
            throw ValidationError("--min-distance must be a positive distance in Å, got \(minDistance)")
        }
        guard checkFrames >= 0 else { throw ValidationError("--check-frames must be 0 or more, got \(checkFrames)") }
    }

    func run() throws {
        try checkValues()
        let file = try ModelLoading.read(model)
        let dataset = data.isEmpty ? nil : try DatasetReader.read(data, typeMap: file.config.typeMap)
        let rcut = file.config.descriptor.rcut
        let found = try dataset.flatMap { try TabulatedEmbedding.minimumNeighbourDistance(in: $0, rcut: rcut) }
        guard let rmin = minDistance ?? found else {
            throw UserError(dataset == nil
                ? "\(model): the model does not record the smallest neighbour distance of its training data: pass the training data with --data (as DeePMD-kit's dp compress -t) or give it with --min-distance"
                : "\(data.joined(separator: ", ")): no two atoms closer than rcut = \(rcut) Å, so no neighbour distance to tabulate for: give --min-distance")
        }
        let compressed = try TabulatedEmbedding.compress(file, source: model, minimumDistance: rmin, stride: stride, extrapolate: extrapolate)
        let (exact, tabulated) = (try build(file), try build(compressed))
        guard let stage = tabulated.embeddingStage as? TabulatedEmbedding, let first = stage.tables.first else { return }
        let o = compressed.config.descriptor.embeddingOptions
        print("r_min = \(format(rmin, "%.4f")) Å (\(minDistance == nil ? "smallest neighbour distance of the data" : "--min-distance")); "
              + "s~ table [\(o["lower"]!), \(o["upper"]!)) step \(stride), then to \(format(first.end, "%.6g")) step \(format(10 * stride, "%.6g")): "
              + "\(first.fineIntervals) + \(first.coarseIntervals) intervals x \(first.width) channels per net, \(stage.tables.count) net(s)\n")
        var table = TextTable(header: ["net", "s~ region", "points", "max |dG|", "relative", "max |dG'|", "relative"])
        for e in stage.interpolationErrors() {
            let name = file.config.descriptor.typeOneSide ? "\(e.net) (neighbour \(file.config.typeMap[e.net]))" : "\(e.net)"
            table.rows.append([name, e.region, "\(e.points)", format(e.valueAbsolute), format(e.valueRelative),
                               format(e.slopeAbsolute), format(e.slopeRelative)])
        }
        print("Interpolation error against the exact nets, between the table nodes (relative: to max |G| and max |G'| of the region):\n")
        print(table.render())
        if let dataset, checkFrames > 0 { try printFrameCheck(exact, tabulated, dataset) }
        try compressed.write(to: output)
        print("\nwrote \(output): embedding tabulated (from \(model))")
    }

    /// The model of `file`, with build errors naming the input file.
    func build(_ file: ModelFile) throws -> DeepPotModel {
        do { return try file.makeModel() } catch let error as ConfigError {
            throw DataError(file: model, "model does not build: \(error)")
        } catch let error as PipelineError {
            throw DataError(file: model, "model does not build: \(error)")
        }
    }

    /// E and F of the compressed against the exact model on up to `checkFrames` evenly spread frames.
    func printFrameCheck(_ exact: DeepPotModel, _ tabulated: DeepPotModel, _ dataset: Dataset) throws {
        let all = Evaluator.frames(of: dataset).map(\.frame), n = min(checkFrames, all.count)
        guard n > 0 else { return }
        let frames = (0..<n).map { all[$0 * all.count / n] }
        let d = try PredictionDifference.measure(tabulated, exact, frames: frames, source: data.joined(separator: ", "))
        var table = TextTable(header: ["compressed - exact", "max", "RMS", "unit"])
        table.rows.append(["energy per atom", format(d.energyPerAtomMax), format(d.energyPerAtomRMS), "eV/atom"])
        table.rows.append(["force component", format(d.forceMax), format(d.forceRMS), "eV/Å"])
        print("\nOn \(n) of the \(all.count) frames of \(data.joined(separator: ", ")):\n")
        print(table.render())
        if let rmse = d.labelForceRMSE {
            print("force RMSE against the labels: compressed \(format(rmse.a, "%.6e")), exact \(format(rmse.b, "%.6e")) eV/Å "
                  + "(difference \(format(rmse.a - rmse.b)))")
        }
    }

    func format(_ x: Double, _ spec: String = "%.3e") -> String { String(format: spec, x) }
}

import ArgumentParser
import Foundation
import SymAtoms
import SymModel

/// Loading what `symlab md` needs: the potential, the start frame, masses.
enum MDSetup {
    /// The name `--model` takes for the reference potential.
    static let referenceName = "stillinger-weber"

    /// A potential chosen by `--model`, before the atoms' types are known.
    struct Choice {
        /// For messages.
        var name: String
        /// Element names of the types.
        var typeMap: [String]
        /// The learned model (nil for the reference potential).
        var model: DeepPotModel?

        /// The potential for atoms of `types`, and the learned potential (to read its counters).
        func make(types: [Int]) -> (AnyPotential, LearnedPotential?) {
            guard let model else { return (AnyPotential(StillingerWeber(), name: name), nil) }
            let learned = LearnedPotential(model: model, types: types)
            return (AnyPotential(learned, name: name), learned)
        }
    }

    /// 'stillinger-weber', a DeePMD-kit .yaml, or a SymLab model.json.
    static func potential(_ model: String) throws -> Choice {
        if model == referenceName { return Choice(name: "Stillinger-Weber (Si)", typeMap: ["Si"], model: nil) }
        let m = try ModelLoading.load(model)
        return Choice(name: model, typeMap: m.config.typeMap, model: m)
    }

    /// Frame `index` of `path` (counting over its systems in order), types mapped onto `typeMap`.
    static func frame(_ path: String, index: Int, typeMap: [String]) throws -> Frame {
        let dataset = try DatasetReader.read([path], typeMap: typeMap)
        let frames = dataset.systems.flatMap(\.frames)
        guard frames.indices.contains(index) else {
            throw ValidationError("\(path): --frame \(index) is out of range; it holds \(frames.count) frames (0…\(frames.count - 1))")
        }
        return frames[index]
    }

    /// `--mass El=amu` options as a dictionary.
    static func massOverrides(_ options: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let m = Double(parts[1]), m > 0 else {
                throw ValidationError("--mass '\(option)': expected El=amu with a positive mass, e.g. --mass H=2.014")
            }
            out[parts[0]] = m
        }
        return out
    }
}

import SymAtoms
import SymTensor

/// Reproduces a DeePMD-kit fixture with the batched model, stage by stage (`symlab check
/// --fixture` and the tests share this). Errors are max|ours − DeePMD| / max|DeePMD| per array.
public enum FixtureCheck {
    /// One compared stage.
    public struct Stage: Sendable {
        public var name: String
        public var maxRelativeError: Double
        public var tolerance: Double
        public var passed: Bool { maxRelativeError <= tolerance }
    }

    /// Tolerance for values computed without differentiation (fixture README).
    public static let valueTolerance = 1e-12
    /// Tolerance for forces and virials relative to their largest component.
    public static let derivativeTolerance = 1e-10

    /// max|a − b| / max|b| (0 when both vanish).
    public static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "relativeError: \(a.count) vs \(b.count) values")
        let scale = b.reduce(0) { max($0, abs($1)) }
        let diff = zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return scale == 0 ? diff : diff / scale
    }

    /// Every stage of every frame of `fixture`, in the order env, G (and G after attention), T,
    /// D, energies, forces, virial. Without intermediates only the labels are compared.
    public static func run(_ fixture: DeePMDFixture, source: String = "fixture") throws -> [Stage] {
        let model = try fixture.makeModel(source: source)
        var stages: [Stage] = []
        func add(_ name: String, _ ours: [Double], _ theirs: [Double], _ tolerance: Double) {
            stages.append(Stage(name: name, maxRelativeError: relativeError(ours, theirs), tolerance: tolerance))
        }
        if let inter = fixture.intermediates {
            let batch = try model.batch(for: fixture.frames[inter.frameIndex].frame, source: source)
            let set = model.neighbourSet(batch)
            let raw = EnvironmentMatrix.rows(batch.rij, rcut: model.config.descriptor.rcut,
                                             rcutSmooth: model.config.descriptor.rcutSmooth).rows.scalars
            let pooled = model.stageOutputs(set).pooled, input = model.fittingInput(set)
            let refined = (model.encoder as? GatedAttention)?.refined(set)
            let n = model.nnei, m1 = model.config.descriptor.neuron.last!, dim = input.shape[1]
            func rows(_ values: [Double], atom: Int, width: Int) -> [Double] { Array(values[(atom * width)..<((atom + 1) * width)]) }
            for (atom, dump) in inter.env.sorted(by: { $0.key < $1.key }) {
                let valid = Array(batch.valid[(atom * n)..<((atom + 1) * n)])
                stages.append(Stage(name: "slots atom \(atom)", maxRelativeError: valid == dump.valid ? 0 : 1, tolerance: 0))
                let types = Array(batch.neighbourTypes[(atom * n)..<((atom + 1) * n)])
                if !batch.typeBlocks {  // one mixed block: the slot's neighbour type must agree too
                    stages.append(Stage(name: "neighbour types atom \(atom)", maxRelativeError: types == dump.neighbourTypes ? 0 : 1, tolerance: 0))
                }
                add("R_raw atom \(atom)", rows(raw, atom: atom, width: 4 * n), dump.raw, valueTolerance)
                add("R~ atom \(atom)", rows(set.env.scalars, atom: atom, width: 4 * n), dump.normalized, valueTolerance)
            }
            let arrays: [(String, [Int: [Double]], Tensor?, Int)] = [("G", inter.g, set.embedding, n * m1),
                                                                     ("G attention", inter.attentionG, refined, n * m1),
                                                                     ("T", inter.t, pooled, 4 * m1), ("D", inter.d, input, dim)]
            for (name, dumps, ours, width) in arrays {
                for (atom, theirs) in dumps.sorted(by: { $0.key < $1.key }) {
                    guard let ours else { throw DataError(file: source, "the fixture has \(name) but the model has no such stage") }
                    add("\(name) atom \(atom)", rows(ours.scalars, atom: atom, width: width), theirs, valueTolerance)
                }
            }
        }
        for labelled in fixture.frames {
            let p = model.predict(try model.batch(for: labelled.frame, source: source))
            if let e = labelled.frame.energy { add("energy \(labelled.name)", p.energy.scalars, [e], valueTolerance) }
            add("atom energy \(labelled.name)", p.atomEnergy.scalars, labelled.atomEnergies, valueTolerance)
            if let f = labelled.frame.forces { add("forces \(labelled.name)", p.forces.scalars, f, derivativeTolerance) }
            if let w = labelled.frame.virial { add("virial \(labelled.name)", p.virial.scalars, w, derivativeTolerance) }
        }
        return stages
    }
}

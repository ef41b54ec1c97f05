import Foundation
import SymAtoms

/// One learning-curve row: energies per atom (eV/atom), forces (eV/Å).
public struct LearningCurveRow: Equatable, Sendable {
    public var step: Int
    public var learningRate: Double
    public var loss: Double
    public var trainEnergyRMSE: Double, trainForceRMSE: Double
    public var validationEnergyRMSE: Double, validationForceRMSE: Double
    public var seconds: Double

    static let header = "step,lr,loss,rmse_e_train,rmse_f_train,rmse_e_val,rmse_f_val,wall_s"

    var csv: String {
        let values = [learningRate, loss, trainEnergyRMSE, trainForceRMSE, validationEnergyRMSE, validationForceRMSE, seconds]
        return ([String(step)] + values.map { String(format: "%.6e", $0) }).joined(separator: ",")
    }

    init(step: Int, learningRate: Double, loss: Double, trainEnergyRMSE: Double, trainForceRMSE: Double,
         validationEnergyRMSE: Double, validationForceRMSE: Double, seconds: Double) {
        (self.step, self.learningRate, self.loss) = (step, learningRate, loss)
        (self.trainEnergyRMSE, self.trainForceRMSE) = (trainEnergyRMSE, trainForceRMSE)
        (self.validationEnergyRMSE, self.validationForceRMSE, self.seconds) = (validationEnergyRMSE, validationForceRMSE, seconds)
    }

    init?(csv line: Substring) {
        let f = line.split(separator: ",").map(String.init)
        guard f.count == 8, let step = Int(f[0]) else { return nil }
        let v = f.dropFirst().compactMap(Double.init)
        guard v.count == 7 else { return nil }
        self.init(step: step, learningRate: v[0], loss: v[1], trainEnergyRMSE: v[2], trainForceRMSE: v[3],
                  validationEnergyRMSE: v[4], validationForceRMSE: v[5], seconds: v[6])
    }
}

/// The learning curve of a run, rewritten atomically as CSV at every validation.
public struct LearningCurve {
    let path: String
    var rows: [LearningCurveRow] = []

    /// Rows of an existing file up to `step` (for resuming).
    init(path: String, keepingUpTo step: Int?) {
        self.path = path
        if let step { rows = Self.read(from: path).filter { $0.step <= step } }
    }

    /// The rows of a learning-curve CSV file (empty when it is missing or has no valid row).
    public static func read(from path: String) -> [LearningCurveRow] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap(LearningCurveRow.init(csv:))
    }

    mutating func append(_ row: LearningCurveRow) throws {
        rows.append(row)
        let text = ([LearningCurveRow.header] + rows.map(\.csv)).joined(separator: "\n") + "\n"
        try AtomicFile.write(text, to: path)
    }
}

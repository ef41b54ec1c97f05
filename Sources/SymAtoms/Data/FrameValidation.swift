import Foundation

/// Where a frame came from, so that a validation error names the right file (spec §1.2, §1.3).
public struct FrameOrigin: Sendable {
    /// The system folder or extxyz file.
    public var source: String
    /// File of each array by DeePMD name ("type", "coord", "box", "energy", "force", "virial");
    /// arrays not listed are reported against `source`.
    public var arrayFiles: [String: String]
    /// Frame index within the file (within its set for DeePMD folders).
    public var frame: Int

    /// Creates an origin.
    public init(source: String, arrayFiles: [String: String] = [:], frame: Int) {
        self.source = source
        self.arrayFiles = arrayFiles
        self.frame = frame
    }

    /// The file to blame for `array`.
    public func file(of array: String) -> String { arrayFiles[array] ?? source }

    func error(_ array: String, _ problem: String) -> DataError {
        DataError(file: file(of: array), "frame \(frame): \(problem)")
    }
}

/// Thresholds of the physical sanity checks.
public enum FrameValidation {
    /// Two atoms closer than this (Å), periodic images included, are reported as overlapping.
    public static let overlapDistance = 0.1
    /// Cells with |det h| below this (Å^3) are reported as degenerate.
    public static let minimumCellVolume = 1e-6
}

/// Checks one frame and throws the first problem found, as a one-line `DataError` naming the file
/// (from `origin`), the frame index, the array and the problem:
/// array lengths (types N, coord/force 3N, box/virial 9), type indices in `0..<typeMap.count`,
/// NaN or inf in any array, cell volume |det h| >= 1e-6 Å^3 and a cell `PeriodicCell` accepts (not
/// degenerate relative to its edge lengths), and no two atoms closer than 0.1 Å (minimum image over
/// the 27 neighbouring images for periodic frames).
public func validateFrame(_ frame: Frame, typeMap: [String], origin: FrameOrigin) throws {
    let n = frame.atomCount
    let lengths: [(String, Int?, Int)] = [
        ("coord", frame.positions.count, 3 * n), ("box", frame.cell?.count, 9),
        ("force", frame.forces?.count, 3 * n), ("virial", frame.virial?.count, 9),
    ]
    for (name, count, expected) in lengths {
        if let count, count != expected {
            let why = expected == 9 ? "9 (3 x 3)" : "\(expected) (3 x \(n) atoms)"
            throw origin.error(name, "\(name) has \(count) values, expected \(why)")
        }
    }
    if let bad = frame.types.firstIndex(where: { $0 < 0 || $0 >= typeMap.count }) {
        throw origin.error("type", "atom \(bad) has type index \(frame.types[bad]), outside type_map "
            + "[\(typeMap.joined(separator: ", "))] (valid 0..<\(typeMap.count))")
    }
    let arrays: [(String, [Double]?)] = [
        ("coord", frame.positions), ("box", frame.cell), ("energy", frame.energy.map { [$0] }),
        ("force", frame.forces), ("virial", frame.virial),
    ]
    for (name, values) in arrays {
        guard let values, let bad = values.firstIndex(where: { !$0.isFinite }) else { continue }
        let what = values[bad].isNaN ? "NaN" : "inf"
        let place = name == "energy" ? "" : (name == "coord" || name == "force")
            ? " at atom \(bad / 3) component \(["x", "y", "z"][bad % 3])" : " at entry \(bad)"
        throw origin.error(name, "\(name) contains \(what)\(place)")
    }
    var periodic: PeriodicCell?
    if let cell = frame.cell {
        let volume = abs(PeriodicCell.determinant(cell))
        if volume < FrameValidation.minimumCellVolume {
            throw origin.error("box", "cell volume \(volume) Å^3 is zero or degenerate (|det| < 1e-6 Å^3)")
        }
        periodic = try PeriodicCell(cell, source: origin.file(of: "box"), frameIndex: origin.frame)
    }
    if let (i, j, distance) = firstOverlap(frame, cell: periodic, threshold: FrameValidation.overlapDistance) {
        let text = String(format: "%.4g", distance)
        if i == j {
            throw origin.error("coord", "every atom overlaps its own periodic image: lattice vector of \(text) Å < 0.1 Å")
        }
        let image = frame.isPeriodic ? " (minimum image)" : ""
        throw origin.error("coord", "atoms \(i) and \(j) overlap: distance \(text) Å\(image) < 0.1 Å")
    }
}

/// Checks a whole dataset: a non-empty type map, every system non-empty with one atom count and type
/// list across its frames, and `validateFrame` on every frame. `source` names the dataset in messages
/// when a problem belongs to no single system.
public func validate(_ dataset: Dataset, source: String) throws {
    if dataset.typeMap.isEmpty { throw DataError(file: source, "empty type map") }
    if dataset.systems.isEmpty { throw DataError(file: source, "no systems") }
    for system in dataset.systems {
        guard let first = system.frames.first else { throw DataError(file: system.name, "system has no frames") }
        for (index, frame) in system.frames.enumerated() {
            if frame.types != first.types {
                throw DataError(file: system.name, "frame \(index): type list differs from frame 0 "
                    + "(\(frame.atomCount) atoms vs \(first.atomCount)); a system needs one type list")
            }
            try validateFrame(frame, typeMap: dataset.typeMap, origin: FrameOrigin(source: system.name, frame: index))
        }
    }
}

/// The first pair (i < j) of atoms closer than `threshold` Å and its distance, or nil; `cell` is the
/// frame's checked cell (nil for a non-periodic frame). Periodic frames use the minimum image over
/// the 27 neighbouring images of the wrapped fractional displacement, plus each atom against its
/// own images. When every face distance d_k exceeds
/// 2 * threshold, an image other than the wrapped one is at least d_k / 2 away, so only the wrapped
/// displacement can be closer than `threshold` and the 26 others are skipped.
func firstOverlap(_ frame: Frame, cell: PeriodicCell?, threshold: Double) -> (Int, Int, Double)? {
    let n = frame.atomCount
    let t2 = threshold * threshold
    return frame.positions.withUnsafeBufferPointer { r -> (Int, Int, Double)? in
        guard let cell else {
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    let dx = r[3 * j] - r[3 * i]
                    if abs(dx) >= threshold { continue }
                    let dy = r[3 * j + 1] - r[3 * i + 1], dz = r[3 * j + 2] - r[3 * i + 2]
                    let d2 = dx * dx + dy * dy + dz * dz
                    if d2 < t2 { return (i, j, d2.squareRoot()) }
                }
            }
            return nil
        }
        let h = cell.matrix, faces = cell.faceDistances
        let fractional = cell.fractional(frame.positions)
        let allImages = faces.min()! <= 2 * threshold
        let shifts: [(Double, Double, Double)] = allImages
            ? (-1...1).flatMap { a in (-1...1).flatMap { b in (-1...1).map { c in (Double(a), Double(b), Double(c)) } } }
            : [(0, 0, 0)]
        func distance2(_ f0: Double, _ f1: Double, _ f2: Double) -> Double {
            let x = f0 * h[0] + f1 * h[3] + f2 * h[6]
            let y = f0 * h[1] + f1 * h[4] + f2 * h[7]
            let z = f0 * h[2] + f1 * h[5] + f2 * h[8]
            return x * x + y * y + z * z
        }
        if allImages {
            for (a, b, c) in shifts where (a, b, c) != (0, 0, 0) {
                let d2 = distance2(a, b, c)
                if d2 < t2 { return (0, 0, d2.squareRoot()) }  // each atom meets its own image
            }
        }
        return fractional.withUnsafeBufferPointer { f -> (Int, Int, Double)? in
            for i in 0..<n {
                for j in (i + 1)..<max(i + 1, n) {
                    var d0 = f[3 * j] - f[3 * i], d1 = f[3 * j + 1] - f[3 * i + 1], d2 = f[3 * j + 2] - f[3 * i + 2]
                    d0 -= d0.rounded(); d1 -= d1.rounded(); d2 -= d2.rounded()
                    if !allImages && (abs(d0) * faces[0] >= threshold || abs(d1) * faces[1] >= threshold
                                      || abs(d2) * faces[2] >= threshold) { continue }
                    for (a, b, c) in shifts {
                        let s2 = distance2(d0 + a, d1 + b, d2 + c)
                        if s2 < t2 { return (i, j, s2.squareRoot()) }
                    }
                }
            }
            return nil
        }
    }
}

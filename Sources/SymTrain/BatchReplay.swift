import Foundation
import SymAtoms

/// A recorded batch sequence to train on instead of `BatchSampler`'s draws: for cross-checking a
/// training run step by step against another implementation that saw the same batches.
///
/// Reads DeePMD-kit's `SAMPLER_RECORD=1` file (`Sample_rank_0.txt`), one line per step:
///
///     Step 0: sample system1  frame[84]
///     Step 1: sample system0  frame[3, 17]
///
/// Step numbers are 0-based optimiser steps; systems index the config's `data.train` list and
/// frames the frames of that system (all sets in order), as in DeePMD-kit.
public struct BatchReplay: Sendable {
    /// (system, frames) per step, indexed by step.
    public let batches: [Int: (system: Int, frames: [Int])]
    /// Where the record came from (for error messages).
    public let source: String

    /// Parses a record; every malformed line is an error naming `source` and the line number.
    public init(text: String, source: String) throws {
        var batches: [Int: (system: Int, frames: [Int])] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let entry = Self.parse(line) else {
                throw DataError(file: source, "line \(index + 1) is not 'Step N: sample systemS  frame[F, ...]': \(line.prefix(80))")
            }
            guard batches[entry.step] == nil else { throw DataError(file: source, "line \(index + 1): step \(entry.step) appears twice") }
            batches[entry.step] = (entry.system, entry.frames)
        }
        guard !batches.isEmpty else { throw DataError(file: source, "no 'Step N: sample ...' lines") }
        self.batches = batches
        self.source = source
    }

    /// Reads a record file.
    public static func read(from path: String) throws -> BatchReplay {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DataError(file: path, "cannot read the batch record")
        }
        return try BatchReplay(text: text, source: path)
    }

    /// The batch of `step`, checked against the training systems' frame counts.
    public func batch(step: Int, frameCounts: [Int]) throws -> (system: Int, frames: [Int]) {
        guard let b = batches[step] else {
            throw DataError(file: source, "has no batch for step \(step) (it covers \(batches.count) steps)")
        }
        guard b.system < frameCounts.count else {
            throw DataError(file: source, "step \(step) uses system \(b.system) but the config trains on \(frameCounts.count) systems")
        }
        if let bad = b.frames.first(where: { $0 >= frameCounts[b.system] }) {
            throw DataError(file: source, "step \(step) uses frame \(bad) of system \(b.system), which has \(frameCounts[b.system]) frames")
        }
        return b
    }

    static func parse(_ line: String) -> (step: Int, system: Int, frames: [Int])? {
        let s = Scanner(string: line)
        s.charactersToBeSkipped = .whitespaces
        guard s.scanString("Step") != nil, let step = s.scanInt(), s.scanString(":") != nil, s.scanString("sample") != nil,
              s.scanString("system") != nil, let system = s.scanInt(), s.scanString("frame") != nil,
              s.scanString("[") != nil, step >= 0, system >= 0 else { return nil }
        var frames: [Int] = []
        while let f = s.scanInt() {
            guard f >= 0 else { return nil }
            frames.append(f)
            if s.scanString(",") == nil { break }
        }
        guard !frames.isEmpty, s.scanString("]") != nil, s.isAtEnd else { return nil }
        return (step, system, frames)
    }
}

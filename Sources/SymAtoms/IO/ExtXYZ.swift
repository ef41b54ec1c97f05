import Foundation

/// Extended XYZ as ASE writes it (spec §1.3). Per frame:
/// ```
/// <N_at>
/// Lattice="ax ay az bx by bz cx cy cz" Properties=species:S:1:pos:R:3:forces:R:3 energy=<E> pbc="T T T"
/// <El> x y z fx fy fz            (N_at lines)
/// ```
/// - Lattice: rows a, b, c of h (Å), like box.npy. `pbc` "T T T" or absent with a Lattice: periodic;
///   "F F F" or no Lattice: non-periodic. Mixed pbc (slabs) is unsupported.
/// - Columns: `species:S:1` and `pos:R:3` are required; forces from `forces`, `force` or `F` (R:3);
///   other columns are skipped. Without Properties, ASE's default `species:S:1:pos:R:3` is assumed.
/// - Energy from `energy=`, `E=` or `free_energy=` (first found, in that order), eV.
/// - Virial from `virial=` (9 numbers, eV) or else from `stress=` (9 numbers, or 6 in Voigt order
///   xx yy zz yz xz xy; eV/Å^3, ASE sign) as W = −σ V with V = |det h|. Like ASE, 3 x 3 matrices other
///   than Lattice are stored column-major (m_xx m_yx m_zx m_xy ...); `Frame.virial` is row-major.
/// Frames are grouped into systems by identical type sequence, in order of first appearance.
public enum ExtXYZ {
    /// Reads the file at `path`; see `parse(_:file:typeMap:)`.
    public static func read(_ path: String, typeMap: [String]? = nil) throws -> Dataset {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, FileManager.default.fileExists(atPath: path) ? "cannot be read" : "file not found")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(file: path, "not UTF-8 text") }
        return try parse(text, file: path, typeMap: typeMap)
    }

    /// Parses extxyz text. Species become type indices through `typeMap` (an unknown species is an
    /// error), or, without one, in order of first appearance. Systems are named `file` (one system)
    /// or `file#k`. Every frame is checked with `validateFrame`; errors name `file` and the line.
    public static func parse(_ text: String, file: String, typeMap: [String]? = nil) throws -> Dataset {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        var map = typeMap ?? []
        var groups: [[Int]] = []
        var frames: [[Frame]] = []
        var row = 0
        var frameIndex = 0
        while row < lines.count {
            let countText = lines[row].trimmingCharacters(in: .whitespaces)
            if countText.isEmpty { row += 1; continue }
            guard let count = Int(countText), count > 0 else {
                var hint = ""
                if frameIndex > 0 { hint = " (does the previous frame's count line match its atom lines?)" }
                throw DataError(file: file, "line \(row + 1): expected a count line (number of atoms), found '\(countText.prefix(40))'\(hint)")
            }
            guard count < lines.count - row - 1 else {  // row + 1 + count < lines.count, without overflow
                let rest = lines.dropFirst(row + 2)  // atom lines present, not counting trailing blank lines
                let found = (rest.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? row + 1) - (row + 1)
                throw DataError(file: file, "line \(row + 1): count line says \(count) atoms, but the file ends after \(found) atom lines")
            }
            var frame = try parseFrame(comment: lines[row + 1], atomLines: lines[(row + 2)..<(row + 2 + count)],
                                       firstLine: row + 1, file: file, map: &map, extendMap: typeMap == nil)
            let origin = FrameOrigin(source: file, frame: frameIndex)
            try validateFrame(frame, typeMap: map, origin: origin)
            if let k = groups.firstIndex(of: frame.types) {
                frame.types = groups[k]
                frames[k].append(frame)
            } else {
                groups.append(frame.types)
                frames.append([frame])
            }
            row += 2 + count
            frameIndex += 1
        }
        if frames.isEmpty { throw DataError(file: file, "no frames") }
        let systems = frames.enumerated().map { k, list in
            AtomSystem(name: frames.count == 1 ? file : "\(file)#\(k)", frames: list)
        }
        return Dataset(typeMap: map, systems: systems)
    }

    /// One frame: `comment` is the key=value line, `firstLine` its 1-based line number minus one.
    static func parseFrame(comment: Substring, atomLines: ArraySlice<Substring>, firstLine: Int, file: String,
                           map: inout [String], extendMap: Bool) throws -> Frame {
        let commentLine = firstLine + 1
        func fail(_ line: Int, _ problem: String) -> DataError { DataError(file: file, "line \(line): \(problem)") }
        let info: [String: String]
        do { info = try keyValues(comment) } catch let failure as LiteralParser.Failure {
            throw fail(commentLine, failure.reason)
        }
        func numbers(_ key: String, _ text: String) throws -> [Double] {
            try text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map {
                guard let value = Double($0) else { throw fail(commentLine, "\(key): '\($0)' is not a number") }
                return value
            }
        }
        var cell: [Double]?
        if let lattice = info["Lattice"] ?? info["lattice"] {
            cell = try numbers("Lattice", lattice)
            if cell!.count != 9 { throw fail(commentLine, "Lattice has \(cell!.count) numbers, expected 9") }
        }
        if let pbc = info["pbc"] {
            let flags = pbc.split(separator: " ").map { ["T", "True", "true", "1"].contains(String($0)) }
            if flags.count != 3 && flags.count != 1 { throw fail(commentLine, "pbc=\"\(pbc)\" needs 3 flags") }
            if flags.contains(true) && flags.contains(false) {
                throw fail(commentLine, "mixed pbc \"\(pbc)\" is unsupported (only all T or all F)")
            }
            if flags[0] && cell == nil { throw fail(commentLine, "pbc=\"\(pbc)\" without a Lattice") }
            if !flags[0] { cell = nil }
        }
        let columns = try propertyColumns(info["Properties"] ?? info["properties"] ?? "species:S:1:pos:R:3", line: commentLine, file: file)
        var energy: Double?
        if let key = ["energy", "E", "free_energy"].first(where: { info[$0] != nil }) {
            guard let value = Double(info[key]!) else { throw fail(commentLine, "\(key)='\(info[key]!)' is not a number") }
            energy = value
        }
        var virial: [Double]?
        if let text = info["virial"] {
            let w = try numbers("virial", text)
            if w.count != 9 { throw fail(commentLine, "virial has \(w.count) numbers, expected 9") }
            virial = transposed(w)
        } else if let text = info["stress"] {
            guard let cell else { throw fail(commentLine, "stress given for a non-periodic frame (needs a Lattice)") }
            var s = try numbers("stress", text)
            if s.count == 6 { s = [s[0], s[5], s[4], s[5], s[1], s[3], s[4], s[3], s[2]] }
            if s.count != 9 { throw fail(commentLine, "stress has \(s.count) numbers, expected 9 or 6") }
            let volume = abs(PeriodicCell.determinant(cell))
            virial = transposed(s).map { -$0 * volume }
        }
        var types: [Int] = []
        var positions: [Double] = []
        var forces: [Double]? = columns.force == nil ? nil : []
        let width = columns.width
        for (offset, line) in atomLines.enumerated() {
            let number = commentLine + 1 + offset
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.count != width {
                let what = fields.count < width ? "missing columns" : "extra columns"
                throw fail(number, "\(what): found \(fields.count), Properties declares \(width) (\(columns.description))"
                    + " or the count line on line \(firstLine) is wrong")
            }
            let species = String(fields[columns.species])
            if let index = map.firstIndex(of: species) {
                types.append(index)
            } else if extendMap {
                map.append(species)
                types.append(map.count - 1)
            } else {
                throw fail(number, "unknown species '\(species)' (type map: \(map.joined(separator: ", ")))")
            }
            func triple(_ start: Int, _ name: String) throws -> [Double] {
                try (start..<(start + 3)).map {
                    guard let value = Double(fields[$0]) else { throw fail(number, "\(name): '\(fields[$0])' is not a number") }
                    return value
                }
            }
            positions += try triple(columns.position, "pos")
            if let f = columns.force { forces! += try triple(f, "forces") }
        }
        return Frame(types: types, positions: positions, cell: cell, energy: energy, forces: forces, virial: virial)
    }

    /// Row-major <-> column-major order of a 3 x 3 matrix.
    static func transposed(_ m: [Double]) -> [Double] { (0..<9).map { m[3 * ($0 % 3) + $0 / 3] } }

    /// Column offsets from a Properties value such as `species:S:1:pos:R:3:forces:R:3`.
    struct Columns {
        var species: Int
        var position: Int
        var force: Int?
        var width: Int
        var description: String
    }

    /// Largest count of one Properties column.
    static let maximumColumns = 1 << 20

    static func propertyColumns(_ text: String, line: Int, file: String) throws -> Columns {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count % 3 == 0, !parts.isEmpty else {
            throw DataError(file: file, "line \(line): Properties '\(text)' is not name:type:count triples")
        }
        var offset = 0
        var found: [String: (type: String, start: Int, count: Int)] = [:]
        for k in stride(from: 0, to: parts.count, by: 3) {
            // Counts are bounded (no line holds a million columns), so the offsets cannot overflow.
            guard let count = Int(parts[k + 2]), count > 0, count <= maximumColumns else {
                throw DataError(file: file, "line \(line): Properties column '\(parts[k])' has count '\(parts[k + 2])'")
            }
            found[parts[k]] = (parts[k + 1], offset, count)
            offset += count
        }
        guard let species = found["species"], species.type == "S", species.count == 1 else {
            throw DataError(file: file, "line \(line): Properties has no species:S:1 column")
        }
        guard let pos = found["pos"], pos.type == "R", pos.count == 3 else {
            throw DataError(file: file, "line \(line): Properties has no pos:R:3 column")
        }
        let force = ["forces", "force", "F"].compactMap { found[$0] }.first { $0.type == "R" && $0.count == 3 }
        let names = stride(from: 0, to: parts.count, by: 3).map { "\(parts[$0])" }
        return Columns(species: species.start, position: pos.start, force: force?.start, width: offset,
                       description: names.joined(separator: " "))
    }

    /// Splits a comment line into key=value pairs; values may be "quoted", 'quoted' or {braced};
    /// a bare key means "T".
    static func keyValues(_ line: Substring) throws -> [String: String] {
        var result: [String: String] = [:]
        var chars = Array(line)[...]
        func skipSpace() { while let c = chars.first, c == " " || c == "\t" { chars.removeFirst() } }
        skipSpace()
        while !chars.isEmpty {
            var key = ""
            while let c = chars.first, c != "=", c != " ", c != "\t" { key.append(c); chars.removeFirst() }
            skipSpace()
            guard chars.first == "=" else { result[key] = "T"; continue }
            chars.removeFirst()
            skipSpace()
            var value = ""
            if let open = chars.first, open == "\"" || open == "'" || open == "{" {
                let close: Character = open == "{" ? "}" : open
                chars.removeFirst()
                while let c = chars.first, c != close {
                    chars.removeFirst()
                    if c == "\\", let next = chars.first { value.append(next); chars.removeFirst() } else { value.append(c) }
                }
                guard chars.first == close else { throw LiteralParser.Failure(reason: "unterminated \(open) in comment line after \(key)=") }
                chars.removeFirst()
            } else {
                while let c = chars.first, c != " ", c != "\t" { value.append(c); chars.removeFirst() }
            }
            result[key] = value
            skipSpace()
        }
        return result
    }
}

import Foundation

/// DeePMD-kit "npy system" folders (spec §1.2).
///
/// ```
/// <system>/type.raw              N_at type indices (0-based), whitespace separated
/// <system>/type_map.raw          optional: element names by type index, e.g. "O H"
/// <system>/nopbc                 optional empty marker: non-periodic, no box.npy
/// <system>/set.NNN/coord.npy     [nframes, N_at*3] or [nframes, N_at, 3], Å
/// <system>/set.NNN/box.npy       [nframes, 9] or [nframes, 3, 3], rows a, b, c, Å (periodic only)
/// <system>/set.NNN/energy.npy    optional, [nframes] or [nframes, 1], eV
/// <system>/set.NNN/force.npy     optional, like coord, eV/Å
/// <system>/set.NNN/virial.npy    optional, like box, eV
/// ```
/// Sets are read in name order and their frames concatenated. Arrays may be <f8, <f4 (widened exactly),
/// <i4 or <i8; everything is Float64 in memory. Every frame is checked with `validateFrame`.
public enum DeePMDFormat {
    /// Accepted shapes of one frame of array `name` ("coord", "box", "energy", "force", "virial").
    static func trailingShapes(_ name: String, atoms: Int) -> [[Int]] {
        switch name {
        case "energy": return [[], [1]]
        case "box", "virial": return [[9], [3, 3]]
        default: return [[3 * atoms], [atoms, 3]]
        }
    }

    static let arrays = ["coord", "box", "energy", "force", "virial"]

    /// Reads one system folder. With `typeMap` given, a system that has type_map.raw is remapped by
    /// element name onto `typeMap` (an element it uses that `typeMap` lacks is an error); without
    /// type_map.raw its indices are taken as they are. With no `typeMap`, the system's type_map.raw is
    /// used, or names "type_0", "type_1", ... when it has none.
    /// - Returns: the type map the system's types index into, and the system (named `folder`).
    public static func readSystem(at folder: String, typeMap: [String]? = nil) throws -> (typeMap: [String], system: AtomSystem) {
        let info = try readTypes(folder)
        var map: [String]
        var types = info.types
        switch (typeMap, info.typeMap) {
        case let (given?, own?):
            map = given
            types = try info.types.map { type in
                guard type >= 0, type < own.count else {
                    throw DataError(file: "\(folder)/type.raw", "type index \(type) outside type_map.raw [\(own.joined(separator: ", "))]")
                }
                guard let index = given.firstIndex(of: own[type]) else {
                    throw DataError(file: "\(folder)/type_map.raw", "element '\(own[type])' is not in the type map [\(given.joined(separator: ", "))]")
                }
                return index
            }
        case let (given?, nil): map = given
        case let (nil, own?): map = own
        case (nil, nil): map = (0...max(0, info.types.max() ?? 0)).map { "type_\($0)" }
        }
        let periodic = !FileManager.default.fileExists(atPath: "\(folder)/nopbc")
        let sets = try setFolders(folder)
        var frames: [Frame] = []
        var labels: Set<String>?
        for set in sets {
            let setPath = "\(folder)/\(set)"
            var loaded: [String: [[Double]]] = [:]
            var files: [String: String] = ["type": "\(folder)/type.raw"]
            var frameCount: Int?
            for name in arrays {
                let path = "\(setPath)/\(name).npy"
                files[name] = path
                let present = FileManager.default.fileExists(atPath: path)
                if name == "box" && !periodic && present { continue }  // nopbc wins; DeePMD ignores box.npy
                if !present {
                    if name == "coord" { throw DataError(file: path, "file not found (every set needs coord.npy)") }
                    if name == "box" && periodic {
                        throw DataError(file: path, "file not found (periodic system; add an empty 'nopbc' file for non-periodic data)")
                    }
                    if let labels, labels.contains(name) {
                        throw DataError(file: path, "file not found, but \(sets[0]) has \(name).npy (labels must be in every set)")
                    }
                    continue
                }
                if let labels, !labels.contains(name), name != "box" {
                    throw DataError(file: path, "present, but \(sets[0]) has no \(name).npy (labels must be in every set)")
                }
                let rows = try readRows(path, name: name, atoms: types.count)
                if let frameCount, rows.count != frameCount {
                    throw DataError(file: path, "has \(rows.count) frames but coord.npy has \(frameCount)")
                }
                frameCount = frameCount ?? rows.count
                loaded[name] = rows
            }
            if labels == nil { labels = Set(loaded.keys) }
            for index in 0..<(frameCount ?? 0) {
                let frame = Frame(types: types, positions: loaded["coord"]![index], cell: loaded["box"]?[index],
                                  energy: loaded["energy"]?[index][0], forces: loaded["force"]?[index],
                                  virial: loaded["virial"]?[index])
                try validateFrame(frame, typeMap: map, origin: FrameOrigin(source: folder, arrayFiles: files, frame: index))
                frames.append(frame)
            }
        }
        if frames.isEmpty { throw DataError(file: folder, "system has no frames") }
        return (map, AtomSystem(name: folder, frames: frames))
    }

    /// Reads datasets from `paths`. Each path is a system folder (it has type.raw) or a folder whose
    /// subfolders are systems (read in name order, e.g. data/water-dft with data_0 ... data_3).
    /// Type maps: with `typeMap` given every system is mapped onto it; otherwise the systems'
    /// type_map.raw files are merged in order of first appearance and each system is remapped by name.
    public static func read(_ paths: [String], typeMap: [String]? = nil) throws -> Dataset {
        var folders: [String] = []
        for path in paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            folders += try systemFolders(trimmed)
        }
        var map = typeMap
        if map == nil {
            var merged: [String] = []
            for folder in folders {
                for name in try readTypes(folder).typeMap ?? [] where !merged.contains(name) { merged.append(name) }
            }
            map = merged.isEmpty ? nil : merged
        }
        var systems: [AtomSystem] = []
        for folder in folders {
            let (systemMap, system) = try readSystem(at: folder, typeMap: map)
            if map == nil || systemMap.count > map!.count { map = systemMap }
            systems.append(system)
        }
        let dataset = Dataset(typeMap: map ?? [], systems: systems)
        try validate(dataset, source: paths.joined(separator: " "))
        return dataset
    }

    /// Writes `dataset` as one DeePMD system folder per system inside `folder` (created if needed):
    /// type.raw, type_map.raw, nopbc for non-periodic systems, and set.000 with coord, box, energy,
    /// force, virial as present (float64 .npy). Subfolders are named after the systems' last path
    /// component (made unique). Each system is written to a temporary folder and renamed into place,
    /// replacing an existing folder of that name.
    public static func write(_ dataset: Dataset, to folder: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DataError(file: folder, "cannot create folder: \(AtomicFile.reason(error))")
        }
        let names = folderNames(dataset.systems.map(\.name))
        for (system, name) in zip(dataset.systems, names) {
            let target = "\(folder)/\(name)"
            let temp = "\(folder)/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
            try? fm.removeItem(atPath: temp)
            try writeSystem(system, typeMap: dataset.typeMap, to: temp, reportAs: target)
            do {
                if fm.fileExists(atPath: target) {
                    let old = "\(temp).old"
                    try fm.moveItem(atPath: target, toPath: old)
                    try fm.moveItem(atPath: temp, toPath: target)
                    try fm.removeItem(atPath: old)
                } else {
                    try fm.moveItem(atPath: temp, toPath: target)
                }
            } catch {
                throw DataError(file: target, "cannot move into place: \(AtomicFile.reason(error))")
            }
        }
    }

    static func writeSystem(_ system: AtomSystem, typeMap: [String], to path: String, reportAs target: String) throws {
        let frames = system.frames
        guard let first = frames.first else { throw DataError(file: target, "system has no frames") }
        let periodic = first.isPeriodic
        if frames.contains(where: { $0.isPeriodic != periodic }) {
            throw DataError(file: target, "system mixes periodic and non-periodic frames (a DeePMD system is one or the other)")
        }
        if frames.contains(where: { $0.types != first.types }) {
            throw DataError(file: target, "frames of one system must share the type list")
        }
        func column(_ name: String, _ value: (Frame) -> [Double]?) throws -> [Double]? {
            let present = frames.filter { value($0) != nil }.count
            if present == 0 { return nil }
            if present < frames.count {
                throw DataError(file: target, "\(name) is present in \(present) of \(frames.count) frames (all or none)")
            }
            return frames.flatMap { value($0)! }
        }
        let nf = frames.count, n = first.atomCount
        let columns: [(String, [Double]?, [Int])] = [
            ("coord", frames.flatMap(\.positions), [nf, 3 * n]),
            ("box", try column("box") { $0.cell }, [nf, 9]),
            ("energy", try column("energy") { $0.energy.map { [$0] } }, [nf]),
            ("force", try column("force") { $0.forces }, [nf, 3 * n]),
            ("virial", try column("virial") { $0.virial }, [nf, 9]),
        ]
        do {
            try FileManager.default.createDirectory(atPath: "\(path)/set.000", withIntermediateDirectories: true)
            try (first.types.map(String.init).joined(separator: "\n") + "\n")
                .write(toFile: "\(path)/type.raw", atomically: false, encoding: .utf8)
            try (typeMap.joined(separator: "\n") + "\n").write(toFile: "\(path)/type_map.raw", atomically: false, encoding: .utf8)
            if !periodic { try "".write(toFile: "\(path)/nopbc", atomically: false, encoding: .utf8) }
        } catch {
            throw DataError(file: target, "cannot write: \(AtomicFile.reason(error))")
        }
        for (name, values, shape) in columns {
            guard let values else { continue }
            try NPY.write(values, shape: shape, to: "\(path)/set.000/\(name).npy")
        }
    }

    /// type.raw (required) and type_map.raw (optional) of a system folder.
    static func readTypes(_ folder: String) throws -> (types: [Int], typeMap: [String]?) {
        let typeFile = "\(folder)/type.raw"
        guard let text = try? String(contentsOfFile: typeFile, encoding: .utf8) else {
            throw DataError(file: typeFile, "file not found (a DeePMD system folder needs type.raw)")
        }
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        let types = try tokens.map { token -> Int in
            guard let value = Int(token), value >= 0 else {
                throw DataError(file: typeFile, "'\(token)' is not a non-negative integer type index")
            }
            return value
        }
        if types.isEmpty { throw DataError(file: typeFile, "no atoms (file is empty)") }
        let mapFile = "\(folder)/type_map.raw"
        guard FileManager.default.fileExists(atPath: mapFile) else { return (types, nil) }
        guard let mapText = try? String(contentsOfFile: mapFile, encoding: .utf8) else {
            throw DataError(file: mapFile, "cannot be read as UTF-8 text")
        }
        let names = mapText.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        if names.isEmpty { throw DataError(file: mapFile, "empty type map") }
        if Set(names).count != names.count { throw DataError(file: mapFile, "repeated element name") }
        return (types, names)
    }

    /// set.* subfolders in name order.
    static func setFolders(_ folder: String) throws -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let sets = entries.filter { $0.hasPrefix("set.") && isDirectory("\(folder)/\($0)") }.sorted()
        if sets.isEmpty { throw DataError(file: folder, "no set.* folders (expected set.000/coord.npy ...)") }
        return sets
    }

    /// The system folders at `path`: itself if it has type.raw, else its subfolders that have one.
    static func systemFolders(_ path: String) throws -> [String] {
        guard isDirectory(path) else {
            throw DataError(file: path, FileManager.default.fileExists(atPath: path) ? "not a folder" : "folder not found")
        }
        if FileManager.default.fileExists(atPath: "\(path)/type.raw") { return [path] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let systems = entries.sorted().filter { FileManager.default.fileExists(atPath: "\(path)/\($0)/type.raw") }
        if systems.isEmpty {
            throw DataError(file: path, "neither a DeePMD system (no type.raw) nor a folder of systems")
        }
        return systems.map { "\(path)/\($0)" }
    }

    /// Reads `path` and splits it into per-frame rows, checking the shape against the atom count.
    static func readRows(_ path: String, name: String, atoms: Int) throws -> [[Double]] {
        let array = try NPY.read(path)
        let allowed = trailingShapes(name, atoms: atoms)
        guard let frames = array.shape.first, allowed.contains(Array(array.shape.dropFirst())) else {
            let expected = allowed.map { NPY.shapeText([-1] + $0).replacingOccurrences(of: "-1", with: "nframes") }
            throw DataError(file: path, "shape \(NPY.shapeText(array.shape)) does not fit \(atoms) atoms of type.raw: "
                + "expected \(expected.joined(separator: " or "))")
        }
        let width = frames == 0 ? 0 : array.values.count / frames
        return (0..<frames).map { Array(array.values[($0 * width)..<(($0 + 1) * width)]) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// Folder names for systems: sanitised last path component, made unique with a numeric suffix.
    static func folderNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.enumerated().map { index, name in
            let last = name.split(separator: "/").last.map(String.init) ?? ""
            var base = String(last.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
            if base.isEmpty || base.hasPrefix(".") { base = "system_\(index)" }
            var candidate = base
            var k = 1
            while used.contains(candidate) { candidate = "\(base)_\(k)"; k += 1 }
            used.insert(candidate)
            return candidate
        }
    }
}

import Foundation

/// Reads datasets from a mix of paths, choosing the format per path.
public enum DatasetReader {
    /// File extensions read as extended XYZ; every other path is read as DeePMD folders.
    public static let extxyzExtensions: Set<String> = ["xyz", "extxyz"]

    /// Reads every path (a `.xyz`/`.extxyz` file with `ExtXYZ`, anything else with `DeePMDFormat`,
    /// which accepts a system folder or a folder of systems) and merges the results in path order.
    /// With `typeMap` given every input is mapped onto it by element name; otherwise the inputs'
    /// type maps are merged in order of first appearance and each input is remapped by name.
    public static func read(_ paths: [String], typeMap: [String]? = nil) throws -> Dataset {
        guard !paths.isEmpty else { throw DataError(file: "(no path)", "no dataset path given") }
        var parts: [Dataset] = []
        var deepmd: [String] = []
        func flushDeePMD() throws {
            if !deepmd.isEmpty { parts.append(try DeePMDFormat.read(deepmd, typeMap: typeMap)) }
            deepmd = []
        }
        for path in paths {
            if extxyzExtensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
                try flushDeePMD()
                parts.append(try ExtXYZ.read(path, typeMap: typeMap))
            } else {
                deepmd.append(path)
            }
        }
        try flushDeePMD()
        return merge(parts, typeMap: typeMap)
    }

    /// Concatenates the systems of `datasets`, remapping each one's type indices by element name onto
    /// `typeMap`, or onto the union of their type maps (first appearance) when `typeMap` is nil.
    /// Every element used must be in `typeMap` (programmer error otherwise: readers check it).
    public static func merge(_ datasets: [Dataset], typeMap: [String]? = nil) -> Dataset {
        var map = typeMap ?? []
        if typeMap == nil {
            for name in datasets.flatMap(\.typeMap) where !map.contains(name) { map.append(name) }
        }
        var systems: [AtomSystem] = []
        for dataset in datasets {
            let remap = dataset.typeMap.map { map.firstIndex(of: $0) ?? -1 }
            for var system in dataset.systems {
                if remap != Array(remap.indices) {
                    for k in system.frames.indices {
                        system.frames[k].types = system.frames[k].types.map { type in
                            precondition(remap[type] >= 0, "DatasetReader.merge: element missing from typeMap")
                            return remap[type]
                        }
                    }
                }
                systems.append(system)
            }
        }
        return Dataset(typeMap: map, systems: systems)
    }
}

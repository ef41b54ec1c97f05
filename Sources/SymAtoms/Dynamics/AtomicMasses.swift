/// Standard atomic weights (amu) for molecular dynamics, by element symbol.
///
/// Source: IUPAC Commission on Isotopic Abundances and Atomic Weights, abridged standard atomic
/// weights (2021 table, four or five significant figures; conventional values for elements given as
/// intervals, e.g. H 1.008, C 12.011). Silicon uses `MDUnits.siliconMass` (28.0855), the value the
/// built-in datasets were generated with.
public enum AtomicMasses {
    /// Symbol → mass (amu) for H through Xe.
    public static let table: [String: Double] = [
        "H": 1.008, "He": 4.0026, "Li": 6.94, "Be": 9.0122, "B": 10.81, "C": 12.011, "N": 14.007, "O": 15.999,
        "F": 18.998, "Ne": 20.180, "Na": 22.990, "Mg": 24.305, "Al": 26.982, "Si": MDUnits.siliconMass, "P": 30.974,
        "S": 32.06, "Cl": 35.45, "Ar": 39.95, "K": 39.098, "Ca": 40.078, "Sc": 44.956, "Ti": 47.867, "V": 50.942,
        "Cr": 51.996, "Mn": 54.938, "Fe": 55.845, "Co": 58.933, "Ni": 58.693, "Cu": 63.546, "Zn": 65.38,
        "Ga": 69.723, "Ge": 72.630, "As": 74.922, "Se": 78.971, "Br": 79.904, "Kr": 83.798, "Rb": 85.468,
        "Sr": 87.62, "Y": 88.906, "Zr": 91.224, "Nb": 92.906, "Mo": 95.95, "Tc": 97.0, "Ru": 101.07, "Rh": 102.91,
        "Pd": 106.42, "Ag": 107.87, "Cd": 112.41, "In": 114.82, "Sn": 118.71, "Sb": 121.76, "Te": 127.60,
        "I": 126.90, "Xe": 131.29,
    ]

    /// Mass per atom (amu) for `types` indexing `typeMap`; `overrides` (symbol → amu) win over the
    /// table. Throws naming the first element without a mass.
    public static func masses(types: [Int], typeMap: [String], overrides: [String: Double] = [:]) throws -> [Double] {
        let perType = try typeMap.map { name -> Double in
            guard let m = overrides[name] ?? table[name] else {
                throw DataError(file: "masses", "no mass for element '\(name)': give one with --mass \(name)=<amu>")
            }
            return m
        }
        return types.map { perType[$0] }
    }
}

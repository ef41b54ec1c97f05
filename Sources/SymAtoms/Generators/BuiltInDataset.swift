/// The table of built-in dataset generators: `symlab data generate <key>` and its `--help` list
/// `allCases`. Adding a generator = a case here plus its file in this folder.
public enum BuiltInDataset: String, CaseIterable, Sendable {
    /// Bulk diamond silicon, 64 atoms, Langevin MD with Stillinger-Weber at several temperatures
    /// (`generateSiliconDataset`).
    case siliconSW = "silicon-sw"
    /// A 29-atom non-periodic Si cluster (diamond fragment), Langevin MD with Stillinger-Weber
    /// (`generateSiliconClusterDataset`): no cell, no virial.
    case siliconSWCluster = "silicon-sw-cluster"

    /// One line describing the data, for help texts and READMEs.
    public var summary: String {
        switch self {
        case .siliconSW:
            return "bulk diamond Si, 64 atoms, periodic, Stillinger-Weber (PRB 31, 5262, 1985), Langevin MD"
        case .siliconSWCluster:
            return "Si cluster, 29 atoms, non-periodic (no virial), Stillinger-Weber, Langevin MD"
        }
    }
}

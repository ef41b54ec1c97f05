/// Every neighbour of every atom within a cutoff, with its pair vector, as compressed sparse rows:
/// no sel, no padding, no type blocks. For potentials that need all neighbours (the
/// Stillinger-Weber reference potential of the dataset generators).
///
/// Same neighbours as `NeighbourList` (spec §2.1), from the same cell-list search, O(N): all
/// (owner atom j, lattice image (p, q, s)) with 0 < r_ij < r_c, where r_ij = x_j + p·a + q·b + s·c − x_i
/// for the positions *as given* (unwrapped). Any cell size works, including r_c larger than the cell
/// (images of i itself are neighbours; only the zero-image self is excluded). The list is full: a
/// pair appears under i and under j, with opposite vectors. A centre's entries are ordered by
/// distance, then owner index, then image (p, q, s), like `NeighbourList`'s blocks.
public struct NeighbourPairs: Equatable, Sendable {
    /// Entries of centre i are `start[i] ..< start[i + 1]`; [atoms + 1], `start[0] == 0`.
    public let start: [Int]
    /// [entries]: owner (local) index j of each neighbour.
    public let neighbour: [Int]
    /// [entries, 3]: lattice image (p, q, s) of each neighbour relative to the given positions
    /// (0 for non-periodic frames).
    public let image: [Int32]
    /// [entries, 3]: pair vector r_ij = x_j + p·a + q·b + s·c − x_i (Å).
    public let vector: [Double]
    /// [entries]: |r_ij| (Å), bit-identical to `NeighbourList.distance`.
    public let distance: [Double]

    /// Number of centre atoms.
    public var atomCount: Int { start.count - 1 }

    /// The entry indices of centre `i`.
    public func entries(of i: Int) -> Range<Int> { start[i]..<start[i + 1] }

    /// All neighbours of every atom of `frame` within `rcut` (Å, neighbours satisfy r_ij < r_c).
    /// Types are ignored. `frameIndex` and `source` name the frame in error messages.
    /// - Throws: `DataError(file: source, …)` for a non-positive rcut, a degenerate cell, non-finite
    ///   positions or two atoms (or an atom and its image) closer than 10⁻⁶ Å.
    public static func build(frame: Frame, rcut: Double, frameIndex: Int = 0,
                             source: String = "frame") throws -> NeighbourPairs {
        let search = try NeighbourSearch(frame: frame, rcut: rcut, frameIndex: frameIndex, source: source)
        let x = frame.positions
        var start = [0], neighbour: [Int] = [], image: [Int32] = [], vector: [Double] = [], distance: [Double] = []
        start.reserveCapacity(frame.atomCount + 1)
        var found: [NeighbourCandidate] = []
        for i in 0..<frame.atomCount {
            try search.neighbours(of: i, into: &found)
            found.sort(by: NeighbourCandidate.precedes)
            for candidate in found {
                let j = candidate.atom
                neighbour.append(j)
                distance.append(candidate.distance)
                for k in 0..<3 {
                    image.append(candidate.image[k])
                    vector.append(x[3 * j + k] + candidate.shift[k] - x[3 * i + k])
                }
            }
            start.append(neighbour.count)
        }
        return NeighbourPairs(start: start, neighbour: neighbour, image: image, vector: vector, distance: distance)
    }

}

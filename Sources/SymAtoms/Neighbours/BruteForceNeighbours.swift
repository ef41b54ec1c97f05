extension NeighbourList {
    /// The slow, obvious reference for `build` (same arguments, same output, O(N² · images)): for every
    /// centre i and every atom j, every lattice image L = (p, q, s) that can bring j within r_c of i is
    /// tried, and kept when 0 < ‖x_j + L·h − x_i‖ < r_c (except j = i, L = 0).
    ///
    /// The image range is per pair, from the fractional difference Δf = (x_j − x_i)·h⁻¹: a point within
    /// r_c has |Δf_k + L_k| < r_c/d_k, so L_k runs over ceil(−Δf_k − r_c/d_k − ε) … floor(−Δf_k + r_c/d_k + ε)
    /// with ε = 10⁻⁶ absorbing round-off. No wrapping, no bins. Blocks are filled by filtering each type,
    /// sorting by (distance, owner, p, q, s) and keeping the first sel entries. Used by tests and
    /// `symlab bench` as the oracle for the cell list.
    public static func bruteForce(frame: Frame, rcut: Double, sel: [Int], typeCount: Int,
                                  overflow: OverflowPolicy = .error, frameIndex: Int = 0,
                                  source: String = "frame", typeBlocks: Bool = true) throws -> NeighbourList {
        let blockOf = try blockIndexer(types: frame.types, sel: sel, typeCount: typeCount,
                                       typeBlocks: typeBlocks, frameIndex: frameIndex, source: source)
        try NeighbourSearch.checkCutoff(rcut, frameIndex: frameIndex, source: source)
        let x = frame.positions, nloc = frame.atomCount
        guard x.count == 3 * nloc, x.allSatisfy({ $0.isFinite }) else {
            throw DataError(file: source, "frame \(frameIndex): positions are not \(nloc) finite 3-vectors")
        }
        let cell = try frame.cell.map { try PeriodicCell($0, source: source, frameIndex: frameIndex) }
        let basis = cell?.basis ?? .zero

        typealias Entry = (distance: Double, atom: Int, p: Int32, q: Int32, s: Int32, shift: (x: Double, y: Double, z: Double))
        var slots = NeighbourSlots(atomCount: nloc, sel: sel)
        try x.withUnsafeBufferPointer { xs in
            for i in 0..<nloc {
                var entries: [Entry] = []
                for j in 0..<nloc {
                    func range(_ k: Int) -> Range<Int> {
                        guard let cell else { return 0..<1 }
                        let df = (x[3 * j] - x[3 * i]) * cell.inverse[k] + (x[3 * j + 1] - x[3 * i + 1]) * cell.inverse[3 + k]
                            + (x[3 * j + 2] - x[3 * i + 2]) * cell.inverse[6 + k]
                        let reach = rcut / cell.faceDistances[k] + 1e-6
                        let lo = Int((-df - reach).rounded(.up)), hi = Int((-df + reach).rounded(.down))
                        return lo..<max(lo, hi + 1)
                    }
                    for p in range(0) {
                        for q in range(1) {
                            for s in range(2) {
                                if j == i && p == 0 && q == 0 && s == 0 { continue }
                                let t = basis.shift(Int32(p), Int32(q), Int32(s))
                                let d = pairDistance(xs, centre: i, neighbour: j, shift: t)
                                guard d < rcut else { continue }
                                guard d >= NeighbourSearch.coincidence else {
                                    throw NeighbourSearch.coincidenceError(i, j, image: (Int32(p), Int32(q), Int32(s)),
                                                                           distance: d, frameIndex: frameIndex, source: source)
                                }
                                entries.append((d, j, Int32(p), Int32(q), Int32(s), t))
                            }
                        }
                    }
                }
                var start = 0
                for b in sel.indices {
                    let block = entries.filter { blockOf($0.atom) == b }
                        .sorted { ($0.distance, $0.atom, $0.p, $0.q, $0.s) < ($1.distance, $1.atom, $1.p, $1.q, $1.s) }
                    if block.count > sel[b] {
                        guard overflow == .dropFarthest else {
                            throw DataError(file: source, "frame \(frameIndex), atom \(i): \(block.count) neighbours "
                                            + "in block \(b) exceed sel[\(b)] = \(sel[b]) (brute force)")
                        }
                        slots.droppedCount += block.count - sel[b]
                    }
                    for (n, e) in block.prefix(sel[b]).enumerated() {
                        slots.fill(i, start + n, atom: e.atom, image: SIMD3(e.p, e.q, e.s),
                                   shift: SIMD3(e.shift.x, e.shift.y, e.shift.z), distance: e.distance)
                    }
                    start += sel[b]
                }
            }
        }
        return slots.list
    }
}

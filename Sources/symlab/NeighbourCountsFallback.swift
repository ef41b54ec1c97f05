import SymAtoms

/// Temporary brute-force neighbour statistics (to be replaced by the cell-list neighbour list).
///
/// For every frame and every centre atom i, counts per type t the atoms j (periodic images included)
/// with 0 < |r_j + σ·h − r_i| ≤ rcut, excluding only the zero-shift copy of i itself; returns, per
/// type t, the largest such count over all centres and frames (DeePMD's "neighbor-stat", spec §2.2).
/// Periodic frames: positions are wrapped into the cell, and the shifts σ = (p, q, s) run over
/// |p| ≤ n_a, |q| ≤ n_b, |s| ≤ n_c with n_k = ceil(rcut / d_k) from the face distances d_k, so the
/// result is exact for triclinic cells and for rcut larger than half the box (spec §2.1).
/// Cost O(frames · N² · images).
func maxNeighbourCounts(dataset: Dataset, rcut: Double) -> [Int] {
    var best = [Int](repeating: 0, count: dataset.typeMap.count)
    let r2 = rcut * rcut
    for frame in dataset.systems.flatMap(\.frames) {
        let n = frame.atomCount
        var ext: [Double] = frame.positions  // extended positions, originals first
        var owner = Array(0..<n)
        if let h = frame.cell {
            let a = SIMD3(h[0], h[1], h[2]), b = SIMD3(h[3], h[4], h[5]), c = SIMD3(h[6], h[7], h[8])
            func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
                SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
            }
            let bc = cross(b, c), ca = cross(c, a), ab = cross(a, b)
            let det = (a * bc).sum()
            let faces = [bc, ca, ab].map { abs(det) / ($0 * $0).sum().squareRoot() }
            let layers = faces.map { Int((rcut / $0).rounded(.up)) }
            var wrapped = [SIMD3<Double>]()
            for i in 0..<n {
                let r = SIMD3(frame.positions[3 * i], frame.positions[3 * i + 1], frame.positions[3 * i + 2])
                var f = SIMD3((r * bc).sum(), (r * ca).sum(), (r * ab).sum()) / det
                f -= f.rounded(.down)
                wrapped.append(f.x * a + f.y * b + f.z * c)
            }
            ext = wrapped.flatMap { [$0.x, $0.y, $0.z] }
            for p in -layers[0]...layers[0] {
                for q in -layers[1]...layers[1] {
                    for s in -layers[2]...layers[2] where (p, q, s) != (0, 0, 0) {
                        let shift = Double(p) * a + Double(q) * b + Double(s) * c
                        for i in 0..<n {
                            let r = wrapped[i] + shift
                            ext += [r.x, r.y, r.z]
                            owner.append(i)
                        }
                    }
                }
            }
        }
        var counts = [Int](repeating: 0, count: best.count)
        ext.withUnsafeBufferPointer { e in
            for i in 0..<n {
                for t in counts.indices { counts[t] = 0 }
                let x = e[3 * i], y = e[3 * i + 1], z = e[3 * i + 2]
                for j in 0..<owner.count where j != i {
                    let dx = e[3 * j] - x
                    if dx * dx > r2 { continue }
                    let dy = e[3 * j + 1] - y, dz = e[3 * j + 2] - z
                    if dx * dx + dy * dy + dz * dz <= r2 { counts[frame.types[owner[j]]] += 1 }
                }
                for t in counts.indices where counts[t] > best[t] { best[t] = counts[t] }
            }
        }
    }
    return best
}

/// The hot loops of the table lookup: value and slope of the quintic pieces over the M channels,
/// eight channels at a time (SIMD8, fused multiply-adds), and the slope contracted with a cotangent
/// without storing it (the force pass).
extension QuinticTable.Grid {
    typealias V = SIMD8<Double>

    /// P (order 0) or P′ (order 1) at offset t of the interval whose coefficients start at `b`
    /// ([6, m]: b[p·m + c] = a_p of channel c), for the m channels, into `out`.
    @inline(__always)
    static func horner(_ b: UnsafePointer<Double>, _ m: Int, _ t: Double, order: Int, into out: UnsafeMutablePointer<Double>) {
        let tv = V(repeating: t)
        var c = 0
        while c &+ 8 <= m {
            UnsafeMutableRawPointer(out + c).storeBytes(of: piece(b, m, c, tv, order: order), as: V.self)
            c &+= 8
        }
        while c < m {
            out[c] = scalarPiece(b, m, c, t, order: order)
            c &+= 1
        }
    }

    /// Σ_c g[c] · P⁽ᵈ⁾_c(x) for d = `order`; `scratch` (m values) serves the cases without a fused loop.
    @inline(__always)
    func contract(_ g: UnsafePointer<Double>, _ x: Double, order: Int, _ a: UnsafePointer<Double>,
                  scratch: UnsafeMutablePointer<Double>) -> Double {
        let m = width, (k, t, place) = locate(x)
        guard place == .inside && order <= 1 else {
            row(x, order: order, a, into: scratch)
            var sum = 0.0
            for c in 0..<m { sum += g[c] * scratch[c] }
            return sum
        }
        let b = a + 6 &* m &* k, tv = V(repeating: t)
        var acc = V(repeating: 0), c = 0
        while c &+ 8 <= m {
            acc.addProduct(UnsafeRawPointer(g + c).loadUnaligned(as: V.self), Self.piece(b, m, c, tv, order: order))
            c &+= 8
        }
        var sum = acc.sum()
        while c < m {
            sum += g[c] * Self.scalarPiece(b, m, c, t, order: order)
            c &+= 1
        }
        return sum
    }

    /// Channels c ..< c + 8 of P or P′ by Horner's scheme.
    @inline(__always)
    static func piece(_ b: UnsafePointer<Double>, _ m: Int, _ c: Int, _ t: V, order: Int) -> V {
        func a(_ p: Int) -> V { UnsafeRawPointer(b + (p &* m &+ c)).loadUnaligned(as: V.self) }
        if order == 0 {
            var y = a(5)
            for p in stride(from: 4, through: 0, by: -1) { y = a(p).addingProduct(y, t) }
            return y
        }
        var y = a(5) * 5
        for p in stride(from: 4, through: 1, by: -1) { y = (a(p) * Double(p)).addingProduct(y, t) }
        return y
    }

    /// One channel of P or P′ (the tail after the SIMD8 blocks).
    @inline(__always)
    static func scalarPiece(_ b: UnsafePointer<Double>, _ m: Int, _ c: Int, _ t: Double, order: Int) -> Double {
        if order == 0 {
            var y = b[5 &* m &+ c]
            for p in stride(from: 4, through: 0, by: -1) { y = b[p &* m &+ c].addingProduct(y, t) }
            return y
        }
        var y = 5 * b[5 &* m &+ c]
        for p in stride(from: 4, through: 1, by: -1) { y = (Double(p) * b[p &* m &+ c]).addingProduct(y, t) }
        return y
    }
}

/// Table lookup of piecewise quintic functions (`QuinticTable`), and its contraction with a
/// cotangent. Both are parameterised by the derivative order and pull back to the next order,
/// so they differentiate any number of times, exactly for the interpolant (0 beyond order 5,
/// and beyond order 1 outside the table, where it continues linearly).
extension Tensor {
    /// y[i, c] = P⁽ᵈ⁾_{tables[table[i]], c}(x_i): the d-th derivative (d = `order`) of the table
    /// chosen per element by `table` (one index per element of x, in row-major order).
    /// Shape [s...] → [s..., M]. Pullback: g ↦ Σ_c g[i, c] P⁽ᵈ⁺¹⁾_c(x_i) (`tabulatedContracted`).
    public func tabulated(_ tables: [QuinticTable], table: [Int], derivative order: Int = 0) -> Tensor {
        let m = Self.checkTables(tables, table: table, count: count, order: order), n = count
        let grids = tables.map(\.grid)
        // `row` writes every entry (zeros beyond order 5), so the buffer needs no zeroing first.
        let out = Self.withCoefficients(tables) { a in
            [Double](unsafeUninitializedCapacity: n * m) { o, initialized in
                scalars.withUnsafeBufferPointer { x in
                    for i in 0..<n { grids[table[i]].row(x[i], order: order, a[table[i]], into: o.baseAddress! + i * m) }
                }
                initialized = n * m
            }
        }
        let y = Tensor(shape: shape + [m], scalars: out)
        guard order < 5 else { return y }  // order 5 is piecewise constant: zero derivative
        return Tensor.record(.tabulate, [self], y) { g, _, _ in
            [self.tabulatedContracted(tables, table: table, with: g, derivative: order + 1)]
        }
    }

    /// z[i] = Σ_c g[i, c] · P⁽ᵈ⁾_{tables[table[i]], c}(x_i): the table's d-th derivative contracted
    /// with `g` [s..., M] (the pullback of `tabulated`, fused so that P⁽ᵈ⁾ is never stored).
    /// Shape [s...]. Pullback: h ↦ h ⊙ Σ_c g P⁽ᵈ⁺¹⁾ for x, and h[..., None] ⊙ P⁽ᵈ⁾(x) for g.
    public func tabulatedContracted(_ tables: [QuinticTable], table: [Int], with g: Tensor, derivative order: Int) -> Tensor {
        let m = Self.checkTables(tables, table: table, count: count, order: order)
        precondition(g.shape == shape + [m], "tabulatedContracted: cotangent shape \(g.shape), expected \(shape + [m])")
        var out = [Double](repeating: 0, count: count)
        if order <= 5 {
            let grids = tables.map(\.grid)
            var row = [Double](repeating: 0, count: m)
            Self.withCoefficients(tables) { a in
                out.withUnsafeMutableBufferPointer { o in
                    scalars.withUnsafeBufferPointer { x in
                        g.scalars.withUnsafeBufferPointer { gp in
                            row.withUnsafeMutableBufferPointer { r in
                                for i in 0..<x.count {
                                    o[i] = grids[table[i]].contract(gp.baseAddress! + i * m, x[i], order: order, a[table[i]],
                                                                    scratch: r.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        let z = Tensor(shape: shape, scalars: out)
        guard order <= 5 else { return z }
        return Tensor.record(.tabulateContract, [self, g], z) { h, _, needs in
            [needs[0] ? h * self.tabulatedContracted(tables, table: table, with: g, derivative: order + 1) : nil,
             needs[1] ? h.reshaped(self.shape + [1]) * self.tabulated(tables, table: table, derivative: order) : nil]
        }
    }

    /// The common width M of `tables`, after checking the arguments (programmer errors).
    static func checkTables(_ tables: [QuinticTable], table: [Int], count: Int, order: Int) -> Int {
        precondition(!tables.isEmpty && tables.allSatisfy { $0.width == tables[0].width }, "tabulated: tables of one width needed")
        precondition(table.count == count, "tabulated: \(table.count) table indices for \(count) values")
        precondition(order >= 0, "tabulated: derivative order \(order) < 0")
        precondition(table.allSatisfy { $0 >= 0 && $0 < tables.count }, "tabulated: table index outside 0..<\(tables.count)")
        return tables[0].width
    }

    /// Runs `body` with a pointer to each table's coefficients.
    static func withCoefficients<R>(_ tables: [QuinticTable], _ body: ([UnsafePointer<Double>]) -> R) -> R {
        var pointers: [UnsafePointer<Double>] = []
        func nest(_ k: Int) -> R {
            if k == tables.count { return body(pointers) }
            return tables[k].coefficients.withUnsafeBufferPointer { a in
                pointers.append(a.baseAddress!)
                return nest(k + 1)
            }
        }
        return nest(0)
    }
}

import SymAtoms
import Testing
import Yams

/// `YAMLNesting.depth` is an upper bound of the depth Yams composes: checked on random texts made
/// of YAML's structural pieces (quotes, comments, block scalars, plain scalars continued over
/// lines, flow and block collections), shallow enough for Yams to compose safely.
@Suite("YAML nesting bound against Yams")
struct YAMLNestingAgainstYamsTests {
    static let pieces = ["[", "]", "{", "}", ", ", ",", ": ", ":", "- ", "-", "? ", "'", "''", "\"", "\\\"", "# ", "#", "| ", "> ",
                         "|\n", "a", "b ", "it's", "&x ", "*x", "!t ", "!<[x]> ", "\n", "\n  ", "\n    ", "\n- ", "\n  - ", "\nk: ",
                         "\n  k: ", "---\n", "...\n", "\t", " ", "  ", "\r\n", "%Y\n", "\u{85}", "\u{2028}", "ä",
                         "[a, ", "{k: ", "- [", "k: [", "k:\n  - ", "- - ", "\n   ", "'x\n ]'", "\"[\\\"\"", "a #]"]

    /// Depth of a composed node: 1 for a scalar, one more per enclosing collection.
    static func depth(_ node: Node) -> Int {
        switch node {
        case .sequence(let s): return 1 + (s.map(depth).max() ?? 0)
        case .mapping(let m): return 1 + (m.map { max(depth($0.key), depth($0.value)) }.max() ?? 0)
        default: return 1
        }
    }

    @Test func boundIsNeverBelowTheComposedDepth() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        var composed = 0, deepest = 0
        for _ in 0..<100_000 {
            let text = (0..<(1 + next(60))).map { _ in Self.pieces[next(Self.pieces.count)] }.joined()
            guard let node = try? Yams.compose(yaml: text) else { continue }
            composed += 1
            let real = Self.depth(node), bound = YAMLNesting.depth(text)
            deepest = max(deepest, real)
            #expect(bound >= real, "bound \(bound) < depth \(real) of \(text.debugDescription)")
        }
        print("YAML nesting bound: \(composed) of 100000 random texts composed, deepest \(deepest)")
        #expect(composed > 3_000 && deepest >= 4, "\(composed) texts composed, deepest \(deepest)")
    }
}

import Foundation
import Testing
@testable import SymAtoms

/// The nesting bound checked before Yams composes a file (Yams recurses once per level: a few KB
/// of `[[[[…` overflowed the stack, found while fuzzing the DeePMD-kit model reader).
@Suite("YAML nesting bound")
struct YAMLNestingTests {
    /// Real files are far below the limit: the repository's experiments and the DeePMD-kit fixtures.
    @Test func repositoryFilesAreShallow() throws {
        let root = IOTest.packageRoot
        var files = try FileManager.default.contentsOfDirectory(atPath: root + "/experiments")
            .filter { $0.hasSuffix(".yaml") }.map { "\(root)/experiments/\($0)" }
        files += try FileManager.default.contentsOfDirectory(atPath: root + "/Tests/SymModelTests/Fixtures/deepmd-interop")
            .filter { $0.hasSuffix(".yaml") }.map { "\(root)/Tests/SymModelTests/Fixtures/deepmd-interop/\($0)" }
        #expect(files.count >= 8)
        for file in files {
            let depth = YAMLNesting.depth(try String(contentsOfFile: file, encoding: .utf8))
            #expect((4...40).contains(depth), "\(file): \(depth)")
        }
    }

    /// Nesting by flow collections, block indentation and compact block entries is seen; each
    /// estimate is at least the real depth (counted by hand here).
    @Test(arguments: [
        (String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000), 5000),
        ("a: " + String(repeating: "{b: ", count: 3000) + "1" + String(repeating: "}", count: 3000), 3001),
        (String(repeating: "- ", count: 4000) + "x\n", 4000),
        ((0..<300).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined() + String(repeating: " ", count: 300) + "v\n", 300),
        // Closers inside quoted scalars do not close anything.
        (String(repeating: "[\"]]\", '}]', ", count: 2000) + "x" + String(repeating: "]", count: 2000), 2000),
        // A plain scalar ends at a flow indicator in flow context.
        (String(repeating: "[a 'b, ", count: 2000), 2000),
    ])
    func deepTextIsSeen(text: String, depth: Int) {
        #expect(YAMLNesting.depth(text) >= depth)
        #expect(YAMLNesting.problem(text)?.hasPrefix("nested deeper than 128 levels of lists and mappings (line ") == true)
    }

    /// Brackets and quotes that are text (quoted, in comments, block scalars, plain scalars) do
    /// not count, so ordinary files with such text stay far below the limit.
    @Test func textIsNotNesting() {
        let many = String(repeating: "[{", count: 1000)
        let cases = [
            "a: \"\(many)\"\nb: '\(many)'\n",
            "a: 1  # \(many)\n# \(many)\nb: [1, 2]\n",
            "a: |\n  \(many)\n  'quote\n   \(many)\nb: >\n  \(many)\nc: [x]\n",
            "- a: |\n    \(many)\n  b: [\"\(many)\"]\n",
            "a: x\(many)\nb: it's [ok\n  continued ' \(many)\n",
            "\u{FEFF}%YAML 1.1\n---\na: [\"\\\"\(many)\", 'it''s \(many)']\n...\n",
        ]
        for text in cases {
            #expect(YAMLNesting.depth(text) <= 8, "\(text.prefix(60)) → \(YAMLNesting.depth(text))")
        }
    }

    /// A block scalar ends at a line indented no deeper than its collection, at column 0 at the
    /// top: what follows is scanned, not skipped as text.
    @Test func blockScalarsEndWhereLibyamlEndsThem() {
        #expect(YAMLNesting.problem("|\n  text\n" + String(repeating: "[", count: 300)) != nil)
        #expect(YAMLNesting.problem("a:\n  - b: |\n      text\n    c: " + String(repeating: "[", count: 300)) != nil)
        #expect(YAMLNesting.depth("a:\n  - b: |\n      " + String(repeating: "[", count: 300) + "\n    c: 1\n") <= 8)
    }

    /// A NUL byte starts no token: the scanner looped on it (found by Fuzz/FuzzDeePMDModel).
    @Test func charactersThatStartNoTokenAreSkipped() {
        #expect(YAMLNesting.depth("a: b\u{0}\u{0}\n  c\u{0}: [\u{0}]\n") <= 8)
        #expect(YAMLNesting.problem("\u{0}" + String(repeating: "[", count: 300)) != nil)
    }

    @Test func limitIsNamedWithTheLine() {
        let text = "a: 1\nb:\n  c: " + String(repeating: "[", count: 200) + "\n"
        #expect(YAMLNesting.problem(text) == "nested deeper than 128 levels of lists and mappings (line 3); SymLab reads at most 128")
        #expect(YAMLNesting.problem("a: [[[1]]]\n") == nil)
    }
}

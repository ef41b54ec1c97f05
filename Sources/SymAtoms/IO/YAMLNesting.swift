/// How deeply YAML text nests, checked before Yams composes it. Yams' composer recurses once per
/// level of nesting, so a few kilobytes of `[[[[…` or `- - - …` from a damaged or hostile file
/// overflow the stack (found by fuzzing the DeePMD-kit model reader; the training-config and suite
/// readers compose the same way). Every YAML reader of user files checks `problem(_:)` first.
///
/// The bound follows libyaml's scanner (the one Yams uses) for what decides nesting: flow
/// collections `[ ] { }` outside quoted scalars, plain scalars and comments; the stack of block
/// indentation columns that `- `, `? ` and `key: ` push and dedenting pops; block scalars
/// (`|`, `>`) and plain scalars continued on more-indented lines. It counts two levels per flow
/// collection and per block indentation (a single-pair mapping inside `[a: b]`, a block sequence
/// at its key's column) plus the document, so it is an upper estimate of the composed depth. After
/// the first position where libyaml stops with a syntax error the estimate may only grow, which
/// refuses nothing that would parse.
public enum YAMLNesting {
    /// Deepest nesting read (estimate as above). Real files nest about ten levels: DeePMD-kit
    /// models up to 12 (model, descriptor, networks, layers, variables, arrays), configs fewer.
    public static let maximumDepth = 128

    /// Why `text` cannot be composed safely (nested deeper than `maximumDepth`, with the line
    /// where it does), or nil.
    public static func problem(_ text: String) -> String? {
        guard let line = scan(text, limit: maximumDepth).line else { return nil }
        return "nested deeper than \(maximumDepth) levels of lists and mappings (line \(line)); SymLab reads at most \(maximumDepth)"
    }

    /// An upper estimate of the nesting depth of `text` (for tests).
    public static func depth(_ text: String) -> Int { scan(text, limit: Int.max).deepest }

    /// The estimate, and the line where it first exceeds `limit` (scanning stops there).
    static func scan(_ text: String, limit: Int) -> (deepest: Int, line: Int?) {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes)
            let line = scanner.lineExceeding(limit)
            return (scanner.deepest, line)
        }
    }

    /// The text's UTF-8 with libyaml's character classes (a trivial value: the scanner's calls
    /// copy no reference-counted state, which matters in the instrumented fuzzing build).
    struct Text {
        let b: UnsafeBufferPointer<UInt8>

        /// Whether `c` may start a line break (LF, CR, NEL, LS, PS) or ends the text for libyaml (NUL).
        static func mayBreak(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D || c == 0xC2 || c == 0xE2 || c == 0 }

        func byte(_ k: Int) -> UInt8? { k < b.count ? b[k] : nil }

        /// Length of the line break at `k` (CR LF, CR, LF, NEL, LS, PS), 0 when none.
        func breakLength(_ k: Int) -> Int {
            guard let c = byte(k) else { return 0 }
            switch c {
            case 0x0A: return 1
            case 0x0D: return byte(k + 1) == 0x0A ? 2 : 1
            case 0xC2: return byte(k + 1) == 0x85 ? 2 : 0
            case 0xE2: return byte(k + 1) == 0x80 && (byte(k + 2) == 0xA8 || byte(k + 2) == 0xA9) ? 3 : 0
            default: return 0
            }
        }

        func isBlank(_ k: Int) -> Bool { k < b.count && (b[k] == 0x20 || b[k] == 0x09) }
        /// Blank, line break or end of text (libyaml's IS_BLANKZ).
        func isBlankZ(_ k: Int) -> Bool {
            guard k < b.count else { return true }
            let c = b[k]
            return c == 0x20 || c == 0x09 || c == 0 || (Self.mayBreak(c) && breakLength(k) > 0)
        }
        static func isFlowIndicator(_ c: UInt8?) -> Bool {
            switch c {
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return true
            default: return false
            }
        }

        /// `---` or `...` at the start of a line (`column` 0), followed by a blank: a document marker.
        func isDocumentMarker(_ k: Int, column: Int) -> Bool {
            guard column == 0, let c = byte(k), c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
            return byte(k + 1) == c && byte(k + 2) == c && isBlankZ(k + 3)
        }

        static func isAnchorCharacter(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
    }

    /// libyaml's token scanner reduced to what changes nesting.
    struct Scanner {
        /// The text's UTF-8 (a buffer, not an array: no reference counting per character).
        let b: UnsafeBufferPointer<UInt8>, t: Text
        var i = 0, line = 1, column = 0
        /// Block indentation: the current column (-1: none) and the enclosing ones (libyaml's indents).
        var indent = -1, indents: [Int] = []
        var flow = 0, deepest = 0
        /// Whether a simple key may start here, and the column of the one on this line (block context).
        var simpleKeyAllowed = true, keyColumn: Int?

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            b = bytes
            t = Text(b: bytes)
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }  // a byte-order mark is not text
        }

        /// Moves past one character or line break, keeping line and column (in characters).
        mutating func advance() {
            let n = t.breakLength(i)
            if n > 0 {
                i += n
                line += 1
                column = 0
                if flow == 0 { simpleKeyAllowed = true; keyColumn = nil }
                return
            }
            i += 1
            while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 }  // the rest of a UTF-8 character
            column += 1
        }

        /// Moves past a character known not to start a line break (the fast path of the loops below).
        mutating func step() {
            let c = b[i]
            i += 1
            if c >= 0xC0 { while i < b.count && b[i] & 0xC0 == 0x80 { i += 1 } }
            column += 1
        }

        mutating func skipToLineEnd() {
            while i < b.count {
                if !Text.mayBreak(b[i]) { step() } else if t.breakLength(i) == 0 { advance() } else { return }
            }
        }

        mutating func note() { deepest = max(deepest, 2 * (indents.count + flow) + 2) }

        /// Block context: a collection at `col` deeper than the current one starts.
        mutating func roll(_ col: Int) {
            guard flow == 0, indent < col else { return }
            indents.append(indent)
            indent = col
            note()
        }

        mutating func unroll(_ col: Int) {
            guard flow == 0 else { return }
            while indent > col, let outer = indents.popLast() { indent = outer }
        }

        /// Blanks, comments and line breaks up to the next token (libyaml's scan_to_next_token).
        mutating func skipToToken() {
            while i < b.count {
                let c = b[i]
                if c == 0x20 || c == 0x09 { step() } else if c == UInt8(ascii: "#") { skipToLineEnd() } else if Text.mayBreak(c) && t.breakLength(i) > 0 {
                    advance()
                } else { return }
            }
        }

        /// The line where the estimate first exceeds `limit`, or nil (`deepest` holds the estimate).
        mutating func lineExceeding(_ limit: Int) -> Int? {
            note()
            while true {
                skipToToken()
                guard i < b.count else { return nil }
                unroll(column)
                let start = i
                scanToken()
                if i == start { advance() }  // a character no token starts with (NUL): libyaml stops there
                if deepest > limit { return line }
            }
        }

        /// The column a simple key starting here has (block context).
        mutating func tokenStart() {
            if flow == 0 && simpleKeyAllowed { keyColumn = column }
            simpleKeyAllowed = false
        }

        mutating func scanToken() {
            let c = b[i]
            if column == 0 && c == UInt8(ascii: "%") { return skipToLineEnd() }  // a directive
            if t.isDocumentMarker(i, column: column) {
                unroll(-1)
                for _ in 0..<3 { advance() }
                return
            }
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                tokenStart()
                flow += 1
                note()
                simpleKeyAllowed = true
                advance()
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
                simpleKeyAllowed = false
                advance()
            case UInt8(ascii: ","):
                simpleKeyAllowed = true
                advance()
            case UInt8(ascii: "-") where t.isBlankZ(i + 1):
                roll(column)
                note()
                simpleKeyAllowed = true
                keyColumn = nil
                advance()
            case UInt8(ascii: "?") where flow > 0 || t.isBlankZ(i + 1):
                roll(column)
                simpleKeyAllowed = true
                keyColumn = nil
                advance()
            case UInt8(ascii: ":") where flow > 0 || t.isBlankZ(i + 1):
                roll(keyColumn ?? column)
                keyColumn = nil
                simpleKeyAllowed = flow == 0
                advance()
            case UInt8(ascii: "*"), UInt8(ascii: "&"):
                tokenStart()
                advance()
                while let d = t.byte(i), Text.isAnchorCharacter(d) { advance() }
            case UInt8(ascii: "!"):
                tokenStart()
                advance()
                if t.byte(i) == UInt8(ascii: "<") {
                    while i < b.count && b[i] != UInt8(ascii: ">") && t.breakLength(i) == 0 { advance() }
                    if i < b.count && b[i] == UInt8(ascii: ">") { advance() }
                } else {
                    while !t.isBlankZ(i) && !(flow > 0 && b[i] == UInt8(ascii: ",")) { advance() }
                }
            case UInt8(ascii: "|") where flow == 0, UInt8(ascii: ">") where flow == 0:
                blockScalar()
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                tokenStart()
                quoted(c)
            default:
                tokenStart()
                plain()
            }
        }

        /// A block scalar: its header line, then every line that is empty or indented deeper than
        /// the enclosing block collection, at least one space (libyaml ends the scalar at a
        /// shallower line; one indented less than the content but deeper than the collection is a
        /// syntax error, so reading it as content refuses nothing valid).
        mutating func blockScalar() {
            skipToLineEnd()
            while i < b.count {
                advance()  // the line break
                var k = i, spaces = 0
                while t.byte(k) == 0x20 { k += 1; spaces += 1 }
                if k < b.count && t.breakLength(k) == 0 && spaces <= max(indent, 0) { return }
                if k >= b.count { return }
                skipToLineEnd()
            }
        }

        /// A single- or double-quoted scalar, over any number of lines.
        mutating func quoted(_ quote: UInt8) {
            advance()
            while i < b.count {
                let c = b[i]
                if c != quote && c != UInt8(ascii: "\\") && !Text.mayBreak(c) { step(); continue }
                if quote == UInt8(ascii: "'") && c == quote {
                    if t.byte(i + 1) == quote { advance(); advance(); continue }
                    advance()
                    return
                }
                if quote == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") {
                    advance()
                    if i < b.count { advance() }
                    continue
                }
                if quote == UInt8(ascii: "\"") && c == quote { advance(); return }
                advance()
            }
        }

        /// A plain scalar (libyaml's scan_plain_scalar): words up to `: `, a flow indicator in
        /// flow context, or ` #`; it continues on following lines indented deeper than the block
        /// collection (any line in flow context).
        mutating func plain() {
            while i < b.count {
                if t.isDocumentMarker(i, column: column) { return }
                if b[i] == UInt8(ascii: "#") { return }
                while i < b.count {
                    let c = b[i]
                    if c != 0x20 && c != 0x09 && c != UInt8(ascii: ":") && !Text.mayBreak(c) && !(flow > 0 && Text.isFlowIndicator(c)) {
                        step()
                        continue
                    }
                    if t.isBlankZ(i) { break }
                    if flow > 0 && c == UInt8(ascii: ":") && Text.isFlowIndicator(t.byte(i + 1)) { return }
                    if c == UInt8(ascii: ":") && t.isBlankZ(i + 1) { return }
                    if flow > 0 && Text.isFlowIndicator(c) { return }
                    advance()
                }
                guard i < b.count, t.isBlank(i) || t.breakLength(i) > 0 else { return }
                // Blanks and line breaks: the scalar ends at a line not indented deeper than the block
                // collection (block context); continued over lines, it cannot be a simple key.
                var crossedLine = false
                while i < b.count && (t.isBlank(i) || t.breakLength(i) > 0) {
                    if t.breakLength(i) > 0 { crossedLine = true }
                    advance()
                }
                if flow == 0 && column < indent + 1 { return }
                if crossedLine { simpleKeyAllowed = false; keyColumn = nil }
            }
        }
    }
}

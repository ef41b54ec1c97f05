import Foundation

/// The parsed header dict of a `.npy` file.
struct NPYHeader: Equatable {
    var dtype: NPYDType
    var shape: [Int]
}

extension NPY {
    /// Parses the Python dict literal of a `.npy` header, e.g.
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (80, 576), }`.
    /// Requires the keys descr, fortran_order and shape; other keys are ignored.
    static func parseHeader(_ text: String, file: String) throws -> NPYHeader {
        var parser = LiteralParser(text: text)
        let dict: [String: LiteralParser.Value]
        do {
            dict = try parser.parseDict()
        } catch let failure as LiteralParser.Failure {
            let shown = text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80)
            throw DataError(file: file, "header does not parse (\(failure.reason)): \(shown)")
        }
        guard case .string(let descr)? = dict["descr"] else {
            if dict["descr"] == nil { throw DataError(file: file, "header has no 'descr' key") }
            throw DataError(file: file, "unsupported structured dtype (descr is not a string)")
        }
        guard let dtype = NPYDType(rawValue: descr) else {
            let supported = NPYDType.allCases.map(\.rawValue).joined(separator: ", ")
            if descr.hasPrefix(">") {
                throw DataError(file: file, "big-endian dtype '\(descr)' is not supported (supported \(supported))")
            }
            throw DataError(file: file, "unsupported dtype '\(descr)' (supported \(supported))")
        }
        guard case .bool(let fortran)? = dict["fortran_order"] else {
            throw DataError(file: file, "header has no boolean 'fortran_order' key")
        }
        if fortran {
            throw DataError(file: file, "fortran_order True is not supported (save C-order arrays, e.g. np.ascontiguousarray)")
        }
        guard case .tuple(let shape)? = dict["shape"] else {
            throw DataError(file: file, "header has no tuple 'shape' key")
        }
        if let negative = shape.first(where: { $0 < 0 }) {
            throw DataError(file: file, "negative dimension \(negative) in shape")
        }
        return NPYHeader(dtype: dtype, shape: shape)
    }
}

/// A minimal parser for the Python literals found in `.npy` headers: a dict with string keys whose
/// values are strings, True/False, or tuples of non-negative integers (`(80, 576)`, `(3,)`, `()`).
struct LiteralParser {
    enum Value: Equatable {
        case string(String)
        case bool(Bool)
        case tuple([Int])
        case other
    }

    struct Failure: Error { var reason: String }

    let chars: [Character]
    var index = 0

    init(text: String) { chars = Array(text) }

    mutating func parseDict() throws -> [String: Value] {
        skipSpace()
        try expect("{")
        var dict: [String: Value] = [:]
        while true {
            skipSpace()
            if peek == "}" { index += 1; break }
            guard case .string(let key) = try parseValue() else { throw Failure(reason: "dict key is not a string") }
            skipSpace()
            try expect(":")
            dict[key] = try parseValue()
            skipSpace()
            if peek == "," { index += 1; continue }
            skipSpace()
            try expect("}")
            break
        }
        skipSpace()
        if index != chars.count { throw Failure(reason: "text after the closing brace") }
        return dict
    }

    mutating func parseValue() throws -> Value {
        skipSpace()
        guard let c = peek else { throw Failure(reason: "unexpected end") }
        switch c {
        case "'", "\"":
            index += 1
            var text = ""
            while let d = peek, d != c { text.append(d); index += 1 }
            try expect(c)
            return .string(text)
        case "(":
            index += 1
            var items: [Int] = []
            while true {
                skipSpace()
                if peek == ")" { index += 1; break }
                items.append(try parseInteger())
                skipSpace()
                if peek == "," { index += 1; continue }
                try expect(")")
                break
            }
            return .tuple(items)
        case "[":
            // Structured dtypes (lists of fields): skip to the matching bracket.
            var depth = 0
            repeat {
                guard let d = peek else { throw Failure(reason: "unclosed [") }
                if d == "[" { depth += 1 } else if d == "]" { depth -= 1 }
                index += 1
            } while depth > 0
            return .other
        default:
            var word = ""
            while let d = peek, d.isLetter || d.isNumber || d == "_" { word.append(d); index += 1 }
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "": throw Failure(reason: "unexpected '\(c)'")
            default: throw Failure(reason: "unexpected value '\(word)'")
            }
        }
    }

    mutating func parseInteger() throws -> Int {
        var digits = ""
        while let d = peek, d.isASCII, d.isNumber { digits.append(d); index += 1 }
        if peek == "L" { index += 1 }  // Python 2 long suffix
        guard let value = Int(digits) else { throw Failure(reason: "shape entry is not an integer") }
        return value
    }

    var peek: Character? { index < chars.count ? chars[index] : nil }

    mutating func skipSpace() {
        while let c = peek, c.isWhitespace { index += 1 }
    }

    mutating func expect(_ c: Character) throws {
        guard peek == c else { throw Failure(reason: "expected '\(c)'") }
        index += 1
    }
}

import Foundation

/// One line for a JSON decoding failure: the key path and what was wrong, e.g.
/// "at `weights.embedding[0].inputs`: expected Int, found a string" instead of the nested dump
/// of `DecodingError`'s own description.
public func describeDecodingError(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.hasPrefix(".") ? String(text.dropFirst()) : text
    }
    func at(_ context: DecodingError.Context, _ extra: [any CodingKey] = []) -> String {
        let keys = context.codingPath + extra
        return keys.isEmpty ? "" : "at `\(path(keys))`: "
    }
    switch decoding {
    case .typeMismatch(let type, let context):
        return at(context) + "expected \(type) (\(context.debugDescription))"
    case .valueNotFound(let type, let context):
        return at(context) + "missing \(type) value (\(context.debugDescription))"
    case .keyNotFound(let key, let context):
        return at(context, [key]) + "required key is missing"
    case .dataCorrupted(let context):
        return at(context) + context.debugDescription
    @unknown default:
        return "\(error)"
    }
}

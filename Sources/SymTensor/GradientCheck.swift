/// Central finite differences for checking reverse-mode gradients, in Float64.
public enum GradientCheck {
    /// Result of comparing an analytic gradient with central differences.
    public struct Report: CustomStringConvertible {
        /// max |analytic − numeric| / max(1, max |numeric|), over all checked entries.
        public var maxRelativeError: Double
        /// The largest absolute difference.
        public var maxAbsoluteError: Double
        /// Entries compared.
        public var checked: Int
        public var description: String {
            "checked \(checked) entries, max abs error \(maxAbsoluteError), max rel error \(maxRelativeError)"
        }
    }

    /// Compares `gradients(of: f(inputs).sum(), inputs)` with central differences
    /// (f(x + h e) − f(x − h e)) / 2h for every entry of every input (or `maxEntries` per input).
    /// `f` must rebuild its graph from the given inputs on every call.
    public static func check(_ f: ([Tensor]) -> Tensor, at inputs: [Tensor], step h: Double = 1e-6,
                             maxEntries: Int = .max) -> Report {
        let vars = inputs.map { Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
        let analytic = gradients(of: f(vars).sum(), withRespectTo: vars)
        return compare(analytic: analytic, at: inputs, step: h, maxEntries: maxEntries) { xs in
            f(xs).sum().scalar  // constants record nothing; f may itself take gradients
        }
    }

    /// Compares given analytic gradients of the scalar function `value` with central differences.
    public static func compare(analytic: [Tensor], at inputs: [Tensor], step h: Double = 1e-6,
                               maxEntries: Int = .max, value: ([Tensor]) -> Double) -> Report {
        var maxAbs = 0.0, scale = 0.0, checked = 0
        for (which, input) in inputs.enumerated() {
            let stride = max(1, input.count / max(1, min(maxEntries, input.count)))
            for entry in Swift.stride(from: 0, to: input.count, by: stride) {
                func shifted(_ delta: Double) -> Double {
                    let xs = inputs.map { Tensor(shape: $0.shape, scalars: $0.scalars) }
                    xs[which].scalars[entry] += delta
                    return value(xs)
                }
                let numeric = (shifted(h) - shifted(-h)) / (2 * h)
                maxAbs = max(maxAbs, abs(numeric - analytic[which].scalars[entry]))
                scale = max(scale, abs(numeric))
                checked += 1
            }
        }
        return Report(maxRelativeError: maxAbs / max(1, scale), maxAbsoluteError: maxAbs, checked: checked)
    }
}

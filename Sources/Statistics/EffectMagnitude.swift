/// Cohen's labels for an effect size w.
package enum EffectMagnitude: String, Sendable, Hashable {
    case negligible, small, medium, large

    /// Below 0.1 negligible, then small up to 0.3, medium up to 0.5, large from 0.5.
    package init(cohensW w: Double) {
        self = w >= 0.5 ? .large : w >= 0.3 ? .medium : w >= 0.1 ? .small : .negligible
    }
}

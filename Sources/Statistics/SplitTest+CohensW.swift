/// Cohen's w, the effect size of a sample-ratio mismatch: how far the split is off, whatever the traffic.
///
/// The chi-square p-value says whether a mismatch is real, but with a day of traffic it is tiny for any deviation,
/// so it cannot say how bad. w = √(χ² / N) = √(Σ (observed share − expected share)² / expected share) does not
/// grow with N. Cohen's conventions (Statistical Power Analysis, 1988, ch. 7): 0.1 small, 0.3 medium, 0.5 large.
/// A 10% canary observed at 12% has w ≈ 0.07; at 50% (argo-rollouts #3317) w ≈ 1.33.
extension SplitTest {
    /// √(χ² / N) over the targets of positive weight, the ones the chi-square test compares; 0 with no request to them.
    package var cohensW: Double {
        let tested = targets.filter { $0.weight > 0 }.reduce(0) { $0 + $1.requests }
        return tested == 0 ? 0 : (chiSquare / Double(tested)).squareRoot()
    }

    /// Cohen's name for the size of ``cohensW``.
    package var cohensWMagnitude: EffectMagnitude {
        EffectMagnitude(cohensW: cohensW)
    }
}

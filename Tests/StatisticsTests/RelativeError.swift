/// |actual − expected| / |expected|, or |actual| when `expected` is 0.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

import Testing
@testable import Statistics

@Suite("Chi-squared survival function")
struct ChiSquaredDistributionTests {
    /// `scipy.stats.chi2.sf(x, df)`, scipy 1.17.1, for each (df, x). Cross-checked against
    /// `mpmath.gammainc(df/2, x/2, inf, regularized=True)` at 50 digits: scipy agrees to 1e-13.
    /// Each df runs from the series region (x/2 < df/2 + 1) into the continued-fraction region,
    /// up to x = round(chi2.isf(1e-300, df)).
    static let scipyReference: [(df: Double, x: Double, survival: Double)] = [
        (1, 0.001, 0.9747728793699604),
        (1, 0.5, 0.47950012218695337),
        (1, 1, 0.31731050786291115),
        (1, 1.4, 0.23672357063785393),
        (1, 2.5, 0.11384629800665763),
        (1, 3.2, 0.07363827012030258),
        (1, 7, 0.008150971593502705),
        (1, 50, 1.537459794428033e-12),
        (1, 200, 2.0884875837625688e-45),
        (1, 600, 1.674167984691805e-132),
        (1, 1374, 9.382576632975123e-301),
        (2, 0.001, 0.9995001249791693),
        (2, 0.5, 0.7788007830714049),
        (2, 1.9, 0.38674102345450123),
        (2, 2, 0.36787944117144245),
        (2, 3.5, 0.1737739434504451),
        (2, 9, 0.011108996538242308),
        (2, 50, 1.3887943864964e-11),
        (2, 200, 3.7200759760208177e-44),
        (2, 600, 5.148200222411903e-131),
        (2, 1382, 7.98937865328314e-301),
        (3, 0.001, 0.9999915920809419),
        (3, 0.5, 0.9188914116546758),
        (3, 2.4, 0.49363462271172787),
        (3, 3, 0.3916251762710877),
        (3, 4.5, 0.2122902873601327),
        (3, 11, 0.0117258755784214),
        (3, 50, 7.989179244951495e-11),
        (3, 200, 4.218541107192018e-43),
        (3, 600, 1.0078435921645548e-129),
        (3, 1388, 1.1832510772456708e-300),
        (4, 0.001, 0.9999998750416589),
        (4, 0.5, 0.9735009788392561),
        (4, 2.9, 0.5746972058298043),
        (4, 4, 0.40600584970983794),
        (4, 5.5, 0.23972947952515333),
        (4, 13, 0.011275793947331792),
        (4, 50, 3.610865404890647e-10),
        (4, 200, 3.75727673578106e-42),
        (4, 600, 1.5496082669460377e-128),
        (4, 1395, 8.390064178926673e-301),
        (9, 0.5, 0.9999695662588389),
        (9, 5.4, 0.7981390623953614),
        (9, 9, 0.43727418891386693),
        (9, 10.5, 0.3115423405622115),
        (9, 23, 0.006196317389953051),
        (9, 50, 1.0772382022574693e-07),
        (9, 200, 3.312992393909567e-38),
        (9, 600, 2.0941845519358376e-123),
        (9, 1423, 8.290536992375588e-301),
        (30, 15.9, 0.9835734504537796),
        (30, 30, 0.4656537089440098),
        (30, 31.5, 0.39113496740655773),
        (30, 50, 0.01240206071890054),
        (30, 65, 0.00021934964709481223),
        (30, 200, 4.9527335290032224e-27),
        (30, 600, 2.9622798013317573e-107),
        (30, 1517, 9.433769478220214e-301),
        (100, 50, 0.9999930466947524),
        (100, 50.9, 0.9999890035094208),
        (100, 100, 0.48119168452795674),
        (100, 101.5, 0.4393392399506631),
        (100, 103, 0.39855329602655254),
        (100, 200, 1.1784500720979781e-08),
        (100, 205, 3.1742428872624626e-09),
        (100, 600, 2.41882858334655e-72),
        (100, 1757, 9.04552614245111e-301),
    ]

    @Test("matches scipy.stats.chi2.sf to 1e-9 relative error down to p = 1e-300", arguments: scipyReference)
    func matchesScipy(reference: (df: Double, x: Double, survival: Double)) {
        let survival = ChiSquaredDistribution.survival(x: reference.x, degreesOfFreedom: reference.df)
        #expect(relativeError(survival, reference.survival) < 1e-9)
    }

    @Test("is 1 to the last bit for tiny statistics with many degrees of freedom")
    func isOneNearZero() {
        // scipy.stats.chi2.sf(0.001, 9) == 1.0 and scipy.stats.chi2.sf(0.001, 100) == 1.0
        #expect(ChiSquaredDistribution.survival(x: 0.001, degreesOfFreedom: 9) == 1)
        #expect(ChiSquaredDistribution.survival(x: 0.001, degreesOfFreedom: 100) == 1)
    }

    @Test("accepts non-integer degrees of freedom")
    func nonIntegerDegreesOfFreedom() {
        let survival = ChiSquaredDistribution.survival(x: 3, degreesOfFreedom: 2.5)
        #expect(relativeError(survival, 0.30584962944581906) < 1e-9)  // scipy.stats.chi2.sf(3.0, 2.5)
    }

    @Test("is 1 for a statistic of 0 or below")
    func oneAtZero() {
        #expect(ChiSquaredDistribution.survival(x: 0, degreesOfFreedom: 1) == 1)
        #expect(ChiSquaredDistribution.survival(x: -1, degreesOfFreedom: 3) == 1)
    }

    @Test("is 0 once the tail is smaller than the smallest Double")
    func zeroBeyondDoubleRange() {
        #expect(ChiSquaredDistribution.survival(x: 1600, degreesOfFreedom: 1) == 0)  // scipy.stats.chi2.sf(1600, 1) == 0.0
        #expect(ChiSquaredDistribution.survival(x: .infinity, degreesOfFreedom: 1) == 0)
    }
}

import Testing
@testable import Statistics

@Suite("Pearson goodness of fit")
struct PearsonGoodnessOfFitTests {
    @Test("two categories, 8123/1877 against 80/20, match scipy")
    func twoCategories() {
        let fit = PearsonGoodnessOfFit(observed: [8123, 1877], expectedProportions: [80, 20])
        // scipy.stats.chisquare([8123, 1877], f_exp=[8000, 2000]) -> (9.455625, 0.0021050255367521357)
        #expect(fit.expectedCounts == [8000, 2000])
        #expect(relativeError(fit.statistic, 9.455625) < 1e-12)
        #expect(fit.degreesOfFreedom == 1)
        #expect(relativeError(fit.pValue, 0.0021050255367521357) < 1e-9)
    }

    @Test("a clear mismatch, 78/22 observed on 80/20 over 100k, has a vanishing p-value")
    func clearMismatch() {
        let fit = PearsonGoodnessOfFit(observed: [78_000, 22_000], expectedProportions: [80, 20])
        // scipy.stats.chisquare([78000, 22000], f_exp=[80000, 20000]) -> (250.0, 2.5968070393401957e-56)
        #expect(fit.statistic == 250)
        #expect(relativeError(fit.pValue, 2.5968070393401957e-56) < 1e-9)
    }

    @Test("three categories close to 50/30/20 match scipy")
    func threeCategories() {
        let fit = PearsonGoodnessOfFit(observed: [5021, 2987, 1992], expectedProportions: [50, 30, 20])
        // scipy.stats.chisquare([5021, 2987, 1992], f_exp=[5000, 3000, 2000]) -> (0.17653333333333335, 0.9155167063803588)
        #expect(fit.expectedCounts == [5000, 3000, 2000])
        #expect(relativeError(fit.statistic, 0.17653333333333335) < 1e-12)
        #expect(fit.degreesOfFreedom == 2)
        #expect(relativeError(fit.pValue, 0.9155167063803588) < 1e-9)
    }

    @Test("five categories close to 40/30/15/10/5 match scipy")
    func fiveCategories() {
        let fit = PearsonGoodnessOfFit(observed: [8050, 5960, 2985, 2010, 995], expectedProportions: [40, 30, 15, 10, 5])
        // scipy.stats.chisquare([8050, 5960, 2985, 2010, 995], f_exp=[8000, 6000, 3000, 2000, 1000])
        //   -> (0.7291666666666666, 0.9476839659102291)
        #expect(relativeError(fit.statistic, 0.7291666666666666) < 1e-12)
        #expect(fit.degreesOfFreedom == 4)
        #expect(relativeError(fit.pValue, 0.9476839659102291) < 1e-9)
    }

    @Test("expected proportions may be on any scale")
    func proportionsOnAnyScale() {
        let percent = PearsonGoodnessOfFit(observed: [8123, 1877], expectedProportions: [80, 20])
        let fraction = PearsonGoodnessOfFit(observed: [8123, 1877], expectedProportions: [0.8, 0.2])
        let ratio = PearsonGoodnessOfFit(observed: [8123, 1877], expectedProportions: [4, 1])
        #expect(relativeError(fraction.pValue, percent.pValue) < 1e-12)
        #expect(relativeError(ratio.pValue, percent.pValue) < 1e-12)
    }

    @Test("flags an expected count below 5")
    func smallExpectedCount() {
        let fit = PearsonGoodnessOfFit(observed: [396, 4], expectedProportions: [99, 1])
        #expect(fit.expectedCounts == [396, 4])
        #expect(!fit.everyExpectedCountIsAtLeastFive)
    }

    @Test("accepts expected counts of exactly 5")
    func expectedCountOfFive() {
        let fit = PearsonGoodnessOfFit(observed: [495, 5], expectedProportions: [99, 1])
        #expect(fit.everyExpectedCountIsAtLeastFive)
    }

    @Test("no observations give statistic 0 and p-value 1")
    func noObservations() {
        let fit = PearsonGoodnessOfFit(observed: [0, 0], expectedProportions: [50, 50])
        #expect(fit.statistic == 0)
        #expect(fit.pValue == 1)
        #expect(!fit.everyExpectedCountIsAtLeastFive)
    }

    @Test("a single category has 0 degrees of freedom and p-value 1")
    func singleCategory() {
        let fit = PearsonGoodnessOfFit(observed: [1000], expectedProportions: [100])
        #expect(fit.statistic == 0)
        #expect(fit.degreesOfFreedom == 0)
        #expect(fit.pValue == 1)
    }
}

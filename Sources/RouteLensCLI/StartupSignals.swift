#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// SIGTERM and SIGINT while a daemon starts — opening and migrating the database, reading route files — before its
/// service group handles them: without this, their default action kills the process mid-start with no exit status
/// a supervisor reads as a clean stop. Caught here instead, they make the daemon exit 0 once start-up is done,
/// before it begins to follow.
///
/// `@unchecked Sendable`: the dispatch sources are set up in `init` and only cancelled in `handOver()`, both on the
/// starting thread; their handlers touch only the atomic flag.
final class StartupSignals: @unchecked Sendable {
    private let received = Atomic(false)
    private let sources: [any DispatchSourceSignal]

    /// Starts catching SIGTERM and SIGINT.
    init() {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            // Ignored as a default action, so that only the dispatch source (and later the service group's) sees it.
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [weak self] in self?.received.store(true, ordering: .relaxed) }
            source.resume()
        }
    }

    /// Stops catching; the service group's handlers take over. Returns whether a signal arrived meanwhile.
    func handOver() -> Bool {
        for source in sources { source.cancel() }
        return received.load(ordering: .relaxed)
    }
}

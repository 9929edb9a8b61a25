import Platform
package import Hummingbird
import HummingbirdCore
import NIOCore
package import Logging
import ServiceLifecycle

/// `routelens serve` as a swift-service-lifecycle `Service`: add it to a `ServiceGroup` beside the follow
/// service and both stop together on SIGTERM (the server finishes the requests in flight, then returns).
///
/// ```swift
/// let endpoint = try HTTPEndpointService(configuration: configuration, logger: logger)
/// let group = ServiceGroup(services: [follow, endpoint], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// ```
package struct HTTPEndpointService: Service {
    package let configuration: EndpointConfiguration
    package let application: Application<RouterResponder<BasicRequestContext>>

    /// Checks `configuration` (a non-loopback address needs a token or `insecureNoAuth`) and builds the server.
    package init(configuration: EndpointConfiguration, logger: Logger, now: @escaping @Sendable () -> Int64 = { SystemWallClock().now }) throws(EndpointConfigurationError) {
        self.configuration = try configuration.validated()
        let routes = EndpointRoutes(configuration: self.configuration, now: now)
        var http1 = HTTP1Channel.Configuration()
        http1.idleTimeout = .milliseconds(Int64(configuration.limits.idleSeconds * 1000))
        application = Application(
            router: routes.router(),
            server: .http1(configuration: http1),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "routelens",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.limits.connections)
            ),
            logger: logger
        )
    }

    package func run() async throws {
        try await application.run()
    }
}

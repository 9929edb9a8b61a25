import Foundation
package import Logging
package import Platform
import ServiceLifecycle
package import Storage

/// Ships a node's committed requests and rollups from SQLite to ClickHouse, each line once: reads the rows past the
/// node's ``ShippedWatermark``, inserts them and the rollup rows they added to, and advances the watermark only after
/// ClickHouse acknowledged both.
///
/// It reads what ingest committed and never takes part in ingest's transaction, so ClickHouse being slow or down
/// never slows or stops SQLite ingest: rows wait in SQLite, bounded by its disk (retention keeps raw rows that were
/// not acknowledged yet, see ``retentionHold``), and go out when ClickHouse is back.
/// As a `Service` it polls; ``shipPending()`` alone is `clickhouse backfill`.
package struct ClickHouseShipper: Service {
    package let client: ClickHouseClient
    package let export: RequestExport
    package let rollups: RollupExport
    package let watermark: ShippedWatermark
    package var batchRows = 100_000
    package var pollInterval: Duration = .seconds(1)
    /// Back-off after a failed send: doubled from `firstRetry` up to `maxRetry`.
    package var firstRetry: Duration = .seconds(1)
    package var maxRetry: Duration = .seconds(60)
    package let logger: Logger
    /// Watermark transactions.
    private let worker = BlockingWorker(label: "routelens-clickhouse")
    /// Reads of the next batch, beside the watermark's writes (WAL lets them run at once).
    private let reader = BlockingWorker(label: "routelens-clickhouse-read")
    private let clock: any WallClock

    package init(client: ClickHouseClient, database: RequestDatabase, node: String, logger: Logger, clock: any WallClock = SystemWallClock()) {
        self.client = client
        export = RequestExport(database: database, node: node)
        rollups = RollupExport(database: database, node: node)
        watermark = ShippedWatermark(database: database, destination: client.endpoint.destination, node: node)
        self.logger = logger
        self.clock = clock
    }

    /// Sends every committed row past the watermark, a batch at a time, each batch followed by the rollup rows it
    /// touched, and returns how many raw rows it sent. A node's first pass sends every rollup row first, so that a
    /// database whose raw rows retention already deleted still ships its history.
    ///
    /// The next batch is read from SQLite (on a worker of its own) while ClickHouse takes the one before, so the
    /// two sides overlap; the watermark advances batch by batch, in order, after each acknowledgement.
    package func shipPending() async throws(ClickHouseShippingError) -> Int {
        var shipped = 0
        let watermark = watermark
        let export = export
        let limit = batchRows
        let reader = reader
        let progress: ShippedWatermark.Progress
        do { progress = try await worker.run { _ throws(StorageError) in try watermark.progress() } } catch { throw .storage(error) }
        var rollupsThrough = progress.rollupsShippedThrough ?? 0
        if progress.rollupsShippedThrough == nil {
            // Read before the pass: every rollup row it reads afterwards counts the requests through this id.
            let rollups = rollups
            do { rollupsThrough = try await reader.run { _ throws(StorageError) in try rollups.lastRequestID() } } catch { throw .storage(error) }
            try await shipRollups(.all)
            let now = clock.now
            let through = rollupsThrough
            do { try await worker.run { _ throws(StorageError) in try watermark.recordRollupsShipped(through: through, now: now) } } catch {
                throw .storage(error)
            }
        }
        var pending = Task { await Self.read(export, after: progress.lastShipped, limit: limit, on: reader) }
        var after = progress.lastShipped
        while true {
            let batch: RequestExport.Batch?
            do { batch = try await pending.value.get() } catch { throw .storage(error) }
            guard let batch else { return shipped }
            let next = batch.lastID
            pending = Task { await Self.read(export, after: next, limit: limit, on: reader) }
            do throws(ClickHouseShippingError) {
                // With a cluster, into requests_all: its sharding key sends every copy of a line to one shard,
                // whichever server the URL reaches, so FINAL there keeps one.
                do { try await client.insert(into: client.endpoint.requestsTable, columns: RequestExport.columns, rowBinary: batch.body) } catch {
                    throw .clickHouse(error)
                }
                // A backfill's batches up to the full pass's id went out with it; the rest carry their own.
                if batch.lastID > rollupsThrough { try await shipRollups(.touched(after: max(after, rollupsThrough), through: batch.lastID)) }
            } catch {
                pending.cancel()
                throw error
            }
            let now = clock.now
            do { try await worker.run { _ throws(StorageError) in try watermark.advance(to: batch.lastID, rows: batch.rows, now: now) } } catch {
                pending.cancel()
                throw .storage(error)
            }
            after = batch.lastID
            shipped += batch.rows
            if Task.isCancelled {
                pending.cancel()
                return shipped
            }
        }
    }

    /// Sends the rollup rows of `selection`, a page at a time.
    private func shipRollups(_ selection: RollupExport.Selection) async throws(ClickHouseShippingError) {
        let rollups = rollups
        var position: RollupExport.Position?
        while true {
            let page: RollupExport.Page?
            do {
                page = try await reader.run { [position] _ throws(StorageError) in try rollups.page(of: selection, after: position, limit: 50_000) }
            } catch {
                throw .storage(error)
            }
            guard let page else { return }
            do { try await client.insert(into: client.endpoint.rollupsTable, columns: RollupExport.columns, rowBinary: page.body) } catch {
                throw .clickHouse(error)
            }
            position = page.last
        }
    }

    private static func read(_ export: RequestExport, after: Int64, limit: Int, on reader: BlockingWorker) async -> Result<RequestExport.Batch?, StorageError> {
        do {
            return .success(try await reader.run { _ throws(StorageError) in try export.batch(after: after, limit: limit) })
        } catch {
            return .failure(error)
        }
    }

    /// Ships until the service group shuts down, polling every ``pollInterval``; a failure is logged and retried with
    /// exponential back-off, never thrown, so that the ingest services beside it go on.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            var retry = firstRetry
            while !Task.isCancelled {
                do throws(ClickHouseShippingError) {
                    let rows = try await shipPending()
                    if rows > 0 { logger.debug("shipped to ClickHouse", metadata: ["rows": "\(rows)", "destination": "\(client.endpoint.destination)"]) }
                    retry = firstRetry
                    try? await Task.sleep(for: pollInterval)
                } catch {
                    logger.error("shipping to ClickHouse failed; retrying in \(retry)", metadata: ["error": "\(error.description)"])
                    try? await Task.sleep(for: retry)
                    retry = min(retry * 2, maxRetry)
                }
            }
        }
    }
}

/// Why shipping stopped: ClickHouse's answer or the local database.
package enum ClickHouseShippingError: Error, Sendable, CustomStringConvertible {
    case clickHouse(ClickHouseError)
    case storage(StorageError)

    package var description: String {
        switch self {
        case .clickHouse(let error): error.description
        case .storage(let error): error.description
        }
    }
}

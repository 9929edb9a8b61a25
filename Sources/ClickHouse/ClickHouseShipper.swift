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
    /// Inserts sent before the oldest is waited for. One beside a live ingest (the follow daemon): ClickHouse parses
    /// an insert on one thread, and a second insert's thread took the cores ingest needed (ingest while shipping went
    /// from 1.40× to 2.0× ingest alone on two shared cores). ``backfillInsertsInFlight`` when shipping is the only
    /// work: two inserts parse on two threads while the next batch is read (a backfill went from 399–494k to
    /// 543–576k rows/s on the same machine, routelens-bench --clickhouse-server --clickhouse-inserts-in-flight).
    package var insertsInFlight = 1
    package static let backfillInsertsInFlight = 2
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
    /// The next batch is read from SQLite (on a worker of its own) while ClickHouse takes up to ``insertsInFlight``
    /// before it, so the two sides overlap; the watermark advances batch by batch, in order, after each
    /// acknowledgement, so a failure leaves it before the first batch not acknowledged (the ones after it are sent
    /// again, which their keys make harmless).
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
        // Batches sent and not yet acknowledged, oldest first: the watermark advances in this order only.
        var sending: [(batch: RequestExport.Batch, send: Task<Result<Void, ClickHouseShippingError>, Never>)] = []
        func stop() {
            pending.cancel()
            for (_, send) in sending { send.cancel() }
        }
        /// Waits for the oldest batch in flight and records it.
        func settleOldest() async throws(ClickHouseShippingError) {
            let (batch, send) = sending.removeFirst()
            // A send is a task of its own: shutting down cancels it here, which cancels its HTTP request.
            let result = await withTaskCancellationHandler { await send.value } onCancel: { send.cancel() }
            if case .failure(let error) = result { throw error }
            let now = clock.now
            do { try await worker.run { _ throws(StorageError) in try watermark.advance(to: batch.lastID, rows: batch.rows, now: now) } } catch {
                throw .storage(error)
            }
            shipped += batch.rows
        }
        do throws(ClickHouseShippingError) {
            while true {
                let batch: RequestExport.Batch?
                do { batch = try await pending.value.get() } catch { throw .storage(error) }
                guard let batch else { break }
                let next = batch.lastID
                pending = Task { await Self.read(export, after: next, limit: limit, on: reader) }
                let (from, through) = (after, rollupsThrough)
                sending.append((batch, Task { await send(batch, after: from, rollupsThrough: through) }))
                after = batch.lastID
                if sending.count >= max(insertsInFlight, 1) { try await settleOldest() }
                if Task.isCancelled { break }
            }
            // Stopping leaves the batches in flight unrecorded: they go again on the next pass.
            if Task.isCancelled {
                stop()
                return shipped
            }
            while !sending.isEmpty { try await settleOldest() }
        } catch {
            stop()
            throw error
        }
        pending.cancel()
        return shipped
    }

    /// Inserts `batch`, then the rollup rows its requests (ids past `after`) added to, unless the full pass of
    /// rollups (through `rollupsThrough`) already counted them.
    private func send(_ batch: RequestExport.Batch, after: Int64, rollupsThrough: Int64) async -> Result<Void, ClickHouseShippingError> {
        // With a cluster, into requests_all: its sharding key sends every copy of a line to one shard, whichever
        // server the URL reaches, so FINAL there keeps one.
        do { try await client.insert(into: client.endpoint.requestsTable, columns: RequestExport.columns, rowBinary: batch.body) } catch {
            return .failure(.clickHouse(error))
        }
        guard batch.lastID > rollupsThrough else { return .success(()) }
        do { try await shipRollups(.touched(after: max(after, rollupsThrough), through: batch.lastID)) } catch { return .failure(error) }
        return .success(())
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
                    // Shutting down cancels the request in flight: nothing failed.
                    if Task.isCancelled { break }
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

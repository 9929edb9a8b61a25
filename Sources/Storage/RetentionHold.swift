/// A reader that still needs raw rows retention would otherwise delete: a sink (ClickHouse) that has not
/// acknowledged them yet. Retention deletes a minute's raw rows only when every hold released all of them, so an
/// outage of the sink longer than `--retain-raw` costs local disk, not rows.
///
/// ```swift
/// var retention = RawRetention(database: database, keepingMilliseconds: 14 * 86_400_000)
/// retention.holds = [RetentionHold(name: "ClickHouse http://ch:8123/routelens") { database in
///     try ShippedWatermark(database: database, destination: destination, node: node).lastShipped()
/// }]
/// ```
package struct RetentionHold: Sendable {
    /// Who holds the rows, as a log line names it.
    package var name: String
    /// The greatest request id of the database the holder no longer needs; it only grows, so reading it before the
    /// delete's transaction can only keep more rows, never fewer. A function of the database because a front door
    /// states its holds before the application opens it.
    package var releasedThrough: @Sendable (RequestDatabase) throws(StorageError) -> Int64

    package init(name: String, releasedThrough: @escaping @Sendable (RequestDatabase) throws(StorageError) -> Int64) {
        self.name = name
        self.releasedThrough = releasedThrough
    }
}

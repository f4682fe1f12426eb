namespace Arc.Domain.Changes;

/// <summary>
/// Changes made on any portal node, delivered to subscribers on every node. Delivery is for live pages: quick, but
/// not a record. A subscriber that may have missed changes (the feed lost its connection) is called anyway, so it
/// reads again what it shows.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Announces a change made outside the database's own notifications (telemetry, for one). Never throws.</summary>
    void Publish(Change change);

    /// <summary>
    /// Calls <paramref name="changed"/> after each change to <paramref name="topic"/> and <paramref name="key"/>, and after
    /// the feed reconnects. Calls are not concurrent for one subscription. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(string topic, string key, Func<Task> changed);
}
